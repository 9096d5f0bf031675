import type { MunicipalityKpis } from '../../../app/queries/compute-kpis.js';
import { kpiValue, type KpiRow } from '../../../domain/kpis.js';
import { ESCALATION_TRIGGERS } from '../../../domain/types.js';
import {
  adaptiveCard,
  dutchDateLong,
  facts,
  heading,
  subtle,
  text,
  TRIGGER_LABELS,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';
import { KPI_VERB, LEARNING_VERB, periodForm, periodLink } from './learning-card.js';

// `kpi <gemeente> <van> <tot>`: the GVJB and process KPIs of one municipality's cases in the bot, and its requests to
// the Jeugdbeschermingstafel beside those of the rest of the region. Aggregates only, never a case.

const JBT_PREFIX = 'Verzoeken tot bespreking aan de JBT: ';

/** The label under its block's heading: shorter where the heading already says it. */
function labelOf(r: KpiRow): string {
  const trigger = ESCALATION_TRIGGERS.find((t) => r.id === `proc_escalaties_${t.toLowerCase()}`);
  if (trigger) return `Escalaties: ${TRIGGER_LABELS[trigger]}`;
  if (r.id.startsWith('jbt_') && r.label.startsWith(JBT_PREFIX)) {
    const rest = r.label.slice(JBT_PREFIX.length);
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return r.label;
}

const block = (title: string, rows: KpiRow[]): CardElement[] =>
  rows.length === 0
    ? []
    : [
        text(title, { weight: 'Bolder', spacing: 'Medium' }),
        facts(rows.map((r) => [labelOf(r), `${kpiValue(r)} (n = ${r.n})`])),
      ];

export function kpiCard(v: MunicipalityKpis): AdaptiveCard {
  const of = (prefix: string) => v.rows.filter((r) => r.id.startsWith(prefix));
  const body: CardElement[] = [
    heading(`KPI's ${v.municipality}`),
    text(`${dutchDateLong(v.from)} t/m ${dutchDateLong(v.to)}`),
    subtle('Alleen casussen in de bot: een procesbeeld, geen telling van de regio. Aantallen, geen casussen.'),
    ...block('GVJB-indicatoren', of('gvjb')),
    ...block('Proces', of('proc_')),
    ...block('Verzoeken aan de Jeugdbeschermingstafel', of('jbt_')),
    subtle(
      'Prestatieafspraak van de GI: in de toekomsttuingemeente elk jaar 5 % minder verzoeken aan de Jeugdbeschermingstafel dan in de andere gemeenten van de regio. Vergeleken wordt met dezelfde periode een jaar eerder.',
    ),
  ];
  return adaptiveCard(body, [
    periodForm(KPI_VERB, v.municipality),
    periodLink('Leeragenda van deze periode', LEARNING_VERB, v),
  ]);
}
