import { dutchDateLong } from '../../src/domain/dutch-date.js';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../src/app/close-case.js';
import { escalateFurther, recordDecision } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { reportAcuteDanger } from '../../src/app/escalations/report-acute-danger.js';
import { acceptHandover, checkItem, startHandover } from '../../src/app/handovers/handover-actions.js';
import { openCase } from '../../src/app/open-case.js';
import { purgeClosedCases } from '../../src/app/purge-closed-cases.js';
import { computeKpisForPeriod, municipalityKpis } from '../../src/app/queries/compute-kpis.js';
import { LEARNING_REFUSAL } from '../../src/app/queries/learning-access.js';
import { recordEvent } from '../../src/app/record-event.js';
import { setStage } from '../../src/app/set-stage.js';
import { main as kpiMain } from '../../src/cli/kpi.js';
import type { KpiRow } from '../../src/domain/kpis.js';
import type { HandoverMoment } from '../../src/domain/types.js';
import { aContext, closedAfterEach, demoRosterWith, type TestContext } from './test-context.js';

// Issue: "KPIs computed from recorded events: the six measurable GVJB KPIs of docs/behaviour.md and the process KPIs there
// (T6 within norm, handovers completed, escalations per level and trigger, time to decision). `npm run kpi -- --from
// <date> --to <date> [--csv]`. Aggregates only, never a case reference next to personal data." And for retention:
// "aggregates survive".

const context = closedAfterEach();

const FROM = '2026-03-01';
const TO = '2026-06-30';
const CASE_REF = /CG-[A-Z]{3}-\d{4}-\d{4}/;

/** Ticks every required item of the case's open handover at `moment` by its owner, then the receiver accepts. */
function completeHandover(c: TestContext, caseRef: string, moment: HandoverMoment): void {
  const caseId = c.ctx.store.cases.byRef(caseRef)!.id;
  const h = c.ctx.store.handovers.ofCase(caseId).find((x) => x.moment === moment && x.state === 'open')!;
  for (const item of c.ctx.handoverTemplates.itemsFor(moment)) {
    if (!item.required && item.id !== 'C2' && item.id !== 'C3') continue;
    const by = item.owner === 'receiver' ? h.toMember : h.fromMember;
    checkItem(c.ctx, {
      by,
      caseRef,
      handoverId: h.id,
      item: item.id,
      ...(item.id === 'C3' ? { basis: 'statutory_task' as const } : {}),
    });
  }
  acceptHandover(c.ctx, { by: h.toMember, caseRef, handoverId: h.id });
}

interface History {
  a: string; // Arnhem: measure in the period with jeugdhulp, a crisis, extension and end; T6 met; H5 within T12
  b: string; // Doesburg: measure still running; T6 missed; H5 accepted after T12
  c: string; // Duiven: no measure; escalations L0 (decided after 3 wd), L1 (worrying conduct), L2; an open H2; a JBT decision
  d: string; // Arnhem: a measure entirely before the period
}

