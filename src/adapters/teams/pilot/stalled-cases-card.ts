import type { MunicipalityOverview, Overview } from '../../../app/queries/get-overview.js';
import {
  adaptiveCard,
  execute,
  heading,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';
import { municipalityFacts, OVERVIEW_VERB, scopeText } from './overview-card.js';

// The drill-down of "overzicht": one municipality's counts and its stalled cases (an open timer past its due date),
// by reference, with the overdue timers and a button to open each case.

/** Rows per card: readable and well under Teams' card size limit. */
export const MAX_STALLED_ROWS = 40;

export interface StalledCasesView {
  municipality: string;
  scope: Overview['scope'];
  /** Undefined when the municipality has no open cases in the person's scope. */
  overview: MunicipalityOverview | undefined;
  timerLabel: (timer: string) => string;
}

function row(caseRef: string, timers: string): CardElement {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [text(`${caseRef}: ${timers}`)] },
      {
        type: 'Column',
        width: 'auto',
        items: [{ type: 'ActionSet', actions: [execute('Bekijken', 'case.show', { caseRef })] }],
      },
    ],
  };
}

export function stalledCasesCard(v: StalledCasesView): AdaptiveCard {
  const m = v.overview;
  const stalled = m?.stalled ?? [];
  const shown = stalled.slice(0, MAX_STALLED_ROWS);
  const body: CardElement[] = [heading(`Vastgelopen casussen in ${v.municipality}`), subtle(scopeText(v.scope))];
  if (!m) body.push(text(`Er zijn geen lopende casussen in ${v.municipality} in jouw overzicht.`));
  else {
    body.push(
      text(`${m.cases} ${m.cases === 1 ? 'lopende casus' : 'lopende casussen'}`, { weight: 'Bolder' }),
      municipalityFacts(m),
    );
    body.push(text('Casussen met een verlopen termijn', { weight: 'Bolder', spacing: 'Medium' }));
    if (shown.length === 0) body.push(subtle('Geen: alle termijnen lopen nog.'));
    body.push(...shown.map((s) => row(s.caseRef, s.timers.map(v.timerLabel).join('; '))));
    if (stalled.length > shown.length)
      body.push(
        subtle(`En nog ${stalled.length - shown.length} casussen; vraag er een op met 'casus' en het casusnummer.`),
      );
  }
  return adaptiveCard(body, [execute('Terug naar het overzicht', OVERVIEW_VERB, {})]);
}
