import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addMember } from '../../src/app/change-membership.js';
import { loadVisibleCase } from '../../src/app/case-access.js';
import { escalateFurther, recordDecision } from '../../src/app/escalations/decide-escalation.js';
import { mayEngageExpertTeam } from '../../src/app/escalations/engage-expert-team.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { openCase } from '../../src/app/open-case.js';
import { recordEvent } from '../../src/app/record-event.js';
import { DEFAULT_ROSTER_FILE } from '../../src/config.js';
import { parseRoster, type RosterInput } from '../../src/domain/roster.js';
import { aContext, closedAfterEach, type TestContext } from './test-context.js';

// The regional expert team (docs/behaviour.md, "Flows between organisations"): from L2 on, a participant brings in
// the RET member of the case's region (demo roster: ret-cg serves CG, which holds Arnhem). They become a participant of
// that escalation until it closes, hear of it at once, and nobody else gets a new line for it.

const context = closedAfterEach();

interface Line {
  kind: string;
  to: string[];
  p: Record<string, unknown>;
}

function linesAfter(c: TestContext, afterId: number): Line[] {
  const rows = c.database.sqlite
    .prepare(
      `SELECT o.kind, o.payload,
              (SELECT group_concat(recipient_id) FROM deliveries d WHERE d.outbox_id = o.id) AS recipients
         FROM outbox o WHERE o.id > ? ORDER BY o.id`,
    )
    .all(afterId) as Array<{ kind: string; payload: string; recipients: string | null }>;
  return rows.map((r) => ({
    kind: r.kind,
    to: r.recipients ? r.recipients.split(',').sort() : [],
    p: JSON.parse(r.payload) as Record<string, unknown>,
  }));
}

const lastId = (c: TestContext) =>
  (c.database.sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM outbox').get() as { n: number }).n;

const auditActions = (c: TestContext) =>
  (c.database.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').all() as Array<{ action: string }>).map(
    (r) => r.action,
  );

/** A case in Arnhem with a manual LT–GI escalation raised by lt-arn and moved up to `level`. */
function caseWithEscalation(c: TestContext, level: 'L1' | 'L2' | 'L3'): string {
  const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  raiseEscalation(c.ctx, {
    by: 'lt-arn',
    caseRef: ref,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Welke passende zorg is er op korte termijn?',
    orgs: ['LT', 'GI'],
  });
  escalateFurther(c.ctx, { by: 'gi-arn', caseRef: ref }); // L0 → L1
  if (level !== 'L1') escalateFurther(c.ctx, { by: 'lead-gi-1', caseRef: ref }); // → L2
  if (level === 'L3') escalateFurther(c.ctx, { by: 'mgr-gi', caseRef: ref }); // → L3 (a manager confirms)
  return ref;
}

const escalationOf = (c: TestContext, ref: string) =>
  c.ctx.store.escalations.ofCase(c.ctx.store.cases.byRef(ref)!.id)[0]!;

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
  return 'no refusal';
}

