import { describe, expect, it } from 'vitest';
import { addMember, removeMember } from '../../src/app/change-membership.js';
import { closeCase } from '../../src/app/close-case.js';
import { escalateFurther, recordDecision } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { openCase } from '../../src/app/open-case.js';
import { getOverview, type Overview } from '../../src/app/queries/get-overview.js';
import { recordEvent } from '../../src/app/record-event.js';
import { setStage } from '../../src/app/set-stage.js';
import { aContext, closedAfterEach, demoRosterWith, type TestContext } from './test-context.js';

// Issue: "overzicht for pilot coordinators (and for team leads, limited to their own organisation): cases per stage,
// stalled cases (overdue timers), open escalations per level, open handovers, per municipality."

const context = closedAfterEach();

interface Pilot {
  a1: string; // Arnhem, COURT, court order Wed 05-13: T6 due Thu 05-21; H5 open; a resolved escalation
  a2: string; // Arnhem, SIGNAL, an open L0 escalation
  d1: string; // Doesburg, LT_VOLUNTARY, an open escalation raised to L1; lt-arn-2 (Wijkteams Arnhem) joined
  u1: string; // Duiven, SIGNAL, no Arnhem member
  closed: string; // Arnhem, closed: never in the overview
}

function pilot(c: TestContext): Pilot {
  const a1 = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  recordEvent(c.ctx, {
    by: 'rvdk-arn',
    caseRef: a1,
    event: 'measure_pronounced',
    fields: { measure: 'OTS', months: 12 },
  });
  setStage(c.ctx, { by: 'rvdk-arn', caseRef: a1, stage: 'COURT' });
  raiseEscalation(c.ctx, {
    by: 'lt-arn',
    caseRef: a1,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Wie neemt de regie?',
  });
  recordDecision(c.ctx, {
    by: 'lt-arn',
    caseRef: a1,
    decision: 'GI neemt de regie',
    owner: 'gi-arn',
    deadline: '2026-06-30',
  });

  const a2 = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  raiseEscalation(c.ctx, {
    by: 'lt-arn',
    caseRef: a2,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Is vrijwillige hulp nog verantwoord?',
  });

  const d1 = openCase(c.ctx, { by: 'lt-doe', municipality: 'Doesburg', stage: 'LT_VOLUNTARY' }).ref;
  addMember(c.ctx, { by: 'lt-doe', caseRef: d1, member: 'lt-arn-2', reason: 'tijdelijke vervanging' });
  raiseEscalation(c.ctx, {
    by: 'lt-doe',
    caseRef: d1,
    trigger: 'AGREEMENTS_NOT_FOLLOWED',
    question: 'Wie pakt de afspraken op?',
    orgs: ['LT'],
  });
  escalateFurther(c.ctx, { by: 'lt-doe', caseRef: d1 });

  const u1 = openCase(c.ctx, { by: 'lt-dui', municipality: 'Duiven' }).ref;

  const closed = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  recordEvent(c.ctx, {
    by: 'rvdk-arn',
    caseRef: closed,
    event: 'measure_pronounced',
    fields: { measure: 'OTS', months: 12 },
  });
  closeCase(c.ctx, { by: 'lt-arn', caseRef: closed });
  return { a1, a2, d1, u1, closed };
}

const names = (o: Overview) => o.municipalities.map((m) => m.municipality);
const of = (o: Overview, municipality: string) => o.municipalities.find((m) => m.municipality === municipality)!;

