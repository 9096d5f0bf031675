import type { EscalationPick } from '../../src/app/escalations/escalation-pick.js';
import { describe, expect, it } from 'vitest';
import { loadCaseToChange, loadVisibleCase } from '../../src/app/case-access.js';
import { addMember, removeMember, replaceMember } from '../../src/app/change-membership.js';
import { closeCase } from '../../src/app/close-case.js';
import { escalateFurther, recordDecision, withdrawEscalation } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { reportAcuteDanger } from '../../src/app/escalations/report-acute-danger.js';
import { acceptHandover, checkItem, getHandover, startHandover } from '../../src/app/handovers/handover-actions.js';
import { openCase } from '../../src/app/open-case.js';
import { exportCaseHistory } from '../../src/app/queries/export-case-history.js';
import { viewCaseOnRecord } from '../../src/app/queries/get-case-view.js';
import { getOverview } from '../../src/app/queries/get-overview.js';
import { recordEvent } from '../../src/app/record-event.js';
import { runTick } from '../../src/app/run-tick.js';
import { setCoordinator } from '../../src/app/set-coordinator.js';
import { setStage } from '../../src/app/set-stage.js';
import { acknowledgeTimer, postponeTimer } from '../../src/app/timer-actions.js';
import { DomainError, NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import { at, type TestContext, closedAfterEach } from './test-context.js';

// Need-to-know, use case by use case, on a real SQLite with the real migrations, the demo roster and a clock the test
// moves (domain.md §7 and §4.4 "Access"; docs/behaviour.md "Who may see a case").
//
// The demo roster, as far as these tests lean on it:
// - Arnhem's fixed faces lt-arn (lead lead-lt-arn → mgr-lt-arn → dir-lt), vt-arn (lead-vt-1 → mgr-vt → dir-vt),
//   gi-arn (lead-gi-1 → mgr-gi → dir-gi), rvdk-arn (lead-rvdk-1 → mgr-rvdk → dir-rvdk). No JBT face.
// - lt-arn-2 (lead-lt-arn) and gi-arn-2 (lead-gi-1): colleagues of Arnhem's faces who are not faces themselves.
// - Doesburg: lt-doe (lead-lt-doe → mgr-lt-doe → dir-lt); vt-doe (lead-vt-1), gi-doe (lead-gi-1).
// - Zevenaar: vt-zev (lead-vt-2), gi-zev (lead-gi-2): leads who are not the lead of any Arnhem face.
// - Pilot coordinators coord-arn (Arnhem), coord-doe (Doesburg), coord-zev (Zevenaar).
//
// A case opened by lt-arn in Arnhem at SIGNAL has the four Arnhem faces as its team and lt-arn as its coordinator.

const context = closedAfterEach();

const NOW = '2026-09-17T10:00'; // Thursday
const MISSING_REF = 'CG-ARN-2026-9999';
const NO_OPEN_ESCALATION_TEXT = 'Er is geen open escalatie (meer) om te behandelen.';

/** Every row of every table: a refused step must leave all of it as it was (no audit entry, no record, no message). */
function snapshot(c: TestContext): string {
  const tables = c.database.sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .all() as Array<{ name: string }>;
  return JSON.stringify(tables.map(({ name }) => [name, c.database.sqlite.prepare(`SELECT * FROM "${name}"`).all()]));
}

/**
 * Runs a step and says how it ended: 'ok', or the refusal's code — with ' (WROTE)' appended when a refused step changed
 * anything in the database, so a matrix shows both in one diff.
 */
function attempt(c: TestContext, step: () => unknown): string {
  const before = snapshot(c);
  try {
    step();
    return 'ok';
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return snapshot(c) === before ? e.code : `${e.code} (WROTE)`;
  }
}

/** The refusal a step gets (failing the test when it is accepted), and that it wrote nothing. */
function refusal(c: TestContext, step: () => unknown): { code: string; message: string } {
  const before = snapshot(c);
  let error: unknown;
  try {
    step();
  } catch (e) {
    error = e;
  }
  expect(error, 'the step was accepted, but should have been refused').toBeInstanceOf(DomainError);
  expect(snapshot(c) === before, 'a refused step wrote to the database').toBe(true);
  const e = error as DomainError;
  return { code: e.code, message: e.userMessage };
}

const NOT_FOUND = { code: 'NOT_FOUND_OR_NO_ACCESS', message: NOT_FOUND_OR_NO_ACCESS };

function arnhemCase(c: TestContext, by = 'lt-arn'): { ref: string; id: number } {
  const ref = openCase(c.ctx, { by, municipality: 'Arnhem' }).ref;
  return { ref, id: c.ctx.store.cases.byRef(ref)!.id };
}

const membersOf = (c: TestContext, id: number) =>
  c.ctx.store.cases
    .currentMembers(id)
    .map((m) => m.memberId)
    .sort();

const ARNHEM_FACES = ['gi-arn', 'lt-arn', 'rvdk-arn', 'vt-arn'];

const viewsOf = (c: TestContext, caseId: number) =>
  c.ctx.store
    .auditOf(caseId)
    .filter((a) => a.action === 'case.viewed')
    .map((a) => a.actor);

describe('who sees a case (viewCaseOnRecord, loadVisibleCase) on real SQLite', () => {
  it('a matrix of roster people × an Arnhem case opened by lt-arn: members, their lead chains and the pilot coordinator', () => {
    const c = context(NOW);
    const { ref, id } = arnhemCase(c);
    const expected: Record<string, string> = {
      // Current members see the case.
      'lt-arn': 'ok',
      'vt-arn': 'ok',
      'gi-arn': 'ok',
      'rvdk-arn': 'ok',
      // A team lead sees it while someone they lead directly is a current member (and they lead the Arnhem faces).
      'lead-lt-arn': 'ok',
      'lead-vt-1': 'ok',
      'lead-gi-1': 'ok',
      'lead-rvdk-1': 'ok',
      // ... or further down the chain: managers and directors of the members.
      'mgr-lt-arn': 'ok',
      'dir-lt': 'ok',
      'mgr-vt': 'ok',
      'dir-vt': 'ok',
      'mgr-gi': 'ok',
      'dir-rvdk': 'ok',
      // The pilot coordinator of the case's municipality sees it, without being a member.
      'coord-arn': 'ok',
      // Pilot coordinators of other municipalities see only their own pilot's cases.
      'coord-doe': 'NOT_FOUND_OR_NO_ACCESS',
      'coord-zev': 'NOT_FOUND_OR_NO_ACCESS',
      // Professionals who are not on the team see nothing — also a colleague under the same lead as a member,
      // the same organisation's face of another municipality, and a gedragswetenschapper of the member's team.
      'lt-arn-2': 'NOT_FOUND_OR_NO_ACCESS',
      'gi-arn-2': 'NOT_FOUND_OR_NO_ACCESS',
      'lt-doe': 'NOT_FOUND_OR_NO_ACCESS',
      'vt-doe': 'NOT_FOUND_OR_NO_ACCESS',
      'gw-lt-arn': 'NOT_FOUND_OR_NO_ACCESS',
      // Leads, managers who lead nobody on the case and are no lead of an Arnhem face.
      'lead-lt-doe': 'NOT_FOUND_OR_NO_ACCESS',
      'mgr-lt-doe': 'NOT_FOUND_OR_NO_ACCESS',
      'lead-vt-2': 'NOT_FOUND_OR_NO_ACCESS',
      'lead-gi-2': 'NOT_FOUND_OR_NO_ACCESS',
      'lead-rvdk-2': 'NOT_FOUND_OR_NO_ACCESS',
      'mgr-lt-zev': 'NOT_FOUND_OR_NO_ACCESS',
    };
    const actual = Object.fromEntries(
      Object.keys(expected).map((who) => [who, attempt(c, () => viewCaseOnRecord(c.ctx, who, ref))]),
    );
    expect(actual).toEqual(expected);
    // Every view that was allowed is on record (domain.md §7: every read goes into the audit log); the refused ones
    // are not (attempt checked that they wrote nothing).
    const allowed = Object.keys(expected).filter((who) => expected[who] === 'ok');
    expect(viewsOf(c, id).sort()).toEqual([...allowed].sort());
    // Only the four members are members on the card.
    expect(viewCaseOnRecord(c.ctx, 'coord-arn', ref).isMember).toBe(false);
    expect(viewCaseOnRecord(c.ctx, 'vt-arn', ref).isMember).toBe(true);
    expect(viewCaseOnRecord(c.ctx, 'lead-vt-1', ref).team.map((m) => m.id)).toEqual(
      expect.arrayContaining(ARNHEM_FACES),
    );
  });

  it('whoever may not see a case gets exactly the answer for a case that does not exist', () => {
    const c = context(NOW);
    const { ref } = arnhemCase(c);
    // A member asking for a reference that does not exist, or for something that is no reference at all …
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'lt-arn', MISSING_REF))).toEqual(NOT_FOUND);
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'lt-arn', 'onzin'))).toEqual(NOT_FOUND);
    // … gets the very same code and Dutch text as a stranger asking for a case that exists.
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'lt-doe', ref))).toEqual(NOT_FOUND);
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'coord-doe', ref))).toEqual(NOT_FOUND);
    expect(refusal(c, () => loadVisibleCase(c.ctx, 'lead-gi-2', ref))).toEqual(NOT_FOUND);
    expect(refusal(c, () => loadCaseToChange(c.ctx, 'lead-gi-2', ref))).toEqual(NOT_FOUND);
    // A stranger asking for a missing reference: the same again.
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'lt-doe', MISSING_REF))).toEqual(NOT_FOUND);
  });

  it('a stranger is refused every step on the case with the "not found" answer, and nothing is written', () => {
    const c = context(NOW);
    const { ref, id } = arnhemCase(c);
    // Something for the escalation, term and handover steps to act on.
    raiseEscalation(c.ctx, { by: 'lt-arn', caseRef: ref, trigger: 'PROFESSIONAL_DILEMMA', question: 'Wie?' });
    const h2 = startHandover(c.ctx, { by: 'vt-arn', caseRef: ref, moment: 'H2', from: 'vt-arn', to: 'lt-arn' });
    const steps: Record<string, (by: string, caseRef: string) => unknown> = {
      viewCaseOnRecord: (by, caseRef) => viewCaseOnRecord(c.ctx, by, caseRef),
      exportCaseHistory: (by, caseRef) => exportCaseHistory(c.ctx, { by, caseRef }),
      recordEvent: (by, caseRef) => recordEvent(c.ctx, { by, caseRef, event: 'activity' }),
      setStage: (by, caseRef) => setStage(c.ctx, { by, caseRef, stage: 'LT_VOLUNTARY' }),
      setCoordinator: (by, caseRef) => setCoordinator(c.ctx, { by, caseRef, member: 'gi-arn', reason: 'overname' }),
      addMember: (by, caseRef) => addMember(c.ctx, { by, caseRef, member: 'gi-arn-2', reason: 'meekijken' }),
      removeMember: (by, caseRef) => removeMember(c.ctx, { by, caseRef, member: 'rvdk-arn', reason: 'klaar' }),
      replaceMember: (by, caseRef) =>
        replaceMember(c.ctx, { by, caseRef, member: 'rvdk-arn', successor: 'rvdk-doe', reason: 'overname' }),
      acknowledgeTimer: (by, caseRef) => acknowledgeTimer(c.ctx, { by, caseRef, timer: 'T13' }),
      postponeTimer: (by, caseRef) =>
        postponeTimer(c.ctx, { by, caseRef, timer: 'T13', until: '2026-10-20', reason: 'vakantie' }),
      raiseEscalation: (by, caseRef) =>
        raiseEscalation(c.ctx, { by, caseRef, trigger: 'PROFESSIONAL_DILEMMA', question: 'Nog een?' }),
      recordDecision: (by, caseRef) =>
        recordDecision(c.ctx, { by, caseRef, decision: 'x', owner: 'lt-arn', deadline: '2026-10-01' }),
      withdrawEscalation: (by, caseRef) => withdrawEscalation(c.ctx, { by, caseRef, reason: 'opgelost' }),
      escalateFurther: (by, caseRef) => escalateFurther(c.ctx, { by, caseRef }),
      reportAcuteDanger: (by, caseRef) => reportAcuteDanger(c.ctx, { by, caseRef }),
      startHandover: (by, caseRef) => startHandover(c.ctx, { by, caseRef, moment: 'H9', from: 'lt-arn', to: 'gi-arn' }),
      getHandover: (by, caseRef) => getHandover(c.ctx, { by, caseRef, handoverId: h2 }),
      checkItem: (by, caseRef) => checkItem(c.ctx, { by, caseRef, handoverId: h2, item: 'C1' }),
      acceptHandover: (by, caseRef) => acceptHandover(c.ctx, { by, caseRef, handoverId: h2 }),
      closeCase: (by, caseRef) => closeCase(c.ctx, { by, caseRef, reason: 'klaar' }),
    };
    // Strangers: a professional off the team, a lead and a manager who lead nobody on it and lead no Arnhem face, a
    // GI lead who is not Arnhem's, and another municipality's pilot coordinator. None of them leads gi-arn-2, rvdk-arn.
    const strangers = ['lt-doe', 'lead-lt-doe', 'mgr-lt-doe', 'lead-gi-2', 'coord-doe'];
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const who of strangers) {
      for (const [name, step] of Object.entries(steps)) {
        actual[`${who} ${name}`] = attempt(c, () => step(who, ref));
        expected[`${who} ${name}`] = 'NOT_FOUND_OR_NO_ACCESS';
      }
    }
    // And a member naming a case that does not exist gets the same for every step.
    for (const [name, step] of Object.entries(steps)) {
      actual[`lt-arn ${name} (missing case)`] = attempt(c, () => step('lt-arn', MISSING_REF));
      expected[`lt-arn ${name} (missing case)`] = 'NOT_FOUND_OR_NO_ACCESS';
    }
    expect(actual).toEqual(expected);
    expect(c.ctx.store.cases.byId(id)!.closedAt).toBeNull();
    expect(membersOf(c, id)).toEqual(ARNHEM_FACES);
  });
});

