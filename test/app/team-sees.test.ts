import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMember, removeMember, replaceMember } from '../../src/app/change-membership.js';
import { closeCase } from '../../src/app/close-case.js';
import { escalateFurther, recordDecision, withdrawEscalation } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { pickUpAcute, reportAcuteDanger } from '../../src/app/escalations/report-acute-danger.js';
import { acceptHandover, checkItem, startHandover } from '../../src/app/handovers/handover-actions.js';
import { mayReceive } from '../../src/app/may-receive.js';
import type { Notification } from '../../src/app/notifications.js';
import { openCase } from '../../src/app/open-case.js';
import { recordEvent } from '../../src/app/record-event.js';
import type { DigestItem } from '../../src/app/run-daily-digest.js';
import { runTick } from '../../src/app/run-tick.js';
import { setAbsence } from '../../src/app/set-absence.js';
import { setCoordinator } from '../../src/app/set-coordinator.js';
import { setStage } from '../../src/app/set-stage.js';
import { loadNormsFile } from '../../src/adapters/files/load-norms-file.js';
import { openDatabase } from '../../src/adapters/sqlite/open-database.js';
import { DEFAULT_NORMS_FILE, DEFAULT_ROSTER_FILE } from '../../src/config.js';
import { createAppContext } from '../../src/create-app-context.js';
import { parseRoster, type RosterInput } from '../../src/domain/roster.js';
import { at, closedAfterEach, TZ, type TestContext } from './test-context.js';

// "The team sees what stalls" (domain.md §4.1, §4.2, §4.4, §5; notes/decisions-for-helpers.md): who hears what, on a
// real SQLite file with the real migrations, the demo roster (Arnhem: lt-arn, vt-arn, gi-arn, rvdk-arn; leads
// lead-lt-arn, lead-vt-1, lead-gi-1, lead-rvdk-1; the table's secretary jbt-cg, who joins only at a JBT stage) and a
// clock the test moves.
// Working days used below (2026): Easter Monday 04-06, Hemelvaartsdag 05-14, Whit Monday 05-25, Christmas 12-25/26 are
// holidays; Good Friday is a working day. 2026-09-17 is a Thursday.

const context = closedAfterEach();

// ---------------------------------------------------------------------------------------------------------------------
// Reading the outbox

interface Line {
  id: number;
  kind: string;
  caseId: number | null;
  notBefore: number;
  to: string[];
  p: Record<string, unknown> & { kind: string };
}

function lines(c: TestContext): Line[] {
  const rows = c.database.sqlite
    .prepare(
      `SELECT o.id, o.kind, o.case_id AS caseId, o.payload, o.not_before AS notBefore,
              (SELECT group_concat(recipient_id) FROM (SELECT recipient_id FROM deliveries d WHERE d.outbox_id = o.id ORDER BY recipient_id)) AS recipients
         FROM outbox o ORDER BY o.id`,
    )
    .all() as Array<{
    id: number;
    kind: string;
    caseId: number | null;
    payload: string;
    notBefore: number;
    recipients: string | null;
  }>;
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    caseId: r.caseId,
    notBefore: r.notBefore,
    to: r.recipients ? r.recipients.split(',').sort() : [],
    p: JSON.parse(r.payload) as Line['p'],
  }));
}

/** A line in words: `team:member_added:gi-arn,vt-arn`, `nudge:T1/overdue:…`, `escalation:L1:…`, `handover:H5:…`. */
function say(l: Line): string {
  const p = l.p;
  switch (l.kind) {
    case 'team':
      return `team:${String(p.subject)}:${l.to.join(',')}`;
    case 'nudge':
      return `nudge:${String(p.timer)}/${String(p.step)}:${l.to.join(',')}`;
    case 'escalation':
    case 'escalation_reminder':
      return `${l.kind}:${String(p.level)}${p.joinedTimer ? `+${String(p.joinedTimer)}` : ''}:${l.to.join(',')}`;
    case 'handover':
      return `handover:${String(p.moment)}:${l.to.join(',')}`;
    default:
      return `${l.kind}:${l.to.join(',')}`;
  }
}

const since = (c: TestContext, afterId: number) => lines(c).filter((l) => l.id > afterId);
const lastId = (c: TestContext) => lines(c).at(-1)?.id ?? 0;
const ofKind = (c: TestContext, ...kinds: string[]) => lines(c).filter((l) => kinds.includes(l.kind));
const nudgesOf = (c: TestContext, timer: string) => lines(c).filter((l) => l.kind === 'nudge' && l.p.timer === timer);
const caseIdOf = (c: TestContext, ref: string) => c.ctx.store.cases.byRef(ref)!.id;

/** Ticks the scheduler once at each moment (local Amsterdam wall-clock time). */
function tickAt(c: TestContext, ...moments: string[]): void {
  for (const m of moments) {
    c.setNow(m);
    runTick(c.ctx);
  }
}