describe('overzicht on real SQLite', () => {
  it("a pilot coordinator sees their pilot's municipalities: cases per stage, stalled cases, escalations, handovers", () => {
    const c = context('2026-05-13T10:00');
    const p = pilot(c);
    c.setNow('2026-05-22T09:00'); // T6 of a1 (due 05-21) is past due
    const o = getOverview(c.ctx, { by: 'coord-arn' });
    expect(o.scope).toBe('pilot');
    // coord-arn coordinates Arnhem only (the roster's `municipalities`); Doesburg and Duiven have their own.
    expect(names(o)).toEqual(['Arnhem']);

    expect(of(o, 'Arnhem')).toEqual({
      municipality: 'Arnhem',
      cases: 2,
      perStage: { COURT: 1, SIGNAL: 1 },
      stalled: [{ caseRef: p.a1, timers: ['T6'] }],
      escalationsPerLevel: { L0: 1, L1: 0, L2: 0, L3: 0 }, // a2's; a1's is resolved
      openHandovers: 1, // a1's H5; the closed case's H5 was cancelled
      // a1 waits since Wed 05-13: Fri 15, Mon 18, Tue 19, Wed 20, Thu 21, Fri 22 (Hemelvaart Thu 05-14 skipped).
      waiting: {
        cases: 1,
        longestWorkingDays: 6,
        perGi: [{ gi: 'Jeugdbescherming Gelderland', cases: 1, longestWorkingDays: 6 }],
      },
    });
    const doesburg = getOverview(c.ctx, { by: 'coord-doe' });
    expect(names(doesburg)).toEqual(['Doesburg']);
    expect(of(doesburg, 'Doesburg')).toEqual({
      municipality: 'Doesburg',
      cases: 1,
      perStage: { LT_VOLUNTARY: 1 },
      stalled: [],
      escalationsPerLevel: { L0: 0, L1: 1, L2: 0, L3: 0 },
      openHandovers: 0,
      waiting: { cases: 0, longestWorkingDays: 0, perGi: [] },
    });
    expect(of(getOverview(c.ctx, { by: 'coord-dui' }), 'Duiven')).toMatchObject({
      cases: 1,
      perStage: { SIGNAL: 1 },
      stalled: [],
      openHandovers: 0,
    });
    expect(JSON.stringify(o)).not.toContain(p.closed);
  });

  it('stalled means an open timer past its due date: not on the due day itself, not once it is completed', () => {
    const c = context('2026-05-13T10:00');
    const p = pilot(c);
    c.setNow('2026-05-21T16:00');
    expect(getOverview(c.ctx, { by: 'coord-arn' }).municipalities.flatMap((m) => m.stalled)).toEqual([]);
    c.setNow('2026-05-22T09:00');
    expect(getOverview(c.ctx, { by: 'coord-arn' }).municipalities.flatMap((m) => m.stalled)).toEqual([
      { caseRef: p.a1, timers: ['T6'] },
    ]);
    recordEvent(c.ctx, {
      by: 'gi-arn',
      caseRef: p.a1,
      event: 'jeugdbeschermer_assigned',
      fields: { member: 'gi-arn' },
    });
    expect(getOverview(c.ctx, { by: 'coord-arn' }).municipalities.flatMap((m) => m.stalled)).toEqual([]);
    // Weeks later several timers are past due at once; the stalled entry lists each.
    c.setNow('2026-07-15T09:00');
    const stalled = getOverview(c.ctx, { by: 'coord-arn' }).municipalities.flatMap((m) => m.stalled);
    expect(stalled.find((s) => s.caseRef === p.a1)!.timers.sort()).toEqual(['DECISION', 'T12', 'T13', 'T7']); // the escalation decision's deadline (06-30) too
  });

  it('a team lead sees only the cases with a member of their own organisation', () => {
    const c = context('2026-05-13T10:00');
    const p = pilot(c);
    c.setNow('2026-05-22T09:00');

    // Stichting Wijkteams Arnhem: the Arnhem cases, and the Doesburg case where lt-arn-2 joined; not Duiven.
    const arnhem = getOverview(c.ctx, { by: 'lead-lt-arn' });
    expect(arnhem.scope).toEqual({ org: 'LT', orgName: 'Stichting Wijkteams Arnhem' });
    expect(names(arnhem)).toEqual(['Arnhem', 'Doesburg']);
    expect(of(arnhem, 'Arnhem').cases).toBe(2);
    expect(of(arnhem, 'Arnhem').stalled).toEqual([{ caseRef: p.a1, timers: ['T6'] }]);
    expect(JSON.stringify(arnhem)).not.toContain(p.u1);

    // CJG Doesburg: only its own municipality's case.
    const doesburg = getOverview(c.ctx, { by: 'lead-lt-doe' });
    expect(names(doesburg)).toEqual(['Doesburg']);
    expect(of(doesburg, 'Doesburg').escalationsPerLevel).toEqual({ L0: 0, L1: 1, L2: 0, L3: 0 });

    // Jeugdbescherming Gelderland sits on every case (the GI is a fixed face everywhere).
    expect(names(getOverview(c.ctx, { by: 'lead-gi-1' }))).toEqual(['Arnhem', 'Doesburg', 'Duiven']);

    // Once lt-arn-2 has left the Doesburg case, Wijkteams Arnhem no longer sits on it.
    removeMember(c.ctx, { by: 'lt-arn-2', caseRef: p.d1, member: 'lt-arn-2', reason: 'vervanging voorbij' });
    expect(names(getOverview(c.ctx, { by: 'lead-lt-arn' }))).toEqual(['Arnhem']);
  });

  it('counts a worrying-conduct escalation for a pilot coordinator, not for a team lead', () => {
    const c = context('2026-05-13T10:00');
    const p = pilot(c);
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: p.a2,
      trigger: 'NEGLIGENT_CONDUCT',
      question: 'Afspraken over huisbezoeken worden niet nagekomen.',
    });
    // a2 already has an open L0 (professional dilemma); the worrying-conduct one starts at L1.
    expect(of(getOverview(c.ctx, { by: 'coord-arn' }), 'Arnhem').escalationsPerLevel).toEqual({
      L0: 1,
      L1: 1,
      L2: 0,
      L3: 0,
    });
    expect(of(getOverview(c.ctx, { by: 'lead-lt-arn' }), 'Arnhem').escalationsPerLevel).toEqual({
      L0: 1,
      L1: 0,
      L2: 0,
      L3: 0,
    });
  });

  it('can be narrowed to one municipality, and is refused to professionals', () => {
    const c = context('2026-05-13T10:00');
    pilot(c);
    expect(names(getOverview(c.ctx, { by: 'coord-doe', municipality: 'doesburg' }))).toEqual(['Doesburg']);
    expect(names(getOverview(c.ctx, { by: 'coord-arn', municipality: 'doesburg' }))).toEqual([]); // not their pilot
    expect(names(getOverview(c.ctx, { by: 'lead-lt-doe', municipality: 'Arnhem' }))).toEqual([]);
    expect(() => getOverview(c.ctx, { by: 'lt-arn' })).toThrow(/OVERVIEW_NOT_ALLOWED/);
    expect(() => getOverview(c.ctx, { by: 'gw-lt-arn' })).toThrow(/OVERVIEW_NOT_ALLOWED/);
    expect(() => getOverview(c.ctx, { by: 'onbekend' })).toThrow(/UNKNOWN_MEMBER/);
  });
});

