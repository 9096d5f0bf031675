import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalMessage } from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';

const CREDENTIALS = {
  MicrosoftAppId: '6a1d2f3e-0000-4000-8000-000000000001',
  MicrosoftAppPassword: 'dummy-not-a-secret',
  MicrosoftAppTenantId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppType: 'SingleTenant',
  AUDIT_MAC_KEY: 'a-test-audit-mac-key-of-at-least-32-characters',
  ALLOWED_TENANTS: '11111111-2222-4333-8444-555555555555',
  HOST: '127.0.0.1',
};

describe('credentials mode: every request needs a valid Bot Framework JWT', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: CREDENTIALS });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('is not local mode and uses the configured app id', () => {
    expect(t.bot.config.localMode).toBe(false);
    expect(t.bot.app.options.botAppId).toBe(CREDENTIALS.MicrosoftAppId);
  });

  it('answers an unsigned POST /api/messages with 401 and sends nothing', async () => {
    const res = await t.post(personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }));
    expect(res.status).toBe(401);
    expect(t.connector.requests).toHaveLength(0);
  });

  it('answers a token that is not a JWT with 401 (decided without any network call)', async () => {
    const res = await t.post(personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }), {
      Authorization: 'Bearer abc.def.ghi',
    });
    expect(res.status).toBe(401);
    expect(t.connector.requests).toHaveLength(0);
  });

  it('still validates the body first: malformed JSON is a 400, not a 401', async () => {
    expect((await t.post('{oops')).status).toBe(400);
  });
});