describe('regional expert team', () => {
  it('at L2 a participant brings in the region’s RET member: they join, hear it alone, and may see the case', () => {
    const c = context('2026-09-17T10:00');
    const ref = caseWithEscalation(c, 'L2');
    expect(escalationOf(c, ref).level).toBe('L2');
    expect(mayEngageExpertTeam(c.ctx, c.ctx.store.cases.byRef(ref)!, escalationOf(c, ref))).toBe(true);
    expect(refusal(() => loadVisibleCase(c.ctx, 'ret-cg', ref))).toBe('NOT_FOUND_OR_NO_ACCESS');
    const before = lastId(c);

    recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'ret_engaged' });

    const e = escalationOf(c, ref);
    expect(e.guests).toEqual(['ret-cg']);
    expect(e.participants).toContain('ret-cg');
    const sent = linesAfter(c, before);
    expect(sent.map((l) => [l.kind, l.to, l.p.level, l.p.expertTeam])).toEqual([
      ['escalation', ['ret-cg'], 'L2', true],
    ]);
    expect(loadVisibleCase(c.ctx, 'ret-cg', ref).record.ref).toBe(ref);
    // The event names the escalation it concerns; the audit log holds who was added.
    const events = c.ctx.store.cases.events(e.caseId).filter((x) => x.event === 'ret_engaged');
    expect(events.map((x) => x.fields)).toEqual([{ escalation: 1 }]);
    expect(auditActions(c).filter((a) => a === 'escalation.expert_team')).toHaveLength(1);
    expect(mayEngageExpertTeam(c.ctx, c.ctx.store.cases.byRef(ref)!, e)).toBe(false);
  });

  it('the RET member stays through a team change and a level up, and loses the case when the escalation closes', () => {
    const c = context('2026-09-17T10:00');
    const ref = caseWithEscalation(c, 'L2');
    recordEvent(c.ctx, { by: 'gi-arn', caseRef: ref, event: 'ret_engaged', fields: { escalation: 1 } });
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'gw-lt-arn', reason: 'afspraak in het casusoverleg' });
    expect(escalationOf(c, ref).participants).toContain('ret-cg');

    const before = lastId(c);
    escalateFurther(c.ctx, { by: 'mgr-gi', caseRef: ref });
    const l3 = linesAfter(c, before).find((l) => l.kind === 'escalation')!;
    expect(l3.p.level).toBe('L3');
    expect(l3.to).toContain('ret-cg');
    expect(l3.p.expertTeam).toBeUndefined();

    recordDecision(c.ctx, {
      by: 'mgr-gi',
      caseRef: ref,
      decision: 'Overbrugging via het expertteam tot de plek vrij is.',
      owner: 'gi-arn',
      deadline: '2026-10-01',
      familyInformed: { informed: 'no' },
    });
    expect(refusal(() => loadVisibleCase(c.ctx, 'ret-cg', ref))).toBe('NOT_FOUND_OR_NO_ACCESS');
  });

  it('refuses below L2, twice, by someone outside the escalation, and on a worrying-conduct escalation — writing nothing', () => {
    const c = context('2026-09-17T10:00');
    // L0 (a fresh manual escalation, the case meeting) is refused like L1.
    const l0 = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: l0,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie?',
      orgs: ['LT', 'GI'],
    });
    expect(escalationOf(c, l0).level).toBe('L0');
    expect(mayEngageExpertTeam(c.ctx, c.ctx.store.cases.byRef(l0)!, escalationOf(c, l0))).toBe(false);
    expect(refusal(() => recordEvent(c.ctx, { by: 'lt-arn', caseRef: l0, event: 'ret_engaged' }))).toBe('RET_FROM_L2');

    const ref = caseWithEscalation(c, 'L1');
    const caseId = c.ctx.store.cases.byRef(ref)!.id;
    const written = () => [lastId(c), c.ctx.store.cases.events(caseId).length, auditActions(c).length].join();
    let snapshot = written();
    expect(refusal(() => recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'ret_engaged' }))).toBe('RET_FROM_L2');
    expect(written()).toBe(snapshot);
    expect(mayEngageExpertTeam(c.ctx, c.ctx.store.cases.byRef(ref)!, escalationOf(c, ref))).toBe(false);

    escalateFurther(c.ctx, { by: 'lead-gi-1', caseRef: ref });
    // rvdk-arn is on the case but not in this LT–GI escalation.
    snapshot = written();
    expect(refusal(() => recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'ret_engaged' }))).toBe(
      'NOT_A_PARTICIPANT',
    );
    expect(written()).toBe(snapshot);

    recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'ret_engaged' });
    snapshot = written();
    expect(refusal(() => recordEvent(c.ctx, { by: 'gi-arn', caseRef: ref, event: 'ret_engaged' }))).toBe(
      'ALREADY_ENGAGED',
    );
    expect(written()).toBe(snapshot);

    // Worrying conduct concerns a professional, not care: no expert team.
    const other = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: other,
      trigger: 'NEGLIGENT_CONDUCT',
      question: 'Is dit handelen zorgvuldig?',
      orgs: ['GI'],
    });
    // It starts at L1 with the raiser's own lead; lead-lt-arn moves it to L2 (management).
    expect(escalationOf(c, other).level).toBe('L1');
    escalateFurther(c.ctx, { by: 'lead-lt-arn', caseRef: other });
    expect(escalationOf(c, other).level).toBe('L2');
    expect(mayEngageExpertTeam(c.ctx, c.ctx.store.cases.byRef(other)!, escalationOf(c, other))).toBe(false);
    expect(refusal(() => recordEvent(c.ctx, { by: 'lead-lt-arn', caseRef: other, event: 'ret_engaged' }))).toBe(
      'NOT_ALLOWED',
    );
  });

  it('a region without an expert team in the roster gets a clear refusal', () => {
    const json = JSON.parse(readFileSync(DEFAULT_ROSTER_FILE, 'utf8')) as RosterInput;
    json.members.find((m) => m.id === 'ret-cg')!.regions = ['RN'];
    const parsed = parseRoster(json, { requireNames: true });
    if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
    const c = context.track(aContext({ now: '2026-09-17T10:00', roster: parsed.roster }));
    const ref = caseWithEscalation(c, 'L2');
    expect(mayEngageExpertTeam(c.ctx, c.ctx.store.cases.byRef(ref)!, escalationOf(c, ref))).toBe(false);
    expect(refusal(() => recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'ret_engaged' }))).toBe(
      'NO_EXPERT_TEAM',
    );
  });
});