describe('leaving the case ends every right at once', () => {
  it('a removed member sees nothing and may do nothing the moment they are removed, and loses their escalation place', () => {
    const c = context(NOW);
    const { ref, id } = arnhemCase(c);
    const e = raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie neemt de regie?',
    });
    expect(e.participants).toContain('vt-arn');
    removeMember(c.ctx, { by: 'lead-vt-1', caseRef: ref, member: 'vt-arn', reason: 'andere casus' });
    // Same moment, no clock move: every right has ended.
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'vt-arn', ref))).toEqual(NOT_FOUND);
    expect(refusal(c, () => recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'activity' }))).toEqual(NOT_FOUND);
    expect(
      refusal(c, () =>
        raiseEscalation(c.ctx, { by: 'vt-arn', caseRef: ref, trigger: 'PROFESSIONAL_DILEMMA', question: 'x' }),
      ),
    ).toEqual(NOT_FOUND);
    expect(refusal(c, () => reportAcuteDanger(c.ctx, { by: 'vt-arn', caseRef: ref }))).toEqual(NOT_FOUND);
    expect(refusal(c, () => exportCaseHistory(c.ctx, { by: 'vt-arn', caseRef: ref }))).toEqual(NOT_FOUND);
    // They cannot put themselves back: they are not their own lead, and they see nothing of the case.
    expect(
      refusal(c, () => addMember(c.ctx, { by: 'vt-arn', caseRef: ref, member: 'vt-arn', reason: 'terug' })),
    ).toEqual(NOT_FOUND);
    // Their place in the escalation is gone too (also a place in an escalation ends): no decision, no withdrawal.
    expect(c.ctx.store.escalations.byId(e.id)!.participants).not.toContain('vt-arn');
    expect(
      refusal(c, () =>
        recordDecision(c.ctx, { by: 'vt-arn', caseRef: ref, decision: 'x', owner: 'lt-arn', deadline: '2026-10-01' }),
      ),
    ).toEqual(NOT_FOUND);
    expect(refusal(c, () => withdrawEscalation(c.ctx, { by: 'vt-arn', caseRef: ref, reason: 'x' }))).toEqual(NOT_FOUND);
    expect(membersOf(c, id)).toEqual(['gi-arn', 'lt-arn', 'rvdk-arn']);
  });

  it('a replaced member is out at once; the successor takes their place in the escalation and may decide', () => {
    const c = context(NOW);
    const { ref, id } = arnhemCase(c);
    const e = raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie?',
      orgs: ['LT', 'VT'],
    });
    replaceMember(c.ctx, { by: 'lead-vt-1', caseRef: ref, member: 'vt-arn', successor: 'vt-doe', reason: 'overname' });
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'vt-arn', ref))).toEqual(NOT_FOUND);
    expect(
      refusal(c, () =>
        recordDecision(c.ctx, { by: 'vt-arn', caseRef: ref, decision: 'x', owner: 'lt-arn', deadline: '2026-10-01' }),
      ),
    ).toEqual(NOT_FOUND);
    const now = c.ctx.store.escalations.byId(e.id)!;
    expect(now.participants).toEqual(['lt-arn', 'vt-doe']);
    expect(viewCaseOnRecord(c.ctx, 'vt-doe', ref).isMember).toBe(true);
    recordDecision(c.ctx, {
      by: 'vt-doe',
      caseRef: ref,
      decision: 'VT plant een gesprek',
      owner: 'vt-doe',
      deadline: '2026-10-01',
    });
    expect(c.ctx.store.escalations.byId(e.id)!.state).toBe('resolved');
    expect(membersOf(c, id)).toEqual(['gi-arn', 'lt-arn', 'rvdk-arn', 'vt-doe']);
  });
});

