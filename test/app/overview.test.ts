import { describe, expect, it } from 'vitest';
import { addMember, removeMember } from '../../src/app/change-membership.js';
import { closeCase } from '../../src/app/close-case.js';
import { escalateFurther, recordDecision } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { openCase } from '../../src/app/open-case.js';
import { getOverview, type Overview } from '../../src/app/queries/get-overview.js';
import { recordEvent } from '../../src/app/record-event.js';
import { setStage } from '../../src/app/set-stage.js';
import { type TestContext, closedAfterEach } from './test-context.js';

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