function buildHistory(c: TestContext): History {
  // Case D: 2026-02-02 → 2026-02-20, before the period.
  c.setNow('2026-02-02T09:00');
  const d = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  recordEvent(c.ctx, {
    by: 'rvdk-arn',
    caseRef: d,
    event: 'measure_pronounced',
    fields: { measure: 'OTS', months: 12 },
  });
  c.setNow('2026-02-20T10:00');
  recordEvent(c.ctx, { by: 'gi-arn', caseRef: d, event: 'measure_ended' });

  // Case A.
  c.setNow('2026-03-02T09:00'); // Monday
  const a = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  c.setNow('2026-03-02T10:00');
  recordEvent(c.ctx, {
    by: 'rvdk-arn',
    caseRef: a,
    event: 'measure_pronounced',
    fields: { measure: 'OTS', months: 12 },
  }); // T6 due 03-09, H5 opens (T12 due 03-16)
  c.setNow('2026-03-04T10:00');
  recordEvent(c.ctx, { by: 'gi-arn', caseRef: a, event: 'jeugdbeschermer_assigned', fields: { member: 'gi-arn' } }); // T6 met
  recordEvent(c.ctx, { by: 'lt-arn', caseRef: a, event: 'jeugdhulp_needed' });
  c.setNow('2026-03-05T11:00');
  completeHandover(c, a, 'H5'); // within T12
  c.setNow('2026-03-24T10:00');
  recordEvent(c.ctx, { by: 'lt-arn', caseRef: a, event: 'jeugdhulp_started' }); // waited 20 days
  c.setNow('2026-04-01T22:00');
  // An acute report is not a crisis intervention: only the recorded crisis_event counts for KPI 5.
  reportAcuteDanger(c.ctx, { by: 'lt-arn', caseRef: a });
  recordEvent(c.ctx, { by: 'lt-arn', caseRef: a, event: 'crisis_event' }); // crisis during the measure
  c.setNow('2026-04-15T10:00');
  recordEvent(c.ctx, { by: 'gi-arn', caseRef: a, event: 'measure_extended', fields: { months: 12 } });
  c.setNow('2026-05-04T10:00');
  recordEvent(c.ctx, { by: 'gi-arn', caseRef: a, event: 'measure_ended' }); // 63 days after 03-02
  c.setNow('2026-05-14T10:00');
  recordEvent(c.ctx, { by: 'lt-arn', caseRef: a, event: 'jeugdhulp_ended' }); // 10 days after the measure's end

  // Case B.
  c.setNow('2026-04-01T09:00'); // Wednesday; Tweede paasdag 2026-04-06
  const b = openCase(c.ctx, { by: 'lt-doe', municipality: 'Doesburg' }).ref;
  c.setNow('2026-04-01T10:00');
  recordEvent(c.ctx, {
    by: 'rvdk-doe',
    caseRef: b,
    event: 'measure_pronounced',
    fields: { measure: 'OTS', months: 12 },
  }); // T6 due 04-09, T12 due 04-16
  recordEvent(c.ctx, { by: 'lt-doe', caseRef: b, event: 'jeugdhulp_needed' });
  c.setNow('2026-04-11T10:00');
  recordEvent(c.ctx, { by: 'lt-doe', caseRef: b, event: 'jeugdhulp_started' }); // waited 10 days
  c.setNow('2026-04-20T10:00');
  recordEvent(c.ctx, { by: 'gi-doe', caseRef: b, event: 'jeugdbeschermer_assigned', fields: { member: 'gi-doe' } }); // T6 missed
  completeHandover(c, b, 'H5'); // after T12

  // Case C.
  c.setNow('2026-05-04T09:00');
  const cc = openCase(c.ctx, { by: 'lt-dui', municipality: 'Duiven' }).ref;
  startHandover(c.ctx, { by: 'vt-dui', caseRef: cc, moment: 'H2', from: 'vt-dui', to: 'lt-dui' }); // stays open
  c.setNow('2026-05-04T10:00');
  raiseEscalation(c.ctx, {
    by: 'lt-dui',
    caseRef: cc,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Is vrijwillige hulp nog verantwoord?',
    orgs: ['LT', 'VT'],
  }); // #1 L0
  raiseEscalation(c.ctx, {
    by: 'lt-dui',
    caseRef: cc,
    trigger: 'NEGLIGENT_CONDUCT',
    question: 'Afspraken over huisbezoeken worden niet nagekomen.',
  }); // #2 L1
  raiseEscalation(c.ctx, {
    by: 'vt-dui',
    caseRef: cc,
    trigger: 'AGREEMENTS_NOT_FOLLOWED',
    question: 'Wie neemt de regie?',
    orgs: ['VT', 'LT'],
  }); // #3 L0
  escalateFurther(c.ctx, { by: 'vt-dui', caseRef: cc, escalation: { raised: 3 } }); // → L1
  escalateFurther(c.ctx, { by: 'vt-dui', caseRef: cc, escalation: { raised: 3 } }); // → L2
  c.setNow('2026-05-06T10:00');
  recordEvent(c.ctx, { by: 'lt-dui', caseRef: cc, event: 'jbt_decision', fields: { outcome: 'voluntary' } });
  c.setNow('2026-05-07T10:00');
  recordDecision(c.ctx, {
    by: 'lt-dui',
    caseRef: cc,
    escalation: { raised: 1 },
    decision: 'LT plant een gezamenlijk gesprek',
    owner: 'lt-dui',
    deadline: '2026-05-21',
  }); // 3 wd

  return { a, b, c: cc, d };
}

