import { LEVEL_LABELS } from './level-labels.js';
import type { LocalDate } from './local-date.js';
import { TRIGGER_LABELS } from './trigger-labels.js';
import { ESCALATION_LEVELS, ESCALATION_TRIGGERS } from './types.js';

// The monitoring KPIs (the seven of the GVJB dataset and the bot's process KPIs), computed from recorded events only. Aggregates: counts, medians, percentages —
// never a case reference (bot numbers cover bot cases only: a process view, not a census).

export interface KpiEvent {
  caseId: number;
  event: string;
  date: LocalDate;
  fields: Record<string, unknown>;
}

export interface KpiTimer {
  timer: string;
  startDate: LocalDate;
  dueDate: LocalDate;
  originalDueDate: LocalDate;
  completedDate: LocalDate | null;
  state: string;
}

export interface KpiHandover {
  openedDate: LocalDate;
  acceptedDate: LocalDate | null;
  withinNorm: boolean;
}

export interface KpiEscalation {
  raisedDate: LocalDate;
  level: string;
  trigger: string;
  state: string;
  closedDate: LocalDate | null;
  workingDaysToDecision: number | null;
}

export interface KpiInput {
  from: LocalDate;
  to: LocalDate;
  events: KpiEvent[];
  timers: KpiTimer[];
  handovers: KpiHandover[];
  escalations: KpiEscalation[];
  daysBetween: (a: LocalDate, b: LocalDate) => number;
}

export interface KpiRow {
  id: string;
  label: string;
  value: number | null;
  unit: string;
  n: number;
}

/** The median, or null for no values (shared by the KPIs and the learning agenda). */
export const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const pct = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((1000 * part) / whole) / 10;