describe('team leads: through the people they lead, the fixed face they lead, a term they own, an escalation', () => {
  it('a manager sees the case exactly while someone they lead (further down) is a current member', () => {
    const c = context(NOW);
    const { ref } = arnhemCase(c);
    // mgr-lt-doe leads lead-lt-doe, who leads lt-doe: nobody of theirs is on the Arnhem case yet.
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'mgr-lt-doe', ref))).toEqual(NOT_FOUND);
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'lt-doe', reason: 'kent het gezin' });
    expect(attempt(c, () => viewCaseOnRecord(c.ctx, 'mgr-lt-doe', ref))).toBe('ok');
    expect(attempt(c, () => viewCaseOnRecord(c.ctx, 'lead-lt-doe', ref))).toBe('ok');
    // lt-doe leaves on their own: their lead chain loses sight of the case at the same moment.
    removeMember(c.ctx, { by: 'lt-doe', caseRef: ref, member: 'lt-doe', reason: 'niet meer nodig' });
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'mgr-lt-doe', ref))).toEqual(NOT_FOUND);
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'lead-lt-doe', ref))).toEqual(NOT_FOUND);
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'lt-doe', ref))).toEqual(NOT_FOUND);
  });

  it("the lead of the municipality's fixed face keeps the case after removing their last person, and adds the next", () => {
    const c = context(NOW);
    const { ref, id } = arnhemCase(c);
    removeMember(c.ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn', reason: 'ziek' });
    // Nobody lead-gi-1 leads is on the case now, but they lead Arnhem's GI face and the GI had a member on it.
    expect(attempt(c, () => viewCaseOnRecord(c.ctx, 'lead-gi-1', ref))).toBe('ok');
    // mgr-gi is up gi-arn's chain, but is not the `lead` of the face (decision 18: strictly the face's own lead), owns
    // no term and is in no escalation: they no longer see the case.
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'mgr-gi', ref))).toEqual(NOT_FOUND);
    // The fallback owner acts on what they are nudged about: the GI terms of a measure are theirs now (no GI member).
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    const t6 = viewCaseOnRecord(c.ctx, 'lead-gi-1', ref).timers.find((t) => t.timer === 'T6')!;
    expect(t6.ownerId).toBe('lead-gi-1');
    expect(attempt(c, () => acknowledgeTimer(c.ctx, { by: 'lead-gi-1', caseRef: ref, timer: 'T6' }))).toBe('ok');
    // … and staffs the case again.
    addMember(c.ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn-2', reason: 'nieuwe jeugdbeschermer' });
    expect(membersOf(c, id)).toEqual(['gi-arn-2', 'lt-arn', 'rvdk-arn', 'vt-arn']);
  });

  it("the fixed face's lead sees the case through a successor led by someone else; that other lead only while theirs is on it", () => {
    const c = context(NOW);
    const { ref } = arnhemCase(c);
    replaceMember(c.ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn', successor: 'gi-zev', reason: 'overname' });
    // lead-gi-1 leads nobody on the case (gi-zev's lead is lead-gi-2), but leads Arnhem's GI face: GI has a member.
    expect(attempt(c, () => viewCaseOnRecord(c.ctx, 'lead-gi-1', ref))).toBe('ok');
    // lead-gi-2 sees it through gi-zev …
    expect(attempt(c, () => viewCaseOnRecord(c.ctx, 'lead-gi-2', ref))).toBe('ok');
    removeMember(c.ctx, { by: 'lead-gi-2', caseRef: ref, member: 'gi-zev', reason: 'terug naar Zevenaar' });
    // … and not once gi-zev has left: lead-gi-2 is no lead of an Arnhem face, so "the GI had a member" does not help.
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'lead-gi-2', ref))).toEqual(NOT_FOUND);
    expect(attempt(c, () => viewCaseOnRecord(c.ctx, 'lead-gi-1', ref))).toBe('ok');
  });

  it('a lead who owns an open term sees the case through it, and loses it when the term ends', () => {
    const c = context(NOW);
    const { ref } = arnhemCase(c);
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'lt-doe', reason: 'kent het gezin' });
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Welk lokaal team?',
      orgs: ['LT'],
    });
    escalateFurther(c.ctx, { by: 'lt-arn', caseRef: ref }); // L1: lead-lt-arn and lead-lt-doe take part
    // The decision's owner may be a participant who is not a member: lead-lt-doe owns the DECISION term.
    recordDecision(c.ctx, {
      by: 'lead-lt-arn',
      caseRef: ref,
      decision: 'Doesburg draagt over aan Arnhem',
      owner: 'lead-lt-doe',
      deadline: '2026-10-01',
    });
    removeMember(c.ctx, { by: 'lead-lt-doe', caseRef: ref, member: 'lt-doe', reason: 'overgedragen' });
    // Nobody of lead-lt-doe's is on the case, they lead no Arnhem face, the escalation is resolved: the term remains.
    expect(attempt(c, () => viewCaseOnRecord(c.ctx, 'lead-lt-doe', ref))).toBe('ok');
    expect(attempt(c, () => acknowledgeTimer(c.ctx, { by: 'lead-lt-doe', caseRef: ref, timer: 'DECISION' }))).toBe(
      'ok',
    );
    // Their own manager sees nothing of it: mgr-lt-doe owns nothing, leads no member and no face, takes part in nothing.
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'mgr-lt-doe', ref))).toEqual(NOT_FOUND);
    // The owner reports the decision carried out: the term stops, and with it their sight of the case.
    recordEvent(c.ctx, { by: 'lead-lt-doe', caseRef: ref, event: 'decision_done' });
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'lead-lt-doe', ref))).toEqual(NOT_FOUND);
  });
});

