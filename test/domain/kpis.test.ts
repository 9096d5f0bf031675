import { describe, expect, it } from 'vitest';
import {
  computeKpis,
  type KpiEscalation,
  type KpiEvent,
  type KpiHandover,
  type KpiInput,
  type KpiRow,
  type KpiTimer,
} from '../../src/domain/kpis.js';
import { daysBetween } from '../../src/domain/local-date.js';

// docs/behaviour.md: the GVJB KPIs the bot can measure and the bot's process KPIs, as pure aggregates (counts, medians,
// percentages; never a case reference).

const FROM = '2026-03-01';
const TO = '2026-06-30';

function input(
  parts: Partial<Omit<KpiInput, 'from' | 'to' | 'daysBetween'>> & { from?: string; to?: string } = {},
): KpiInput {
  return {
    from: parts.from ?? FROM,
    to: parts.to ?? TO,
    events: parts.events ?? [],
    timers: parts.timers ?? [],
    handovers: parts.handovers ?? [],
    escalations: parts.escalations ?? [],
    daysBetween,
  };
}

const ev = (caseId: number, event: string, date: string): KpiEvent => ({ caseId, event, date, fields: {} });
const t6 = (
  startDate: string,
  originalDueDate: string,
  completedDate: string | null,
  dueDate = originalDueDate,
): KpiTimer => ({
  timer: 'T6',
  startDate,
  dueDate,
  originalDueDate,
  completedDate,
  state: completedDate ? 'completed' : 'open',
});
const handover = (openedDate: string, acceptedDate: string | null, withinNorm: boolean): KpiHandover => ({
  openedDate,
  acceptedDate,
  withinNorm,
});
const escalation = (
  raisedDate: string,
  level: string,
  trigger: string,
  workingDaysToDecision: number | null = null,
): KpiEscalation => ({
  raisedDate,
  level,
  trigger,
  state: workingDaysToDecision === null ? 'open' : 'resolved',
  closedDate: null,
  workingDaysToDecision,
});

function row(rows: KpiRow[], id: string): { value: number | null; n: number } {
  const r = rows.find((x) => x.id === id);
  if (!r) throw new Error(`no KPI row ${id}; rows: ${rows.map((x) => x.id).join(', ')}`);
  return { value: r.value, n: r.n };
}

const ALL_IDS = [
  'gvjb1_maatregelen',
  'gvjb2_instroom',
  'gvjb2_doorstroom',
  'gvjb2_uitstroom',
  'gvjb3_doorlooptijd',
  'gvjb4_samenloop_jeugdhulp',
  'gvjb5_samenloop_crisis',
  'gvjb6_wachttijd_jeugdhulp',
  'gvjb7_afschalen',
  'proc_t6_binnen_norm',
  'proc_overdrachten_afgerond',
  'proc_overdrachten_binnen_norm',
  'proc_tijd_tot_besluit',
  'proc_jbt_verzoeken',
  'proc_escalaties_L0',
  'proc_escalaties_L1',
  'proc_escalaties_L2',
  'proc_escalaties_L3',
  'proc_escalaties_professional_dilemma',
  'proc_escalaties_agreements_not_followed',
  'proc_escalaties_negligent_conduct',
];