export function computeKpis(input: KpiInput): KpiRow[] {
  const inPeriod = (d: LocalDate) => d >= input.from && d <= input.to;
  const byCase = new Map<number, KpiEvent[]>();
  for (const e of [...input.events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  }
  const periodEvents = (name: string) => input.events.filter((e) => e.event === name && inPeriod(e.date));

  // Measures per case: start (pronounced) → end (ended or case closed).
  const measures: Array<{ start: LocalDate; end: LocalDate | null; events: KpiEvent[] }> = [];
  for (const events of byCase.values()) {
    let start: LocalDate | null = null;
    for (const e of events) {
      if (e.event === 'measure_pronounced' && start === null) start = e.date;
      if ((e.event === 'measure_ended' || e.event === 'case_closed') && start !== null) {
        measures.push({ start, end: e.date, events });
        start = null;
      }
    }
    if (start !== null) measures.push({ start, end: null, events });
  }
  const overlaps = (m: (typeof measures)[number]) => m.start <= input.to && (m.end === null || m.end >= input.from);
  const during = (m: (typeof measures)[number], name: string) =>
    m.events.some((e) => e.event === name && e.date >= m.start && (m.end === null || e.date <= m.end));

  const durations = measures
    .filter((m) => m.end !== null && inPeriod(m.end))
    .map((m) => input.daysBetween(m.start, m.end!));
  const active = measures.filter(overlaps);
  const waits: number[] = [];
  for (const events of byCase.values()) {
    const needed = events.find((e) => e.event === 'jeugdhulp_needed');
    const started = needed && events.find((e) => e.event === 'jeugdhulp_started' && e.date >= needed.date);
    if (needed && started && inPeriod(started.date)) waits.push(input.daysBetween(needed.date, started.date));
  }
  const afschalen: number[] = [];
  for (const m of measures.filter((x) => x.end !== null && inPeriod(x.end))) {
    const hulpEnd = m.events.find((e) => e.event === 'jeugdhulp_ended' && e.date >= m.end!);
    if (hulpEnd) afschalen.push(input.daysBetween(m.end!, hulpEnd.date));
  }

  const t6 = input.timers.filter((t) => t.timer === 'T6' && t.completedDate !== null && inPeriod(t.completedDate));
  const handovers = input.handovers.filter((h) => inPeriod(h.openedDate));
  const escalations = input.escalations.filter((e) => inPeriod(e.raisedDate));
  const decided = escalations.filter((e) => e.workingDaysToDecision !== null).map((e) => e.workingDaysToDecision!);

  const rows: KpiRow[] = [
    {
      id: 'gvjb1_maatregelen',
      label: 'Aantal maatregelen (bot-casussen met maatregel in de periode; deelbeeld)',
      value: active.length,
      unit: 'aantal',
      n: active.length,
    },
    {
      id: 'gvjb2_instroom',
      label: 'Instroom maatregelen (uitgesproken)',
      value: periodEvents('measure_pronounced').length,
      unit: 'aantal',
      n: periodEvents('measure_pronounced').length,
    },
    {
      id: 'gvjb2_doorstroom',
      label: 'Doorstroom maatregelen (verlengd)',
      value: periodEvents('measure_extended').length,
      unit: 'aantal',
      n: periodEvents('measure_extended').length,
    },
    {
      id: 'gvjb2_uitstroom',
      label: 'Uitstroom maatregelen (beëindigd)',
      value: periodEvents('measure_ended').length,
      unit: 'aantal',
      n: periodEvents('measure_ended').length,
    },
    {
      id: 'gvjb3_doorlooptijd',
      label: 'Doorlooptijd maatregel (mediaan, dagen)',
      value: median(durations),
      unit: 'dagen',
      n: durations.length,
    },
    {
      id: 'gvjb4_samenloop_jeugdhulp',
      label: 'Samenloop maatregel met jeugdhulp',
      value: pct(active.filter((m) => during(m, 'jeugdhulp_started')).length, active.length),
      unit: '%',
      n: active.length,
    },
    {
      id: 'gvjb5_samenloop_crisis',
      label: 'Samenloop maatregel met crisis',
      value: pct(active.filter((m) => during(m, 'crisis_event')).length, active.length),
      unit: '%',
      n: active.length,
    },
    {
      id: 'gvjb6_wachttijd_jeugdhulp',
      label: 'Wachttijd tot start jeugdhulp (mediaan, dagen)',
      value: median(waits),
      unit: 'dagen',
      n: waits.length,
    },
    {
      id: 'gvjb7_afschalen',
      label: 'Einde maatregel tot einde samenlopende jeugdhulp (mediaan, dagen)',
      value: median(afschalen),
      unit: 'dagen',
      n: afschalen.length,
    },
    {
      id: 'proc_t6_binnen_norm',
      label: 'Jeugdbeschermer binnen norm toegewezen (T6)',
      value: pct(t6.filter((t) => t.completedDate! <= t.originalDueDate).length, t6.length),
      unit: '%',
      n: t6.length,
    },
    {
      id: 'proc_overdrachten_afgerond',
      label: 'Warme overdrachten met afgeronde checklist',
      value: pct(handovers.filter((h) => h.acceptedDate !== null).length, handovers.length),
      unit: '%',
      n: handovers.length,
    },
    {
      id: 'proc_overdrachten_binnen_norm',
      label: 'Warme overdrachten afgerond binnen T12',
      value: pct(handovers.filter((h) => h.withinNorm).length, handovers.length),
      unit: '%',
      n: handovers.length,
    },
    {
      id: 'proc_tijd_tot_besluit',
      label: 'Tijd tot escalatiebesluit (mediaan, werkdagen)',
      value: median(decided),
      unit: 'werkdagen',
      n: decided.length,
    },
    {
      id: 'proc_jbt_verzoeken',
      label: 'Verzoeken tot bespreking aan de JBT (besluiten vastgelegd)',
      value: periodEvents('jbt_decision').length,
      unit: 'aantal',
      n: periodEvents('jbt_decision').length,
    },
  ];
  for (const level of ESCALATION_LEVELS) {
    const n = escalations.filter((e) => e.level === level).length;
    rows.push({
      id: `proc_escalaties_${level}`,
      label: `Escalaties met hoogste niveau ${LEVEL_LABELS[level]}`,
      value: n,
      unit: 'aantal',
      n,
    });
  }
  for (const trigger of ESCALATION_TRIGGERS) {
    const n = escalations.filter((e) => e.trigger === trigger).length;
    rows.push({
      id: `proc_escalaties_${trigger.toLowerCase()}`,
      label: `Escalaties met aanleiding: ${TRIGGER_LABELS[trigger]}`,
      value: n,
      unit: 'aantal',
      n,
    });
  }
  return rows;
}

const decimal = (x: number) => String(x).replace('.', ',');

/** A KPI's value in Dutch, for the card and the command line: "66,7 %", "3 werkdagen", "–" when there is nothing to measure. */
export function kpiValue(r: KpiRow): string {
  if (r.value === null) return '–';
  const v = decimal(r.value);
  switch (r.unit) {
    case 'aantal':
      return v;
    case '%':
      return `${r.value > 0 && r.id.endsWith('_verandering') ? '+' : ''}${v} %`;
    case 'procentpunt':
      return `${r.value > 0 ? '+' : ''}${v} procentpunt`;
    default:
      return `${v} ${r.unit}`;
  }
}
