import {
  adaptiveCard,
  dutchDate,
  execute,
  heading,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';

// Monday's line to a pilot coordinator: the cases of their municipalities that stall — terms late by more than ten
// working days, escalations at L2 or higher, children waiting for a jeugdbeschermer. References only.

export interface WeeklyCaseLine {
  caseRef: string;
  municipality: string;
  concerns: string[];
}

/** Cases per card: readable and well under what Teams accepts in one message. */
export const MAX_WEEKLY_CASES = 25;

/** `total`: how many cases ask for attention, when `cases` holds only the first of them (default: all are given). */
export function weeklyCard(v: { monday: string; cases: WeeklyCaseLine[]; total?: number }): AdaptiveCard {
  const shown = v.cases.slice(0, MAX_WEEKLY_CASES);
  const total = v.total ?? v.cases.length;
  const blocks: CardElement[] = shown.map((c) => ({
    type: 'Container',
    separator: true,
    items: [
      text(`Casus ${c.caseRef} (${c.municipality})`, { weight: 'Bolder' }),
      text(c.concerns.map((x) => `- ${x}`).join('\n'), { spacing: 'Small' }),
      { type: 'ActionSet', actions: [execute('Casus bekijken', 'case.show', { caseRef: c.caseRef })] },
    ],
  }));
  return adaptiveCard([
    heading(`Weekoverzicht vanaf ${dutchDate(v.monday)}`),
    text(
      total === 1
        ? 'Eén casus in jouw gemeenten vraagt aandacht:'
        : `${total} casussen in jouw gemeenten vragen aandacht:`,
    ),
    ...blocks,
    ...(total > shown.length
      ? [subtle(`En nog ${total - shown.length}; typ 'overzicht' voor alles per gemeente.`)]
      : []),
    subtle('Een bericht van de teammodel-bot (geautomatiseerd), elke maandag als er iets te melden is.'),
  ]);
}