const byId = (rows: KpiRow[]) => Object.fromEntries(rows.map((r) => [r.id, { value: r.value, n: r.n }]));

const EXPECTED = {
  gvjb1_maatregelen: { value: 2, n: 2 }, // A and B; D ended before the period
  gvjb2_instroom: { value: 2, n: 2 },
  gvjb2_doorstroom: { value: 1, n: 1 },
  gvjb2_uitstroom: { value: 1, n: 1 },
  gvjb3_doorlooptijd: { value: 63, n: 1 }, // A: 2026-03-02 → 2026-05-04
  gvjb4_samenloop_jeugdhulp: { value: 100, n: 2 },
  gvjb5_samenloop_crisis: { value: 50, n: 2 }, // only A
  gvjb6_wachttijd_jeugdhulp: { value: 15, n: 2 }, // median of 20 and 10
  gvjb7_afschalen: { value: 10, n: 1 },
  proc_t6_binnen_norm: { value: 50, n: 2 }, // A in time, B late
  proc_overdrachten_afgerond: { value: 66.7, n: 3 }, // A's and B's H5 accepted, C's H2 open
  proc_overdrachten_binnen_norm: { value: 33.3, n: 3 }, // only A's H5 within T12
  proc_tijd_tot_besluit: { value: 3, n: 1 }, // Mon 05-04 → Thu 05-07
  proc_jbt_verzoeken: { value: 1, n: 1 },
  proc_escalaties_L0: { value: 1, n: 1 },
  proc_escalaties_L1: { value: 1, n: 1 },
  proc_escalaties_L2: { value: 1, n: 1 },
  proc_escalaties_L3: { value: 0, n: 0 },
  proc_escalaties_professional_dilemma: { value: 1, n: 1 },
  proc_escalaties_agreements_not_followed: { value: 1, n: 1 },
  proc_escalaties_negligent_conduct: { value: 1, n: 1 },
};

