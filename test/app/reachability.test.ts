import { describe, expect, it } from 'vitest';
import { bindMember } from '../../src/app/bind-member.js';
import { addMember } from '../../src/app/change-membership.js';
import { CASE_THREAD_KIND } from '../../src/app/notifications.js';
import { openCase } from '../../src/app/open-case.js';
import { createDeliveryPace } from '../../src/app/delivery-pace.js';
import { planDeliveryOutcome } from '../../src/app/plan-delivery-outcome.js';
import { listUnreachable, peopleOfMunicipality } from '../../src/app/queries/list-unreachable.js';
import { failureKindOf, judgeReachability, reachabilityOf } from '../../src/app/reachability.js';
import { recordView } from '../../src/app/record-view.js';
import { createMemberBindingStore } from '../../src/adapters/sqlite/member-binding-store.js';
import { classifySendError } from '../../src/adapters/teams/classify-send-error.js';
import { DomainError } from '../../src/domain/domain-error.js';
import { aNudge, at, closedAfterEach, demoRosterWith, type TestContext } from './test-context.js';

// Issue 18 item 2, "Knowing who can be reached": the rule (app/reachability.ts) and `bereikbaarheid` for pilot
// coordinators (app/queries/list-unreachable.ts), on a real SQLite with the real migrations.

const context = closedAfterEach();

const aadOf = (c: TestContext, id: string) => c.ctx.roster.member(id)!.aadObjectId!;
/** The person's 1:1 chat with the bot, as the Teams adapter stores it (user:<object id in lower case>). */
const chatWith = (c: TestContext, aad: string) =>
  c.ctx.conversations.save(
    `user:${aad.toLowerCase()}`,
    { serviceUrl: 'https://smba.example/emea/', conversation: { id: `a:${aad}` } },
    c.ctx.clock.now(),
  );

/** One message to `to`, ended as the delivery loop ends it: sent, or failed for good with `reason`. */
function delivered(c: TestContext, to: string, end: { sent: true } | { failed: string }, kind = 'nudge'): number {
  const outboxId = c.ctx.store.outbox.enqueue({
    kind,
    caseId: null,
    payload: { ...aNudge(), kind },
    recipients: [to],
    createdAt: c.ctx.clock.now(),
    notBefore: c.ctx.clock.now(),
    ignoresOfficeHours: false,
  });
  const d = c.ctx.store.outbox.pending(c.ctx.clock.now() + 1, true, 1000).find((p) => p.outboxId === outboxId)!;
  if ('sent' in end) c.ctx.store.outbox.markSent(d.deliveryId, c.ctx.clock.now());
  else c.ctx.store.outbox.markFailed(d.deliveryId, end.failed);
  return outboxId;
}

const whyOf = (c: TestContext, id: string) => reachabilityOf(c.ctx, [c.ctx.roster.member(id)!]).get(id)!.reachability;

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, message: err.userMessage };
    throw err;
  }
  throw new Error('test: expected a refusal');
};