describe('the sender of an open handover keeps its checklist after leaving the case, and nothing else', () => {
  it('H6: the replaced jeugdbeschermer looks at the checklist and ticks their items, but sees no case card and cannot accept', () => {
    const c = context(NOW);
    const { ref } = arnhemCase(c);
    const h2 = startHandover(c.ctx, { by: 'vt-arn', caseRef: ref, moment: 'H2', from: 'vt-arn', to: 'lt-arn' });
    const { handoverId } = replaceMember(c.ctx, {
      by: 'lead-gi-1',
      caseRef: ref,
      member: 'gi-arn',
      successor: 'gi-arn-2',
      reason: 'andere regio',
    });
    const h6 = handoverId!;
    expect(getHandover(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId: h6 }).fromMember).toBe('gi-arn');
    c.setNow('2026-09-21T11:00');
    // Their own items (sender's and either side's) they may still tick.
    expect(attempt(c, () => checkItem(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId: h6, item: 'C2' }))).toBe('ok');
    expect(
      attempt(c, () =>
        checkItem(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId: h6, item: 'C3', basis: 'statutory_task' }),
      ),
    ).toBe('ok');
    expect(attempt(c, () => checkItem(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId: h6, item: 'C4' }))).toBe('ok');
    expect(attempt(c, () => checkItem(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId: h6, item: 'C1' }))).toBe('ok');
    expect(attempt(c, () => checkItem(c.ctx, { by: 'gi-arn', caseRef: ref, moment: 'H6', item: 'H6.1' }))).toBe('ok');
    // Nothing else: no case card, no other checklist, no step on the case, no accepting (that is the receiver's).
    const others: Record<string, () => unknown> = {
      viewCaseOnRecord: () => viewCaseOnRecord(c.ctx, 'gi-arn', ref),
      exportCaseHistory: () => exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref }),
      'getHandover H2': () => getHandover(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId: h2 }),
      'checkItem H2': () => checkItem(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId: h2, item: 'C1' }),
      recordEvent: () => recordEvent(c.ctx, { by: 'gi-arn', caseRef: ref, event: 'activity' }),
      raiseEscalation: () =>
        raiseEscalation(c.ctx, { by: 'gi-arn', caseRef: ref, trigger: 'PROFESSIONAL_DILEMMA', question: 'x' }),
      reportAcuteDanger: () => reportAcuteDanger(c.ctx, { by: 'gi-arn', caseRef: ref }),
      addMember: () => addMember(c.ctx, { by: 'gi-arn', caseRef: ref, member: 'gi-doe', reason: 'x' }),
      startHandover: () =>
        startHandover(c.ctx, { by: 'gi-arn', caseRef: ref, moment: 'H9', from: 'gi-arn-2', to: 'lt-arn' }),
      acknowledgeTimer: () => acknowledgeTimer(c.ctx, { by: 'gi-arn', caseRef: ref, timer: 'T12' }),
      closeCase: () => closeCase(c.ctx, { by: 'gi-arn', caseRef: ref }),
    };
    const actual = Object.fromEntries(Object.entries(others).map(([name, step]) => [name, attempt(c, step)]));
    expect(actual).toEqual(Object.fromEntries(Object.keys(others).map((name) => [name, 'NOT_FOUND_OR_NO_ACCESS'])));
    // Accepting is refused (whatever the reason given) and changes nothing.
    refusal(c, () => acceptHandover(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId: h6 }));
    expect(c.ctx.store.handovers.byId(h6)!.state).toBe('open');
    // The receiver finishes it; from then on the former sender has no checklist left to look at.
    checkItem(c.ctx, { by: 'gi-arn-2', caseRef: ref, handoverId: h6, item: 'C5' });
    checkItem(c.ctx, { by: 'gi-arn-2', caseRef: ref, handoverId: h6, item: 'C7' });
    acceptHandover(c.ctx, { by: 'gi-arn-2', caseRef: ref, handoverId: h6 });
    expect(refusal(c, () => getHandover(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId: h6 }))).toEqual(NOT_FOUND);
  });

  it('H8 left open until its T12 escalates: the sender stays a participant but still sees no case card and decides nothing', () => {
    const c = context(NOW);
    const { ref, id } = arnhemCase(c);
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'lt-doe', reason: 'kent het gezin' });
    const { handoverId } = replaceMember(c.ctx, {
      by: 'lead-lt-doe',
      caseRef: ref,
      member: 'lt-doe',
      successor: 'lt-arn-2',
      reason: 'gezin verhuisd',
    });
    const h8 = handoverId!;
    // T12 (10 wd from Thu 09-17: due Thu 10-01) escalates five working days later; tick every morning until it has.
    const automatic = () => c.ctx.store.escalations.ofCase(id).find((e) => e.source === 'timer' && e.state === 'open');
    for (let day = 1; day <= 30 && !automatic(); day++) {
      c.setNow(at('2026-09-17T08:30') + day * 86_400_000);
      runTick(c.ctx);
    }
    const e = automatic()!;
    expect(e).toBeDefined();
    expect(c.ctx.calendar.localDate(e.raisedAt)).toBe('2026-10-08');
    const held = c.ctx.store.escalations.timersOf(e.id).map((t) => c.ctx.store.timers.byId(t)!);
    expect(held.map((t) => `${t.timer}:${t.ownerRef}`)).toEqual(['T12:lt-doe']);
    // The sender of their own T12 cycle stays a participant (§4.4), and with them their lead (L1).
    expect(e.participants).toEqual(expect.arrayContaining(['lt-doe', 'lead-lt-doe']));
    // A lead who takes part in an open escalation sees the case: lead-lt-doe leads nobody on it and no Arnhem face.
    expect(attempt(c, () => viewCaseOnRecord(c.ctx, 'lead-lt-doe', ref))).toBe('ok');
    // The sender still has the checklist …
    expect(attempt(c, () => checkItem(c.ctx, { by: 'lt-doe', caseRef: ref, handoverId: h8, item: 'C2' }))).toBe('ok');
    // … and nothing else: a professional off the team sees no case card, and so decides nothing on it either.
    // (Soft expectations: each of the three is reported on its own.)
    expect
      .soft(
        attempt(c, () => viewCaseOnRecord(c.ctx, 'lt-doe', ref)),
        'a professional who left sees the case card through the escalation of their T12',
      )
      .toBe('NOT_FOUND_OR_NO_ACCESS');
    expect
      .soft(
        attempt(c, () => recordEvent(c.ctx, { by: 'lt-doe', caseRef: ref, event: 'activity' })),
        'a professional who left records an event on the case',
      )
      .toBe('NOT_FOUND_OR_NO_ACCESS');
    // (Last: an accepted decision would make lt-doe the owner of its DECISION term.)
    expect
      .soft(
        attempt(c, () =>
          recordDecision(c.ctx, {
            by: 'lt-doe',
            caseRef: ref,
            decision: 'Ik rond de overdracht deze week af',
            owner: 'lt-doe',
            deadline: '2026-10-30',
          }),
        ),
        'a professional who left decides an escalation of the case',
      )
      .toBe('NOT_FOUND_OR_NO_ACCESS');
  });
});

