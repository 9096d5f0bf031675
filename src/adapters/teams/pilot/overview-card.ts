import type { MunicipalityOverview, Overview, WaitingCount } from '../../../app/queries/get-overview.js';
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

const NO_GI = 'Nog geen GI bekend';

/** "2 casussen, de langste 7 werkdagen". */
const waits = (w: WaitingCount) =>
  `${plural(w.cases, 'casus', 'casussen')}, de langste ${plural(w.longestWorkingDays, 'werkdag', 'werkdagen')}`;

/**
 * "Wacht op een jeugdbeschermer: 2 casussen, de langste 7 werkdagen." (per GI when more than one is involved), or
 * undefined when none waits. Numbers only, never a case.
 */
export function waitingText(m: MunicipalityOverview): string | undefined {
  const w = m.waiting;
  if (w.cases === 0) return undefined;
  const total = `Wacht op een jeugdbeschermer: ${waits(w)}`;
  if (w.perGi.length <= 1) return `${total}${w.perGi[0] ? ` (${w.perGi[0].gi ?? NO_GI})` : ''}.`;
  return [`${total}:`, ...w.perGi.map((g) => `- ${g.gi ?? NO_GI}: ${waits(g)}`)].join('\n');
}

/** The per-GI list of the overview: how many wait, the longest wait, and how many in each municipality. */
function waitingPerGiBlock(overview: Overview): CardElement {
  const lines = overview.waitingPerGi.map((g) => {
    const where = g.perMunicipality.map((p) => `${p.municipality} ${p.cases}`).join(', ');
    return `- ${g.gi ?? NO_GI}: ${waits(g)} (${where})`;
  });
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      text('Wachten op een jeugdbeschermer, per GI', { weight: 'Bolder' }),
      lines.length > 0
        ? text(lines.join('\n'), { spacing: 'Small' })
        : subtle('Geen casussen wachten op een jeugdbeschermer.'),
      subtle('Van de uitspraak van de maatregel tot de toewijzing; de wachttijd in werkdagen.'),
    ],
  };
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

function waitingLine(m: MunicipalityOverview): CardElement[] {
  const line = waitingText(m);
  return line ? [text(line, { spacing: 'Small' })] : [];
}

function block(m: MunicipalityOverview): CardElement {
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      text(`${m.municipality}: ${plural(m.cases, 'casus', 'casussen')}`, { weight: 'Bolder' }),
      municipalityFacts(m),
      ...waitingLine(m),
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
    ...(overview.municipalities.length > 0 ? [waitingPerGiBlock(overview)] : []),
    subtle('Alleen casusnummers en aantallen; de inhoud staat in de systemen van de organisaties.'),
  ]);
}
