import {
  adaptiveCard,
  execute,
  heading,
  input,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';

// `overdracht <ref>`: choose the handover moment (H1–H9), sender and receiver among the case team; open handovers of
// the case can be reopened from here.

export interface HandoverStartView {
  caseRef: string;
  moments: Array<[string, string]>;
  members: Array<[string, string]>;
  defaultFrom: string | undefined;
  open: Array<{ handoverId: number; label: string }>;
}

export function handoverStartCard(v: HandoverStartView): AdaptiveCard {
  const body: CardElement[] = [
    heading(`Warme overdracht starten · casus ${v.caseRef}`),
    text(
      'Kies het overdrachtsmoment en wie overdraagt aan wie. De ontvanger krijgt de checklist; accepteren kan pas als alle verplichte punten zijn afgevinkt.',
    ),
    input.choice('moment', 'Overdrachtsmoment', v.moments),
    input.choice('from', 'Van (verzender)', v.members, v.defaultFrom ? { value: v.defaultFrom } : {}),
    input.choice('to', 'Naar (ontvanger)', v.members),
    ...(v.open.length > 0
      ? [text('Lopende overdrachten:', { weight: 'Bolder' }), ...v.open.map((o) => subtle(o.label))]
      : []),
  ];
  return adaptiveCard(body, [
    execute('Overdracht starten', 'handover.start', { caseRef: v.caseRef }, 'positive'),
    ...v.open.slice(0, 4).map((o) =>
      execute(`Checklist ${o.label.split(':')[0]}`, 'handover.view', {
        caseRef: v.caseRef,
        handoverId: o.handoverId,
      }),
    ),
  ]);
}
