import { describe, expect, it } from 'vitest';
import { replaceMember } from '../../src/app/change-membership.js';
import { addReflection } from '../../src/app/escalations/add-reflection.js';
import { escalateFurther, recordDecision, withdrawEscalation } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { openCase } from '../../src/app/open-case.js';
import { learningAgenda } from '../../src/app/queries/learning-agenda.js';
import { LEARNING_REFUSAL } from '../../src/app/queries/learning-access.js';
import { recordEvent } from '../../src/app/record-event.js';
import { runTick } from '../../src/app/run-tick.js';
import { closedAfterEach, type TestContext } from './test-context.js';

// Issue 17 item 9: "`leren <gemeente> [van] [tot]` gives pilot coordinators and the municipality's team leads an
// anonymised agenda for a local learning group (reflections, triggers, median time to a decision, the norms missed
// most, JB changes per case)". On real SQLite with the demo roster and a clock the test moves.

const context = closedAfterEach();

const SEPTEMBER = { from: '2026-09-01', to: '2026-09-30' };
const CASE_REF = /CG-[A-Z]{3}-\d{4}-\d{4}/;

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    const e = err as { code?: string; userMessage?: string };
    return e.code ? `${e.code}: ${e.userMessage}` : String(err);
  }
  return 'no refusal';
}

interface History {
  a: string; // Arnhem: a dilemma decided after 3 wd with two reflections, a withdrawn one, a worrying-conduct one decided after 2 wd
  b: string; // Arnhem: jeugdbeschermer gi-arn, replaced by gi-arn-2 on 09-21 (one JB change)
  c: string; // Arnhem: T6 missed, its automatic escalation ends by itself at the assignment on 09-14 (a reflection on it)
}

/**
 * September 2026 in Arnhem, plus what the agenda must leave out: an Arnhem escalation decided in August and a Renkum one
 * decided in September, each with a reflection.
 */
