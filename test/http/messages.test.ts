import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_TEXT, NOT_IN_ROSTER_TEXT, SHORT_HELP_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { channelMessage, CHANNEL_ID, personalConversationId, personalMessage } from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';

/** The fallback text of a reply's card (the help card carries the plain help text there). */
const helpFallback = (reply: unknown): string | undefined =>
  (reply as { attachments?: Array<{ content?: { fallbackText?: string } }> } | undefined)?.attachments?.[0]?.content
    ?.fallbackText;

describe('POST /api/messages: routing of chat messages', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const say = async (text: string, from = DEMO.ltArnhem) => {
    const before = t.repliesTo(personalConversationId(from)).length;
    const res = await t.post(personalMessage(text, { from, serviceUrl: t.connector.url }));
    expect(res.status).toBe(200);
    return t.repliesTo(personalConversationId(from)).slice(before);
  };

  it('answers someone who is not in the roster with exactly the "not in the roster" sentence, whatever they type', async () => {
    for (const text of ['hulp', 'casus nieuw Renkum', 'hallo']) {
      const replies = await say(text, DEMO.stranger);
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatchObject({ type: 'message', text: NOT_IN_ROSTER_TEXT });
    }
  });

  it.each(['hulp', 'help', 'HULP', '  Help  ', 'hulp\n'])('answers %j with the help text', async (text) => {
    const replies = await say(text);
    expect(replies).toHaveLength(1);
    // The help card; its plain-text fallback is the whole help text.
    expect(helpFallback(replies[0])).toBe(HELP_TEXT);
  });

  it.each(['helpme', 'ik heb hulp nodig', 'hulp casus', 'hulpverlening'])(
    'does not treat %j as the help command: short help instead',
    async (text) => {
      const replies = await say(text);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toBe(SHORT_HELP_TEXT);
    },
  );

  it('lists every chat command in the help text and says it is a bot', () => {
    for (const cmd of [
      'casus nieuw <gemeente>',
      'casus <ref>',
      'mijn casussen',
      'team <ref>',
      'rooster <gemeente>',
      'overdracht <ref>',
      'escaleer <ref>',
      'acuut <ref>',
      'overzicht',
    ]) {
      expect(HELP_TEXT).toContain(cmd);
    }
    expect(HELP_TEXT).toMatch(/geen persoon/);
  });

  it('answers "hulp" @mentioned in a channel, in the same thread', async () => {
    const activity = channelMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url });
    const res = await t.post(activity);
    expect(res.status).toBe(200);
    const replies = t.repliesTo(activity.conversation.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ replyToId: activity.id });
    expect(helpFallback(replies[0])).toBe(HELP_TEXT);
    expect(activity.conversation.id.startsWith(CHANNEL_ID)).toBe(true);
  });

  it('replies to the message it answers (replyToId) and as the bot, not as a person', async () => {
    const activity = personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url });
    await t.post(activity);
    const reply = t.connector.requests.at(-1)!;
    expect(reply).toMatchObject({ method: 'POST', activityId: activity.id, conversationId: activity.conversation.id });
    expect(reply.body).toMatchObject({ from: { id: activity.recipient.id }, recipient: { id: activity.from.id } });
  });

  it('never logs the text of a message', async () => {
    const secret = 'vertrouwelijk-7f3a';
    await say(`casus ${secret}`);
    await say(secret, DEMO.stranger);
    expect(JSON.stringify(t.logger.records)).not.toContain(secret);
  });
});