describe('computeKpis (docs/behaviour.md)', () => {
  it('an empty period: every row is there, counts are 0 and medians and percentages are null (not 0), all with n = 0', () => {
    const rows = computeKpis(input());
    expect(rows.map((r) => r.id)).toEqual(ALL_IDS);
    const nullable = new Set([
      'gvjb3_doorlooptijd',
      'gvjb4_samenloop_jeugdhulp',
      'gvjb5_samenloop_crisis',
      'gvjb6_wachttijd_jeugdhulp',
      'gvjb7_afschalen',
      'proc_t6_binnen_norm',
      'proc_overdrachten_afgerond',
      'proc_overdrachten_binnen_norm',
      'proc_tijd_tot_besluit',
    ]);
    for (const r of rows) {
      expect({ id: r.id, value: r.value, n: r.n }).toEqual({ id: r.id, value: nullable.has(r.id) ? null : 0, n: 0 });
    }
  });

  it('a period with material only outside it is as empty as an empty one', () => {
    const rows = computeKpis(
      input({
        events: [
          ev(1, 'measure_pronounced', '2025-01-06'),
          ev(1, 'measure_ended', '2025-06-02'),
          ev(2, 'jeugdhulp_needed', '2026-08-01'),
          ev(2, 'jeugdhulp_started', '2026-08-10'),
        ],
        timers: [t6('2025-01-06', '2025-01-13', '2025-01-08')],
        handovers: [handover('2026-07-01', '2026-07-03', true)],
        escalations: [escalation('2026-02-27', 'L0', 'PROFESSIONAL_DILEMMA', 2)],
      }),
    );
    for (const id of ALL_IDS) expect(row(rows, id).n, id).toBe(0);
    expect(row(rows, 'gvjb3_doorlooptijd').value).toBeNull();
    expect(row(rows, 'proc_tijd_tot_besluit').value).toBeNull();
  });

  it('medians: odd count → the middle value of the sorted list, even count → the mean of the two middle values', () => {
    // Waiting time to jeugdhulp (KPI 6) for three cases: 30, 10, 20 days → median 20.
    const odd = computeKpis(
      input({
        events: [
          ev(1, 'jeugdhulp_needed', '2026-03-02'),
          ev(1, 'jeugdhulp_started', '2026-04-01'),
          ev(2, 'jeugdhulp_needed', '2026-03-02'),
          ev(2, 'jeugdhulp_started', '2026-03-12'),
          ev(3, 'jeugdhulp_needed', '2026-03-02'),
          ev(3, 'jeugdhulp_started', '2026-03-22'),
        ],
      }),
    );
    expect(row(odd, 'gvjb6_wachttijd_jeugdhulp')).toEqual({ value: 20, n: 3 });
    // Time to decision (working days): 1, 4, 2, 7 → (2 + 4) / 2 = 3.
    const even = computeKpis(
      input({
        escalations: [1, 4, 2, 7].map((d) => escalation('2026-04-01', 'L0', 'PROFESSIONAL_DILEMMA', d)),
      }),
    );
    expect(row(even, 'proc_tijd_tot_besluit')).toEqual({ value: 3, n: 4 });
    // And a non-integer mean stays a mean: 10 and 15 → 12.5.
    const half = computeKpis(
      input({
        events: [
          ev(1, 'jeugdhulp_needed', '2026-03-02'),
          ev(1, 'jeugdhulp_started', '2026-03-12'),
          ev(2, 'jeugdhulp_needed', '2026-03-02'),
          ev(2, 'jeugdhulp_started', '2026-03-17'),
        ],
      }),
    );
    expect(row(half, 'gvjb6_wachttijd_jeugdhulp')).toEqual({ value: 12.5, n: 2 });
  });

  it('a wait counts when the start falls in the period, from the first need; a start before the need is no start', () => {
    const rows = computeKpis(
      input({
        events: [
          ev(1, 'jeugdhulp_needed', '2026-01-15'),
          ev(1, 'jeugdhulp_started', '2026-03-16'), // need before the period: 60 days
          ev(2, 'jeugdhulp_started', '2026-03-01'),
          ev(2, 'jeugdhulp_needed', '2026-03-05'), // started before the need: no wait yet
          ev(3, 'jeugdhulp_needed', '2026-06-20'),
          ev(3, 'jeugdhulp_started', '2026-07-02'), // starts after the period
        ],
      }),
    );
    expect(row(rows, 'gvjb6_wachttijd_jeugdhulp')).toEqual({ value: 60, n: 1 });
  });

  it('measures: start at the first pronouncement, end at measure_ended or case_closed; instroom, doorstroom, uitstroom and doorlooptijd', () => {
    const rows = computeKpis(
      input({
        events: [
          // Case 1: started before the period, extended in it, ended in it: 2025-12-01 → 2026-04-30 = 150 days.
          ev(1, 'measure_pronounced', '2025-12-01'),
          ev(1, 'measure_extended', '2026-03-10'),
          ev(1, 'measure_ended', '2026-04-30'),
          // Case 2: voorlopige OTS then OTS (one measure), closed with the case: 2026-03-02 → 2026-05-01 = 60 days.
          ev(2, 'measure_pronounced', '2026-03-02'),
          ev(2, 'measure_pronounced', '2026-03-20'),
          ev(2, 'case_closed', '2026-05-01'),
          // Case 3: pronounced in the period, still running.
          ev(3, 'measure_pronounced', '2026-06-30'),
          // Case 4: over before the period began: not active, not in any count.
          ev(4, 'measure_pronounced', '2025-01-06'),
          ev(4, 'measure_ended', '2026-02-28'),
          // Case 5: never a measure; closing it is no measure end.
          ev(5, 'case_closed', '2026-04-01'),
        ],
      }),
    );
    expect(row(rows, 'gvjb1_maatregelen')).toEqual({ value: 3, n: 3 });
    expect(row(rows, 'gvjb2_instroom')).toEqual({ value: 3, n: 3 }); // three pronouncements dated in the period (2 in case 2, 1 in case 3)
    expect(row(rows, 'gvjb2_doorstroom')).toEqual({ value: 1, n: 1 });
    expect(row(rows, 'gvjb2_uitstroom')).toEqual({ value: 1, n: 1 });
    expect(row(rows, 'gvjb3_doorlooptijd')).toEqual({ value: (150 + 60) / 2, n: 2 });
  });

  it('samenloop with jeugdhulp and crisis: share of active measures with the event during the measure, to one decimal', () => {
    const rows = computeKpis(
      input({
        events: [
          ev(1, 'measure_pronounced', '2026-03-02'),
          ev(1, 'jeugdhulp_started', '2026-03-10'),
          ev(1, 'crisis_event', '2026-03-11'),
          ev(2, 'crisis_event', '2026-02-01'),
          ev(2, 'jeugdhulp_started', '2026-02-01'),
          ev(2, 'measure_pronounced', '2026-03-02'), // both before the measure
          ev(3, 'measure_pronounced', '2026-03-02'),
          ev(3, 'measure_ended', '2026-03-31'),
          ev(3, 'crisis_event', '2026-04-02'), // crisis after it
        ],
      }),
    );
    expect(row(rows, 'gvjb4_samenloop_jeugdhulp')).toEqual({ value: 33.3, n: 3 });
    expect(row(rows, 'gvjb5_samenloop_crisis')).toEqual({ value: 33.3, n: 3 });
  });

  it('afschalen: days from the end of a measure ended in the period to the end of jeugdhulp after it', () => {
    const rows = computeKpis(
      input({
        events: [
          ev(1, 'measure_pronounced', '2026-01-05'),
          ev(1, 'jeugdhulp_started', '2026-01-20'),
          ev(1, 'measure_ended', '2026-04-01'),
          ev(1, 'jeugdhulp_ended', '2026-05-01'),
          ev(2, 'measure_pronounced', '2026-01-05'),
          ev(2, 'measure_ended', '2026-04-01'), // no jeugdhulp end: not in the median
        ],
      }),
    );
    expect(row(rows, 'gvjb7_afschalen')).toEqual({ value: 30, n: 1 });
  });

  it('T6 within norm compares with the original due date (a postponement does not make it in time) and counts by completion date', () => {
    const rows = computeKpis(
      input({
        timers: [
          t6('2026-03-02', '2026-03-09', '2026-03-09'), // on the due day: in time
          t6('2026-03-02', '2026-03-09', '2026-03-16', '2026-03-20'), // postponed to 03-20, completed 03-16: still late
          t6('2026-03-02', '2026-03-09', null), // still open: not counted
          t6('2026-02-20', '2026-02-27', '2026-02-26'), // completed before the period
        ],
      }),
    );
    expect(row(rows, 'proc_t6_binnen_norm')).toEqual({ value: 50, n: 2 });
  });

  it('handovers opened in the period: share completed and share completed within T12', () => {
    const rows = computeKpis(
      input({
        handovers: [
          handover('2026-03-02', '2026-03-05', true),
          handover('2026-03-02', '2026-03-30', false),
          handover('2026-04-01', null, false),
          handover('2026-02-27', '2026-03-02', true),
        ],
      }),
    );
    expect(row(rows, 'proc_overdrachten_afgerond')).toEqual({ value: 66.7, n: 3 });
    expect(row(rows, 'proc_overdrachten_binnen_norm')).toEqual({ value: 33.3, n: 3 });
  });

  it('escalations raised in the period per highest level and per trigger; the period bounds are inclusive', () => {
    const rows = computeKpis(
      input({
        escalations: [
          escalation('2026-03-01', 'L0', 'PROFESSIONAL_DILEMMA'),
          escalation('2026-06-30', 'L1', 'NEGLIGENT_CONDUCT'),
          escalation('2026-04-01', 'L1', 'AGREEMENTS_NOT_FOLLOWED'),
          escalation('2026-04-02', 'L2', 'AGREEMENTS_NOT_FOLLOWED', 12),
          escalation('2026-07-01', 'L3', 'AGREEMENTS_NOT_FOLLOWED'), // after the period
        ],
      }),
    );
    expect(['L0', 'L1', 'L2', 'L3'].map((l) => row(rows, `proc_escalaties_${l}`).value)).toEqual([1, 2, 1, 0]);
    expect(row(rows, 'proc_escalaties_professional_dilemma')).toEqual({ value: 1, n: 1 });
    expect(row(rows, 'proc_escalaties_agreements_not_followed')).toEqual({ value: 2, n: 2 });
    expect(row(rows, 'proc_escalaties_negligent_conduct')).toEqual({ value: 1, n: 1 });
    expect(row(rows, 'proc_tijd_tot_besluit')).toEqual({ value: 12, n: 1 });
  });

  it('no row carries anything but numbers, a unit and a label (aggregates only)', () => {
    const rows = computeKpis(
      input({ events: [ev(1, 'measure_pronounced', '2026-03-02'), ev(1, 'jbt_decision', '2026-03-03')] }),
    );
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['id', 'label', 'n', 'unit', 'value']);
    expect(row(rows, 'proc_jbt_verzoeken')).toEqual({ value: 1, n: 1 });
  });
});
