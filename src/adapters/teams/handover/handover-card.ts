import type { HandoverMoment } from '../../../domain/types.js';
import {
  adaptiveCard,
  dutchDate,
  execute,
  facts,
  heading,
  input,
  showCard,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';
import { actionSet, BASIS_CHOICES, container, notice } from '../cards/workflow-labels.js';

// The warm-handover checklist (docs/behaviour.md, Handovers): every item with who ticked it and when, progress on the required
// items, sender and receiver. Everyone sees the same state; the buttons are only those the viewer may press.

export interface ChecklistItemView {
  id: string;
  label: string;
  required: boolean;
  ownerText: string;
  /** "Roos de Graaf (fictief), di 2 jun 2026 10:15" when ticked. */
  ticked: string | null;
  mayTick: boolean;
}

export interface HandoverCardView {
  caseRef: string;
  handoverId: number;
  moment: HandoverMoment;
  momentLabel: string;
  fromName: string;
  toName: string;
  state: 'open' | 'accepted' | 'cancelled';
  dueDate: string | null;
  basisLabel: string | null;
  items: ChecklistItemView[];
  requiredDone: number;
  requiredTotal: number;
  missing: string[];
  mayAccept: boolean;
  notice?: string;
}

function tickButton(v: HandoverCardView, item: ChecklistItemView): CardElement {
  const data = { caseRef: v.caseRef, handoverId: v.handoverId, item: item.id };
  if (item.id === 'C3') {
    return showCard(
      'Afvinken',
      [input.choice('basis', 'Op welke grondslag worden gegevens gedeeld?', BASIS_CHOICES)],
      execute('Grondslag vastleggen', 'handover.check', data, 'positive'),
    );
  }
  return execute('Afvinken', 'handover.check', data);
}

function itemRow(v: HandoverCardView, item: ChecklistItemView): CardElement {
  const mark = item.ticked ? '✅' : '⬜';
  const lines: CardElement[] = [
    text(`${mark} **${item.id}** ${item.label}${item.required ? ' (verplicht)' : ''}`, { spacing: 'None' }),
    subtle(item.ticked ? `Afgevinkt door ${item.ticked}` : `Vinkt af: ${item.ownerText}`),
  ];
  const canTick = v.state === 'open' && !item.ticked && item.mayTick;
  return container([...lines, ...(canTick ? [actionSet([tickButton(v, item)], { spacing: 'Small' })] : [])], {
    separator: true,
    spacing: 'Small',
  });
}

function summary(v: HandoverCardView): CardElement[] {
  if (v.state === 'accepted') return [notice('Overdracht geaccepteerd door de ontvanger.')];
  if (v.state === 'cancelled') return [subtle('Deze overdracht is geannuleerd.')];
  if (v.missing.length === 0)
    return [
      text(`Alle verplichte punten zijn afgevinkt. ${v.toName} kan de overdracht nu accepteren.`, { weight: 'Bolder' }),
    ];
  return [text(`Nog open (verplicht): ${v.missing.join(', ')}. Accepteren kan pas als die zijn afgevinkt.`)];
}

export function handoverCard(v: HandoverCardView): AdaptiveCard {
  const body: CardElement[] = [
    ...(v.notice ? [notice(v.notice)] : []),
    heading(`Warme overdracht ${v.moment}: ${v.momentLabel}`),
    facts([
      ['Casus', v.caseRef],
      ['Van', v.fromName],
      ['Naar', v.toName],
      ['Voortgang', `${v.requiredDone}/${v.requiredTotal} verplichte punten`],
      ...(v.dueDate && v.state === 'open'
        ? ([['Afronden vóór', dutchDate(v.dueDate)]] as Array<[string, string]>)
        : []),
      ...(v.basisLabel ? ([['Grondslag', v.basisLabel]] as Array<[string, string]>) : []),
    ]),
    ...v.items.map((item) => itemRow(v, item)),
    ...summary(v),
    subtle('Vink alleen af wat echt gebeurd is. Geen namen of andere gegevens van het gezin in deze chat.'),
  ];
  const actions = [
    execute('Vernieuwen', 'handover.view', { caseRef: v.caseRef, handoverId: v.handoverId }),
    ...(v.state === 'open' && v.mayAccept
      ? [execute('Accepteren', 'handover.accept', { caseRef: v.caseRef, handoverId: v.handoverId }, 'positive')]
      : []),
  ];
  return adaptiveCard(body, actions);
}