describe('the rule: who the bot can reach on its own', () => {
  it('is pure: a failure counts until a later message arrives, then a known chat is needed', () => {
    const failed = {
      state: 'failed' as const,
      kind: 'nudge',
      createdAt: 5,
      lastError: 'Teams kent dit gesprek niet (404)',
    };
    const sent = { state: 'sent' as const, kind: 'nudge', createdAt: 7, lastError: null };
    expect(judgeReachability({ identities: [], hasPersonalChat: false, last: undefined })).toEqual({
      reachable: false,
      why: 'no_account',
    });
    expect(judgeReachability({ identities: ['x'], hasPersonalChat: false, last: undefined })).toEqual({
      reachable: false,
      why: 'no_chat',
    });
    expect(judgeReachability({ identities: ['x'], hasPersonalChat: true, last: undefined })).toEqual({
      reachable: true,
    });
    expect(judgeReachability({ identities: ['x'], hasPersonalChat: true, last: failed })).toEqual({
      reachable: false,
      why: 'failed',
      failure: 'unknown_chat',
      since: 5,
    });
    expect(judgeReachability({ identities: ['x'], hasPersonalChat: true, last: sent })).toEqual({ reachable: true });
    // A message that could not be rendered says nothing about the person's chat.
    const noCard = { ...failed, lastError: 'geen kaart voor dit bericht (nudge)' };
    expect(judgeReachability({ identities: ['x'], hasPersonalChat: true, last: noCard })).toEqual({
      reachable: true,
    });
    expect(judgeReachability({ identities: ['x'], hasPersonalChat: false, last: noCard })).toMatchObject({
      why: 'no_chat',
    });
  });

  it('reads the reasons the Teams sender and the delivery loop record', () => {
    const final = (status: number) => {
      const o = classifySendError({ statusCode: status });
      if (o.kind !== 'final') throw new Error('test: expected a final outcome');
      return o.reason;
    };
    expect(failureKindOf(final(403))).toBe('refused');
    expect(failureKindOf(`1:1-gesprek starten lukte niet: ${final(403)}`)).toBe('not_installed');
    expect(failureKindOf(final(404))).toBe('unknown_chat');
    expect(failureKindOf(final(400))).toBe('other');
    const gaveUp = planDeliveryOutcome(
      { kind: 'retry', status: 502 },
      { recipientId: 'vt-arn', attempts: 7 },
      { maxAttempts: 8, random: () => 0, at: 0 },
      createDeliveryPace(),
    );
    expect(gaveUp).toMatchObject({ mark: 'failed' });
    expect(failureKindOf((gaveUp as { reason: string }).reason)).toBe('gave_up');
    expect(
      failureKindOf('geen Teams-account (aadObjectId) in het rooster, en nog niet via e-mail of UPN gekoppeld'),
    ).toBe('no_account');
    expect(failureKindOf('staat niet (meer) in het rooster')).toBeUndefined();
    expect(failureKindOf('geen kaart voor dit bericht (nudge)')).toBeUndefined();
  });

  it('a roster object id: no chat yet until Teams told the bot of one', () => {
    const c = context();
    expect(whyOf(c, 'lt-arn')).toEqual({ reachable: false, why: 'no_chat' });
    chatWith(c, aadOf(c, 'lt-arn').toUpperCase());
    expect(whyOf(c, 'lt-arn')).toEqual({ reachable: true });
  });

  it('someone known by e-mail only: never seen, then bound (member_bindings), then reachable once their chat is known', () => {
    const c = context();
    c.ctx.roster = demoRosterWith((r) => {
      const vt = r.members.find((m) => m.id === 'vt-arn')!;
      delete vt.aadObjectId;
    });
    expect(whyOf(c, 'vt-arn')).toEqual({ reachable: false, why: 'no_account' });
    const guest = 'bbbbbbbb-1111-4000-8000-000000000018';
    bindMember(c.ctx, createMemberBindingStore(c.database.db), {
      tenantId: 'bbbbbbbb-0000-4000-8000-00000000000b',
      aadObjectId: guest,
      serviceUrl: 'https://smba.example/emea/b/',
      account: { email: 'vt-arn@demo.teammodel.invalid' },
    });
    expect(whyOf(c, 'vt-arn')).toEqual({ reachable: false, why: 'no_chat' });
    chatWith(c, guest);
    expect(whyOf(c, 'vt-arn')).toEqual({ reachable: true });
    // The binding lapses when the roster drops the address it was made by: never seen again.
    c.ctx.roster = demoRosterWith((r) => {
      const vt = r.members.find((m) => m.id === 'vt-arn')!;
      delete vt.aadObjectId;
      vt.email = 'roos.degraaf@vt.example';
    });
    expect(whyOf(c, 'vt-arn')).toEqual({ reachable: false, why: 'no_account' });
  });

  it('a delivery that failed for good counts, with the moment of its message, until a later one reaches them', () => {
    const c = context('2026-06-02T10:00');
    chatWith(c, aadOf(c, 'vt-arn'));
    delivered(c, 'vt-arn', { sent: true });
    expect(whyOf(c, 'vt-arn')).toEqual({ reachable: true });
    c.setNow('2026-06-02T11:00');
    const reason = (classifySendError({ statusCode: 403 }) as { reason: string }).reason;
    delivered(c, 'vt-arn', { failed: reason });
    expect(whyOf(c, 'vt-arn')).toEqual({
      reachable: false,
      why: 'failed',
      failure: 'refused',
      since: at('2026-06-02T11:00'),
    });
    // A post in the case's thread is no 1:1 delivery: it does not make the person reachable.
    delivered(c, 'vt-arn', { sent: true }, CASE_THREAD_KIND);
    expect(whyOf(c, 'vt-arn')).toMatchObject({ why: 'failed' });
    // A message still pending says nothing yet; the next one that arrives does.
    c.ctx.store.outbox.enqueue({
      kind: 'nudge',
      caseId: null,
      payload: { ...aNudge(9) },
      recipients: ['vt-arn'],
      createdAt: c.ctx.clock.now(),
      notBefore: c.ctx.clock.now(),
      ignoresOfficeHours: false,
    });
    expect(whyOf(c, 'vt-arn')).toMatchObject({ why: 'failed' });
    delivered(c, 'vt-arn', { sent: true });
    expect(whyOf(c, 'vt-arn')).toEqual({ reachable: true });
  });
});