function buildHistory(c: TestContext): History {
  c.setNow('2026-08-03T10:00');
  const august = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  raiseEscalation(c.ctx, {
    by: 'lt-arn',
    caseRef: august,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Wie?',
    orgs: ['LT', 'VT'],
  });
  c.setNow('2026-08-05T10:00');
  recordDecision(c.ctx, { by: 'lt-arn', caseRef: august, decision: 'LT', owner: 'lt-arn', deadline: '2026-08-19' });
  addReflection(c.ctx, { by: 'vt-arn', caseRef: august, escalation: { raised: 1 }, reflection: 'Augustus-reflectie' });

  // Case C: a measure on Tue 09-01 and no jeugdbeschermer: T6 (5 wd) is due Tue 09-08, overdue Wed 09-09, escalates Fri 09-11.
  c.setNow('2026-09-01T10:00');
  const cc = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  recordEvent(c.ctx, {
    by: 'rvdk-arn',
    caseRef: cc,
    event: 'measure_pronounced',
    fields: { measure: 'OTS', months: 12 },
  });
  // Case B: the same measure, with a jeugdbeschermer the next day.
  const b = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  recordEvent(c.ctx, {
    by: 'rvdk-arn',
    caseRef: b,
    event: 'measure_pronounced',
    fields: { measure: 'OTS', months: 12 },
  });
  c.setNow('2026-09-02T10:00');
  recordEvent(c.ctx, { by: 'gi-arn', caseRef: b, event: 'jeugdbeschermer_assigned', fields: { member: 'gi-arn' } });

  // Case A.
  c.setNow('2026-09-07T10:00');
  const a = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  raiseEscalation(c.ctx, {
    by: 'lt-arn',
    caseRef: a,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Is vrijwillige hulp nog verantwoord?',
    orgs: ['LT', 'VT'],
  });
  c.setNow('2026-09-08T10:00');
  escalateFurther(c.ctx, { by: 'vt-arn', caseRef: a, escalation: { raised: 1 } });
  c.setNow('2026-09-10T10:00');
  recordDecision(c.ctx, {
    by: 'lead-lt-arn',
    caseRef: a,
    escalation: { raised: 1 },
    decision: 'LT en VT plannen samen een gesprek',
    owner: 'lt-arn',
    deadline: '2026-09-24',
  });
  c.setNow('2026-09-11T09:00');
  runTick(c.ctx); // C's T6: remind, overdue (09-09) and escalate (09-11, 08:30)
  addReflection(c.ctx, { by: 'vt-arn', caseRef: a, escalation: { raised: 1 }, reflection: 'Eerder samen om tafel.' });
  c.setNow('2026-09-14T10:00');
  addReflection(c.ctx, {
    by: 'lt-arn',
    caseRef: a,
    escalation: { raised: 1 },
    reflection: 'Sneller de teamleiders erbij.',
  });
  recordEvent(c.ctx, { by: 'gi-arn', caseRef: cc, event: 'jeugdbeschermer_assigned', fields: { member: 'gi-arn' } });
  raiseEscalation(c.ctx, {
    by: 'vt-arn',
    caseRef: a,
    trigger: 'AGREEMENTS_NOT_FOLLOWED',
    question: 'Wie belt de school?',
    orgs: ['VT', 'LT'],
  });
  c.setNow('2026-09-15T10:00');
  addReflection(c.ctx, { by: 'gi-arn', caseRef: cc, reflection: 'Sneller een jeugdbeschermer toewijzen.' });
  withdrawEscalation(c.ctx, { by: 'vt-arn', caseRef: a, escalation: { raised: 2 }, reason: 'Al geregeld' });
  c.setNow('2026-09-16T10:00');
  raiseEscalation(c.ctx, {
    by: 'lt-arn',
    caseRef: a,
    trigger: 'NEGLIGENT_CONDUCT',
    question: 'Afspraken over huisbezoeken worden niet nagekomen.',
  });
  c.setNow('2026-09-18T10:00');
  recordDecision(c.ctx, {
    by: 'lead-lt-arn',
    caseRef: a,
    escalation: { raised: 3 },
    decision: 'Gesprek met de collega',
    owner: 'lead-lt-arn',
    deadline: '2026-09-25',
  });

  // Renkum, the same month: not Arnhem's.
  c.setNow('2026-09-07T11:00');
  const renkum = openCase(c.ctx, { by: 'lt-ren', municipality: 'Renkum' }).ref;
  raiseEscalation(c.ctx, {
    by: 'lt-ren',
    caseRef: renkum,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Wie?',
    orgs: ['LT', 'VT'],
  });
  c.setNow('2026-09-18T11:00');
  recordDecision(c.ctx, { by: 'vt-ren', caseRef: renkum, decision: 'VT', owner: 'vt-ren', deadline: '2026-09-30' });
  addReflection(c.ctx, { by: 'lt-ren', caseRef: renkum, escalation: { raised: 1 }, reflection: 'Renkum-reflectie' });

  c.setNow('2026-09-21T10:00');
  replaceMember(c.ctx, { by: 'lead-gi-1', caseRef: b, member: 'gi-arn', successor: 'gi-arn-2', reason: 'ziekte' });
  c.setNow('2026-10-01T10:00');
  return { a, b, c: cc };
}

