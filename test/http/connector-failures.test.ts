import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_TEXT, TURN_ERROR_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { personalConversationId, personalMessage } from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';

// How botbuilder 4.23 behaves when the Bot Connector throttles a reply (docs/architecture.md, Teams facts).
describe('replies when the Bot Connector answers 429', () => {
  let t: TestBot;
  const conv = () => personalConversationId(DEMO.ltArnhem);
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('retries a 429 that carries Retry-After, and the reply arrives', async () => {
    t.connector.reset();
    t.connector.failNext(1, { status: 429, retryAfterSeconds: 1 }, { conversationId: conv() });
    const res = await t.post(personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }));
    expect(res.status).toBe(200);
    expect(t.connector.requests.filter((r) => r.conversationId === conv()).map((r) => r.status)).toEqual([429, 200]);
    const fallback = (a: Record<string, unknown>) =>
      (a.attachments as Array<{ content: { fallbackText?: string } }> | undefined)?.[0]?.content.fallbackText;
    expect(t.repliesTo(conv()).map(fallback)).toEqual([HELP_TEXT]);
  });

  it('does not retry a 429 without Retry-After: the turn fails and the person gets the error sentence', async () => {
    t.connector.reset();
    t.connector.failNext(1, { status: 429 }, { conversationId: conv() });
    const res = await t.post(personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }));
    expect(res.status).toBe(200);
    expect(t.connector.requests.filter((r) => r.conversationId === conv()).map((r) => r.status)).toEqual([429, 200]);
    expect(t.repliesTo(conv()).map((a) => a.text)).toEqual([TURN_ERROR_TEXT]);
  });
});