describe('who may open a case', () => {
  it('a matrix of openers for Arnhem: professionals join, leads of its faces and its coordinator open without joining', () => {
    const expected: Record<string, string> = {
      // Any professional may open a case and joins its team …
      'lt-arn': 'ok member',
      'lt-arn-2': 'ok member',
      // … also one from another municipality (the rule says "any professional").
      'lt-doe': 'ok member',
      // A lead of one of Arnhem's fixed faces opens it and does not join.
      'lead-lt-arn': 'ok',
      'lead-vt-1': 'ok',
      'lead-gi-1': 'ok',
      'lead-rvdk-1': 'ok',
      // Arnhem's pilot coordinator opens it and does not join.
      'coord-arn': 'ok',
      // Others are refused: another municipality's coordinator, leads of no Arnhem face, a manager of another
      // organisation (the Doesburg and Zevenaar local teams).
      'coord-doe': 'NOT_ALLOWED',
      'lead-lt-doe': 'NOT_ALLOWED',
      'lead-vt-2': 'NOT_ALLOWED',
      'lead-gi-2': 'NOT_ALLOWED',
      'mgr-lt-doe': 'NOT_ALLOWED',
      'mgr-lt-zev': 'NOT_ALLOWED',
    };
    const actual: Record<string, string> = {};
    for (const who of Object.keys(expected)) {
      const c = context(NOW);
      let ref = '';
      const result = attempt(c, () => (ref = openCase(c.ctx, { by: who, municipality: 'Arnhem' }).ref));
      if (result !== 'ok') {
        actual[who] = result;
        // A refused opening leaves no case behind (attempt checked that nothing at all was written).
        expect(c.database.sqlite.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
        continue;
      }
      const record = c.ctx.store.cases.byRef(ref)!;
      const members = membersOf(c, record.id);
      actual[who] = members.includes(who) ? 'ok member' : 'ok';
      // The team is the four faces (plus a professional opener); regie is with an LT member (the LT face, or an LT
      // professional who opened it and so joined last).
      expect(members).toEqual([...new Set([...ARNHEM_FACES, ...(members.includes(who) ? [who] : [])])].sort());
      expect(['lt-arn', who]).toContain(record.coordinatorId);
      // Whoever opened it sees it afterwards (a member, a lead of the faces, the coordinator).
      expect(attempt(c, () => viewCaseOnRecord(c.ctx, who, ref))).toBe('ok');
    }
    expect(actual).toEqual(expected);
  });
});

describe('membership changes', () => {
  type Change = (c: TestContext, ref: string, by: string) => unknown;
  const remove: Change = (c, ref, by) =>
    removeMember(c.ctx, { by, caseRef: ref, member: 'gi-arn', reason: 'andere casus' });
  const replace: Change = (c, ref, by) =>
    replaceMember(c.ctx, { by, caseRef: ref, member: 'gi-arn', successor: 'gi-arn-2', reason: 'overname' });

  /** One fresh Arnhem case per row: each accepted change would otherwise change the next row's case. */
  function matrix(change: Change, actors: string[]): Record<string, string> {
    return Object.fromEntries(
      actors.map((by) => {
        const c = context(NOW);
        const { ref } = arnhemCase(c);
        return [by, attempt(c, () => change(c, ref, by))];
      }),
    );
  }

  it('removing or replacing gi-arn: gi-arn, anyone up their lead chain, or the pilot coordinator of Arnhem', () => {
    const expected: Record<string, string> = {
      'gi-arn': 'ok', // the person themselves
      'lead-gi-1': 'ok', // their team lead
      'mgr-gi': 'ok', // up the chain
      'dir-gi': 'ok', // up the chain
      'coord-arn': 'ok', // the municipality's pilot coordinator
      // They see the case, but are not gi-arn, nor up gi-arn's chain, nor the coordinator:
      'lt-arn': 'NOT_ALLOWED', // a member, and the case's coordinator (casusregisseur), but not a pilot coordinator
      'vt-arn': 'NOT_ALLOWED',
      'lead-lt-arn': 'NOT_ALLOWED',
      'mgr-vt': 'NOT_ALLOWED',
      // They do not see the case at all:
      'lead-gi-2': 'NOT_FOUND_OR_NO_ACCESS', // a GI lead, but not gi-arn's
      'gi-arn-2': 'NOT_FOUND_OR_NO_ACCESS', // gi-arn's colleague under the same lead, not on the team
      'coord-doe': 'NOT_FOUND_OR_NO_ACCESS', // another municipality's coordinator
    };
    expect(matrix(remove, Object.keys(expected))).toEqual(expected);
    expect(matrix(replace, Object.keys(expected))).toEqual(expected);
  });

  it('the change takes effect: the removed person is off the team, the successor on it, and the audit log names the actor', () => {
    const c = context(NOW);
    const { ref, id } = arnhemCase(c);
    replace(c, ref, 'coord-arn');
    expect(membersOf(c, id)).toEqual(['gi-arn-2', 'lt-arn', 'rvdk-arn', 'vt-arn']);
    removeMember(c.ctx, { by: 'mgr-vt', caseRef: ref, member: 'vt-arn', reason: 'andere casus' });
    expect(membersOf(c, id)).toEqual(['gi-arn-2', 'lt-arn', 'rvdk-arn']);
    expect(
      c.ctx.store
        .auditOf(id)
        .filter((a) => a.action.startsWith('member.'))
        .map((a) => `${a.action}:${a.actor}`),
    ).toEqual(['member.replaced:coord-arn', 'member.removed:mgr-vt']);
  });

  it('adding gi-arn-2: anyone who may see the case, or the lead of the person added even when they see nothing else', () => {
    const add =
      (member: string): Change =>
      (c, ref, by) =>
        addMember(c.ctx, { by, caseRef: ref, member, reason: 'extra ondersteuning' });
    const expected: Record<string, string> = {
      // Everyone who may see the case may add someone.
      'lt-arn': 'ok',
      'vt-arn': 'ok',
      'lead-lt-arn': 'ok',
      'mgr-vt': 'ok',
      'lead-gi-1': 'ok',
      'coord-arn': 'ok',
      // Who does not see the case and is not gi-arn-2's lead may not.
      'lt-doe': 'NOT_FOUND_OR_NO_ACCESS',
      'gi-arn-2': 'NOT_FOUND_OR_NO_ACCESS', // not their own lead
      'lead-gi-2': 'NOT_FOUND_OR_NO_ACCESS',
      'coord-doe': 'NOT_FOUND_OR_NO_ACCESS',
    };
    expect(matrix(add('gi-arn-2'), Object.keys(expected))).toEqual(expected);
    // lt-doe's lead chain sees nothing of the Arnhem case, but may put their own person on it (and nobody else).
    expect(matrix(add('lt-doe'), ['lead-lt-doe', 'mgr-lt-doe', 'lead-gi-2', 'coord-doe'])).toEqual({
      'lead-lt-doe': 'ok',
      'mgr-lt-doe': 'ok',
      'lead-gi-2': 'NOT_FOUND_OR_NO_ACCESS',
      'coord-doe': 'NOT_FOUND_OR_NO_ACCESS',
    });
    expect(matrix(add('lt-arn-2'), ['lead-lt-doe'])).toEqual({ 'lead-lt-doe': 'NOT_FOUND_OR_NO_ACCESS' });
  });

  it('a lead whose person is on the case replaces them even with nothing else of the case (mgr-gi after the face left)', () => {
    const c = context(NOW);
    const { ref, id } = arnhemCase(c);
    removeMember(c.ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn', reason: 'ziek' });
    expect(refusal(c, () => viewCaseOnRecord(c.ctx, 'mgr-gi', ref))).toEqual(NOT_FOUND);
    // mgr-gi leads gi-arn-2 (via lead-gi-1): they may staff the case with them.
    addMember(c.ctx, { by: 'mgr-gi', caseRef: ref, member: 'gi-arn-2', reason: 'nieuwe jeugdbeschermer' });
    expect(membersOf(c, id)).toEqual(['gi-arn-2', 'lt-arn', 'rvdk-arn', 'vt-arn']);
    // … and, now that their person is on it, they see it again.
    expect(attempt(c, () => viewCaseOnRecord(c.ctx, 'mgr-gi', ref))).toBe('ok');
  });
});

describe('acknowledging and postponing a term: its owner or the owner’s lead', () => {
  // T1 (Veiligheidsbeoordeling, 5 wd from Thu 09-17: due Thu 09-24) is owned by the case's VT member, vt-arn.
  function withT1(): { c: TestContext; ref: string } {
    const c = context(NOW);
    const { ref } = arnhemCase(c);
    recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'melding_received' });
    return { c, ref };
  }

  it('acknowledge: a matrix of who may pick up T1', () => {
    const { c, ref } = withT1();
    expect(viewCaseOnRecord(c.ctx, 'vt-arn', ref).timers.find((t) => t.timer === 'T1')).toMatchObject({
      ownerId: 'vt-arn',
      dueDate: '2026-09-24',
    });
    const expected: Record<string, string> = {
      'vt-arn': 'ok', // the owner
      'lead-vt-1': 'ok', // the owner's lead
      'mgr-vt': 'ok', // up the owner's chain (docs/behaviour.md: "anyone up the owner's lead chain")
      'lt-arn': 'NOT_OWNER', // a member and the case coordinator, but not the owner
      'gi-arn': 'NOT_OWNER',
      'lead-lt-arn': 'NOT_OWNER', // sees the case, leads no owner
      'coord-arn': 'NOT_OWNER', // sees the case; the rule names only the owner and the owner's lead
      'vt-doe': 'NOT_FOUND_OR_NO_ACCESS', // the same lead as the owner, but not on the case
      'coord-doe': 'NOT_FOUND_OR_NO_ACCESS',
    };
    const actual = Object.fromEntries(
      Object.keys(expected).map((by) => [
        by,
        attempt(c, () => acknowledgeTimer(c.ctx, { by, caseRef: ref, timer: 'T1' })),
      ]),
    );
    expect(actual).toEqual(expected);
  });

  it('postpone: the owner once, a second time only the lead; others not at all', () => {
    const { c, ref } = withT1();
    const postpone = (by: string, until: string) =>
      attempt(c, () => postponeTimer(c.ctx, { by, caseRef: ref, timer: 'T1', until, reason: 'gezin op vakantie' }));
    expect(postpone('lt-arn', '2026-09-28')).toBe('NOT_OWNER');
    expect(postpone('lead-lt-arn', '2026-09-28')).toBe('NOT_OWNER');
    expect(postpone('vt-doe', '2026-09-28')).toBe('NOT_FOUND_OR_NO_ACCESS');
    expect(postpone('vt-arn', '2026-09-28')).toBe('ok');
    // The owner asks a second time: only the lead may.
    expect(postpone('vt-arn', '2026-10-01')).toBe('SECOND_POSTPONE_NEEDS_LEAD');
    expect(postpone('lead-vt-1', '2026-10-01')).toBe('ok');
    const t1 = c.ctx.store.timers.open(c.ctx.store.cases.byRef(ref)!.id, 'T1')[0]!;
    expect([t1.dueDate, t1.postponeCount]).toEqual(['2026-10-01', 2]);
  });

  it("a term's former owner loses it with the case: the successor and the successor's lead act on it", () => {
    const { c, ref } = withT1();
    replaceMember(c.ctx, { by: 'lead-vt-1', caseRef: ref, member: 'vt-arn', successor: 'vt-zev', reason: 'overname' });
    expect(attempt(c, () => acknowledgeTimer(c.ctx, { by: 'vt-arn', caseRef: ref, timer: 'T1' }))).toBe(
      'NOT_FOUND_OR_NO_ACCESS',
    );
    // lead-vt-1 still sees the case (lead of Arnhem's VT face), but leads the owner no longer.
    expect(attempt(c, () => acknowledgeTimer(c.ctx, { by: 'lead-vt-1', caseRef: ref, timer: 'T1' }))).toBe('NOT_OWNER');
    expect(attempt(c, () => acknowledgeTimer(c.ctx, { by: 'lead-vt-2', caseRef: ref, timer: 'T1' }))).toBe('ok');
    expect(attempt(c, () => acknowledgeTimer(c.ctx, { by: 'vt-zev', caseRef: ref, timer: 'T1' }))).toBe('ok');
  });
});

