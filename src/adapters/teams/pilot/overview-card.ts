import type { MunicipalityOverview, Overview } from '../../../app/queries/get-overview.js';
import type { CaseStage, EscalationLevel } from '../../../domain/types.js';
import {
  adaptiveCard,
  execute,
  facts,
  heading,
  LEVEL_LABELS,
  STAGE_LABELS,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';

// "overzicht": one card per scope (the whole pilot, or the cases with a colleague of the person's own organisation),
// a block per municipality with a drill-down button. Counts and references only, no content.

export const OVERVIEW_VERB = 'pilot.overview';
export const MUNICIPALITY_VERB = 'pilot.overview.municipality';

export function scopeText(scope: Overview['scope']): string {
  return scope === 'pilot'
    ? 'Alle lopende casussen van de pilot.'
    : `Lopende casussen met een collega van ${scope.orgName}.`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function stageFacts(m: MunicipalityOverview): Array<[string, string]> {
  return (Object.keys(STAGE_LABELS) as CaseStage[])
    .filter((s) => (m.perStage[s] ?? 0) > 0)
    .map((s) => [STAGE_LABELS[s], String(m.perStage[s])]);
}

export function escalationText(perLevel: Record<string, number>): string {
  const open = Object.entries(perLevel).filter(([, n]) => n > 0);
  if (open.length === 0) return 'geen';
  return open
    .map(([level, n]) => `${level in LEVEL_LABELS ? LEVEL_LABELS[level as EscalationLevel] : level}: ${n}`)
    .join(' · ');
}

/** The counts of one municipality: per stage, stalled, escalations per level, open handovers. */
export function municipalityFacts(m: MunicipalityOverview): CardElement {
  return facts([
    ...stageFacts(m),
    ['Vastgelopen (termijn verlopen)', String(m.stalled.length)],
    ['Open escalaties', escalationText(m.escalationsPerLevel)],
    ['Open warme overdrachten', String(m.openHandovers)],
  ]);
}

function block(m: MunicipalityOverview): CardElement {
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      text(`${m.municipality}: ${plural(m.cases, 'casus', 'casussen')}`, { weight: 'Bolder' }),
      municipalityFacts(m),
      {
        type: 'ActionSet',
        actions: [execute(`Details ${m.municipality}`, MUNICIPALITY_VERB, { municipality: m.municipality })],
      },
    ],
  };
}

export function overviewCard(overview: Overview): AdaptiveCard {
  const total = overview.municipalities.reduce((n, m) => n + m.cases, 0);
  return adaptiveCard([
    heading('Overzicht per gemeente'),
    subtle(`${scopeText(overview.scope)} ${plural(total, 'casus', 'casussen')} in totaal.`),
    ...(overview.municipalities.length > 0
      ? overview.municipalities.map(block)
      : [text('Er zijn geen lopende casussen in jouw overzicht.')]),
    subtle('Alleen casusnummers en aantallen; de inhoud staat in de systemen van de organisaties.'),
  ]);
}