function runKpiCli(file: string, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = kpiMain(argv, { DATABASE_PATH: file }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('KPIs from recorded events (docs/behaviour.md) on real SQLite', () => {
  it('sets up the timers the expectations rest on (T6 and T12 due dates with Tweede paasdag)', () => {
    const c = context('2026-02-02T09:00');
    const h = buildHistory(c);
    const timer = (ref: string, name: string) =>
      c.ctx.store.timers.all(c.ctx.store.cases.byRef(ref)!.id).filter((t) => t.timer === name);
    expect(timer(h.a, 'T6').map((t) => `${t.originalDueDate}:${t.state}`)).toEqual(['2026-03-09:completed']);
    expect(timer(h.b, 'T6').map((t) => `${t.originalDueDate}:${t.state}`)).toEqual(['2026-04-09:completed']);
    expect(timer(h.a, 'T12').map((t) => t.originalDueDate)).toEqual(['2026-03-16']);
    expect(timer(h.b, 'T12').map((t) => t.originalDueDate)).toEqual(['2026-04-16']);
  });

  it('computes each GVJB and process KPI row of the period: value and n', () => {
    const c = context('2026-02-02T09:00');
    buildHistory(c);
    const rows = computeKpisForPeriod(c.ctx, FROM, TO);
    expect(byId(rows)).toEqual(EXPECTED);
    for (const r of rows) expect(r.label.length).toBeGreaterThan(0);
  });

  it('a period that holds none of it gives null medians and percentages, and zero counts', () => {
    const c = context('2026-02-02T09:00');
    buildHistory(c);
    const rows = byId(computeKpisForPeriod(c.ctx, '2026-08-01', '2026-08-31'));
    expect(rows.gvjb3_doorlooptijd).toEqual({ value: null, n: 0 });
    expect(rows.gvjb6_wachttijd_jeugdhulp).toEqual({ value: null, n: 0 });
    expect(rows.proc_t6_binnen_norm).toEqual({ value: null, n: 0 });
    expect(rows.proc_overdrachten_afgerond).toEqual({ value: null, n: 0 });
    expect(rows.gvjb2_instroom).toEqual({ value: 0, n: 0 });
    // B's measure still runs in August.
    expect(rows.gvjb1_maatregelen).toEqual({ value: 1, n: 1 });
  });

  it('aggregates survive: after closing and purging every case the KPIs of the period are unchanged', () => {
    const c = context('2026-02-02T09:00');
    const h = buildHistory(c);
    c.setNow('2026-07-01T10:00');
    for (const [ref, by] of [
      [h.a, 'lt-arn'],
      [h.b, 'lt-doe'],
      [h.c, 'lt-dui'],
      [h.d, 'lt-arn'],
    ] as const)
      closeCase(c.ctx, { by, caseRef: ref, reason: 'hulp afgerond' });
    const beforePurge = byId(computeKpisForPeriod(c.ctx, FROM, TO));
    expect(beforePurge).toEqual(EXPECTED);

    c.setNow('2027-07-02T03:00'); // 12 months + 1 day after closing
    const purged = purgeClosedCases(c.ctx, { dryRun: false });
    expect(purged.map((p) => p.ref).sort()).toEqual([h.a, h.b, h.c, h.d].sort());
    expect(c.database.sqlite.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
    expect(c.database.sqlite.prepare('SELECT count(*) AS n FROM case_events').get()).toEqual({ n: 0 });

    expect(byId(computeKpisForPeriod(c.ctx, FROM, TO))).toEqual(EXPECTED);
  });

  it('a purged case counts next to a living one', () => {
    const c = context('2026-02-02T09:00');
    const h = buildHistory(c);
    c.setNow('2026-07-01T10:00');
    closeCase(c.ctx, { by: 'lt-arn', caseRef: h.a });
    c.setNow('2027-07-02T03:00');
    expect(purgeClosedCases(c.ctx, { dryRun: false }).map((p) => p.ref)).toEqual([h.a]);
    expect(c.ctx.store.cases.byRef(h.a)).toBeUndefined();
    expect(byId(computeKpisForPeriod(c.ctx, FROM, TO))).toEqual(EXPECTED);
  });

  it('npm run kpi: CSV with its header and one line per KPI, plain text too; never a case reference', () => {
    const c = context('2026-02-02T09:00');
    const h = buildHistory(c);
    // Some of it purged, some of it alive: neither may leak a reference.
    c.setNow('2026-07-01T10:00');
    closeCase(c.ctx, { by: 'lt-dui', caseRef: h.c });

    const csv = runKpiCli(c.file, ['--from', FROM, '--to', TO, '--csv']);
    expect(csv.code).toBe(0);
    expect(csv.err).toEqual([]);
    expect(csv.out[0]).toBe('kpi;omschrijving;waarde;eenheid;n');
    expect(csv.out).toHaveLength(1 + Object.keys(EXPECTED).length);
    const parsed = Object.fromEntries(
      csv.out.slice(1).map((line) => {
        const cells = line.split(';');
        const value = cells[cells.length - 3]!;
        return [cells[0]!, { value: value === '' ? null : Number(value), n: Number(cells[cells.length - 1]) }];
      }),
    );
    expect(parsed).toEqual(EXPECTED);
    expect(csv.out.join('\n')).not.toMatch(CASE_REF);

    const text = runKpiCli(c.file, ['--from', FROM, '--to', TO]);
    expect(text.code).toBe(0);
    expect(text.out[0]).toContain(`${dutchDateLong(FROM)} t/m ${dutchDateLong(TO)}`);
    expect(text.out).toHaveLength(1 + Object.keys(EXPECTED).length);
    // Dutch for a person reading it: labels without codes, values in their own unit, dates written out.
    const body = text.out.slice(1).join('\n');
    expect(body).not.toMatch(
      /PROFESSIONAL_DILEMMA|NEGLIGENT_CONDUCT|AGREEMENTS_NOT_FOLLOWED|\d{4}-\d{2}-\d{2}| aantal /,
    );
    expect(body).toContain('Escalaties met aanleiding: Professioneel dilemma (verschil van inzicht)');
    expect(body).toContain('Escalaties met hoogste niveau L1 teamleiders');
    expect(text.out.join('\n')).not.toMatch(CASE_REF);
    for (const ref of Object.values(h)) expect(text.out.join('\n') + csv.out.join('\n')).not.toContain(ref);
  });

  it('T6 within norm counts a jeugdbeschermer assigned in time, not a T6 cycle that a new court order restarted', () => {
    // docs/behaviour.md process KPI "T6 compliance" and §4.1 "a timer stops when its completing event is recorded (T6:
    // jeugdbeschermer assigned…)". A voorlopige OTS followed by the OTS restarts T6; startTimer stops the running cycle
    // as 'completed' ("opnieuw gestart"), and computeKpisForPeriod reads every completed T6 as an assignment.
    const c = context('2026-03-02T09:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    c.setNow('2026-03-02T10:00');
    recordEvent(c.ctx, {
      by: 'rvdk-arn',
      caseRef: ref,
      event: 'measure_pronounced',
      fields: { measure: 'VOORLOPIGE_OTS' },
    }); // T6 due 03-09
    c.setNow('2026-03-04T10:00');
    recordEvent(c.ctx, {
      by: 'rvdk-arn',
      caseRef: ref,
      event: 'measure_pronounced',
      fields: { measure: 'OTS', months: 12 },
    }); // T6 again, due 03-11
    c.setNow('2026-03-20T10:00');
    recordEvent(c.ctx, { by: 'gi-arn', caseRef: ref, event: 'jeugdbeschermer_assigned', fields: { member: 'gi-arn' } }); // late for both orders
    const t6 = byId(computeKpisForPeriod(c.ctx, FROM, TO)).proc_t6_binnen_norm!;
    // Nobody was assigned within 5 working days of either order: 0 %, whether the restarted cycle counts as missed or not at all.
    expect(t6.value).toBe(0);
  });

  it('npm run kpi refuses missing, malformed or reversed dates with exit code 2', () => {
    const c = context('2026-02-02T09:00');
    expect(runKpiCli(c.file, []).code).toBe(2);
    expect(runKpiCli(c.file, ['--from', FROM]).code).toBe(2);
    expect(runKpiCli(c.file, ['--from', '2026-13-01', '--to', TO]).code).toBe(2);
    const reversed = runKpiCli(c.file, ['--from', TO, '--to', FROM]);
    expect(reversed.code).toBe(2);
    expect(reversed.err.join('\n')).toMatch(/Gebruik: npm run kpi/);
  });
});

// Issue 17 item 9: "`kpi <gemeente> <van> <tot>` in chat and `npm run kpi -- --municipality <naam>` give the GVJB KPIs
// per municipality, with the JBT-request count of the toekomsttuin municipality beside the rest of the region (the GI's
// performance agreement is −5 % a year against the other municipalities)."

/** The KPIs of the history above that fall to Arnhem (case A; D ended before the period). */
const ARNHEM = {
  ...EXPECTED,
  gvjb1_maatregelen: { value: 1, n: 1 },
  gvjb2_instroom: { value: 1, n: 1 },
  gvjb4_samenloop_jeugdhulp: { value: 100, n: 1 },
  gvjb5_samenloop_crisis: { value: 100, n: 1 },
  gvjb6_wachttijd_jeugdhulp: { value: 20, n: 1 },
  proc_t6_binnen_norm: { value: 100, n: 1 },
  proc_overdrachten_afgerond: { value: 100, n: 1 },
  proc_overdrachten_binnen_norm: { value: 100, n: 1 },
  proc_tijd_tot_besluit: { value: null, n: 0 },
  proc_jbt_verzoeken: { value: 0, n: 0 },
  proc_escalaties_L0: { value: 0, n: 0 },
  proc_escalaties_L1: { value: 0, n: 0 },
  proc_escalaties_L2: { value: 0, n: 0 },
  proc_escalaties_professional_dilemma: { value: 0, n: 0 },
  proc_escalaties_agreements_not_followed: { value: 0, n: 0 },
  proc_escalaties_negligent_conduct: { value: 0, n: 0 },
};
const JBT_IDS = [
  'jbt_verzoeken_gemeente',
  'jbt_verzoeken_gemeente_vorig_jaar',
  'jbt_verzoeken_gemeente_verandering',
  'jbt_verzoeken_regio',
  'jbt_verzoeken_regio_vorig_jaar',
  'jbt_verzoeken_regio_verandering',
  'jbt_verschil_met_regio',
];
const withoutJbt = (rows: KpiRow[]) => byId(rows.filter((r) => !r.id.startsWith('jbt_')));

describe('KPIs per municipality, with its JBT requests beside the rest of the region', () => {
  it("counts only the municipality's cases, then the seven JBT comparison rows", () => {
    const c = context('2026-02-02T09:00');
    buildHistory(c);
    const rows = computeKpisForPeriod(c.ctx, FROM, TO, { municipality: 'Arnhem' });
    expect(withoutJbt(rows)).toEqual(ARNHEM);
    expect(rows.slice(-7).map((r) => r.id)).toEqual(JBT_IDS);
    const duiven = byId(computeKpisForPeriod(c.ctx, FROM, TO, { municipality: 'Duiven' }));
    expect([duiven.proc_escalaties_L2, duiven.proc_tijd_tot_besluit, duiven.proc_jbt_verzoeken]).toEqual([
      { value: 1, n: 1 },
      { value: 3, n: 1 },
      { value: 1, n: 1 },
    ]);
    expect(duiven.gvjb1_maatregelen).toEqual({ value: 0, n: 0 });
  });

  it('JBT requests: entering JBT_REQUESTED or opening there, in the municipality and in the rest of its region, and a year earlier', () => {
    // Tiel lies in Rivierenland: its requests are no part of Centraal Gelderland's.
    const roster = demoRosterWith((r) => {
      r.fixedTeams.Tiel = { LT: 'lt-ren' };
    });
    const c = context.track(aContext({ now: '2025-04-01T10:00', roster }));
    const request = (by: string, municipality: string, at: string, how: 'stage' | 'open' = 'stage') => {
      c.setNow(at);
      if (how === 'open') return openCase(c.ctx, { by, municipality, stage: 'JBT_REQUESTED' });
      const ref = openCase(c.ctx, { by, municipality }).ref;
      setStage(c.ctx, { by, caseRef: ref, stage: 'JBT_REQUESTED' });
    };
    request('lt-arn', 'Arnhem', '2025-04-01T10:00');
    request('lt-ren', 'Renkum', '2025-04-02T10:00');
    request('lt-ren', 'Renkum', '2025-05-02T10:00');
    request('lt-dui', 'Duiven', '2025-05-04T10:00');
    request('lt-dui', 'Duiven', '2025-06-04T10:00');
    request('lt-arn', 'Arnhem', '2026-04-01T10:00');
    request('lt-arn', 'Arnhem', '2026-05-04T10:00', 'open');
    request('lt-ren', 'Renkum', '2026-04-02T10:00');
    request('lt-doe', 'Doesburg', '2026-04-03T10:00', 'open');
    request('lt-ren', 'Tiel', '2026-04-07T10:00');
    request('lt-arn', 'Arnhem', '2026-07-01T10:00'); // after the period
    const rows = computeKpisForPeriod(c.ctx, FROM, TO, { municipality: 'Arnhem' }).slice(-7);
    expect(rows.map((r) => [r.id, r.value, r.unit, r.n])).toEqual([
      ['jbt_verzoeken_gemeente', 2, 'aantal', 2],
      ['jbt_verzoeken_gemeente_vorig_jaar', 1, 'aantal', 1],
      ['jbt_verzoeken_gemeente_verandering', 100, '%', 1],
      ['jbt_verzoeken_regio', 2, 'aantal', 2],
      ['jbt_verzoeken_regio_vorig_jaar', 4, 'aantal', 4],
      ['jbt_verzoeken_regio_verandering', -50, '%', 4],
      ['jbt_verschil_met_regio', 150, 'procentpunt', 4],
    ]);
    expect(rows[3]!.label).toContain('andere gemeenten van regio CG');
    // Without a year-earlier request there is no change to compare.
    const tiel = computeKpisForPeriod(c.ctx, '2026-03-01', '2026-06-30', { municipality: 'Tiel' }).slice(-7);
    expect(tiel.map((r) => r.value)).toEqual([1, 0, null, 0, 0, null, null]);
  });

  it('in chat: coordinators and the team leads of organisations working there; a team lead does not see worrying conduct', () => {
    const c = context('2026-02-02T09:00');
    buildHistory(c);
    const ask = (by: string) => municipalityKpis(c.ctx, { by, municipality: 'duiven', from: FROM, to: TO });
    const coordinator = ask('coord-dui');
    expect([coordinator.municipality, coordinator.from, coordinator.to]).toEqual(['Duiven', FROM, TO]);
    expect(byId(coordinator.rows).proc_escalaties_negligent_conduct).toEqual({ value: 1, n: 1 });
    expect(byId(coordinator.rows).proc_escalaties_L1).toEqual({ value: 1, n: 1 });
    const lead = byId(ask('lead-lt-dui').rows);
    expect(lead.proc_escalaties_negligent_conduct).toBeUndefined();
    expect(lead.proc_escalaties_L1).toEqual({ value: 0, n: 0 });
    for (const by of ['lt-dui', 'coord-arn', 'lead-lt-arn', 'mgr-lt-dui'])
      expect(() => ask(by), by).toThrow(LEARNING_REFUSAL);
    expect(() => municipalityKpis(c.ctx, { by: 'coord-dui', municipality: 'Duiven', from: TO, to: FROM })).toThrow(
      'De begindatum ligt na de einddatum',
    );
  });

  it('a purged case keeps counting for its municipality: the archive keeps the municipality (a "case" entry)', () => {
    const c = context('2026-02-02T09:00');
    const h = buildHistory(c);
    c.setNow('2026-07-01T10:00');
    closeCase(c.ctx, { by: 'lt-arn', caseRef: h.a });
    c.setNow('2027-07-02T03:00');
    expect(purgeClosedCases(c.ctx, { dryRun: false }).map((p) => p.ref)).toEqual([h.a]);
    // The purge keeps the municipality (and nothing that names the case), so the figures do not change.
    const kept = c.database.sqlite.prepare("SELECT data FROM kpi_archive WHERE kind = 'case'").all() as Array<{
      data: string;
    }>;
    expect(kept.map((r) => JSON.parse(r.data) as unknown)).toEqual([{ municipality: 'Arnhem' }]);
    expect(withoutJbt(computeKpisForPeriod(c.ctx, FROM, TO, { municipality: 'Arnhem' }))).toEqual(ARNHEM);
    // Without it (an archive written before the municipality was kept) the purged case counts nowhere.
    c.database.sqlite.prepare("DELETE FROM kpi_archive WHERE kind = 'case'").run();
    expect(byId(computeKpisForPeriod(c.ctx, FROM, TO, { municipality: 'Arnhem' })).gvjb2_instroom).toEqual({
      value: 0,
      n: 0,
    });
  });

  it('npm run kpi -- --municipality: the same rows, in text and CSV; an unknown municipality exits 2', () => {
    const c = context('2026-02-02T09:00');
    buildHistory(c);
    const text = runKpiCli(c.file, ['--from', FROM, '--to', TO, '--municipality', 'arnhem']);
    expect(text.code).toBe(0);
    expect(text.out[0]).toBe(
      `KPI's Arnhem, ${dutchDateLong(FROM)} t/m ${dutchDateLong(TO)} (alleen casussen in de bot; een procesbeeld, geen telling van de regio)`,
    );
    expect(text.out).toHaveLength(1 + Object.keys(EXPECTED).length + JBT_IDS.length);
    const csv = runKpiCli(c.file, ['--from', FROM, '--to', TO, '--municipality', 'Arnhem', '--csv']);
    expect(csv.out.slice(-7).map((l) => l.split(';')[0])).toEqual(JBT_IDS);
    expect(csv.out.join('\n')).not.toMatch(CASE_REF);
    const unknown = runKpiCli(c.file, ['--from', FROM, '--to', TO, '--municipality', 'Atlantis']);
    expect([unknown.code, unknown.out]).toEqual([2, []]);
    expect(unknown.err.join('\n')).toMatch(/^Onbekende gemeente "Atlantis"\. Kies uit: Arnhem, /);
    expect(runKpiCli(c.file, ['--from', FROM, '--to', TO, '--municipality']).code).toBe(2);
  });
});
