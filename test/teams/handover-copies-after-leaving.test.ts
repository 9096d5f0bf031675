import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverCopyKey } from '../../src/adapters/teams/handover/handover-card-copies.js';
import { cardAction, personalConversationId, type Person } from '../support/teams-activity.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { cardOf, cardText, INVOKE_CARD, install, liveClock, openArnhemCase, P } from './workflow-fixtures.js';

// When someone leaves a case, every copy of its checklists in 1:1 chats follows (docs/behaviour.md, "Cards several
// people see"): the one who left gets a card without case content in place of theirs; the others see the current
// state — here the checklist cancelled because its receiver left.

describe('checklist copies when someone leaves the case', () => {
  const clock = liveClock('2026-06-02T10:00:00+02:00'); // Tuesday, office hours
  let t: TestBot;
  let caseRef: string;
  let handoverId: number;
  const copyOf = (holder: string) =>
    t.bot.ctx.conversations.get(handoverCopyKey(handoverId, holder)) as { activityId: string } | undefined;
  const puts = (p: Person) =>
    t.connector.requests.filter((r) => r.method === 'PUT' && r.conversationId === personalConversationId(p));
  const press = (from: Person, verb: string, data: Record<string, unknown>, replyToId?: string) =>
    t.post(cardAction(verb, { caseRef, ...data }, { from, serviceUrl: t.connector.url, replyToId }));

  beforeAll(async () => {
    t = await startTestBot({
      clock,
      scheduler: false,
      outbox: { perRecipientGapMs: 0, globalGapMs: 0, random: () => 0 },
    });
    await install(t, P.lt, P.vt, P.gi, P.rvdk, P.leadLt);
    caseRef = openArnhemCase(t).ref;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('the receiver leaves: their copy shows no case content, the sender’s copy shows the checklist cancelled', async () => {
    const started = await press(P.vt, 'handover.start', { moment: 'H2', from: 'vt-arn', to: 'lt-arn' }, 'vt-card');
    expect(started).toMatchObject({ status: 200, body: { type: INVOKE_CARD } });
    const h = t.bot.ctx.store.handovers.ofCase(t.bot.ctx.store.cases.byRef(caseRef)!.id).at(-1)!;
    handoverId = h.id;
    // The receiver got the checklist in their 1:1 chat; the sender ticks on hers, which makes it her copy.
    await t.connector.waitFor(() => copyOf('lt-arn') !== undefined, 10_000);
    await press(P.vt, 'handover.check', { handoverId, item: 'C1' }, 'vt-card');
    await t.connector.waitFor(() => copyOf('vt-arn') !== undefined, 10_000);
    const receiverCopy = copyOf('lt-arn')!.activityId;
    const senderCopy = copyOf('vt-arn')!.activityId;
    // The tick's own update of the receiver's copy has gone out before the removal.
    await t.connector.waitFor(() => puts(P.lt).some((r) => r.activityId === receiverCopy), 10_000);

    t.connector.reset();
    const removed = await press(P.leadLt, 'team.remove', {
      removeMember: 'lt-arn',
      removeReason: 'Lokaal Team niet meer betrokken',
    });
    expect(removed.status).toBe(200);
    expect(t.bot.ctx.store.handovers.byId(handoverId)!.state).toBe('cancelled');
    await t.connector.waitFor(
      () =>
        puts(P.lt).some((r) => r.activityId === receiverCopy) && puts(P.vt).some((r) => r.activityId === senderCopy),
      10_000,
    );
    for (const put of puts(P.lt)) {
      const card = cardText(cardOf(put.body));
      expect(card).toContain('Je ziet hier geen gegevens van de casus.');
      expect(card).not.toContain(caseRef);
      expect(card).not.toContain('handover.');
    }
    const sender = cardText(cardOf(puts(P.vt).find((r) => r.activityId === senderCopy)!.body));
    expect(sender).toContain(caseRef);
    expect(sender).not.toContain('handover.check');
  });
});