describe('overzicht: cases waiting for a jeugdbeschermer, per municipality and per GI', () => {
  // A second, fictional GI: its professional gi-vb is Doesburg's fixed GI face and joins one Arnhem case as well.
  // Zevenaar has no fixed GI face at all, so its case has no GI.
  const VB = 'Jeugdbescherming Voorbeeld (fictief)';
  const GLD = 'Jeugdbescherming Gelderland';
  const roster = demoRosterWith((r) => {
    r.members.push(
      { id: 'lead-gi-vb', name: 'Lotte Voorbeeld (fictief)', org: 'GI', orgName: VB, role: 'team_lead' },
      {
        id: 'gi-vb',
        name: 'Mees Voorbeeld (fictief)',
        org: 'GI',
        orgName: VB,
        role: 'professional',
        lead: 'lead-gi-vb',
      },
    );
    r.fixedTeams['Doesburg']!.GI = 'gi-vb';
    delete r.fixedTeams['Zevenaar']!.GI;
  });
  const measure = (c: TestContext, by: string, ref: string) =>
    recordEvent(c.ctx, { by, caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS', months: 12 } });

  /** September 2026 has no public holidays. Each case's measure date and its wait on Tue 09-15 are in the comments. */
  function waitingPilot() {
    const c = context.track(aContext({ now: '2026-09-07T10:00', roster }));
    const open = (by: string, municipality: string) => openCase(c.ctx, { by, municipality }).ref;
    const a1 = open('lt-arn', 'Arnhem');
    measure(c, 'rvdk-arn', a1); // Mon 09-07 → 8, 9, 10, 11, 14, 15: 6 wd; GI Gelderland (gi-arn)
    const a3 = open('lt-arn', 'Arnhem');
    measure(c, 'rvdk-arn', a3); // assigned on Wed 09-09: not waiting
    const u1 = open('lt-dui', 'Duiven');
    measure(c, 'rvdk-dui', u1); // Mon 09-07 → 6 wd; Gelderland
    const closed = open('lt-arn', 'Arnhem');
    measure(c, 'rvdk-arn', closed); // closed on Wed 09-09: never counted
    c.setNow('2026-09-08T10:00');
    const d1 = open('lt-doe', 'Doesburg');
    measure(c, 'rvdk-doe', d1); // Tue 09-08 → 9, 10, 11, 14, 15: 5 wd; Voorbeeld (the fixed face gi-vb)
    c.setNow('2026-09-09T10:00');
    recordEvent(c.ctx, { by: 'gi-arn', caseRef: a3, event: 'jeugdbeschermer_assigned', fields: { member: 'gi-arn' } });
    closeCase(c.ctx, { by: 'lt-arn', caseRef: closed });
    const z1 = open('lt-zev', 'Zevenaar');
    measure(c, 'rvdk-zev', z1); // Wed 09-09 → 10, 11, 14, 15: 4 wd; no GI member, no fixed GI face
    c.setNow('2026-09-10T10:00');
    const a2 = open('lt-arn', 'Arnhem');
    measure(c, 'rvdk-arn', a2); // Thu 09-10 → 11, 14, 15: 3 wd; Gelderland
    c.setNow('2026-09-11T10:00');
    const a4 = open('lt-arn', 'Arnhem');
    addMember(c.ctx, { by: 'lt-arn', caseRef: a4, member: 'gi-vb', reason: 'kent de situatie' });
    measure(c, 'rvdk-arn', a4); // Fri 09-11 → 14, 15: 2 wd; Voorbeeld: gi-vb joined after the fixed face gi-arn
    c.setNow('2026-09-15T10:00');
    return { c, refs: [a1, a2, a3, a4, u1, d1, z1, closed] };
  }

  it("a pilot coordinator: their municipalities' waiting cases, the longest wait, per GI; no reference", () => {
    const { c, refs } = waitingPilot();
    const o = getOverview(c.ctx, { by: 'coord-arn' });
    expect(of(o, 'Arnhem').waiting).toEqual({
      cases: 3, // a1, a2, a4
      longestWorkingDays: 6,
      perGi: [
        { gi: GLD, cases: 2, longestWorkingDays: 6 },
        { gi: VB, cases: 1, longestWorkingDays: 2 },
      ],
    });
    expect(o.waitingPerGi).toEqual([
      { gi: GLD, cases: 2, longestWorkingDays: 6, perMunicipality: [{ municipality: 'Arnhem', cases: 2 }] },
      { gi: VB, cases: 1, longestWorkingDays: 2, perMunicipality: [{ municipality: 'Arnhem', cases: 1 }] },
    ]);
    // Aggregates only: the waiting cases appear by reference nowhere but in `stalled` (T6 of a1 and d1 was due
    // 09-14 and 09-15; a1's is past due, so a1 is stalled — as before).
    const waitingPart = JSON.stringify([o.waitingPerGi, o.municipalities.map((m) => m.waiting)]);
    for (const ref of refs) expect(waitingPart).not.toContain(ref);

    // Liemers: Duiven's case (Gelderland) and Zevenaar's, which has no GI (listed last).
    const liemers = getOverview(c.ctx, { by: 'coord-liemers' });
    expect(liemers.municipalities.map((m) => [m.municipality, m.waiting.cases, m.waiting.longestWorkingDays])).toEqual([
      ['Duiven', 1, 6],
      ['Zevenaar', 1, 4],
    ]);
    expect(liemers.waitingPerGi).toEqual([
      { gi: GLD, cases: 1, longestWorkingDays: 6, perMunicipality: [{ municipality: 'Duiven', cases: 1 }] },
      { gi: null, cases: 1, longestWorkingDays: 4, perMunicipality: [{ municipality: 'Zevenaar', cases: 1 }] },
    ]);
    // Narrowed to one municipality, the per-GI list is of that municipality only.
    expect(getOverview(c.ctx, { by: 'coord-liemers', municipality: 'zevenaar' }).waitingPerGi).toEqual([
      { gi: null, cases: 1, longestWorkingDays: 4, perMunicipality: [{ municipality: 'Zevenaar', cases: 1 }] },
    ]);
    expect(of(getOverview(c.ctx, { by: 'coord-doe' }), 'Doesburg').waiting).toEqual({
      cases: 1,
      longestWorkingDays: 5,
      perGi: [{ gi: VB, cases: 1, longestWorkingDays: 5 }],
    });
  });

  it('a team lead: the waiting cases on which their organisation sits, whichever GI they wait for', () => {
    const { c } = waitingPilot();
    // Voorbeeld sits on a4 (gi-vb joined) and d1 (its fixed face).
    const vb = getOverview(c.ctx, { by: 'lead-gi-vb' });
    expect(vb.scope).toEqual({ org: 'GI', orgName: VB });
    expect(vb.waitingPerGi).toEqual([
      {
        gi: VB,
        cases: 2,
        longestWorkingDays: 5,
        perMunicipality: [
          { municipality: 'Arnhem', cases: 1 },
          { municipality: 'Doesburg', cases: 1 },
        ],
      },
    ]);
    // Gelderland sits on a1, a2, a4 (gi-arn is still on it) and u1; not on d1 or z1. a4 waits for Voorbeeld's gi-vb.
    const gld = getOverview(c.ctx, { by: 'lead-gi-1' });
    expect(gld.waitingPerGi.map((g) => [g.gi, g.cases, g.longestWorkingDays])).toEqual([
      [GLD, 3, 6],
      [VB, 1, 2],
    ]);
    expect(gld.municipalities.map((m) => [m.municipality, m.waiting.cases])).toEqual([
      ['Arnhem', 3],
      ['Duiven', 1],
    ]);
    // The Lokaal Team of Zevenaar sees its own case only.
    expect(getOverview(c.ctx, { by: 'lead-lt-zev' }).waitingPerGi).toEqual([
      { gi: null, cases: 1, longestWorkingDays: 4, perMunicipality: [{ municipality: 'Zevenaar', cases: 1 }] },
    ]);
  });

  it('a case stops waiting at the assignment; the longest wait is then the next one', () => {
    const { c, refs } = waitingPilot();
    recordEvent(c.ctx, {
      by: 'gi-arn',
      caseRef: refs[0]!,
      event: 'jeugdbeschermer_assigned',
      fields: { member: 'gi-arn' },
    });
    expect(of(getOverview(c.ctx, { by: 'coord-arn' }), 'Arnhem').waiting).toEqual({
      cases: 2, // a2 (3 wd) and a4 (2 wd)
      longestWorkingDays: 3,
      perGi: [
        { gi: GLD, cases: 1, longestWorkingDays: 3 },
        { gi: VB, cases: 1, longestWorkingDays: 2 },
      ],
    });
  });
});