describe('escalation decisions: participants of the level (or the pilot coordinator); the owner on the case', () => {
  function withL0(): { c: TestContext; ref: string; id: number } {
    const c = context(NOW);
    const { ref, id } = arnhemCase(c);
    // L0 between the LT and GI professionals: participants lt-arn (raiser) and gi-arn.
    const e = raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie neemt de regie?',
      orgs: ['LT', 'GI'],
    });
    expect(e.participants).toEqual(['gi-arn', 'lt-arn']);
    return { c, ref, id };
  }
  const decide = (c: TestContext, ref: string, by: string, owner = 'lt-arn') =>
    attempt(c, () =>
      recordDecision(c.ctx, { by, caseRef: ref, decision: 'Gezamenlijk gesprek', owner, deadline: '2026-10-01' }),
    );

  it('at L0: a matrix of who may record the decision', () => {
    const expected: Record<string, string> = {
      'lt-arn': 'ok', // participant (raiser)
      'gi-arn': 'ok', // participant
      'coord-arn': 'ok', // the pilot coordinator
      'vt-arn': 'NOT_A_PARTICIPANT', // a member, but VT is not involved
      'rvdk-arn': 'NOT_A_PARTICIPANT',
      'lead-lt-arn': 'NOT_A_PARTICIPANT', // sees the case; the leads join at L1
      'lead-gi-1': 'NOT_A_PARTICIPANT',
      'coord-doe': 'NOT_FOUND_OR_NO_ACCESS', // a pilot coordinator, but not of Arnhem
      'lt-doe': 'NOT_FOUND_OR_NO_ACCESS',
    };
    const actual = Object.fromEntries(
      Object.keys(expected).map((by) => {
        const { c, ref } = withL0();
        return [by, decide(c, ref, by)];
      }),
    );
    expect(actual).toEqual(expected);
  });

  it('at L1 the involved organisations’ leads decide; the owner must be a member or a participant', () => {
    const { c, ref, id } = withL0();
    // The owner must be on the case or in the escalation: lead-lt-arn is neither yet, lt-doe and gi-arn-2 are not.
    expect(decide(c, ref, 'lt-arn', 'lead-lt-arn')).toBe('OWNER_NOT_ON_CASE');
    expect(decide(c, ref, 'lt-arn', 'lt-doe')).toBe('OWNER_NOT_ON_CASE');
    expect(decide(c, ref, 'lt-arn', 'gi-arn-2')).toBe('OWNER_NOT_ON_CASE');
    escalateFurther(c.ctx, { by: 'gi-arn', caseRef: ref });
    // L1 adds the participants' team leads: lead-lt-arn and lead-gi-1, not lead-vt-1 (VT is not involved).
    expect(decide(c, ref, 'lead-vt-1')).toBe('NOT_A_PARTICIPANT');
    expect(decide(c, ref, 'vt-arn')).toBe('NOT_A_PARTICIPANT');
    expect(decide(c, ref, 'lt-arn', 'lt-doe')).toBe('OWNER_NOT_ON_CASE');
    // A participant who is no member may now own the decision, and a lead participant may record it.
    expect(decide(c, ref, 'lead-gi-1', 'lead-lt-arn')).toBe('ok');
    expect(c.ctx.store.timers.open(id, 'DECISION').map((t) => t.ownerRef)).toEqual(['lead-lt-arn']);
  });
});

