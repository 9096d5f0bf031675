import { createSign, generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN_CARD_ACTION_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { cardAction, personalMessage } from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';

// Credentials mode over HTTP: the offline JWT pre-check in create-server.ts answers 401 for tokens that cannot be ours
// (unsigned, garbage, expired, another audience, another tenant), and whatever botbuilder's own verification throws
// for a token that passes it (signing keys unreachable, bad signature) is a 401 with a short JSON body, never a 500
// with botbuilder's error text.

const APP_ID = '6a1d2f3e-0000-4000-8000-000000000001';
const TENANT = '11111111-2222-4333-8444-555555555555';
const CREDENTIALS = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'dummy-not-a-secret',
  MicrosoftAppTenantId: TENANT,
  MicrosoftAppType: 'SingleTenant',
  AUDIT_MAC_KEY: 'a-test-audit-mac-key-of-at-least-32-characters',
  ALLOWED_TENANTS: TENANT,
  HOST: '127.0.0.1',
};
const CHANNEL_METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
const KID = 'teammodel-test-key';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function sign(claims: Record<string, unknown>, key = privateKey): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

const channelToken = (serviceUrl: string, over: Record<string, unknown> = {}, key = privateKey) =>
  sign(
    {
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      serviceurl: serviceUrl,
      nbf: now() - 60,
      exp: now() + 3600,
      ...over,
    },
    key,
  );

/**
 * botbuilder keeps one OpenIdMetadata per metadata URL in a static cache (JwtTokenExtractor.openIdMetadataCache, not
 * exported). Tests that need botbuilder's verification to *succeed* offline put a stand-in there that knows our test
 * key; it is removed again after each test. (This test file runs in its own process: vitest pool 'forks'.)
 */
type Metadata = { getKey(kid: string): Promise<{ key: string; endorsements?: string[] } | null> };
const metadataCache = (
  createRequire(import.meta.url)('botframework-connector/lib/auth/jwtTokenExtractor.js') as {
    JwtTokenExtractor: { openIdMetadataCache: Map<string, Metadata> };
  }
).JwtTokenExtractor.openIdMetadataCache;

function useSigningKeys(getKey: Metadata['getKey']): void {
  metadataCache.set(CHANNEL_METADATA_URL, { getKey });
}

describe('credentials mode: tokens for another audience, expired, unsigned or unverifiable get 401', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: CREDENTIALS, scheduler: false });
  });
  afterAll(async () => {
    await t?.stop();
  });
  afterEach(() => {
    metadataCache.delete(CHANNEL_METADATA_URL);
  });

  const message = () => personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url });
  const expectUnauthorized = (res: { status: number; body: unknown; text: string }) => {
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
  };

  it('answers an unsigned request with 401', async () => {
    expectUnauthorized(await t.post(message()));
    expect(t.connector.requests).toHaveLength(0);
  });

  it('answers a token for another audience with 401, decided offline and logged with its reason', async () => {
    const started = Date.now();
    expectUnauthorized(
      await t.post(message(), {
        Authorization: `Bearer ${channelToken(t.connector.url, { aud: '00000000-0000-4000-8000-0000000000aa' })}`,
      }),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(
      t.logger.records.some((r) => typeof r.obj === 'object' && (r.obj as { reason?: string }).reason === 'audience'),
    ).toBe(true);
    expect(t.connector.requests).toHaveLength(0);
  });

  it('answers an expired token with 401', async () => {
    expectUnauthorized(
      await t.post(message(), {
        Authorization: `Bearer ${channelToken(t.connector.url, { exp: now() - 3600, nbf: now() - 7200 })}`,
      }),
    );
  });

  it('answers a token of another tenant (SingleTenant) with 401', async () => {
    expectUnauthorized(
      await t.post(message(), {
        Authorization: `Bearer ${channelToken(t.connector.url, { tid: '99999999-8888-4777-8666-555555555555' })}`,
      }),
    );
  });

  it('answers garbage and non-Bearer schemes with 401', async () => {
    for (const header of [
      'Bearer',
      'Bearer x',
      'Basic dXNlcjpwYXNz',
      `Bearer ${'e30.'.repeat(3)}`,
      `bearer ${channelToken(t.connector.url)}`,
    ]) {
      expectUnauthorized(await t.post(message(), { Authorization: header }));
    }
  });

  it('answers a correctly addressed token that cannot be verified offline with 401, not a 500 with the fetch error', async () => {
    // No stand-in: botbuilder fetches the Bot Framework's OpenID metadata. Offline that fails (ENOTFOUND); online
    // the test key is not among Microsoft's keys. Either way: 401, and nothing of botbuilder's message leaks.
    const res = await t.post(message(), { Authorization: `Bearer ${channelToken(t.connector.url)}` });
    expectUnauthorized(res);
    expect(res.text).not.toMatch(/botframework|ENOTFOUND|getaddrinfo|openid/i);
    expect(t.connector.requests).toHaveLength(0);
  });

  it('answers 401 when the signing keys cannot be loaded (botbuilder throws a 500-class error)', async () => {
    useSigningKeys(async () => {
      throw new Error('Failed to load openID config: 503');
    });
    const res = await t.post(message(), { Authorization: `Bearer ${channelToken(t.connector.url)}` });
    expectUnauthorized(res);
    expect(res.text).not.toContain('openID');
    expect(t.logger.records.some((r) => r.msg === 'rejected activity: authentication failed')).toBe(true);
  });

  it('answers a token signed with another key (a forgery that passes the pre-check) with 401', async () => {
    useSigningKeys(async (kid) =>
      kid === KID
        ? { key: publicKey.export({ type: 'spki', format: 'pem' }).toString(), endorsements: ['msteams'] }
        : null,
    );
    const forged = channelToken(t.connector.url, {}, other.privateKey);
    expectUnauthorized(await t.post(message(), { Authorization: `Bearer ${forged}` }));
  });

  it('answers a token issued for another service URL with 401 before any key lookup', async () => {
    useSigningKeys(async () => {
      throw new Error('the pre-check should have refused this token');
    });
    expectUnauthorized(
      await t.post(message(), { Authorization: `Bearer ${channelToken('https://smba.trafficmanager.net/emea/')}` }),
    );
    expect(
      t.logger.records.some(
        (r) => typeof r.obj === 'object' && (r.obj as { reason?: string }).reason === 'service_url',
      ),
    ).toBe(true);
  });

  it('lets a correctly signed token through: the card action is answered as usual (the pre-check refuses no real token)', async () => {
    useSigningKeys(async (kid) =>
      kid === KID
        ? { key: publicKey.export({ type: 'spki', format: 'pem' }).toString(), endorsements: ['msteams'] }
        : null,
    );
    const invoke = cardAction(
      'nobody.knows',
      { caseRef: 'CG-ARN-2026-0001' },
      { from: DEMO.ltArnhem, serviceUrl: t.connector.url },
    );
    const res = await t.post(invoke, { Authorization: `Bearer ${channelToken(t.connector.url)}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: UNKNOWN_CARD_ACTION_TEXT,
    });
  });
});
