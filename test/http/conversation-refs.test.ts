import type { ConversationReference } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamRefKey, userRefKey } from '../../src/adapters/teams/conversation-ref-keys.js';
import {
  cardAction,
  channelMessage,
  installationUpdate,
  membersAdded,
  personalConversationId,
  personalMessage,
  TEAM_ID,
} from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';

describe('conversation references for proactive messages', () => {
  let t: TestBot;
  const newcomer = { aadObjectId: '00000000-0000-4000-8000-000000000056', name: 'Guus Vos (fictief)' }; // lt-ren
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });
  const refOf = (key: string) => t.bot.ctx.conversations.get(key) as Partial<ConversationReference> | undefined;

  it('stores user:<aadObjectId> when a person messages the bot in their 1:1 chat', async () => {
    await t.post(personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }));
    const ref = refOf(userRefKey(DEMO.ltArnhem.aadObjectId));
    expect(ref).toMatchObject({
      channelId: 'msteams',
      serviceUrl: t.connector.url,
      conversation: { id: personalConversationId(DEMO.ltArnhem), conversationType: 'personal' },
      user: { aadObjectId: DEMO.ltArnhem.aadObjectId },
      bot: { id: '28:00000000-0000-0000-0000-000000000b07' },
    });
    // ids only: no activity id (a nudge is not a reply) and no display name
    expect(ref?.activityId).toBeUndefined();
    expect(ref?.user?.name).toBeUndefined();
  });

  it('stores user:<aadObjectId> on a personal installationUpdate, before the person says anything', async () => {
    expect(refOf(userRefKey(newcomer.aadObjectId))).toBeUndefined();
    const res = await t.post(installationUpdate({ from: newcomer, serviceUrl: t.connector.url, scope: 'personal' }));
    expect(res.status).toBe(200);
    expect(refOf(userRefKey(newcomer.aadObjectId))).toMatchObject({
      conversation: { id: personalConversationId(newcomer) },
    });
    // The one answer is the welcome card (test/teams/welcome.test.ts); the reference was there before it.
    expect(t.repliesTo(personalConversationId(newcomer)).map((a) => a.attachments !== undefined)).toEqual([true]);
  });

  it('stores the reference on a card action and on a personal membersAdded too', async () => {
    const other = { aadObjectId: '00000000-0000-4000-8000-000000000055' }; // lead-lt-ren
    await t.post(membersAdded({ from: other, serviceUrl: t.connector.url, scope: 'personal' }));
    expect(refOf(userRefKey(other.aadObjectId))).toBeDefined();
    const third = { aadObjectId: '00000000-0000-4000-8000-000000000061' }; // coord-ren
    await t.post(cardAction('example.confirm', {}, { from: third, serviceUrl: t.connector.url }));
    expect(refOf(userRefKey(third.aadObjectId))).toBeDefined();
  });

  it('does not store a user: reference from a channel message', async () => {
    const someone = { aadObjectId: '00000000-0000-4000-8000-000000000020' }; // rvdk-arn
    await t.post(channelMessage('hulp', { from: someone, serviceUrl: t.connector.url }));
    expect(refOf(userRefKey(someone.aadObjectId))).toBeUndefined();
  });

  it('stores team:<teamId> (the General channel) when the bot is installed in a team', async () => {
    await t.post(installationUpdate({ from: DEMO.ltArnhem, serviceUrl: t.connector.url, scope: 'team' }));
    expect(refOf(teamRefKey(TEAM_ID))).toMatchObject({
      conversation: { id: TEAM_ID, conversationType: 'channel' },
      serviceUrl: t.connector.url,
    });
  });

  it('stores team:<teamId> from conversationUpdate membersAdded naming the bot', async () => {
    t.bot.database.sqlite.prepare("DELETE FROM conversation_refs WHERE key LIKE 'team:%'").run();
    await t.post(membersAdded({ from: DEMO.ltArnhem, serviceUrl: t.connector.url, scope: 'team' }));
    expect(refOf(teamRefKey(TEAM_ID))).toBeDefined();
  });

  it('gives references that work for a proactive message', async () => {
    const ref = refOf(userRefKey(newcomer.aadObjectId))!;
    await t.bot.app.sendProactiveActivity(ref, 'Dit is een proactief testbericht.');
    const sent = t.repliesTo(personalConversationId(newcomer));
    expect(sent.at(-1)).toMatchObject({ type: 'message', text: 'Dit is een proactief testbericht.' });
  });
});