describe('the learning agenda of a municipality (real SQLite)', () => {
  it('sets up what the expectations rest on: C escalated automatically and ended by itself at the assignment', () => {
    const c = context('2026-08-03T10:00');
    const h = buildHistory(c);
    const [auto] = c.ctx.store.escalations.ofCase(c.ctx.store.cases.byRef(h.c)!.id);
    expect([auto?.source, auto?.level, auto?.state, auto?.decisionOwner]).toEqual(['timer', 'L1', 'resolved', null]);
    expect(c.ctx.calendar.localDate(auto!.closedAt!)).toBe('2026-09-14');
  });

  it("a pilot coordinator's agenda: reflections, triggers, median time to a decision, missed norms, JB changes", () => {
    const c = context('2026-08-03T10:00');
    buildHistory(c);
    const agenda = learningAgenda(c.ctx, { by: 'coord-arn', municipality: 'arnhem', ...SEPTEMBER });
    expect(agenda).toEqual({
      municipality: 'Arnhem',
      ...SEPTEMBER,
      withWorryingConduct: true,
      escalations: {
        closed: 4,
        decided: 2,
        selfResolved: 1,
        withdrawn: 1,
        perTrigger: [
          { trigger: 'PROFESSIONAL_DILEMMA', manual: 1, automatic: 0 },
          { trigger: 'AGREEMENTS_NOT_FOLLOWED', manual: 1, automatic: 1 },
          { trigger: 'NEGLIGENT_CONDUCT', manual: 1, automatic: 0 },
        ],
        perLevel: { L0: 1, L1: 3, L2: 0, L3: 0 },
      },
      // Mon 09-07 → Thu 09-10 is 3 wd; Wed 09-16 → Fri 09-18 is 2 wd.
      timeToDecision: { median: 2.5, n: 2 },
      reflections: [
        { trigger: 'AGREEMENTS_NOT_FOLLOWED', text: 'Sneller een jeugdbeschermer toewijzen.' },
        { trigger: 'PROFESSIONAL_DILEMMA', text: 'Sneller de teamleiders erbij.' },
        { trigger: 'PROFESSIONAL_DILEMMA', text: 'Eerder samen om tafel.' },
      ],
      // C's T6 (overdue Wed 09-09), and the August case's silence: T13 due Mon 08-31, overdue Tue 09-01.
      missedNorms: [
        { timer: 'T6', label: 'Jeugdbeschermer toegewezen', times: 1, cases: 1 },
        { timer: 'T13', label: 'Stilte in de casus', times: 1, cases: 1 },
      ],
      jbChanges: { cases: 2, withoutChange: 1, oneChange: 1, moreChanges: 0, changes: 1 },
    });
  });

  it("a team lead's agenda leaves worrying conduct out entirely", () => {
    const c = context('2026-08-03T10:00');
    buildHistory(c);
    const agenda = learningAgenda(c.ctx, { by: 'lead-lt-arn', municipality: 'Arnhem', ...SEPTEMBER });
    expect(agenda.withWorryingConduct).toBe(false);
    expect(agenda.escalations).toEqual({
      closed: 3,
      decided: 1,
      selfResolved: 1,
      withdrawn: 1,
      perTrigger: [
        { trigger: 'PROFESSIONAL_DILEMMA', manual: 1, automatic: 0 },
        { trigger: 'AGREEMENTS_NOT_FOLLOWED', manual: 1, automatic: 1 },
      ],
      perLevel: { L0: 1, L1: 2, L2: 0, L3: 0 },
    });
    expect(agenda.timeToDecision).toEqual({ median: 3, n: 1 });
    expect(agenda.reflections).toHaveLength(3);
  });

  it('is anonymised: no case reference, no person, no question or decision of a case', () => {
    const c = context('2026-08-03T10:00');
    const h = buildHistory(c);
    const text = JSON.stringify(learningAgenda(c.ctx, { by: 'coord-arn', municipality: 'Arnhem', ...SEPTEMBER }));
    expect(text).not.toMatch(CASE_REF);
    for (const ref of Object.values(h)) expect(text).not.toContain(ref);
    for (const id of ['lt-arn', 'vt-arn', 'gi-arn', 'lead-lt-arn', 'rvdk-arn']) expect(text).not.toContain(`"${id}"`);
    for (const name of c.ctx.roster.members.map((m) => m.name)) expect(text).not.toContain(name);
    for (const content of [
      'Is vrijwillige hulp',
      'plannen samen',
      'huisbezoeken',
      'Gesprek met de collega',
      'Al geregeld',
    ])
      expect(text).not.toContain(content);
  });

  it('keeps to its period: without dates the current month and the two before it, until today', () => {
    const c = context('2026-08-03T10:00');
    buildHistory(c);
    c.setNow('2026-10-20T10:00');
    const recent = learningAgenda(c.ctx, { by: 'coord-arn', municipality: 'Arnhem' });
    expect([recent.from, recent.to]).toEqual(['2026-08-01', '2026-10-20']);
    expect(recent.reflections.map((r) => r.text)).toContain('Augustus-reflectie');
    const october = learningAgenda(c.ctx, { by: 'coord-arn', municipality: 'Arnhem', from: '2026-10-01' });
    expect([october.to, october.escalations.closed, october.reflections, october.missedNorms]).toEqual([
      '2026-10-20',
      0,
      [],
      [],
    ]);
    expect(october.timeToDecision).toEqual({ median: null, n: 0 });
    // The JB of B and C are still on their cases in October: two cases, no changes then.
    expect(october.jbChanges).toEqual({ cases: 2, withoutChange: 2, oneChange: 0, moreChanges: 0, changes: 0 });
    expect(
      refusal(() =>
        learningAgenda(c.ctx, { by: 'coord-arn', municipality: 'Arnhem', from: '2026-10-02', to: '2026-10-01' }),
      ),
    ).toBe('BAD_DATE: De begindatum ligt na de einddatum; kies een begin vóór het einde.');
  });

  it('counts a change of jeugdbeschermer by reassignment or replacement, not a GI colleague replaced, in the period only', () => {
    const c = context('2026-08-31T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref; // gi-arn is the GI fixed face
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    recordEvent(c.ctx, {
      by: 'gi-arn',
      caseRef: ref,
      event: 'jeugdbeschermer_assigned',
      fields: { member: 'gi-arn-2' },
    });
    c.setNow('2026-09-03T10:00');
    replaceMember(c.ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn', successor: 'gi-doe', reason: 'rooster' }); // not the JB
    c.setNow('2026-09-10T10:00');
    replaceMember(c.ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn-2', successor: 'gi-dui', reason: 'ziekte' }); // 1
    c.setNow('2026-09-24T10:00');
    recordEvent(c.ctx, { by: 'gi-dui', caseRef: ref, event: 'jeugdbeschermer_assigned', fields: { member: 'gi-ren' } }); // 2
    c.setNow('2026-10-05T10:00');
    const jb = (from: string, to: string) =>
      learningAgenda(c.ctx, { by: 'coord-arn', municipality: 'Arnhem', from, to }).jbChanges;
    expect(jb('2026-09-01', '2026-09-30')).toEqual({
      cases: 1,
      withoutChange: 0,
      oneChange: 0,
      moreChanges: 1,
      changes: 2,
    });
    expect(jb('2026-09-15', '2026-09-30')).toEqual({
      cases: 1,
      withoutChange: 0,
      oneChange: 1,
      moreChanges: 0,
      changes: 1,
    });
    expect(jb('2026-08-01', '2026-08-30')).toEqual({
      cases: 0,
      withoutChange: 0,
      oneChange: 0,
      moreChanges: 0,
      changes: 0,
    });
  });

  it('only the pilot coordinators of the municipality and the team leads of organisations working there; others get one refusal', () => {
    const c = context('2026-08-03T10:00');
    buildHistory(c);
    const ask =
      (by: string, municipality = 'Arnhem') =>
      () =>
        learningAgenda(c.ctx, { by, municipality, ...SEPTEMBER }).municipality;
    expect(ask('coord-arn')()).toBe('Arnhem');
    expect(ask('lead-lt-arn')()).toBe('Arnhem'); // the Arnhem wijkteams
    expect(ask('lead-vt-1')()).toBe('Arnhem'); // Veilig Thuis Gelderland-Midden works in Arnhem
    expect(ask('lead-jbt-cg')()).toBe('Arnhem'); // the table of Centraal Gelderland
    expect(ask('coord-liemers', 'Zevenaar')()).toBe('Zevenaar');
    const refused = `NOT_ALLOWED: ${LEARNING_REFUSAL}`;
    for (const [by, municipality] of [
      ['coord-liemers', 'Arnhem'], // a coordinator of another pilot
      ['lead-lt-ren', 'Arnhem'], // the Renkum team works elsewhere
      ['lt-arn', 'Arnhem'], // a professional
      ['mgr-lt-arn', 'Arnhem'], // a manager
      ['ret-cg', 'Arnhem'],
    ] as const)
      expect(refusal(ask(by, municipality)), by).toBe(refused);
    expect(refusal(ask('coord-arn', 'Atlantis'))).toMatch(
      /^UNKNOWN_MUNICIPALITY: Die gemeente staat niet in het rooster/,
    );
    expect(refusal(ask('lt-arn', 'Atlantis'))).toBe(refused);
  });
});