/** Ticks at 08:30 on every calendar day from `from` to `to` (inclusive), weekends and holidays too. */
function tickDaily(c: TestContext, from: string, to: string, time = '08:30'): void {
  for (let d = new Date(`${from}T12:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    tickAt(c, `${d.toISOString().slice(0, 10)}T${time}`);
  }
}

const reason = 'afspraak in het casusoverleg';

// ---------------------------------------------------------------------------------------------------------------------
// A context with a patched demo roster (deputies, a JBT fixed face): the same parts as test-context.ts's aContext.

const patchedDirs: string[] = [];
afterAll(() => {
  for (const dir of patchedDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function patchedContext(now: string, patch: (roster: RosterInput) => void): TestContext {
  const json = JSON.parse(readFileSync(DEFAULT_ROSTER_FILE, 'utf8')) as RosterInput;
  patch(json);
  const parsed = parseRoster(json, { requireNames: true });
  if ('problems' in parsed) throw new Error(`patched roster invalid: ${JSON.stringify(parsed.problems)}`);
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-team-sees-'));
  patchedDirs.push(dir);
  const file = join(dir, 'test.sqlite');
  const database = openDatabase(file);
  let clock = at(now);
  const ctx = createAppContext({
    database,
    roster: parsed.roster,
    norms: loadNormsFile(DEFAULT_NORMS_FILE),
    timezone: TZ,
    clock: { now: () => clock },
  });
  return context.track({
    ctx,
    database,
    file,
    setNow: (v) => {
      clock = typeof v === 'number' ? v : at(v);
    },
    reopen: () => {
      throw new Error('not used in this file');
    },
    close: () => database.close(),
  });
}

function member(r: RosterInput, id: string): RosterInput['members'][number] {
  const m = r.members.find((x) => x.id === id);
  if (!m) throw new Error(`no ${id} in the demo roster`);
  return m;
}

// =====================================================================================================================

describe('§4.2 who hears what: team changes', () => {
  it('a case opened tells every member of the new team except the opener, in one line', () => {
    const c = context('2026-09-17T10:00');
    // lt-arn opens: the four Arnhem fixed faces form the team (no JBT face in the demo roster); lt-arn is the opener.
    const a = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' });
    // The pilot coordinator opens: they do not join, so all four faces hear it.
    const b = openCase(c.ctx, { by: 'coord-arn', municipality: 'Arnhem' });
    // gi-arn-2, a GI professional who is not a fixed face, opens: they join; the four faces hear it, not gi-arn-2.
    const d = openCase(c.ctx, { by: 'gi-arn-2', municipality: 'Arnhem' });
    expect(lines(c).map((l) => [l.caseId, say(l)])).toEqual([
      [a.id, 'team:member_added:gi-arn,rvdk-arn,vt-arn'],
      [b.id, 'team:member_added:gi-arn,lt-arn,rvdk-arn,vt-arn'],
      [d.id, 'team:member_added:gi-arn,lt-arn,rvdk-arn,vt-arn'],
    ]);
    // Regie: the LT member in all three (also when the coordinator or a GI professional opened it).
    expect([a.coordinatorId, b.coordinatorId, d.coordinatorId]).toEqual(['lt-arn', 'lt-arn', 'lt-arn']);
    expect(
      c.ctx.store.cases
        .currentMembers(d.id)
        .map((m) => m.memberId)
        .sort(),
    ).toEqual(['gi-arn', 'gi-arn-2', 'lt-arn', 'rvdk-arn', 'vt-arn']);
  });

  it('a member added hears it alone', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const before = lastId(c);
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'gw-lt-arn', reason });
    // lead-lt-arn sees the case (leads lt-arn) and staffs it with lt-arn-2, whom they lead.
    addMember(c.ctx, { by: 'lead-lt-arn', caseRef: ref, member: 'lt-arn-2', reason });
    const added = since(c, before);
    expect(added.map(say)).toEqual(['team:member_added:gw-lt-arn', 'team:member_added:lt-arn-2']);
    expect(added.map((l) => l.p.member)).toEqual(['gw-lt-arn', 'lt-arn-2']);
  });

  it('a GI or LT replacement: the H6/H8 handover reaches leaver and successor, member_replaced the others', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    let before = lastId(c);
    // lead-gi-1 (gi-arn's lead) replaces gi-arn by gi-arn-2: H6 gi-arn → gi-arn-2 to both (the actor is neither);
    // member_replaced to the current members other than the successor: lt-arn, rvdk-arn, vt-arn.
    replaceMember(c.ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn', successor: 'gi-arn-2', reason });
    let out = since(c, before);
    expect(out.map(say)).toEqual(['handover:H6:gi-arn,gi-arn-2', 'team:member_replaced:lt-arn,rvdk-arn,vt-arn']);
    expect([out[0]!.p.from, out[0]!.p.to]).toEqual(['gi-arn', 'gi-arn-2']);
    expect([out[1]!.p.member, out[1]!.p.successor]).toEqual(['gi-arn', 'gi-arn-2']);

    // lt-arn (the coordinator) replaced by lt-arn-2, by lead-lt-arn: H8 to both; the others now are gi-arn-2,
    // rvdk-arn, vt-arn. Regie passes to the successor silently: no coordinator_changed.
    before = lastId(c);
    replaceMember(c.ctx, { by: 'lead-lt-arn', caseRef: ref, member: 'lt-arn', successor: 'lt-arn-2', reason });
    out = since(c, before);
    expect(out.map(say)).toEqual(['handover:H8:lt-arn,lt-arn-2', 'team:member_replaced:gi-arn-2,rvdk-arn,vt-arn']);
    expect(c.ctx.store.cases.byRef(ref)!.coordinatorId).toBe('lt-arn-2');

    // The leaver replaces themselves: they are the actor, so H6 reaches only the successor.
    const ref2 = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    before = lastId(c);
    replaceMember(c.ctx, { by: 'gi-arn', caseRef: ref2, member: 'gi-arn', successor: 'gi-arn-2', reason });
    expect(since(c, before).map(say)).toEqual(['handover:H6:gi-arn-2', 'team:member_replaced:lt-arn,rvdk-arn,vt-arn']);
  });

  it('a VT or RVDK replacement opens no handover, so the successor is among the member_replaced recipients', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    let before = lastId(c);
    // lead-vt-1 leads vt-arn; vt-doe is a VT professional: team now lt-arn, gi-arn, rvdk-arn, vt-doe (actor not on it).
    replaceMember(c.ctx, { by: 'lead-vt-1', caseRef: ref, member: 'vt-arn', successor: 'vt-doe', reason });
    expect(since(c, before).map(say)).toEqual(['team:member_replaced:gi-arn,lt-arn,rvdk-arn,vt-doe']);
    // rvdk-arn replaces themselves by rvdk-doe: the leaver is the actor and no longer current anyway.
    before = lastId(c);
    replaceMember(c.ctx, { by: 'rvdk-arn', caseRef: ref, member: 'rvdk-arn', successor: 'rvdk-doe', reason });
    expect(since(c, before).map(say)).toEqual(['team:member_replaced:gi-arn,lt-arn,rvdk-doe,vt-doe']);
    expect(c.ctx.store.handovers.ofCase(caseIdOf(c, ref))).toEqual([]);
  });

  it('a removal tells the team and the removed member; removing the coordinator also tells who holds regie', () => {
    const c = context('2026-09-17T10:00');
    // 1. lead-vt-1 removes vt-arn (not the coordinator): member_removed to lt-arn, gi-arn, rvdk-arn and vt-arn.
    const a = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    let before = lastId(c);
    removeMember(c.ctx, { by: 'lead-vt-1', caseRef: a, member: 'vt-arn', reason });
    let out = since(c, before);
    expect(out.map(say)).toEqual(['team:member_removed:gi-arn,lt-arn,rvdk-arn,vt-arn']);
    expect(out[0]!.p.member).toBe('vt-arn');

    // 2. With lt-arn-2 on the case, lead-lt-arn removes the coordinator lt-arn: regie goes to the most recently
    // joined LT professional, lt-arn-2; coordinator_changed to every current member (lt-arn is no longer one).
    const b = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    addMember(c.ctx, { by: 'lt-arn', caseRef: b, member: 'lt-arn-2', reason });
    before = lastId(c);
    removeMember(c.ctx, { by: 'lead-lt-arn', caseRef: b, member: 'lt-arn', reason });
    out = since(c, before);
    expect(out.map(say)).toEqual([
      'team:member_removed:gi-arn,lt-arn,lt-arn-2,rvdk-arn,vt-arn',
      'team:coordinator_changed:gi-arn,lt-arn-2,rvdk-arn,vt-arn',
    ]);
    expect([out[1]!.p.previousCoordinator, out[1]!.p.coordinator]).toEqual(['lt-arn', 'lt-arn-2']);

    // 3. lt-arn removes themselves (the actor hears nothing); no LT professional left → the GI professional gi-arn.
    const d = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    before = lastId(c);
    removeMember(c.ctx, { by: 'lt-arn', caseRef: d, member: 'lt-arn', reason });
    out = since(c, before);
    expect(out.map(say)).toEqual([
      'team:member_removed:gi-arn,rvdk-arn,vt-arn',
      'team:coordinator_changed:gi-arn,rvdk-arn,vt-arn',
    ]);
    expect(out[1]!.p.coordinator).toBe('gi-arn');
    expect(c.ctx.store.cases.byRef(d)!.coordinatorId).toBe('gi-arn');
  });

  it('regie handed over on the team card tells everyone but the actor', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    let before = lastId(c);
    setCoordinator(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'gi-arn', reason });
    expect(since(c, before).map(say)).toEqual(['team:coordinator_changed:gi-arn,rvdk-arn,vt-arn']);
    // The pilot coordinator is not on the team: all four members hear it.
    before = lastId(c);
    setCoordinator(c.ctx, { by: 'coord-arn', caseRef: ref, member: 'vt-arn', reason });
    const out = since(c, before);
    expect(out.map(say)).toEqual(['team:coordinator_changed:gi-arn,lt-arn,rvdk-arn,vt-arn']);
    expect([out[0]!.p.previousCoordinator, out[0]!.p.coordinator]).toEqual(['gi-arn', 'vt-arn']);
  });

  it('a decision reaches participants ∪ case professionals ∪ owner; a withdrawal its participants; never the actor', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'gw-lt-arn', reason }); // a gedragswetenschapper
    const before = lastId(c);

    // #1: lt-arn raises about LT and VT: L0 base lt-arn, vt-arn (gw-lt-arn is no professional) → line to vt-arn.
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie?',
      orgs: ['LT', 'VT'],
    });
    // vt-arn moves it to L1: lt-arn, vt-arn + their leads; the actor vt-arn is left out.
    escalateFurther(c.ctx, { by: 'vt-arn', caseRef: ref });
    // lead-vt-1 decides, owner gw-lt-arn: participants {lead-lt-arn, lead-vt-1, lt-arn, vt-arn} ∪ professionals
    // {lt-arn, vt-arn, gi-arn, rvdk-arn} ∪ owner {gw-lt-arn}, minus lead-vt-1.
    recordDecision(c.ctx, {
      by: 'lead-vt-1',
      caseRef: ref,
      decision: 'LT plant een gezamenlijk gesprek',
      owner: 'gw-lt-arn',
      deadline: '2026-10-01',
    });

    // #2: gi-arn raises about GI and RVDK: base gi-arn, rvdk-arn; rvdk-arn moves it to L1 (+ lead-gi-1, lead-rvdk-1);
    // gi-arn withdraws it: its participants minus gi-arn — not lt-arn or vt-arn, who are no participants.
    raiseEscalation(c.ctx, {
      by: 'gi-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie?',
      orgs: ['GI', 'RVDK'],
    });
    escalateFurther(c.ctx, { by: 'rvdk-arn', caseRef: ref });
    withdrawEscalation(c.ctx, { by: 'gi-arn', caseRef: ref, reason: 'besproken' });

    // #3: lt-arn raises about LT alone: its only participant is the raiser, so its line has nobody and is not written.
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie?',
      orgs: ['LT'],
    });
    // vt-arn closes the case: #3 is withdrawn with its own line to its participants minus the closer: lt-arn.
    closeCase(c.ctx, { by: 'vt-arn', caseRef: ref });

    const out = since(c, before);
    expect(out.map(say)).toEqual([
      'escalation:L0:vt-arn',
      'escalation:L1:lead-lt-arn,lead-vt-1,lt-arn',
      'team:decision:gi-arn,gw-lt-arn,lead-lt-arn,lt-arn,rvdk-arn,vt-arn',
      'escalation:L0:rvdk-arn',
      'escalation:L1:gi-arn,lead-gi-1,lead-rvdk-1',
      'team:escalation_withdrawn:lead-gi-1,lead-rvdk-1,rvdk-arn',
      'team:escalation_withdrawn:lt-arn',
    ]);
    const escalations = c.ctx.store.escalations.ofCase(caseIdOf(c, ref));
    expect(escalations.map((e) => `${e.seq}:${e.state}`)).toEqual(['1:resolved', '2:withdrawn', '3:withdrawn']);
    expect(out.filter((l) => l.kind === 'team').map((l) => l.p.escalationId)).toEqual([
      escalations[0]!.id,
      escalations[1]!.id,
      escalations[2]!.id,
    ]);
  });

  it('report_back_done tells the case RVDK and JBT members (jbt-cg joined at the table), never the actor', () => {
    const c = context('2026-09-17T10:00');
    const toReportBack = () => {
      const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'LT_VOLUNTARY' }).ref;
      setStage(c.ctx, { by: 'lt-arn', caseRef: ref, stage: 'JBT_HELD' });
      recordEvent(c.ctx, {
        by: 'lt-arn',
        caseRef: ref,
        event: 'jbt_decision',
        fields: { outcome: 'report_back', reportBackBy: '2026-12-17' },
      });
      return ref;
    };
    const a = toReportBack();
    let before = lastId(c);
    recordEvent(c.ctx, { by: 'lt-arn', caseRef: a, event: 'report_back_done' });
    let out = since(c, before);
    expect(out.map(say)).toEqual(['team:report_back:jbt-cg,rvdk-arn']);
    expect(c.ctx.store.timers.open(caseIdOf(c, a), 'T3')).toEqual([]);

    // The Raad records it itself: only the table hears it.
    const b = toReportBack();
    before = lastId(c);
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: b, event: 'report_back_done' });
    out = since(c, before);
    expect(out.map(say)).toEqual(['team:report_back:jbt-cg']);
    expect(c.ctx.store.timers.open(caseIdOf(c, b), 'T3')).toEqual([]);
  });
});

// =====================================================================================================================

describe('§4.2 overdue: the whole team sees what is late', () => {
  /** Thu 09-17: an Arnhem case with gw-lt-arn on it; vt-arn records a melding: T1 (5 wd) due Thu 09-24. */
  function caseWithT1(c: TestContext): string {
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'gw-lt-arn', reason });
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'melding_received' });
    return ref;
  }

  it('T1 overdue: owner, owner’s lead and every other case professional (not the gedragswetenschapper)', () => {
    const c = context('2026-09-17T10:00');
    caseWithT1(c);
    // T1 due Thu 09-24 (Fri 18, Mon 21, Tue 22, Wed 23, Thu 24); remind 1 wd before (floor(5/4) = 1): Wed 09-23;
    // overdue the first working day after due: Fri 09-25.
    tickAt(c, '2026-09-22T08:30', '2026-09-23T08:30', '2026-09-24T08:30', '2026-09-25T08:29', '2026-09-25T08:30');
    tickAt(c, '2026-09-25T12:00', '2026-09-28T08:30');
    const t1 = nudgesOf(c, 'T1');
    expect(t1.map((l) => [say(l), l.notBefore])).toEqual([
      ['nudge:T1/remind:vt-arn', at('2026-09-23T08:30')],
      // vt-arn owns it (the case's VT member), lead-vt-1 is their lead; lt-arn, gi-arn, rvdk-arn are the other
      // professionals. gw-lt-arn is a member but no professional. Timer steps have no actor (lt-arn opened the case).
      ['nudge:T1/overdue:gi-arn,lead-vt-1,lt-arn,rvdk-arn,vt-arn', at('2026-09-25T08:30')],
    ]);
    expect(t1[1]!.p.owner).toBe('vt-arn');
    expect(t1[1]!.p.dueDate).toBe('2026-09-24');
  });

  it('T12 overdue also reaches the receiver and the receiver’s lead', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    // lt-arn opens a VIR-match handover from vt-arn to gi-arn: the line goes to both (the actor is neither).
    startHandover(c.ctx, { by: 'lt-arn', caseRef: ref, moment: 'H9', from: 'vt-arn', to: 'gi-arn' });
    expect(ofKind(c, 'handover').map(say)).toEqual(['handover:H9:gi-arn,vt-arn']);
    // T12 = 10 wd from Thu 09-17: due Thu 10-01; remind 2 wd before (floor(10/4)): Tue 09-29; overdue Fri 10-02.
    tickAt(c, '2026-09-29T08:30', '2026-10-01T08:30', '2026-10-02T08:30');
    expect(nudgesOf(c, 'T12').map((l) => [say(l), l.notBefore])).toEqual([
      ['nudge:T12/remind:vt-arn', at('2026-09-29T08:30')],
      // owner = the sender vt-arn + lead-vt-1; receiver gi-arn + lead-gi-1; the other professionals lt-arn, rvdk-arn.
      ['nudge:T12/overdue:gi-arn,lead-gi-1,lead-vt-1,lt-arn,rvdk-arn,vt-arn', at('2026-10-02T08:30')],
    ]);
  });

  it('a digest subscriber who would only get the status card finds it in the next digest instead', () => {
    const c = context('2026-09-17T10:00');
    const ref = caseWithT1(c);
    c.ctx.store.preferences.setDigest('gi-arn', true); // a status-card recipient of T1's overdue
    c.ctx.store.preferences.setDigest('vt-arn', true); // the owner: the action card stays immediate
    tickDaily(c, '2026-09-18', '2026-09-28');
    const overdue = nudgesOf(c, 'T1').filter((l) => l.p.step === 'overdue');
    expect(overdue.map(say)).toEqual(['nudge:T1/overdue:lead-vt-1,lt-arn,rvdk-arn,vt-arn']);
    const lateItems = (who: string) =>
      ofKind(c, 'digest')
        .filter((l) => l.to.includes(who))
        .flatMap((l) => (l.p.items as DigestItem[]).filter((i) => i.type === 'late').map((i) => [l.p.day, i]));
    // The same tick's digest (Fri 09-25) carries it, once.
    expect(lateItems('gi-arn')).toEqual([
      [
        '2026-09-25',
        { type: 'late', caseId: caseIdOf(c, ref), caseRef: ref, timer: 'T1', dueDate: '2026-09-24', owner: 'vt-arn' },
      ],
    ]);
    expect(lateItems('vt-arn')).toEqual([]);
  });
});

// =====================================================================================================================

describe('§5 automatic escalations involve the whole case', () => {
  /**
   * Thu 09-17: lt-arn opens; gw-lt-arn joins; vt-arn records a melding (T1 due Thu 09-24, escalate 3 wd after due
   * (ceil(5/2) = 3): Tue 09-29); lt-arn opens H9 from gw-lt-arn to gi-arn (T12 owner gw-lt-arn, due Thu 10-01,
   * escalate 5 wd after due (ceil(10/2) = 5): Thu 10-08). Thu 10-01 lt-arn adds lt-arn-2. Ticks daily up to Fri 10-09.
   */
  function stalledCase(c: TestContext): { ref: string; t1: number; t12: number; handoverId: number } {
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'gw-lt-arn', reason });
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'melding_received' });
    const handoverId = startHandover(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      moment: 'H9',
      from: 'gw-lt-arn',
      to: 'gi-arn',
    });
    const id = caseIdOf(c, ref);
    const t1 = c.ctx.store.timers.open(id, 'T1')[0]!.id;
    const t12 = c.ctx.store.timers.open(id, 'T12')[0]!.id;
    tickDaily(c, '2026-09-18', '2026-10-01');
    c.setNow('2026-10-01T10:00');
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'lt-arn-2', reason });
    tickDaily(c, '2026-10-02', '2026-10-09');
    return { ref, t1, t12, handoverId };
  }

  it('raise, level reminder, a joining term and L2: participants worked out from the case at each message', () => {
    const c = context('2026-09-17T10:00');
    const { ref, t1, t12 } = stalledCase(c);
    const esc = ofKind(c, 'escalation', 'escalation_reminder');
    expect(esc.map((l) => [say(l), l.notBefore])).toEqual([
      // Tue 09-29, T1's escalate: L1 with every case professional (lt-arn, vt-arn, gi-arn, rvdk-arn) and each one's
      // lead, T1's owner vt-arn, the coordinator lt-arn. gw-lt-arn is no professional and owns no held term yet.
      [
        'escalation:L1:gi-arn,lead-gi-1,lead-lt-arn,lead-rvdk-1,lead-vt-1,lt-arn,rvdk-arn,vt-arn',
        at('2026-09-29T08:30'),
      ],
      // L1's 5 wd from Tue 09-29 end Tue 10-06; the reminder Wed 10-07 — lt-arn-2, added on 10-01, is a case
      // professional now (their lead lead-lt-arn is already in).
      [
        'escalation_reminder:L1:gi-arn,lead-gi-1,lead-lt-arn,lead-rvdk-1,lead-vt-1,lt-arn,lt-arn-2,rvdk-arn,vt-arn',
        at('2026-10-07T08:30'),
      ],
      // Thu 10-08, T12's escalate joins the open automatic escalation at its level L1: its owner gw-lt-arn takes part.
      [
        'escalation:L1+T12:gi-arn,gw-lt-arn,lead-gi-1,lead-lt-arn,lead-rvdk-1,lead-vt-1,lt-arn,lt-arn-2,rvdk-arn,vt-arn',
        at('2026-10-08T08:30'),
      ],
      // Clocks keep counting from L1's raise: 2 wd after the reminder day (Thu 10-08, Fri 10-09) comes L2, adding the
      // managers of every lead chain (mgr-lt-arn also through gw-lt-arn and lt-arn-2).
      [
        'escalation:L2:gi-arn,gw-lt-arn,lead-gi-1,lead-lt-arn,lead-rvdk-1,lead-vt-1,lt-arn,lt-arn-2,mgr-gi,mgr-lt-arn,mgr-rvdk,mgr-vt,rvdk-arn,vt-arn',
        at('2026-10-09T08:30'),
      ],
    ]);
    expect(esc[0]!.p.trigger).toBe('AGREEMENTS_NOT_FOLLOWED');
    expect('joinedTimer' in esc[0]!.p).toBe(false); // a raise line names no term
    expect('joinedTimer' in esc[3]!.p).toBe(false);
    // Nobody is told at the moment they become a participant: lt-arn-2 got only their member_added on 10-01.
    expect(
      lines(c)
        .filter((l) => l.notBefore === at('2026-10-01T10:00'))
        .map(say),
    ).toEqual(['team:member_added:lt-arn-2']);
    // One escalation row, holding both cycles.
    const all = c.ctx.store.escalations.ofCase(caseIdOf(c, ref));
    expect(all.map((e) => `${e.seq}:${e.source}:${e.level}:${e.state}`)).toEqual(['1:timer:L2:open']);
    expect([...c.ctx.store.escalations.timersOf(all[0]!.id)].sort((a, b) => a - b)).toEqual(
      [t1, t12].sort((a, b) => a - b),
    );
  });

  it('resolves by itself, silently, once every cycle it holds has ended', () => {
    const c = context('2026-09-17T10:00');
    const { ref, handoverId } = stalledCase(c);
    const id = caseIdOf(c, ref);
    const before = lastId(c);
    c.setNow('2026-10-12T10:00');
    // T1 completes: the escalation still holds T12's cycle, so it stays open.
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'safety_assessment_done' });
    expect(c.ctx.store.escalations.ofCase(id)[0]!.state).toBe('open');
    // The handover completes (sender ticks C2, C3, C4; receiver C1, C5, C7; receiver accepts): T12 completes.
    for (const item of ['C2', 'C4']) checkItem(c.ctx, { by: 'gw-lt-arn', caseRef: ref, handoverId, item });
    checkItem(c.ctx, { by: 'gw-lt-arn', caseRef: ref, handoverId, item: 'C3', basis: 'consent' });
    for (const item of ['C1', 'C5', 'C7']) checkItem(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId, item });
    acceptHandover(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId });
    const e = c.ctx.store.escalations.ofCase(id)[0]!;
    expect([e.state, e.outcome]).toEqual(['resolved', 'resolved']);
    expect(e.decision).toMatch(/^afgerond/);
    // No message for it, then or later (L2's reminder would have come Mon 10-26: 10 wd from Fri 10-09 end Fri 10-23).
    tickDaily(c, '2026-10-13', '2026-10-28');
    expect(since(c, before).filter((l) => l.kind.startsWith('escalation') || l.kind === 'team')).toEqual([]);
  });
});

// =====================================================================================================================

describe('§4.2 membership changes reach escalations, handovers and terms', () => {
  it('a successor takes the leaver’s place in an open manual escalation, with their own lead at L1', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie?',
      orgs: ['LT', 'GI'],
    });
    escalateFurther(c.ctx, { by: 'gi-arn', caseRef: ref }); // L1 raised Thu 09-17
    const [l0, l1] = ofKind(c, 'escalation');
    expect([say(l0!), say(l1!)]).toEqual(['escalation:L0:gi-arn', 'escalation:L1:lead-gi-1,lead-lt-arn,lt-arn']);
    // Fri 09-18: lead-gi-1 replaces gi-arn by gi-rhe, a GI professional whose lead is lead-gi-2.
    c.setNow('2026-09-18T10:00');
    replaceMember(c.ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn', successor: 'gi-rhe', reason });
    const e = c.ctx.store.escalations.ofCase(caseIdOf(c, ref))[0]!;
    // Base lt-arn, gi-rhe; at L1 their leads lead-lt-arn, lead-gi-2. gi-arn and their lead lead-gi-1 are out.
    expect(e.participants).toEqual(['gi-rhe', 'lead-gi-2', 'lead-lt-arn', 'lt-arn']);
    // L1's 5 wd from Thu 09-17 end Thu 09-24: the reminder Fri 09-25 goes to the participants as they are now.
    tickDaily(c, '2026-09-19', '2026-09-25');
    expect(ofKind(c, 'escalation_reminder').map((l) => [say(l), l.notBefore])).toEqual([
      ['escalation_reminder:L1:gi-rhe,lead-gi-2,lead-lt-arn,lt-arn', at('2026-09-25T08:30')],
    ]);
    // The L0 line still queued for gi-arn is not delivered to them any more; lt-arn still gets the L1 line.
    expect(mayReceive(c.ctx, l0!.p as unknown as Notification, 'gi-arn')).toBe(false);
    expect(mayReceive(c.ctx, l1!.p as unknown as Notification, 'lt-arn')).toBe(true);
  });

  it('a removed member is no participant any more, and a queued escalation message to them is held back', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie?',
      orgs: ['LT', 'VT', 'GI'],
    });
    const l0 = ofKind(c, 'escalation')[0]!;
    expect(say(l0)).toBe('escalation:L0:gi-arn,vt-arn');
    c.setNow('2026-09-18T10:00');
    removeMember(c.ctx, { by: 'lead-vt-1', caseRef: ref, member: 'vt-arn', reason });
    expect(c.ctx.store.escalations.ofCase(caseIdOf(c, ref))[0]!.participants).toEqual(['gi-arn', 'lt-arn']);
    expect(mayReceive(c.ctx, l0.p as unknown as Notification, 'vt-arn')).toBe(false);
    expect(mayReceive(c.ctx, l0.p as unknown as Notification, 'gi-arn')).toBe(true);
    // L0 raised Thu 09-17, 5 wd end Thu 09-24: the reminder Fri 09-25 to gi-arn and lt-arn only.
    tickDaily(c, '2026-09-19', '2026-09-25');
    expect(ofKind(c, 'escalation_reminder').map(say)).toEqual(['escalation_reminder:L0:gi-arn,lt-arn']);
  });

  it('an open handover the leaver was to receive passes to the successor without a line of its own', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const h9 = startHandover(c.ctx, { by: 'lt-arn', caseRef: ref, moment: 'H9', from: 'rvdk-arn', to: 'gi-arn' });
    const t12 = c.ctx.store.timers.open(caseIdOf(c, ref), 'T12')[0]!;
    c.setNow('2026-09-18T10:00');
    replaceMember(c.ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn', successor: 'gi-arn-2', reason });
    expect(c.ctx.store.handovers.byId(h9)!.toMember).toBe('gi-arn-2');
    // Handover lines: H9 at its opening (to both sides), then only the replacement's own H6.
    expect(ofKind(c, 'handover').map(say)).toEqual(['handover:H9:gi-arn,rvdk-arn', 'handover:H6:gi-arn,gi-arn-2']);
    // Its term runs on (no new cycle for a successor): still due Thu 10-01.
    const now = c.ctx.store.timers.open(caseIdOf(c, ref), 'T12').find((t) => t.handoverId === h9)!;
    expect([now.id, now.cycle, now.dueDate]).toEqual([t12.id, t12.cycle, '2026-10-01']);
  });

  /** Thu 09-17: an escalation decided by lt-arn with `owner`, deadline Thu 09-24 (DECISION term, N = 5 wd). */
  function decidedCase(c: TestContext, owner: string): string {
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, { by: 'lt-arn', caseRef: ref, trigger: 'PROFESSIONAL_DILEMMA', question: 'Wie?' });
    recordDecision(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      decision: 'Samen op huisbezoek',
      owner,
      deadline: '2026-09-24',
    });
    return ref;
  }

  it('a DECISION term owned by a leaver passes to the successor on replacement', () => {
    const c = context('2026-09-17T10:00');
    const ref = decidedCase(c, 'vt-arn');
    c.setNow('2026-09-18T10:00');
    replaceMember(c.ctx, { by: 'lead-vt-1', caseRef: ref, member: 'vt-arn', successor: 'vt-doe', reason });
    // Remind 1 wd before Thu 09-24 (floor(5/4) = 1): Wed 09-23; overdue Fri 09-25.
    tickDaily(c, '2026-09-19', '2026-09-25');
    const d = nudgesOf(c, 'DECISION');
    expect(d.map((l) => [say(l), l.notBefore])).toEqual([
      ['nudge:DECISION/remind:vt-doe', at('2026-09-23T08:30')],
      // vt-doe + their lead lead-vt-1, the other professionals gi-arn, lt-arn, rvdk-arn; vt-arn left the case.
      ['nudge:DECISION/overdue:gi-arn,lead-vt-1,lt-arn,rvdk-arn,vt-doe', at('2026-09-25T08:30')],
    ]);
    expect(d.map((l) => l.p.owner)).toEqual(['vt-doe', 'vt-doe']);
  });

  it('a DECISION term owned by a removed member passes to the coordinator', () => {
    const c = context('2026-09-17T10:00');
    const ref = decidedCase(c, 'gi-arn');
    c.setNow('2026-09-18T10:00');
    removeMember(c.ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn', reason });
    tickDaily(c, '2026-09-19', '2026-09-25');
    const d = nudgesOf(c, 'DECISION');
    expect(d.map((l) => [say(l), l.notBefore])).toEqual([
      ['nudge:DECISION/remind:lt-arn', at('2026-09-23T08:30')],
      // The coordinator lt-arn + lead-lt-arn, the other professionals rvdk-arn and vt-arn.
      ['nudge:DECISION/overdue:lead-lt-arn,lt-arn,rvdk-arn,vt-arn', at('2026-09-25T08:30')],
    ]);
    expect(d.map((l) => l.p.owner)).toEqual(['lt-arn', 'lt-arn']);
  });

  it('T12 keeps its sender after the sender left the case', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    startHandover(c.ctx, { by: 'lt-arn', caseRef: ref, moment: 'H9', from: 'vt-arn', to: 'gi-arn' });
    c.setNow('2026-09-18T10:00');
    replaceMember(c.ctx, { by: 'lead-vt-1', caseRef: ref, member: 'vt-arn', successor: 'vt-doe', reason });
    // T12 due Thu 10-01: remind Tue 09-29 to the sender vt-arn; overdue Fri 10-02 to vt-arn + lead-vt-1, the receiver
    // gi-arn + lead-gi-1, and the professionals lt-arn, rvdk-arn, vt-doe.
    tickDaily(c, '2026-09-19', '2026-10-02');
    const t12 = nudgesOf(c, 'T12');
    expect(t12.map(say)).toEqual([
      'nudge:T12/remind:vt-arn',
      'nudge:T12/overdue:gi-arn,lead-gi-1,lead-vt-1,lt-arn,rvdk-arn,vt-arn,vt-doe',
    ]);
    expect(mayReceive(c.ctx, t12[0]!.p as unknown as Notification, 'vt-arn')).toBe(true);
  });
});

// =====================================================================================================================

describe('§4.1 regie passes at jeugdbeschermer_assigned, not at the measure', () => {
  function measured(c: TestContext): string {
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    c.setNow('2026-09-21T10:00');
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    return ref;
  }

  it('stays with the LT member at the measure; passes to the assigned jeugdbeschermer, who is told with the team', () => {
    const c = context('2026-09-17T10:00');
    const ref = measured(c);
    expect(c.ctx.store.cases.byRef(ref)!.coordinatorId).toBe('lt-arn');
    expect(ofKind(c, 'team').filter((l) => l.p.subject === 'coordinator_changed')).toEqual([]);
    c.setNow('2026-09-22T10:00');
    const before = lastId(c);
    recordEvent(c.ctx, {
      by: 'lead-gi-1',
      caseRef: ref,
      event: 'jeugdbeschermer_assigned',
      fields: { member: 'gi-arn-2' },
    });
    expect(c.ctx.store.cases.byRef(ref)!.coordinatorId).toBe('gi-arn-2');
    // gi-arn-2 joins (told alone), regie passes (every current member, gi-arn-2 included; the actor lead-gi-1 is no
    // member), the open H5 passes from gi-arn to gi-arn-2 (only the new receiver is told).
    const out = since(c, before);
    expect(out.map(say).sort()).toEqual(
      [
        'team:member_added:gi-arn-2',
        'team:coordinator_changed:gi-arn,gi-arn-2,lt-arn,rvdk-arn,vt-arn',
        'handover:H5:gi-arn-2',
      ].sort(),
    );
    const changed = out.find((l) => l.p.subject === 'coordinator_changed')!;
    expect([changed.p.previousCoordinator, changed.p.coordinator]).toEqual(['lt-arn', 'gi-arn-2']);
    // Joining is on record like any other way onto the team: "member added", by whom, with the assignment as reason.
    const caseId = c.ctx.store.cases.byRef(ref)!.id;
    const added = c.ctx.store.auditOf(caseId).filter((a) => a.action === 'member.added');
    expect(added).toEqual([
      expect.objectContaining({ actor: 'lead-gi-1', details: { member: 'gi-arn-2', org: 'GI' } }),
    ]);
    expect(added[0]!.reason).toBeTruthy();
  });

  it('the actor is left out; the GI fixed face assigned takes regie without joining again', () => {
    const c = context('2026-09-17T10:00');
    const ref = measured(c);
    c.setNow('2026-09-22T10:00');
    const before = lastId(c);
    recordEvent(c.ctx, { by: 'gi-arn', caseRef: ref, event: 'jeugdbeschermer_assigned', fields: { member: 'gi-arn' } });
    expect(c.ctx.store.cases.byRef(ref)!.coordinatorId).toBe('gi-arn');
    // Already a member and already H5's receiver: only coordinator_changed, to everyone but gi-arn.
    expect(since(c, before).map(say)).toEqual(['team:coordinator_changed:lt-arn,rvdk-arn,vt-arn']);
  });

  it('with coordinatorUnderMeasure LT for Arnhem, regie stays with the LT member', () => {
    const c = context('2026-09-17T10:00');
    const ref = measured(c);
    const lt = {
      ...c.ctx,
      norms: { ...c.ctx.norms, municipalities: { Arnhem: { coordinatorUnderMeasure: 'LT' as const } } },
    };
    c.setNow('2026-09-22T10:00');
    const before = lastId(c);
    recordEvent(lt, {
      by: 'lead-gi-1',
      caseRef: ref,
      event: 'jeugdbeschermer_assigned',
      fields: { member: 'gi-arn-2' },
    });
    expect(c.ctx.store.cases.byRef(ref)!.coordinatorId).toBe('lt-arn');
    expect(since(c, before).map(say).sort()).toEqual(['handover:H5:gi-arn-2', 'team:member_added:gi-arn-2']);
  });
});

// =====================================================================================================================

describe('§4.3/§4.4 H5 follows the jeugdbeschermer', () => {
  it('an open H5 passes to the assigned GI professional: a line to them only, T12 anew from that day, H5.1 ticked by the bot', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const id = caseIdOf(c, ref);
    // Thu 09-17: the measure opens H5 from the Raad member rvdk-arn (the actor) to the GI member gi-arn.
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    expect(ofKind(c, 'handover').map(say)).toEqual(['handover:H5:gi-arn']);
    const h5 = c.ctx.store.handovers.ofCase(id).find((h) => h.moment === 'H5')!;
    const first = c.ctx.store.timers.open(id, 'T12')[0]!;
    expect([first.startDate, first.dueDate]).toEqual(['2026-09-17', '2026-10-01']);

    // Tue 09-22: gi-arn-2 assigned (by lead-gi-1).
    c.setNow('2026-09-22T10:00');
    recordEvent(c.ctx, {
      by: 'lead-gi-1',
      caseRef: ref,
      event: 'jeugdbeschermer_assigned',
      fields: { member: 'gi-arn-2' },
    });
    expect(c.ctx.store.handovers.byId(h5.id)!.toMember).toBe('gi-arn-2');
    const h = ofKind(c, 'handover');
    expect(h.map(say)).toEqual(['handover:H5:gi-arn', 'handover:H5:gi-arn-2']);
    // New cycle from Tue 09-22: 10 wd (23, 24, 25, 28, 29, 30, 10-01, 02, 05, 06) → due Tue 10-06.
    expect(h[1]!.p.dueDate).toBe('2026-10-06');
    const t12 = c.ctx.store.timers.all(id).filter((t) => t.timer === 'T12' && t.handoverId === h5.id);
    expect(t12.map((t) => `${t.cycle}:${t.state}:${t.startDate}:${t.dueDate}`)).toEqual([
      `${first.cycle}:stopped:2026-09-17:2026-10-01`,
      `${first.cycle + 1}:open:2026-09-22:2026-10-06`,
    ]);
    expect(c.ctx.store.handovers.ticks(h5.id).map((t) => [t.itemId, t.checkedBy])).toEqual([['H5.1', 'teammodel-bot']]);
    // Nothing of the first cycle comes any more (its remind was Tue 09-29, its overdue Fri 10-02): the new cycle reminds
    // 2 wd before Tue 10-06 (Fri 10-02) and is overdue Wed 10-07: sender rvdk-arn + lead-rvdk-1, receiver gi-arn-2 +
    // lead-gi-1, the other professionals gi-arn, lt-arn, vt-arn.
    tickDaily(c, '2026-09-23', '2026-10-07');
    expect(nudgesOf(c, 'T12').map((l) => [say(l), l.p.cycle, l.notBefore])).toEqual([
      ['nudge:T12/remind:rvdk-arn', first.cycle + 1, at('2026-10-02T08:30')],
      [
        'nudge:T12/overdue:gi-arn,gi-arn-2,lead-gi-1,lead-rvdk-1,lt-arn,rvdk-arn,vt-arn',
        first.cycle + 1,
        at('2026-10-07T08:30'),
      ],
    ]);
  });

  it('without a GI member at the measure, H5 opens at the assignment from the Raad member to the jeugdbeschermer', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    removeMember(c.ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn', reason });
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    expect(c.ctx.store.handovers.ofCase(caseIdOf(c, ref))).toEqual([]);
    c.setNow('2026-09-22T10:00');
    recordEvent(c.ctx, {
      by: 'lead-gi-1',
      caseRef: ref,
      event: 'jeugdbeschermer_assigned',
      fields: { member: 'gi-arn-2' },
    });
    const [h5] = c.ctx.store.handovers.ofCase(caseIdOf(c, ref));
    expect([h5!.moment, h5!.fromMember, h5!.toMember]).toEqual(['H5', 'rvdk-arn', 'gi-arn-2']);
    expect(ofKind(c, 'handover').map(say)).toEqual(['handover:H5:gi-arn-2,rvdk-arn']);
    expect(c.ctx.store.handovers.ticks(h5!.id).map((t) => [t.itemId, t.checkedBy])).toEqual([
      ['H5.1', 'teammodel-bot'],
    ]);
  });

  it('the one assigned must be a GI professional: anyone else is refused and nothing is written', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const id = caseIdOf(c, ref);
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    c.setNow('2026-09-22T10:00'); // another day: a counted step by the GI (responsible at GI_ASSIGNMENT) would restart T13
    const snapshot = () => ({
      outbox: lines(c).length,
      events: c.ctx.store.cases.events(id).length,
      timers: c.ctx.store.timers.all(id).map((t) => `${t.id}:${t.timer}:${t.state}`),
      case: c.ctx.store.cases.byId(id)!,
      members: c.ctx.store.cases.currentMembers(id).map((m) => m.memberId),
      handovers: c.ctx.store.handovers.ofCase(id),
    });
    const before = snapshot();
    for (const who of ['lt-arn-2', 'lead-gi-1', 'gw-lt-arn', 'vt-doe']) {
      expect(() =>
        recordEvent(c.ctx, {
          by: 'lead-gi-1',
          caseRef: ref,
          event: 'jeugdbeschermer_assigned',
          fields: { member: who },
        }),
      ).toThrow(/jeugdbeschermer/);
    }
    expect(snapshot()).toEqual(before);
    expect(c.ctx.store.timers.open(id, 'T6')).toHaveLength(1);
  });
});

// =====================================================================================================================

describe('§4.1 the stage follows the events, forward only', () => {
  it('melding → VT_SAFETY_ASSESSMENT, … measure → GI_ASSIGNMENT; never back; rvdk_request_received stops T2', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const id = caseIdOf(c, ref);
    const stage = () => c.ctx.store.cases.byId(id)!.stage;
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'melding_received' });
    expect(stage()).toBe('VT_SAFETY_ASSESSMENT');
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'safety_assessment_done' });
    expect(stage()).toBe('VT_FOLLOWUP');
    const t2 = c.ctx.store.timers.open(id, 'T2')[0]!;
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'rvdk_request_received' });
    expect(stage()).toBe('RVDK_INVESTIGATION');
    expect(c.ctx.store.timers.open(id, 'T2')).toEqual([]);
    expect(c.ctx.store.timers.byId(t2.id)!.state).not.toBe('open');
    expect(c.ctx.store.timers.open(id, 'T4')).toHaveLength(1);
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    expect(stage()).toBe('GI_ASSIGNMENT');
    // A new melding during a measure starts T1 but does not move the case back.
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'melding_received' });
    expect(stage()).toBe('GI_ASSIGNMENT');
    expect(c.ctx.store.timers.open(id, 'T1')).toHaveLength(1);
    recordEvent(c.ctx, { by: 'gi-arn', caseRef: ref, event: 'jeugdbeschermer_assigned', fields: { member: 'gi-arn' } });
    expect(stage()).toBe('GI_EXECUTION');
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'rvdk_request_received' });
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    expect(stage()).toBe('GI_EXECUTION');
  });

  it('a measure from LT_VOLUNTARY moves the case to GI_ASSIGNMENT', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'LT_VOLUNTARY' }).ref;
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    expect(c.ctx.store.cases.byRef(ref)!.stage).toBe('GI_ASSIGNMENT');
  });

  it('JBT_REQUESTED where the municipality has no JBT fixed face: nobody joins and no H3 opens', () => {
    const c = patchedContext('2026-09-17T10:00', (r) => {
      for (const team of Object.values(r.fixedTeams)) delete team.JBT;
    });
    expect(c.ctx.roster.fixedTeam('Arnhem')?.JBT).toBeUndefined();
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'LT_VOLUNTARY' }).ref;
    const id = caseIdOf(c, ref);
    const before = lastId(c);
    setStage(c.ctx, { by: 'lt-arn', caseRef: ref, stage: 'JBT_REQUESTED' });
    expect(
      c.ctx.store.cases
        .currentMembers(id)
        .map((m) => m.memberId)
        .sort(),
    ).toEqual(['gi-arn', 'lt-arn', 'rvdk-arn', 'vt-arn']);
    expect(c.ctx.store.handovers.ofCase(id)).toEqual([]);
    expect(since(c, before)).toEqual([]);
  });

  it('JBT_REQUESTED with a JBT fixed face: the secretary joins, H3 opens from the coordinator; report back reaches RVDK and JBT', () => {
    const c = patchedContext('2026-09-17T10:00', (r) => {
      r.members.push({
        id: 'jbt-arn',
        org: 'JBT',
        orgName: 'Jeugdbeschermingstafel Centraal Gelderland',
        role: 'professional',
        name: 'Secretaris JBT (fictief)',
      });
      r.fixedTeams.Arnhem!.JBT = 'jbt-arn';
    });
    // Opened at LT_VOLUNTARY: the JBT face is left out of the team.
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'LT_VOLUNTARY' }).ref;
    const id = caseIdOf(c, ref);
    expect(lines(c).map(say)).toEqual(['team:member_added:gi-arn,rvdk-arn,vt-arn']);
    let before = lastId(c);
    setStage(c.ctx, { by: 'lt-arn', caseRef: ref, stage: 'JBT_REQUESTED' });
    // jbt-arn joins (told alone); H3 from the coordinator lt-arn (the actor) to jbt-arn: the line to jbt-arn only.
    expect(since(c, before).map(say)).toEqual(['team:member_added:jbt-arn', 'handover:H3:jbt-arn']);
    const [h3] = c.ctx.store.handovers.ofCase(id);
    expect([h3!.moment, h3!.fromMember, h3!.toMember]).toEqual(['H3', 'lt-arn', 'jbt-arn']);
    // JBT_HELD: already a member, no second join.
    before = lastId(c);
    setStage(c.ctx, { by: 'lt-arn', caseRef: ref, stage: 'JBT_HELD' });
    expect(since(c, before)).toEqual([]);
    // The table decides "report back" itself: back to LT_VOLUNTARY; T3 belongs to the coordinator (not the JBT member).
    recordEvent(c.ctx, { by: 'jbt-arn', caseRef: ref, event: 'jbt_decision', fields: { outcome: 'report_back' } });
    expect(c.ctx.store.cases.byId(id)!.stage).toBe('LT_VOLUNTARY');
    const t3 = c.ctx.store.timers.open(id, 'T3')[0]!;
    expect(t3.ownerRef).toBeNull(); // null: the coordinator
    before = lastId(c);
    recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'report_back_done' });
    expect(since(c, before).map(say)).toEqual(['team:report_back:jbt-arn,rvdk-arn']);
  });

  it('jbt_decision voluntary from JBT_HELD gives the case back to the LT; elsewhere, or "investigation", leaves the stage', () => {
    const c = context('2026-09-17T10:00');
    const open = (stage: 'LT_VOLUNTARY' | 'JBT_HELD') =>
      openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage }).ref;
    const stageOf = (ref: string) => c.ctx.store.cases.byRef(ref)!.stage;
    const a = open('LT_VOLUNTARY');
    setStage(c.ctx, { by: 'lt-arn', caseRef: a, stage: 'JBT_HELD' });
    recordEvent(c.ctx, { by: 'lt-arn', caseRef: a, event: 'jbt_decision', fields: { outcome: 'voluntary' } });
    expect(stageOf(a)).toBe('LT_VOLUNTARY');
    const b = open('JBT_HELD');
    recordEvent(c.ctx, { by: 'lt-arn', caseRef: b, event: 'jbt_decision', fields: { outcome: 'investigation' } });
    expect(stageOf(b)).toBe('JBT_HELD');
    const d = open('LT_VOLUNTARY');
    setStage(c.ctx, { by: 'lt-arn', caseRef: d, stage: 'RVDK_INVESTIGATION' });
    recordEvent(c.ctx, { by: 'lt-arn', caseRef: d, event: 'jbt_decision', fields: { outcome: 'voluntary' } });
    expect(stageOf(d)).toBe('RVDK_INVESTIGATION');
  });
});

// =====================================================================================================================

describe('§4.1 T13 measures the silence of the organisation responsible for the stage', () => {
  const t13 = (c: TestContext, ref: string) => {
    const open = c.ctx.store.timers.open(caseIdOf(c, ref), 'T13');
    expect(open).toHaveLength(1);
    return `${open[0]!.cycle}:${open[0]!.startDate}:${open[0]!.dueDate}`;
  };

  it('restarts on a step by the responsible organisation (member or not) and on a stage change, not on others', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    // Opened Thu 09-17 at SIGNAL (VT responsible): 20 wd → due Thu 10-15.
    expect(t13(c, ref)).toBe('1:2026-09-17:2026-10-15');
    // Tue 09-22: an LT step and a VT absence (no step on a case) change nothing.
    c.setNow('2026-09-22T10:00');
    recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'activity' });
    setAbsence(c.ctx, { by: 'vt-arn', member: 'vt-arn', from: '2026-10-01', until: '2026-10-02' });
    expect(t13(c, ref)).toBe('1:2026-09-17:2026-10-15');
    // Wed 09-23: vt-arn's step starts a new cycle: 20 wd from 09-23 → due Wed 10-21.
    c.setNow('2026-09-23T10:00');
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'activity' });
    expect(t13(c, ref)).toBe('2:2026-09-23:2026-10-21');
    // Later that day lead-vt-1 (VT in the roster, no member) acts: that day's cycle stays.
    c.setNow('2026-09-23T15:00');
    recordEvent(c.ctx, { by: 'lead-vt-1', caseRef: ref, event: 'activity' });
    expect(t13(c, ref)).toBe('2:2026-09-23:2026-10-21');
    // Thu 09-24 lead-vt-1 again: a new cycle, due Thu 10-22.
    c.setNow('2026-09-24T10:00');
    recordEvent(c.ctx, { by: 'lead-vt-1', caseRef: ref, event: 'activity' });
    expect(t13(c, ref)).toBe('3:2026-09-24:2026-10-22');
    // Mon 09-28: the Raad records the measure (RVDK is not responsible at SIGNAL) but the stage moves to
    // GI_ASSIGNMENT: a stage change restarts it. 20 wd from Mon 09-28 → due Mon 10-26.
    c.setNow('2026-09-28T10:00');
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    expect(t13(c, ref)).toBe('4:2026-09-28:2026-10-26');
    // Tue 09-29: now the GI is responsible; VT's step does not count.
    c.setNow('2026-09-29T10:00');
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'activity' });
    expect(t13(c, ref)).toBe('4:2026-09-28:2026-10-26');
    const ended = c.ctx.store.timers.all(caseIdOf(c, ref)).filter((t) => t.timer === 'T13' && t.state !== 'open');
    expect(ended.map((t) => t.cycle)).toEqual([1, 2, 3]);
  });

  it('in GI_EXECUTION the Raad’s activity does not count; the overdue belongs to the GI professional', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'gi-arn', municipality: 'Arnhem', stage: 'GI_EXECUTION' }).ref;
    expect(c.ctx.store.cases.byRef(ref)!.coordinatorId).toBe('lt-arn');
    c.setNow('2026-09-22T10:00');
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'activity' });
    expect(t13(c, ref)).toBe('1:2026-09-17:2026-10-15');
    // Due Thu 10-15 → overdue Fri 10-16; T13 has no remind.
    tickDaily(c, '2026-09-18', '2026-10-16');
    const lines13 = nudgesOf(c, 'T13');
    expect(lines13.map((l) => [say(l), l.notBefore])).toEqual([
      // owner gi-arn (the GI professional, not the coordinator lt-arn) + lead-gi-1; the other professionals.
      ['nudge:T13/overdue:gi-arn,lead-gi-1,lt-arn,rvdk-arn,vt-arn', at('2026-10-16T08:30')],
    ]);
    expect(lines13[0]!.p.owner).toBe('gi-arn');
  });

  it('in GI_EXECUTION a GI team lead’s step restarts it', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'gi-arn', municipality: 'Arnhem', stage: 'GI_EXECUTION' }).ref;
    c.setNow('2026-09-22T10:00');
    recordEvent(c.ctx, { by: 'lead-gi-1', caseRef: ref, event: 'activity' });
    // 20 wd from Tue 09-22 → due Tue 10-20.
    expect(t13(c, ref)).toBe('2:2026-09-22:2026-10-20');
  });
});

// =====================================================================================================================

describe('§4.1 T3 is a check-in', () => {
  function reportBack(c: TestContext, reportBackBy?: string): string {
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'LT_VOLUNTARY' }).ref;
    setStage(c.ctx, { by: 'lt-arn', caseRef: ref, stage: 'JBT_HELD' });
    recordEvent(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      event: 'jbt_decision',
      fields: reportBackBy ? { outcome: 'report_back', reportBackBy } : { outcome: 'report_back' },
    });
    return ref;
  }

  it('one checkin at 08:30 of the due date, or of the next working day; no remind, overdue or escalate', () => {
    const c = context('2026-09-17T10:00');
    const sat = reportBack(c, '2026-10-03'); // Saturday → Mon 10-05
    const xmas = reportBack(c, '2026-12-25'); // Christmas (Fri), then Sat 26 (2nd Christmas), Sun 27 → Mon 12-28
    const plain = reportBack(c); // 3 months from Thu 09-17 → Thu 12-17, a working day
    tickAt(c, '2026-10-02T08:30', '2026-10-05T08:29');
    expect(nudgesOf(c, 'T3')).toEqual([]);
    tickDaily(c, '2026-10-05', '2027-01-15');
    const t3 = nudgesOf(c, 'T3');
    expect(t3.map((l) => [l.caseId, say(l), l.notBefore])).toEqual([
      [caseIdOf(c, sat), 'nudge:T3/checkin:lt-arn', at('2026-10-05T08:30')],
      [caseIdOf(c, plain), 'nudge:T3/checkin:lt-arn', at('2026-12-17T08:30')],
      [caseIdOf(c, xmas), 'nudge:T3/checkin:lt-arn', at('2026-12-28T08:30')],
    ]);
    // T3 never joins or raises an escalation.
    for (const ref of [sat, xmas, plain]) {
      const e = c.ctx.store.escalations.ofCase(caseIdOf(c, ref));
      const t3ids = c.ctx.store.timers
        .all(caseIdOf(c, ref))
        .filter((t) => t.timer === 'T3')
        .map((t) => t.id);
      expect(e.flatMap((x) => c.ctx.store.escalations.timersOf(x.id)).filter((t) => t3ids.includes(t))).toEqual([]);
    }
  });

  it('report_back_not_needed stops it silently', () => {
    const c = context('2026-09-17T10:00');
    const ref = reportBack(c, '2026-10-05');
    const before = lastId(c);
    c.setNow('2026-09-18T10:00');
    recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'report_back_not_needed' });
    expect(c.ctx.store.timers.open(caseIdOf(c, ref), 'T3')).toEqual([]);
    tickDaily(c, '2026-09-19', '2026-10-07');
    expect(since(c, before).filter((l) => l.p.timer === 'T3' || l.kind === 'team')).toEqual([]);
  });
});

// =====================================================================================================================

describe('§5 acute danger bypasses the ladder', () => {
  it('reaches the case professionals and their leads at once at night; one follow-up to reporter and coordinator', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'lt-arn-2', reason });
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'gw-lt-arn', reason });
    // Fri 09-18 22:00, vt-arn reports: professionals lt-arn, vt-arn, gi-arn, rvdk-arn, lt-arn-2 and their leads
    // (lead-lt-arn, lead-vt-1, lead-gi-1, lead-rvdk-1), minus the reporter. gw-lt-arn is no professional.
    c.setNow('2026-09-18T22:00');
    const r = reportAcuteDanger(c.ctx, { by: 'vt-arn', caseRef: ref });
    const expected = [
      'gi-arn',
      'lead-gi-1',
      'lead-lt-arn',
      'lead-rvdk-1',
      'lead-vt-1',
      'lt-arn',
      'lt-arn-2',
      'rvdk-arn',
    ];
    expect([...r.notified].sort()).toEqual(expected);
    const acute = ofKind(c, 'acute');
    expect(acute.map((l) => [l.to, l.notBefore])).toEqual([[expected, at('2026-09-18T22:00')]]);

    // "Ik pak dit op": a recipient picks it up, the reporter hears it at once; a second pick-up is refused, and so is
    // someone the alert did not reach.
    c.setNow('2026-09-18T22:10');
    pickUpAcute(c.ctx, { by: 'lead-gi-1', caseRef: ref, acuteId: r.acuteId });
    expect(ofKind(c, 'acute_update').map((l) => [say(l), l.notBefore, l.p.pickedUpBy])).toEqual([
      ['acute_update:vt-arn', at('2026-09-18T22:10'), 'lead-gi-1'],
    ]);
    expect(() => pickUpAcute(c.ctx, { by: 'gi-arn', caseRef: ref, acuteId: r.acuteId })).toThrow(/al opgepakt/);
    expect(() => pickUpAcute(c.ctx, { by: 'gw-lt-arn', caseRef: ref, acuteId: r.acuteId })).toThrow(/Alleen wie/);
    expect(() => pickUpAcute(c.ctx, { by: 'vt-arn', caseRef: ref, acuteId: r.acuteId })).toThrow(/Alleen wie/);
    expect(c.ctx.store.acute.byId(r.acuteId)!.pickedUpBy).toBe('lead-gi-1');

    // Sat 09-19 lt-arn hands regie to gi-arn. The follow-up comes at 08:30 of the first working day after Fri 09-18:
    // Mon 09-21, to the reporter and the coordinator as they are then.
    c.setNow('2026-09-19T10:00');
    setCoordinator(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'gi-arn', reason });
    tickAt(c, '2026-09-19T10:00', '2026-09-20T10:00', '2026-09-21T08:29', '2026-09-21T08:30', '2026-09-21T09:00');
    tickAt(c, '2026-09-22T08:30', '2026-09-23T08:30');
    const followups = ofKind(c, 'acute_followup');
    expect(followups.map((l) => [say(l), l.notBefore])).toEqual([
      ['acute_followup:gi-arn,vt-arn', at('2026-09-21T08:30')],
    ]);
  });

  it('the follow-up comes the next working day, never the same day, and skips the Christmas holidays', () => {
    const c = context('2026-12-23T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    // Wed 12-23 10:00, during office hours, the coordinator lt-arn reports: the follow-up waits for Thu 12-24 08:30.
    const first = reportAcuteDanger(c.ctx, { by: 'lt-arn', caseRef: ref }).acuteId;
    tickAt(c, '2026-12-23T10:00', '2026-12-23T16:00', '2026-12-24T08:30');
    // Thu 12-24 23:30, the night before Christmas, gi-arn reports: delivered at once.
    c.setNow('2026-12-24T23:30');
    const second = reportAcuteDanger(c.ctx, { by: 'gi-arn', caseRef: ref }).acuteId;
    expect(ofKind(c, 'acute').map((l) => l.notBefore)).toEqual([at('2026-12-23T10:00'), at('2026-12-24T23:30')]);
    // Fri 12-25 and Sat 12-26 are Christmas, Sun 12-27: Mon 12-28 08:30, to gi-arn and the coordinator lt-arn.
    tickDaily(c, '2026-12-25', '2026-12-30');
    expect(ofKind(c, 'acute_followup').map((l) => [l.p.acuteId, say(l), l.notBefore])).toEqual([
      [first, 'acute_followup:lt-arn', at('2026-12-24T08:30')], // reporter and coordinator are one person
      [second, 'acute_followup:gi-arn,lt-arn', at('2026-12-28T08:30')],
    ]);
  });
});

// =====================================================================================================================

describe('§4.1 weekly line to the pilot coordinators', () => {
  const weekly = (c: TestContext) =>
    ofKind(c, 'weekly').map((l) => [l.to.join(','), l.notBefore, l.p.monday, l.p.municipalities]);

  it('after Easter Monday: Tuesday’s first office-hours start, once a week, only to the coordinator of the municipality', () => {
    const c = context('2026-04-01T10:00');
    const arnhem = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    openCase(c.ctx, { by: 'lt-doe', municipality: 'Doesburg' }); // nothing to report
    // Thu 04-02 a measure in Arnhem: T6 runs (due Fri 04-10: Good Friday 04-03 counts, Easter Monday 04-06 does not).
    c.setNow('2026-04-02T10:00');
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: arnhem, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    tickAt(c, '2026-04-06T08:30', '2026-04-06T10:00', '2026-04-07T08:29');
    expect(weekly(c)).toEqual([]);
    tickAt(c, '2026-04-07T08:30', '2026-04-07T09:00', '2026-04-08T08:30', '2026-04-10T08:30', '2026-04-12T12:00');
    tickAt(c, '2026-04-13T08:30', '2026-04-13T12:00', '2026-04-14T08:30');
    // T6 is still running on Mon 04-13 (not assigned): the next week's line comes on Monday.
    expect(weekly(c)).toEqual([
      ['coord-arn', at('2026-04-07T08:30'), '2026-04-06', ['Arnhem']],
      ['coord-arn', at('2026-04-13T08:30'), '2026-04-13', ['Arnhem']],
    ]);
  });

  it('after Whit Monday: Tuesday; a Doesburg case concerns only the Doesburg coordinator', () => {
    const c = context('2026-05-20T10:00');
    openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }); // nothing to report
    const doe = openCase(c.ctx, { by: 'lt-doe', municipality: 'Doesburg' }).ref;
    recordEvent(c.ctx, { by: 'rvdk-doe', caseRef: doe, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    tickAt(c, '2026-05-25T08:30', '2026-05-25T12:00', '2026-05-26T08:30', '2026-05-27T08:30');
    expect(weekly(c)).toEqual([['coord-doe', at('2026-05-26T08:30'), '2026-05-25', ['Doesburg']]]);
  });

  it('a term late by more than 10 working days is reported; by 10 or fewer it is not', () => {
    const c = context('2026-09-21T10:00'); // Monday
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    // T1 = 5 wd (22, 23, 24, 25, 28): due Mon 09-28; escalate 3 wd after due: Thu 10-01.
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'melding_received' });
    tickDaily(c, '2026-09-22', '2026-10-01');
    // T1's automatic escalation (Thu 10-01, L1) is withdrawn, so no L2 will muddle the picture.
    expect(c.ctx.store.escalations.ofCase(caseIdOf(c, ref)).map((e) => e.level)).toEqual(['L1']);
    c.setNow('2026-10-01T10:00');
    withdrawEscalation(c.ctx, { by: 'vt-arn', caseRef: ref, reason: 'wordt opgepakt' });
    tickDaily(c, '2026-10-02', '2026-10-20');
    // Working days d with 09-28 < d <= Monday: 10-05 → 5; 10-12 → 10 (not more than 10); 10-19 → 15.
    expect(weekly(c)).toEqual([['coord-arn', at('2026-10-19T08:30'), '2026-10-19', ['Arnhem']]]);
  });

  it('a late T3 does not count; an escalation at L2 does, at L1 not', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'LT_VOLUNTARY' }).ref;
    setStage(c.ctx, { by: 'lt-arn', caseRef: ref, stage: 'JBT_HELD' });
    recordEvent(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      event: 'jbt_decision',
      fields: { outcome: 'report_back', reportBackBy: '2026-09-18' },
    });
    // T3 due Fri 09-18; by Mon 10-05 it is 11 wd past due (21–25, 28–30, 10-01, 10-02, 10-05): still no line.
    tickDaily(c, '2026-09-18', '2026-10-05');
    expect(weekly(c)).toEqual([]);
    // Tue 10-06: an escalation raised and moved to L1 — Mon 10-12 still nothing.
    c.setNow('2026-10-06T10:00');
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie?',
      orgs: ['LT', 'VT'],
    });
    escalateFurther(c.ctx, { by: 'vt-arn', caseRef: ref });
    tickDaily(c, '2026-10-07', '2026-10-12');
    expect(weekly(c)).toEqual([]);
    // Tue 10-13 to L2: Mon 10-19's line.
    c.setNow('2026-10-13T10:00');
    escalateFurther(c.ctx, { by: 'vt-arn', caseRef: ref });
    tickDaily(c, '2026-10-14', '2026-10-20');
    expect(weekly(c)).toEqual([['coord-arn', at('2026-10-19T08:30'), '2026-10-19', ['Arnhem']]]);
  });
});

// =====================================================================================================================

describe('§4.3 deputies stand in during an absence', () => {
  const withDeputies = (now: string) =>
    patchedContext(now, (r) => {
      member(r, 'lt-arn').deputy = 'lt-arn-2';
      member(r, 'gi-arn').deputy = 'gi-arn-2';
      member(r, 'gi-arn-2').deputy = 'gi-doe';
    });

  it('the deputy is added to what is delivered on the days of the absence (both dates inclusive)', () => {
    const c = withDeputies('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    setAbsence(c.ctx, { by: 'lt-arn', member: 'lt-arn', from: '2026-09-21', until: '2026-09-22' });
    const before = lastId(c);
    // Fri 09-18: before the absence.
    c.setNow('2026-09-18T10:00');
    setCoordinator(c.ctx, { by: 'vt-arn', caseRef: ref, member: 'gi-arn', reason });
    // Sun 09-20 evening: delivered Mon 09-21 08:30, a day of the absence.
    c.setNow('2026-09-20T20:00');
    setCoordinator(c.ctx, { by: 'vt-arn', caseRef: ref, member: 'lt-arn', reason });
    // Tue 09-22 16:00: the last day, delivered at once.
    c.setNow('2026-09-22T16:00');
    setCoordinator(c.ctx, { by: 'rvdk-arn', caseRef: ref, member: 'gi-arn', reason });
    // Tue 09-22 18:00: delivered Wed 09-23 08:30, after the absence.
    c.setNow('2026-09-22T18:00');
    setCoordinator(c.ctx, { by: 'rvdk-arn', caseRef: ref, member: 'lt-arn', reason });
    expect(since(c, before).map((l) => [say(l), l.notBefore])).toEqual([
      ['team:coordinator_changed:gi-arn,lt-arn,rvdk-arn', at('2026-09-18T10:00')],
      ['team:coordinator_changed:gi-arn,lt-arn,lt-arn-2,rvdk-arn', at('2026-09-21T08:30')],
      ['team:coordinator_changed:gi-arn,lt-arn,lt-arn-2,vt-arn', at('2026-09-22T16:00')],
      ['team:coordinator_changed:gi-arn,lt-arn,vt-arn', at('2026-09-23T08:30')],
    ]);
  });

  it('not when the deputy is away too (and never the deputy’s deputy), never the actor; acute alerts included', () => {
    const c = withDeputies('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    setAbsence(c.ctx, { by: 'lead-gi-1', member: 'gi-arn', from: '2026-09-21', until: '2026-09-25' }); // by the lead
    setAbsence(c.ctx, { by: 'gi-arn-2', member: 'gi-arn-2', from: '2026-09-21', until: '2026-09-21' });
    setAbsence(c.ctx, { by: 'lt-arn', member: 'lt-arn', from: '2026-09-21', until: '2026-09-25' });
    const before = lastId(c);
    // Mon 09-21: lt-arn away → lt-arn-2; gi-arn away, but so is gi-arn-2 → nobody for gi-arn (gi-doe not followed).
    c.setNow('2026-09-21T10:00');
    setCoordinator(c.ctx, { by: 'vt-arn', caseRef: ref, member: 'gi-arn', reason });
    // Tue 09-22: lt-arn-2 joins the case and hands regie back to lt-arn: lt-arn's deputy is the actor (left out);
    // gi-arn-2 is back, so stands in for gi-arn.
    c.setNow('2026-09-22T10:00');
    addMember(c.ctx, { by: 'vt-arn', caseRef: ref, member: 'lt-arn-2', reason });
    setCoordinator(c.ctx, { by: 'lt-arn-2', caseRef: ref, member: 'lt-arn', reason });
    // Tue 09-22 23:00, rvdk-arn reports acute danger: the professionals (lt-arn-2 now too) and their leads, minus
    // rvdk-arn; gi-arn-2 for gi-arn. At once.
    c.setNow('2026-09-22T23:00');
    reportAcuteDanger(c.ctx, { by: 'rvdk-arn', caseRef: ref });
    expect(since(c, before).map((l) => [say(l), l.notBefore])).toEqual([
      ['team:coordinator_changed:gi-arn,lt-arn,lt-arn-2,rvdk-arn', at('2026-09-21T10:00')],
      ['team:member_added:lt-arn-2', at('2026-09-22T10:00')],
      ['team:coordinator_changed:gi-arn,gi-arn-2,lt-arn,rvdk-arn,vt-arn', at('2026-09-22T10:00')],
      [
        'acute:gi-arn,gi-arn-2,lead-gi-1,lead-lt-arn,lead-rvdk-1,lead-vt-1,lt-arn,lt-arn-2,vt-arn',
        at('2026-09-22T23:00'),
      ],
    ]);
  });

  it('an absence is recorded by the member or their team lead, nobody else', () => {
    const c = context('2026-09-17T10:00');
    expect(() =>
      setAbsence(c.ctx, { by: 'vt-arn', member: 'lt-arn', from: '2026-09-21', until: '2026-09-22' }),
    ).toThrow(/teamleider/);
    setAbsence(c.ctx, { by: 'lead-lt-arn', member: 'lt-arn', from: '2026-09-21', until: '2026-09-22' });
    // Dates inclusive.
    expect(
      ['2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23'].map((d) => c.ctx.store.absences.isAbsent('lt-arn', d)),
    ).toEqual([false, true, true, false]);
  });
});
