import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/app-context.js';
import type { OutboundMessage } from '../../src/app/ports.js';
import { userRefKey } from '../../src/adapters/teams/conversation-ref-keys.js';
import { createTeamsSender } from '../../src/adapters/teams/create-teams-sender.js';
import { personalConversationId, TENANT_ID } from '../support/teams-activity.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { recordEvent } from '../../src/app/record-event.js';
import { cardOf, cardText, install, openArnhemCase, P } from './workflow-fixtures.js';

// The MessageSender port over Teams, against the fake Bot Connector: one outbox delivery → one outcome.
describe('the Teams sender', () => {
  let t: TestBot;
  const ltConv = personalConversationId(P.lt);
  const message = (recipientId: string): OutboundMessage => ({
    outboxId: 1,
    deliveryId: 1,
    kind: 'notice',
    recipientId,
    payload: { kind: 'notice', notice: 'unreachable', member: 'gi-arn', caseRef: 'CG-ARN-2026-0001', about: 'nudge' },
  });
  const senderFor = (ctx: AppContext = t.bot.ctx) =>
    createTeamsSender({ adapter: t.bot.adapter, botAppId: t.bot.config.botAppId, ctx });

  beforeAll(async () => {
    t = await startTestBot({ scheduler: false, outbox: { perRecipientGapMs: 0, globalGapMs: 0 } });
    await install(t, P.lt);
  });
  beforeEach(() => t.connector.reset());
  afterAll(async () => {
    await t?.stop();
  });

  it('sends the rendered card to a stored 1:1 reference', async () => {
    await expect(senderFor().send(message('lt-arn'))).resolves.toEqual({ kind: 'sent' });
    const [post] = t.connector.requests;
    expect(post).toMatchObject({ method: 'POST', conversationId: ltConv, status: 200 });
    expect(cardText(cardOf(post!.body))).toContain('Sem Jansen (fictief)');
    expect(post!.body).toMatchObject({ summary: 'Iemand is niet bereikbaar via Teams' });
  });

  it('creates the 1:1 conversation when there is none, stores its reference and uses it next time', async () => {
    await expect(senderFor().send(message('vt-arn'))).resolves.toEqual({ kind: 'sent' });
    const [create, post] = t.connector.requests;
    expect(create).toMatchObject({
      method: 'POST',
      path: '/v3/conversations',
      body: { isGroup: false, members: [{ id: P.vt.aadObjectId }], tenantId: TENANT_ID },
    });
    const stored = t.bot.ctx.conversations.get(userRefKey(P.vt.aadObjectId)) as {
      conversation: { id: string; tenantId: string };
    };
    expect(post).toMatchObject({ method: 'POST', conversationId: stored.conversation.id, status: 200 });
    expect(stored.conversation.tenantId).toBe(TENANT_ID);
    t.connector.reset();
    await senderFor().send(message('vt-arn'));
    expect(t.connector.requests.map((r) => r.conversationId)).toEqual([stored.conversation.id]);
  });

  it('gives up for good, with a reason, on people it has no way to reach', async () => {
    const ctx = t.bot.ctx;
    const noRefs: AppContext = {
      ...ctx,
      conversations: { get: () => undefined, save: () => undefined, holds: () => false },
    };
    const noAad: AppContext = {
      ...ctx,
      roster: {
        ...ctx.roster,
        member: (id) =>
          id === 'x' ? { id: 'x', name: 'X', org: 'LT', orgName: 'LT', role: 'professional' } : ctx.roster.member(id),
      },
    };
    expect(await senderFor(noRefs).send(message('vt-arn'))).toMatchObject({
      kind: 'final',
      reason: expect.stringContaining('serviceUrl'),
    });
    expect(await senderFor(noAad).send(message('x'))).toMatchObject({
      kind: 'final',
      reason: expect.stringContaining('aadObjectId'),
    });
    expect(await senderFor().send(message('nobody'))).toMatchObject({
      kind: 'final',
      reason: expect.stringContaining('rooster'),
    });
    expect(t.connector.requests).toEqual([]);
  });

  it('asks for a retry after Retry-After when Teams keeps answering 429 (botbuilder retried three times first)', async () => {
    t.connector.failConversation(ltConv, { status: 429, retryAfterSeconds: 1 });
    try {
      expect(await senderFor().send(message('lt-arn'))).toEqual({ kind: 'retry', status: 429, retryAfterMs: 1000 });
      expect(t.connector.requests.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    } finally {
      t.connector.failConversation(ltConv, undefined);
    }
  }, 20_000);

  it('asks for a retry without a wait of its own when a 429 has no Retry-After', async () => {
    t.connector.failNext(1, { status: 429 }, { conversationId: ltConv });
    expect(await senderFor().send(message('lt-arn'))).toEqual({ kind: 'retry', status: 429 });
    expect(t.connector.requests).toHaveLength(1);
  });

  it('asks for a retry on 502 (after botbuilder’s own backoff)', async () => {
    t.connector.failConversation(ltConv, { status: 502 });
    try {
      expect(await senderFor().send(message('lt-arn'))).toEqual({ kind: 'retry', status: 502 });
    } finally {
      t.connector.failConversation(ltConv, undefined);
    }
  }, 30_000);

  it('asks for a retry when the Bot Connector cannot be reached at all', async () => {
    const ctx = t.bot.ctx;
    const dead: AppContext = {
      ...ctx,
      conversations: {
        ...ctx.conversations,
        get: (key) => ({ ...(ctx.conversations.get(key) as object), serviceUrl: 'http://127.0.0.1:9/' }),
      },
    };
    expect(await senderFor(dead).send(message('lt-arn'))).toEqual({ kind: 'retry', status: 0 });
  }, 30_000);

  it('gives up for good on 403 (blocked or removed) and 404', async () => {
    t.connector.failNext(1, { status: 403 }, { conversationId: ltConv });
    expect(await senderFor().send(message('lt-arn'))).toMatchObject({
      kind: 'final',
      status: 403,
      reason: expect.stringContaining('geblokkeerd'),
    });
    t.connector.failNext(1, { status: 404 }, { conversationId: ltConv });
    expect(await senderFor().send(message('lt-arn'))).toMatchObject({ kind: 'final', status: 404 });
  });

  it('does not send a nudge whose term was completed before it could be delivered', async () => {
    const ctx = t.bot.ctx;
    const { id, ref } = openArnhemCase(t);
    recordEvent(ctx, { by: 'vt-arn', caseRef: ref, event: 'melding_received' });
    const timer = ctx.store.timers.open(id, 'T1')[0]!;
    recordEvent(ctx, { by: 'vt-arn', caseRef: ref, event: 'safety_assessment_done' });
    t.connector.reset();
    const nudge = {
      kind: 'nudge',
      caseRef: ref,
      timerId: timer.id,
      timer: 'T1',
      timerLabel: 'Veiligheidsbeoordeling Veilig Thuis',
      step: 'remind',
    };
    expect(await senderFor().send({ ...message('lt-arn'), kind: 'nudge', payload: nudge })).toEqual({ kind: 'sent' });
    expect(t.connector.requests).toEqual([]);
  });

  it('logs no message content', () => {
    const logged = JSON.stringify(t.logger.records);
    expect(logged).not.toContain('niet bereikbaar');
    expect(logged).not.toContain('Sem Jansen');
  });
});
