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

// The daily digest for members who opted in: the open items grouped per case (references only), each case with a
// button that opens its case card.

export interface DigestLine {
  caseRef: string;
  line: string;
}

/** Cases per card: readable and well under Teams' card size limit (28 KB). */
export const MAX_DIGEST_CASES = 30;

function caseBlock(caseRef: string, lines: string[]): CardElement {
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      {
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            verticalContentAlignment: 'Center',
            items: [text(`Casus ${caseRef}`, { weight: 'Bolder' })],
          },
          {
            type: 'Column',
            width: 'auto',
            items: [{ type: 'ActionSet', actions: [execute('Casus bekijken', 'case.show', { caseRef })] }],
          },
        ],
      },
      ...lines.map((l) => text(`• ${l}`, { spacing: 'Small' })),
    ],
  };
}

/** `preview`: shown on request (`digest`), not sent by the daily run; it says so instead of the opt-out line. */
export function digestCard(v: { day: string; lines: DigestLine[]; preview?: boolean }): AdaptiveCard {
  const perCase = new Map<string, string[]>();
  for (const l of v.lines) perCase.set(l.caseRef, [...(perCase.get(l.caseRef) ?? []), l.line]);
  const cases = [...perCase.entries()];
  const shown = cases.slice(0, MAX_DIGEST_CASES);
  const count = v.lines.length;
  return adaptiveCard([
    heading(`Jouw open punten, ${dutchDate(v.day)}`),
    subtle(
      `${count} ${count === 1 ? 'punt' : 'punten'} in ${cases.length} ${cases.length === 1 ? 'casus' : 'casussen'}. Verlopen termijnen en escalaties krijg je apart, zodra ze er zijn.`,
    ),
    ...shown.map(([ref, lines]) => caseBlock(ref, lines)),
    ...(cases.length > shown.length
      ? [subtle(`En nog ${cases.length - shown.length} casussen; typ 'mijn casussen' voor het hele lijstje.`)]
      : []),
    subtle(
      v.preview
        ? 'Zo ziet je dagoverzicht er op dit moment uit; er is niets verstuurd.'
        : "Een bericht van de teammodel-bot (geautomatiseerd). Typ 'digest uit' om weer losse herinneringen te krijgen.",
    ),
  ]);
}
