import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/app/deliver-outbox.js';
import { recordDecision } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { reportAcuteDanger } from '../../src/app/escalations/report-acute-danger.js';
import { CASE_THREAD_KIND } from '../../src/app/notifications.js';
import { openCase } from '../../src/app/open-case.js';
import {
  planFailedDelivery,
  type FailedDelivery,
  type FailedDeliveryFacts,
} from '../../src/app/plan-failed-delivery.js';
import type { MessageSender, OutboundMessage, SendOutcome } from '../../src/app/ports.js';
import { failedDeliveryFacts, tellAboutFailedDelivery } from '../../src/app/tell-about-failed-delivery.js';
import { closedAfterEach, type TestContext } from './test-context.js';

// Issue 18 item 2: when a 1:1 delivery fails for good, the case's thread gets the message with an @mention of the
// person (only messages about that case, never worrying conduct), and whoever waits for it is told — the reporter of
// an acute alert at once. The decision is pure (plan-failed-delivery.ts); the rest runs on a real SQLite.

const context = closedAfterEach();

const FACTS: FailedDeliveryFacts = {
  lead: 'lead-vt-1',
  recipientOnCase: true,
  caseHasThread: true,
  confidential: false,
};
const failed = (kind: string, payload: Record<string, unknown> = {}, recipientId = 'vt-arn'): FailedDelivery => ({
  kind,
  recipientId,
  caseId: 7,
  payload: { kind, caseId: 7, caseRef: 'CG-ARN-2026-0001', ...payload },
});

describe('planFailedDelivery (pure)', () => {
  it("tells the person's lead and posts a message about the case in its thread", () => {
    expect(planFailedDelivery(failed('nudge'), FACTS)).toEqual({
      tell: [{ memberId: 'lead-vt-1', urgent: false }],
      postInThread: true,
    });
  });

  it('tells the reporter of an acute alert at once, and the lead as usual', () => {
    expect(planFailedDelivery(failed('acute', { raisedBy: 'lt-arn' }), FACTS).tell).toEqual([
      { memberId: 'lead-vt-1', urgent: false },
      { memberId: 'lt-arn', urgent: true },
    ]);
    // The reporter who is also the person's lead is told once, at once.
    expect(planFailedDelivery(failed('acute', { raisedBy: 'lead-vt-1' }), FACTS).tell).toEqual([
      { memberId: 'lead-vt-1', urgent: true },
    ]);
  });

  it("tells a checklist's sender when its receiver was not reached, and the colleague who asked for advice", () => {
    expect(planFailedDelivery(failed('handover', { from: 'gi-arn', to: 'vt-arn' }), FACTS).tell).toContainEqual({
      memberId: 'gi-arn',
      urgent: false,
    });
    // The sender themselves not reached: nobody else waits for it.
    expect(planFailedDelivery(failed('handover', { from: 'vt-arn', to: 'gi-arn' }), FACTS).tell).toEqual([
      { memberId: 'lead-vt-1', urgent: false },
    ]);
    expect(
      planFailedDelivery(failed('team', { subject: 'consult_requested', actor: 'lt-arn' }), FACTS).tell,
    ).toContainEqual({ memberId: 'lt-arn', urgent: false });
    expect(planFailedDelivery(failed('team', { subject: 'member_added', actor: 'lt-arn' }), FACTS).tell).toEqual([
      { memberId: 'lead-vt-1', urgent: false },
    ]);
  });

  it('posts in the thread only for a member of the case who has one, never about worrying conduct', () => {
    expect(planFailedDelivery(failed('nudge'), { ...FACTS, caseHasThread: false }).postInThread).toBe(false);
    expect(planFailedDelivery(failed('nudge'), { ...FACTS, recipientOnCase: false }).postInThread).toBe(false);
    expect(planFailedDelivery(failed('team'), { ...FACTS, confidential: true }).postInThread).toBe(false);
    expect(planFailedDelivery(failed('escalation', { trigger: 'NEGLIGENT_CONDUCT' }), FACTS).postInThread).toBe(false);
    expect(planFailedDelivery(failed('escalation', { trigger: 'PROFESSIONAL_DILEMMA' }), FACTS).postInThread).toBe(
      true,
    );
    for (const kind of ['weekly', 'digest']) expect(planFailedDelivery(failed(kind), FACTS).postInThread).toBe(false);
    expect(planFailedDelivery({ ...failed('nudge'), caseId: null }, FACTS).postInThread).toBe(false);
  });

  it('nothing follows the failure of a notice or of a post in the thread', () => {
    for (const kind of ['notice', CASE_THREAD_KIND])
      expect(planFailedDelivery(failed(kind), FACTS)).toEqual({ tell: [], postInThread: false });
  });
});

