import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { personalConversationId, personalMessage } from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';

describe('POST /api/messages: requests that are not Teams activities', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const valid = () => personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url });
  const without = (path: string[]) => {
    const a = valid();
    let target = a;
    for (const key of path.slice(0, -1)) target = target[key];
    delete target[path.at(-1)!];
    return a;
  };
  const withValue = (path: string[], value: unknown) => {
    const a = valid();
    let target = a;
    for (const key of path.slice(0, -1)) target = target[key];
    target[path.at(-1)!] = value;
    return a;
  };

  const cases: Array<[string, () => object | string, string]> = [
    ['malformed JSON', () => '{"type": "message", ', 'invalid_json'],
    ['an empty body', () => '', 'invalid_json'],
    ['a JSON array', () => '[{"type":"message"}]', 'not_an_activity'],
    ['JSON null', () => 'null', 'not_an_activity'],
    ['a JSON string', () => '"message"', 'not_an_activity'],
    ['no type', () => without(['type']), 'invalid_activity'],
    ['no conversation.id', () => without(['conversation', 'id']), 'invalid_activity'],
    ['no conversation', () => without(['conversation']), 'invalid_activity'],
    ['no from.id', () => without(['from', 'id']), 'invalid_activity'],
    ['no serviceUrl', () => without(['serviceUrl']), 'invalid_activity'],
    ['no channelId', () => without(['channelId']), 'invalid_activity'],
    ['no recipient', () => without(['recipient']), 'invalid_activity'],
    ['a numeric type', () => withValue(['type'], 42), 'invalid_activity'],
    ['a numeric from.id', () => withValue(['from', 'id'], 7), 'invalid_activity'],
    ['text that is an object', () => withValue(['text'], { hulp: true }), 'invalid_activity'],
    ['entities that is not an array', () => withValue(['entities'], 'mention'), 'invalid_activity'],
    ['a serviceUrl that is not http(s)', () => withValue(['serviceUrl'], 'file:///etc/passwd'), 'invalid_activity'],
    ['a serviceUrl that is not a URL', () => withValue(['serviceUrl'], 'teams'), 'invalid_activity'],
    [
      'a serviceUrl without // after the scheme',
      () => withValue(['serviceUrl'], 'http:127.0.0.1/'),
      'invalid_activity',
    ],
    [
      'a mention without mentioned.id',
      () => withValue(['entities'], [{ type: 'mention', text: '<at>Teammodel</at>', mentioned: {} }]),
      'invalid_activity',
    ],
  ];

  it.each(cases)(
    'answers %s with 400 and a short JSON error, and nothing reaches the connector',
    async (_name, body, error) => {
      const before = t.connector.requests.length;
      const res = await t.post(body());
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error });
      expect(res.text.length).toBeLessThan(500);
      expect(t.connector.requests.length).toBe(before);
    },
  );

  it('names the missing fields without echoing values', async () => {
    const a = without(['conversation', 'id']);
    a.text = 'geheime-tekst-123';
    const res = await t.post(a);
    expect(res.body).toEqual({ error: 'invalid_activity', problems: ['conversation.id: required'] });
  });

  it('tells a missing field from one of the wrong type or too long', async () => {
    const a = withValue(['from', 'id'], 7);
    delete (a as { channelId?: string }).channelId;
    a.conversation.tenantId = 'x'.repeat(200);
    const res = await t.post(a);
    expect(res.body).toEqual({
      error: 'invalid_activity',
      problems: ['channelId: required', 'from.id: invalid_type', 'conversation.tenantId: too_big'],
    });
  });

  it('answers a body over 256 KB with 413', async () => {
    const a = valid();
    a.text = 'x'.repeat(300 * 1024);
    const res = await t.post(a);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'body_too_large' });
  });

  it('keeps serving: a valid activity after all the bad ones still gets its answer', async () => {
    await t.post('{not json');
    await t.post(without(['from']));
    const a = valid();
    const res = await t.post(a);
    expect(res.status).toBe(200);
    const help = t.repliesTo(personalConversationId(DEMO.ltArnhem)).at(-1) as {
      attachments?: Array<{ content: { fallbackText?: string } }>;
    };
    expect(help.attachments?.[0]?.content.fallbackText).toBe(HELP_TEXT);
    expect((await t.get('/healthz')).status).toBe(200);
  });

  it('rejects other methods on /api/messages and unknown paths with 4xx', async () => {
    expect((await t.get('/api/messages')).status).toBe(405);
    expect((await t.get('/nope')).status).toBe(404);
  });
});
