import type { BridgingView, CaseView } from '../../../app/queries/get-case-view.js';
import type { MemberId } from '../../../domain/types.js';
import {
  adaptiveCard,
  dutchDate,
  execute,
  facts,
  heading,
  LEVEL_LABELS,
  orgLabel,
  roleLabel,
  STAGE_LABELS,
  subtle,
  text,
  TRIGGER_LABELS,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';
import { ESCALATION_STATE_LABELS, HANDOVER_STATE_LABELS, MEASURE_LABELS } from './case-labels.js';

// The case card: reference, stage, team, open timers, handovers and escalations. Pure: everything comes in the model.
// The bot is not the dossier: no family details exist here, only the pseudonymous reference and work data.

export interface CaseCardModel {
  view: CaseView;
  /** Name of anyone the card mentions (also people who left the case, e.g. the sender of a handover). */
  nameOf: (id: MemberId) => string;
  /** A short line on top after a change ("Gebeurtenis vastgelegd: …"). */
  notice?: string;
}

const section = (title: string): CardElement => text(title, { weight: 'Bolder', spacing: 'Medium', separator: true });

/**
 * The lines of a section as one Markdown bullet list in one TextBlock, or the subtle `none` when there are none. One
 * block instead of one per line: the card is sent on every `casus <ref>`, and with a dozen timers the per-line JSON
 * was a quarter of its bytes.
 */
const lines = (texts: string[], none: string): CardElement =>
  texts.length === 0 ? subtle(none) : text(texts.map((t) => `- ${t}`).join('\n'), { spacing: 'Small' });

/** Who bridges while the case waits for a jeugdbeschermer (overbruggingszorg), and when that arrangement ends. */
function bridgingText(b: BridgingView | undefined): string {
  if (!b) return 'Overbrugging: nog niet afgesproken.';
  const who = `${b.name} (${b.orgName})`;
  return b.ended
    ? `Overbrugging door ${who} liep af op ${dutchDate(b.until)}. Spreek een nieuwe overbrugging af.`
    : `Overbrugging: ${who} tot ${dutchDate(b.until)}.`;
}

function teamLines(view: CaseView): string[] {
  return view.team.map(
    (m) =>
      `${m.name}: ${m.orgName} (${orgLabel(m.org)}), ${roleLabel(m.role)}${m.isCoordinator ? ' · casusregisseur' : ''}`,
  );
}

function timerLines(view: CaseView): string[] {
  const sorted = [...view.timers].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return sorted.map((t) => {
    const owner = t.ownerName ?? 'nog niemand';
    const extra = [t.acknowledged ? 'opgepakt' : '', t.postponeCount > 0 ? 'uitgesteld' : '']
      .filter(Boolean)
      .join(', ');
    const when = t.late ? `**verlopen**, liep af op ${dutchDate(t.dueDate)}` : `uiterlijk ${dutchDate(t.dueDate)}`;
    return `${t.label}: ${when}, eigenaar ${owner}${extra ? ` (${extra})` : ''}`;
  });
}

function handoverLines(model: CaseCardModel): string[] {
  return model.view.handovers.map((h) => {
    const done = h.items.filter((i) => i.tick).length;
    const r = h.record;
    return `${r.moment} ${h.momentLabel}: ${model.nameOf(r.fromMember)} → ${model.nameOf(r.toMember)}, ${done}/${h.items.length} afgevinkt, ${HANDOVER_STATE_LABELS[r.state]}`;
  });
}

function escalationLines(view: CaseView): string[] {
  return view.escalations.map(
    (e) => `${LEVEL_LABELS[e.level]}, ${TRIGGER_LABELS[e.trigger]}: ${ESCALATION_STATE_LABELS[e.state]}`,
  );
}

function actions(model: CaseCardModel): CardElement[] {
  const { record } = model.view;
  const caseRef = record.ref;
  const team = execute('Team', 'team.show', { caseRef });
  if (record.closedAt !== null) return [team];
  // Whoever sees the case may act on it (the card is built for them only); the forms open on demand.
  return [
    team,
    execute('Gebeurtenis vastleggen', 'case.eventForm', { caseRef }),
    execute('Fase wijzigen', 'case.stageForm', { caseRef }),
    execute('Casus sluiten', 'case.close', { caseRef }, 'destructive'),
    // One confirmation away, with the crisis routes at once.
    execute('Acuut onveilig', 'acute.report', { caseRef }, 'destructive'),
  ];
}

export function buildCaseCard(model: CaseCardModel): AdaptiveCard {
  const { view } = model;
  const r = view.record;
  const coordinator = r.coordinatorId ? model.nameOf(r.coordinatorId) : 'nog niet aangewezen';
  const measure = r.measure
    ? `${MEASURE_LABELS[r.measure]}${r.measureEnd ? ` tot ${dutchDate(r.measureEnd)}` : ''}`
    : undefined;
  const body: CardElement[] = [
    ...(model.notice ? [text(model.notice, { color: 'Good', weight: 'Bolder' })] : []),
    heading(`Casus ${r.ref}`),
    facts([
      ['Gemeente', r.municipality],
      ['Fase', STAGE_LABELS[r.stage]],
      ['Casusregisseur', coordinator],
      ...(measure ? ([['Maatregel', measure]] as Array<[string, string]>) : []),
    ]),
    ...(view.waitingForJeugdbeschermer
      ? [
          text(
            `Wacht op jeugdbeschermer sinds ${dutchDate(view.waitingForJeugdbeschermer.since)} (${view.waitingForJeugdbeschermer.workingDays} werkdagen). Het Lokaal Team blijft zolang verantwoordelijk.`,
            { color: 'Attention', weight: 'Bolder' },
          ),
          text(bridgingText(view.waitingForJeugdbeschermer.bridging), { spacing: 'Small' }),
        ]
      : []),
    section('Casusteam'),
    lines(teamLines(view), 'Niemand meer in het casusteam.'),
    section('Lopende termijnen'),
    lines(timerLines(view), 'Geen lopende termijnen.'),
    section('Overdrachten'),
    lines(handoverLines(model), 'Geen overdrachten.'),
    section('Escalaties'),
    lines(escalationLines(view), 'Geen escalaties.'),
    subtle('Deze kaart toont alleen werkgegevens bij een casusnummer, geen gegevens van het gezin.'),
  ];
  return adaptiveCard(body, actions(model));
}