describe('bereikbaarheid: whom the bot cannot reach, for pilot coordinators', () => {
  const ARNHEM_PEOPLE = [
    // fixed faces
    'lt-arn',
    'vt-arn',
    'gi-arn',
    'rvdk-arn',
    'jbt-cg',
    // lt-arn's deputy in the demo roster
    'lt-arn-2',
    // up their lead chains
    'lead-lt-arn',
    'mgr-lt-arn',
    'dir-lt',
    'lead-vt-1',
    'mgr-vt',
    'dir-vt',
    'lead-gi-1',
    'mgr-gi',
    'dir-gi',
    'lead-rvdk-1',
    'mgr-rvdk',
    'dir-rvdk',
    'lead-jbt-cg',
    // the region's expert team and the pilot coordinator
    'ret-cg',
    'coord-arn',
  ];

  it("the municipality's people: fixed faces, case members and deputies, their lead chains, the RET, the coordinators", () => {
    const c = context();
    expect(
      peopleOfMunicipality(c.ctx, 'Arnhem')
        .map((m) => m.id)
        .sort(),
    ).toEqual([...ARNHEM_PEOPLE].sort());
    c.ctx.roster = demoRosterWith((r) => {
      r.members.find((m) => m.id === 'gi-arn')!.deputy = 'gi-doe';
    });
    const kase = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' });
    expect(peopleOfMunicipality(c.ctx, 'Arnhem').map((m) => m.id)).not.toContain('gi-arn-2');
    addMember(c.ctx, { by: 'lt-arn', caseRef: kase.ref, member: 'gi-arn-2', reason: 'tweede jeugdbeschermer' });
    const ids = peopleOfMunicipality(c.ctx, 'Arnhem').map((m) => m.id);
    expect(ids).toContain('gi-arn-2'); // on an open case there
    expect(ids).toContain('gi-doe'); // a fixed face's deputy
  });

  it('lists everyone not reachable yet, professionals first, and drops each person whose chat the bot learns of', () => {
    const c = context();
    const [arnhem] = listUnreachable(c.ctx, { by: 'coord-arn' });
    expect(arnhem!.municipality).toBe('Arnhem');
    expect(arnhem!.people).toBe(ARNHEM_PEOPLE.length);
    expect(arnhem!.unreachable.map((u) => u.member.id)).toHaveLength(ARNHEM_PEOPLE.length);
    expect(arnhem!.unreachable.slice(0, 6).map((u) => u.member.role)).toEqual(Array(6).fill('professional'));
    expect(arnhem!.unreachable.at(-1)!.member.id).toBe('coord-arn');
    expect(arnhem!.unreachable.every((u) => u.why.why === 'no_chat')).toBe(true);

    for (const id of ARNHEM_PEOPLE.filter((id) => id !== 'vt-arn' && id !== 'mgr-gi')) chatWith(c, aadOf(c, id));
    c.setNow('2026-05-13T10:30');
    delivered(c, 'vt-arn', { failed: 'Teams weigert (403): de persoon heeft de bot geblokkeerd of verwijderd' });
    const [after] = listUnreachable(c.ctx, { by: 'coord-arn', municipality: 'arnhem' });
    expect(after!.unreachable.map((u) => [u.member.id, u.why])).toEqual([
      ['vt-arn', { reachable: false, why: 'failed', failure: 'refused', since: at('2026-05-13T10:30') }],
      ['mgr-gi', { reachable: false, why: 'no_chat' }],
    ]);
  });

  it("a coordinator of several municipalities gets one block each; the municipality's spelling is the roster's", () => {
    const c = context();
    expect(listUnreachable(c.ctx, { by: 'coord-liemers' }).map((m) => m.municipality)).toEqual([
      'Duiven',
      'Westervoort',
      'Zevenaar',
    ]);
    expect(
      listUnreachable(c.ctx, { by: 'coord-liemers', municipality: 'ZEVENAAR' }).map((m) => m.municipality),
    ).toEqual(['Zevenaar']);
  });

  it('is refused for anyone but a pilot coordinator, and outside their pilot', () => {
    const c = context();
    for (const by of ['lt-arn', 'lead-lt-arn', 'mgr-vt', 'dir-lt'])
      expect(refusal(() => listUnreachable(c.ctx, { by }))).toEqual({
        code: 'REACHABILITY_NOT_ALLOWED',
        message: 'Wie de bot niet kan bereiken, zien alleen de pilotcoördinatoren, voor de gemeenten van hun pilot.',
      });
    expect(refusal(() => listUnreachable(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' })).code).toBe(
      'REACHABILITY_NOT_ALLOWED',
    );
    expect(refusal(() => listUnreachable(c.ctx, { by: 'coord-arn', municipality: 'Doesburg' }))).toEqual({
      code: 'REACHABILITY_NOT_ALLOWED',
      message: 'Dat kun je alleen zien voor de gemeenten van je pilot: Arnhem.',
    });
    expect(refusal(() => listUnreachable(c.ctx, { by: 'coord-arn', municipality: 'Atlantis' }))).toEqual({
      code: 'UNKNOWN_MUNICIPALITY',
      message: 'Die gemeente staat niet in het rooster. Kies uit: Arnhem.',
    });
  });

  it('a look is on record as reachability.viewed, with the municipality and no names', async () => {
    const c = context();
    await recordView(c.ctx, 'coord-arn', { what: 'reachability', municipality: 'Arnhem' });
    await recordView(c.ctx, 'coord-arn', { what: 'reachability' });
    const rows = c.database.sqlite
      .prepare(`SELECT actor, action, case_id AS caseId, details FROM audit_log WHERE action = 'reachability.viewed'`)
      .all();
    expect(rows).toEqual([
      { actor: 'coord-arn', action: 'reachability.viewed', caseId: null, details: '{"municipality":"Arnhem"}' },
      { actor: 'coord-arn', action: 'reachability.viewed', caseId: null, details: '{}' },
    ]);
  });
});