/** A sender that answers 403 for some people's 1:1 chats (the case thread too when `threadFails`); records sends. */
function teamsThatRefuses(refused: string[], o: { threadFails?: boolean } = {}) {
  const sent: OutboundMessage[] = [];
  const sender: MessageSender = {
    async send(m): Promise<SendOutcome> {
      const thread = m.kind === CASE_THREAD_KIND;
      if (thread ? o.threadFails : refused.includes(m.recipientId))
        return { kind: 'final', status: 403, reason: 'Teams weigert (403): de persoon heeft de bot geblokkeerd' };
      sent.push(m);
      return { kind: 'sent' };
    },
  };
  return { sender, sent };
}

const drain = (c: TestContext, sender: MessageSender) =>
  deliverOutbox(c.ctx, {
    sender,
    sleep: async () => {},
    perRecipientGapMs: 0,
    globalGapMs: 0,
    maxAttempts: 3,
    random: () => 0,
  });

interface OutboxRow {
  kind: string;
  recipient: string;
  payload: Record<string, unknown>;
  ignoresOfficeHours: boolean;
  state: string;
}
const rows = (c: TestContext, kind: string): OutboxRow[] =>
  (
    c.database.sqlite
      .prepare(
        `SELECT o.kind, d.recipient_id AS recipient, o.payload, o.ignores_office_hours AS ignoresOfficeHours, d.state
           FROM outbox o JOIN deliveries d ON d.outbox_id = o.id WHERE o.kind = ? ORDER BY d.id`,
      )
      .all(kind) as Array<
      Omit<OutboxRow, 'payload' | 'ignoresOfficeHours'> & { payload: string; ignoresOfficeHours: number }
    >
  ).map((r) => ({
    ...r,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    ignoresOfficeHours: r.ignoresOfficeHours === 1,
  }));

/** An Arnhem case opened by lt-arn; with its own channel thread unless `thread` is false. */
function arnhemCase(c: TestContext, thread = true) {
  const kase = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' });
  if (thread)
    c.ctx.conversations.save(
      `case:${kase.id}`,
      { serviceUrl: 'https://smba.example/emea/', conversation: { id: '19:channel@thread.tacv2;messageid=1' } },
      c.ctx.clock.now(),
    );
  return kase;
}