describe('a NEGLIGENT_CONDUCT escalation exists only for its participants', () => {
  function withNegligent(): { c: TestContext; ref: string } {
    const c = context(NOW);
    const { ref } = arnhemCase(c);
    const e = raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'NEGLIGENT_CONDUCT',
      question: 'Afspraken over huisbezoeken worden niet nagekomen.',
    });
    expect([e.seq, e.level, e.participants]).toEqual([1, 'L1', ['lead-lt-arn', 'lt-arn']]);
    return { c, ref };
  }

  it("in the case view: the raiser and their lead see it, the rest of the team, other leads and the coordinator don't", () => {
    const { c, ref } = withNegligent();
    raiseEscalation(c.ctx, { by: 'gi-arn', caseRef: ref, trigger: 'PROFESSIONAL_DILEMMA', question: 'Wie?' });
    const seen = (who: string) =>
      viewCaseOnRecord(c.ctx, who, ref)
        .escalations.map((e) => `${e.seq}:${e.trigger}`)
        .join(',');
    const expected: Record<string, string> = {
      'lt-arn': '1:NEGLIGENT_CONDUCT,1:PROFESSIONAL_DILEMMA', // raiser
      'lead-lt-arn': '1:NEGLIGENT_CONDUCT,1:PROFESSIONAL_DILEMMA', // the raiser's lead, participant at L1
      'gi-arn': '1:PROFESSIONAL_DILEMMA',
      'vt-arn': '1:PROFESSIONAL_DILEMMA',
      'rvdk-arn': '1:PROFESSIONAL_DILEMMA',
      'lead-gi-1': '1:PROFESSIONAL_DILEMMA',
      'lead-vt-1': '1:PROFESSIONAL_DILEMMA',
      'coord-arn': '1:PROFESSIONAL_DILEMMA', // the pilot coordinator is no participant either
    };
    expect(Object.fromEntries(Object.keys(expected).map((who) => [who, seen(who)]))).toEqual(expected);
    // Nor in the export of the case history a member asks for.
    expect(exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref })).not.toContain('huisbezoeken');
    expect(exportCaseHistory(c.ctx, { by: 'coord-arn', caseRef: ref })).not.toContain('huisbezoeken');
    expect(exportCaseHistory(c.ctx, { by: 'lt-arn', caseRef: ref })).toContain('huisbezoeken');
  });

  it('raised to L2 it reaches the next link of the raiser’s chain only, never the other organisations’ leads', () => {
    const { c, ref } = withNegligent();
    escalateFurther(c.ctx, { by: 'lead-lt-arn', caseRef: ref, escalation: { raised: 1 } });
    const knows = (who: string) => viewCaseOnRecord(c.ctx, who, ref).escalations.some((e) => e.seq === 1);
    expect(
      Object.fromEntries(
        ['lt-arn', 'lead-lt-arn', 'mgr-lt-arn', 'gi-arn', 'lead-gi-1', 'mgr-gi', 'mgr-vt'].map((w) => [w, knows(w)]),
      ),
    ).toEqual({
      'lt-arn': true,
      'lead-lt-arn': true,
      'mgr-lt-arn': true, // L2: the raiser's lead's lead
      'gi-arn': false,
      'lead-gi-1': false,
      'mgr-gi': false,
      'mgr-vt': false,
    });
  });

  it("the overview: the team's leads do not count it; the pilot coordinator counts it as an aggregate only", () => {
    const { c } = withNegligent();
    // A lead of another organisation on the case (the team it concerns) sees no escalation at all …
    const gi = getOverview(c.ctx, { by: 'lead-gi-1' }).municipalities.find((m) => m.municipality === 'Arnhem')!;
    expect(gi.escalationsPerLevel).toEqual({ L0: 0, L1: 0, L2: 0, L3: 0 });
    // … while the pilot coordinator's oversight counts worrying conduct per level (README decisions: a number, never
    // the case, the question or who raised it; their case card and every step on it still say it does not exist).
    const arnhem = getOverview(c.ctx, { by: 'coord-arn' }).municipalities.find((m) => m.municipality === 'Arnhem')!;
    expect(arnhem.escalationsPerLevel).toEqual({ L0: 0, L1: 1, L2: 0, L3: 0 });
    expect(JSON.stringify(arnhem)).not.toContain('NEGLIGENT');
  });

  it('withdraw, decide or escalate by others gets the answer for no escalation at all, and writes nothing', () => {
    const { c, ref } = withNegligent();
    const none = { code: 'NO_OPEN_ESCALATION', message: NO_OPEN_ESCALATION_TEXT };
    const attempts: Record<string, (by: string, escalation?: EscalationPick) => unknown> = {
      withdraw: (by, escalation) => withdrawEscalation(c.ctx, { by, caseRef: ref, escalation, reason: 'onterecht' }),
      decide: (by, escalation) =>
        recordDecision(c.ctx, { by, caseRef: ref, escalation, decision: 'x', owner: 'lt-arn', deadline: '2026-10-01' }),
      escalate: (by, escalation) => escalateFurther(c.ctx, { by, caseRef: ref, escalation }),
    };
    for (const who of ['gi-arn', 'vt-arn', 'lead-gi-1', 'coord-arn']) {
      for (const [name, step] of Object.entries(attempts)) {
        // By its number, by "the open one", and — for comparison — by a number no escalation has.
        expect(
          refusal(c, () => step(who, { raised: 1 })),
          `${who} ${name} #1`,
        ).toEqual(none);
        // As a card would name it: in the confidential series, and the same number in the team's series.
        for (const series of ['confidential', 'team'] as const)
          expect(
            refusal(c, () => step(who, { series, seq: 1 })),
            `${who} ${name} ${series} 1`,
          ).toEqual(none);
        expect(
          refusal(c, () => step(who)),
          `${who} ${name}`,
        ).toEqual(none);
        expect(
          refusal(c, () => step(who, { raised: 99 })),
          `${who} ${name} #99`,
        ).toEqual(none);
      }
    }
    // A case without any escalation answers the same.
    const other = arnhemCase(c).ref;
    expect(refusal(c, () => withdrawEscalation(c.ctx, { by: 'gi-arn', caseRef: other, reason: 'x' }))).toEqual(none);
    // Its participants handle it: the raiser's lead decides.
    expect(
      attempt(c, () =>
        recordDecision(c.ctx, {
          by: 'lead-lt-arn',
          caseRef: ref,
          escalation: { raised: 1 },
          decision: 'Gesprek over de huisbezoeken',
          owner: 'lt-arn',
          deadline: '2026-10-01',
        }),
      ),
    ).toBe('ok');
  });
});

