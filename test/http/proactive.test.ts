import { MessageFactory, TeamsInfo, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamRefKey, userRefKey } from '../../src/adapters/teams/conversation-ref-keys.js';
import { CHANNEL_ID, installationUpdate, personalConversationId, TEAM_ID } from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';

// The proactive paths the outbox will use, checked against the fake connector in local mode.
// Application.continueConversationAsync is private in teams-ai 1.7.4's typings: use the adapter's (public) one, with
// the bot app id, or app.sendProactiveActivity.
describe('proactive sends in local mode', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await t.post(installationUpdate({ from: DEMO.ltArnhem, serviceUrl: t.connector.url, scope: 'personal' }));
    await t.post(installationUpdate({ from: DEMO.ltArnhem, serviceUrl: t.connector.url, scope: 'team' }));
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('sends to a stored 1:1 reference with adapter.continueConversationAsync', async () => {
    const ref = t.bot.ctx.conversations.get(userRefKey(DEMO.ltArnhem.aadObjectId)) as Partial<ConversationReference>;
    await t.bot.adapter.continueConversationAsync(t.bot.config.botAppId, ref, async (context: TurnContext) => {
      await context.sendActivity('Herinnering (test).');
    });
    const last = t.connector.requests.at(-1)!;
    // botbuilder gives the continuation activity a random id and sends "replies" to it; Teams accepts that.
    expect(last).toMatchObject({
      method: 'POST',
      conversationId: personalConversationId(DEMO.ltArnhem),
      body: { text: 'Herinnering (test).' },
    });
  });

  it('starts a new thread in a team channel with TeamsInfo.sendMessageToTeamsChannel (needs the bot app id)', async () => {
    const ref = t.bot.ctx.conversations.get(teamRefKey(TEAM_ID)) as Partial<ConversationReference>;
    let result: [Partial<ConversationReference>, string] | undefined;
    await t.bot.adapter.continueConversationAsync(t.bot.config.botAppId, ref, async (context: TurnContext) => {
      result = await TeamsInfo.sendMessageToTeamsChannel(
        context,
        MessageFactory.text('Nieuwe casus (test).') as Activity,
        CHANNEL_ID,
        t.bot.app.options.botAppId,
      );
    });
    const create = t.connector.requests.find((r) => r.method === 'POST' && r.path === '/v3/conversations');
    expect(create?.body).toMatchObject({
      isGroup: true,
      channelData: { channel: { id: CHANNEL_ID } },
      activity: { text: 'Nieuwe casus (test).' },
    });
    expect(result?.[0].conversation?.id).toMatch(new RegExp(`^${CHANNEL_ID};messageid=`));
  });

  it('never throws from continueConversationAsync: a 403 goes to app.error unless the callback catches it itself', async () => {
    const ref = t.bot.ctx.conversations.get(userRefKey(DEMO.ltArnhem.aadObjectId)) as Partial<ConversationReference>;
    t.connector.failConversation(personalConversationId(DEMO.ltArnhem), { status: 403 });
    try {
      // Uncaught inside the callback: the adapter's onTurnError (our error handler) swallows it, the call resolves.
      await expect(
        t.bot.adapter.continueConversationAsync(
          t.bot.config.botAppId,
          ref,
          async (context: TurnContext) => void (await context.sendActivity('Komt niet aan.')),
        ),
      ).resolves.toBeUndefined();
      expect(
        t.logger.records.some(
          (r) => r.msg === 'turn failed' && (r.obj as { activityType?: string }).activityType === 'event',
        ),
      ).toBe(true);
      // The outbox pattern: catch inside the callback and read the HTTP status.
      let status: number | undefined;
      await t.bot.adapter.continueConversationAsync(t.bot.config.botAppId, ref, async (context: TurnContext) => {
        try {
          await context.sendActivity('Komt niet aan.');
        } catch (err) {
          status = (err as { statusCode?: number }).statusCode;
        }
      });
      expect(status).toBe(403);
    } finally {
      t.connector.failConversation(personalConversationId(DEMO.ltArnhem), undefined);
    }
  });
});