describe('a delivery that fails for good, on a real SQLite', () => {
  it('goes to the case thread mentioning the person; the lead hears it was posted there', async () => {
    const c = context('2026-06-02T10:00');
    const kase = arnhemCase(c);
    const teams = teamsThatRefuses(['vt-arn']);
    await drain(c, teams.sender); // "added to the case" to vt-arn, gi-arn and rvdk-arn
    expect(rows(c, 'team').map((r) => [r.recipient, r.state])).toEqual([
      ['gi-arn', 'sent'],
      ['rvdk-arn', 'sent'],
      ['vt-arn', 'failed'],
    ]);
    const [post] = rows(c, CASE_THREAD_KIND);
    expect(post).toEqual({
      kind: CASE_THREAD_KIND,
      recipient: 'vt-arn',
      payload: {
        kind: CASE_THREAD_KIND,
        caseId: kase.id,
        caseRef: kase.ref,
        municipality: 'Arnhem',
        member: 'vt-arn',
        about: 'team',
      },
      ignoresOfficeHours: false,
      state: 'sent',
    });
    // Whatever the team message said stays out of the post: it carries the kind of message and the case only.
    expect(teams.sent.filter((m) => m.kind === CASE_THREAD_KIND)).toHaveLength(1);
    const [notice] = rows(c, 'notice');
    expect(notice).toMatchObject({
      recipient: 'lead-vt-1',
      payload: { member: 'vt-arn', caseRef: kase.ref, about: 'team', postedInThread: true },
      state: 'sent',
    });
  });

  it('without a case thread only the lead is told, and a thread post that fails itself starts nothing more', async () => {
    const c = context('2026-06-02T10:00');
    arnhemCase(c, false);
    await drain(c, teamsThatRefuses(['vt-arn']).sender);
    expect(rows(c, CASE_THREAD_KIND)).toEqual([]);
    expect(rows(c, 'notice').map((r) => [r.recipient, r.payload.postedInThread])).toEqual([['lead-vt-1', undefined]]);

    const d = context('2026-06-02T10:00');
    arnhemCase(d);
    await drain(d, teamsThatRefuses(['vt-arn'], { threadFails: true }).sender);
    expect(rows(d, CASE_THREAD_KIND).map((r) => r.state)).toEqual(['failed']);
    expect(rows(d, 'notice')).toHaveLength(1); // the lead's, for the message itself; nothing for the failed post
  });

  it('an acute alert: posted in the thread at once, at night, and the reporter is told at once who was not reached', async () => {
    const c = context('2026-06-06T23:30'); // Saturday night
    const kase = arnhemCase(c);
    reportAcuteDanger(c.ctx, { by: 'lt-arn', caseRef: kase.ref });
    await drain(c, teamsThatRefuses(['vt-arn']).sender);
    const [post] = rows(c, CASE_THREAD_KIND);
    expect(post).toMatchObject({
      recipient: 'vt-arn',
      payload: { about: 'acute', acuteId: expect.any(Number) },
      ignoresOfficeHours: true,
      state: 'sent',
    });
    const notices = rows(c, 'notice').map((r) => [r.recipient, r.ignoresOfficeHours, r.state]);
    expect(notices).toEqual([
      ['lead-vt-1', false, 'pending'], // the lead in the morning, as before
      ['lt-arn', true, 'sent'], // the reporter at once
    ]);
  });

  it('worrying conduct never reaches the thread: the escalation, its decision, or the term of that decision', () => {
    const c = context('2026-06-02T10:00');
    const kase = arnhemCase(c);
    const e = raiseEscalation(c.ctx, {
      by: 'vt-arn',
      caseRef: kase.ref,
      trigger: 'NEGLIGENT_CONDUCT',
      question: 'Hoe gaan we om met het uitblijven van het huisbezoek?',
    });
    const about = (kind: string, payload: Record<string, unknown>): FailedDelivery => ({
      kind,
      recipientId: 'vt-arn',
      caseId: kase.id,
      payload: { kind, caseId: kase.id, caseRef: kase.ref, municipality: 'Arnhem', ...payload },
    });
    expect(failedDeliveryFacts(c.ctx, about('escalation_reminder', { escalationId: e.id }))).toEqual({
      lead: 'lead-vt-1',
      recipientOnCase: true,
      caseHasThread: true,
      confidential: true,
    });
    recordDecision(c.ctx, {
      by: 'lead-vt-1',
      caseRef: kase.ref,
      decision: 'Gesprek met de medewerker plannen.',
      owner: 'vt-arn',
      deadline: '2026-06-10',
      familyInformed: { informed: 'no' },
    });
    const decisionTerm = c.ctx.store.timers.open(kase.id, 'DECISION')[0]!;
    expect(failedDeliveryFacts(c.ctx, about('nudge', { timerId: decisionTerm.id })).confidential).toBe(true);
    expect(failedDeliveryFacts(c.ctx, about('team', { subject: 'decision', escalationId: e.id })).confidential).toBe(
      true,
    );
    for (const d of [
      about('escalation_reminder', { escalationId: e.id }),
      about('nudge', { timerId: decisionTerm.id }),
      about('team', { subject: 'decision', escalationId: e.id }),
    ])
      c.ctx.store.transaction(() => tellAboutFailedDelivery(c.ctx, { ...d, urgent: false }));
    expect(rows(c, CASE_THREAD_KIND)).toEqual([]);
    // The lead still hears that the person was not reached, without content.
    expect(rows(c, 'notice').every((r) => r.payload.postedInThread === undefined)).toBe(true);

    // Any other term of the same case does go to the thread.
    const t1 = c.ctx.store.timers.open(kase.id, 'T13')[0]!;
    expect(failedDeliveryFacts(c.ctx, about('nudge', { timerId: t1.id })).confidential).toBe(false);
  });

  it('someone no longer on the case, or a closed case, gets no post in its thread', () => {
    const c = context('2026-06-02T10:00');
    const kase = arnhemCase(c);
    const d: FailedDelivery = {
      kind: 'nudge',
      recipientId: 'lead-lt-arn', // a lead, not on the case team
      caseId: kase.id,
      payload: { kind: 'nudge', caseId: kase.id, caseRef: kase.ref },
    };
    expect(failedDeliveryFacts(c.ctx, d)).toMatchObject({ recipientOnCase: false, caseHasThread: true });
    c.ctx.store.cases.update(kase.id, { closedAt: c.ctx.clock.now() });
    expect(failedDeliveryFacts(c.ctx, { ...d, recipientId: 'vt-arn' })).toMatchObject({
      recipientOnCase: false,
      caseHasThread: false,
    });
  });
});