describe('pilot coordinators: the cases and the overview of their own municipalities only', () => {
  it('coord-arn sees and acts on Arnhem cases only; coord-doe not on them, even with a Doesburg professional aboard', () => {
    const c = context(NOW);
    const arn = arnhemCase(c);
    const doe = openCase(c.ctx, { by: 'lt-doe', municipality: 'Doesburg' }).ref;
    addMember(c.ctx, { by: 'lt-arn', caseRef: arn.ref, member: 'lt-doe', reason: 'kent het gezin' });
    const expected: Record<string, string> = {
      'coord-arn Arnhem': 'ok',
      'coord-arn Doesburg': 'NOT_FOUND_OR_NO_ACCESS',
      'coord-doe Arnhem': 'NOT_FOUND_OR_NO_ACCESS',
      'coord-doe Doesburg': 'ok',
      'coord-zev Arnhem': 'NOT_FOUND_OR_NO_ACCESS',
      'coord-zev Doesburg': 'NOT_FOUND_OR_NO_ACCESS',
    };
    const refs: Record<string, string> = { Arnhem: arn.ref, Doesburg: doe };
    const actual = Object.fromEntries(
      Object.keys(expected).map((key) => {
        const [who, municipality] = key.split(' ') as [string, string];
        return [key, attempt(c, () => viewCaseOnRecord(c.ctx, who, refs[municipality]!))];
      }),
    );
    expect(actual).toEqual(expected);
    // lt-doe on the Arnhem case is not coord-doe's to remove: a pilot coordinator changes the teams of their own
    // municipalities' cases. coord-arn may.
    const removeLtDoe = (by: string) =>
      attempt(c, () => removeMember(c.ctx, { by, caseRef: arn.ref, member: 'lt-doe', reason: 'klaar' }));
    expect(removeLtDoe('coord-doe')).toBe('NOT_FOUND_OR_NO_ACCESS');
    expect(removeLtDoe('coord-arn')).toBe('ok');
    // "Any step their role allows" on their own cases: coord-arn closes the Arnhem case; coord-doe cannot close it.
    expect(attempt(c, () => closeCase(c.ctx, { by: 'coord-doe', caseRef: arn.ref }))).toBe('NOT_FOUND_OR_NO_ACCESS');
    expect(attempt(c, () => closeCase(c.ctx, { by: 'coord-arn', caseRef: arn.ref, reason: 'afgerond' }))).toBe('ok');
    expect(c.ctx.store.cases.byRef(doe)!.closedAt).toBeNull();
  });

  it('getOverview shows a pilot coordinator only the municipalities of their pilot', () => {
    const c = context(NOW);
    arnhemCase(c);
    const arn2 = arnhemCase(c).ref;
    addMember(c.ctx, { by: 'lt-arn', caseRef: arn2, member: 'lt-doe', reason: 'kent het gezin' });
    openCase(c.ctx, { by: 'lt-doe', municipality: 'Doesburg' });
    openCase(c.ctx, { by: 'lt-zev', municipality: 'Zevenaar' });
    const municipalities = (by: string) =>
      getOverview(c.ctx, { by }).municipalities.map((m) => `${m.municipality}:${m.cases}`);
    expect(municipalities('coord-arn')).toEqual(['Arnhem:2']);
    // The Arnhem case with a Doesburg professional on it is still not Doesburg's.
    expect(municipalities('coord-doe')).toEqual(['Doesburg:1']);
    expect(municipalities('coord-zev')).toEqual(['Zevenaar:1']);
    // Asking for another municipality by name shows nothing of it.
    expect(getOverview(c.ctx, { by: 'coord-doe', municipality: 'Arnhem' }).municipalities).toEqual([]);
  });
});
