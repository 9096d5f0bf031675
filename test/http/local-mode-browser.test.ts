import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalConversationId, personalMessage } from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';

// Local mode authenticates nobody, on 127.0.0.1 only. A web page of another origin open in a browser on the same
// machine could still post to it (a text/plain POST needs no CORS preflight) and drive the bot as a roster member.
// Browsers mark such requests (Origin, Sec-Fetch-Site) and cannot send application/json without a preflight, so
// local mode refuses those before reading the body; programs (the Agents Playground, these tests) send neither.

describe('local mode refuses what a browser page sends', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ scheduler: false });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const hulp = () => personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url });
  const replies = () => t.repliesTo(personalConversationId(DEMO.ltArnhem)).length;

  it('a request with an Origin header or a cross-site Sec-Fetch-Site is refused with 403, and the bot does nothing', async () => {
    const before = replies();
    const browserHeaders: Array<Record<string, string>> = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'same-origin' },
    ];
    for (const headers of browserHeaders) {
      const res = await t.post(hulp(), headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body).toEqual({ error: 'cross_site_request' });
    }
    expect(replies()).toBe(before);
    expect(t.logger.records.some((r) => r.msg === 'rejected request: local mode')).toBe(true);
  });

  it('a body that is not declared application/json is refused with 415', async () => {
    const before = replies();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])
      expect((await t.post(JSON.stringify(hulp()), { 'Content-Type': type })).status, type).toBe(415);
    expect(replies()).toBe(before);
  });

  it('a program sending JSON without those headers is served (also with a charset, and Sec-Fetch-Site: none)', async () => {
    const before = replies();
    expect((await t.post(hulp(), { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect((await t.post(hulp(), { 'Sec-Fetch-Site': 'none' })).status).toBe(200);
    expect(replies()).toBe(before + 2);
  });
});
