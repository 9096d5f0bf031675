import { createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CLOCK_TOLERANCE_SECONDS,
  precheckBearerToken,
  type JwtPrecheckConfig,
} from '../../src/adapters/http/jwt-precheck.js';

// Tokens signed here with a throw-away RSA key (node:crypto): the pre-check does not verify signatures, but the
// tokens are shaped exactly like real ones (RS256, three base64url parts, a real signature).

const APP_ID = '6a1d2f3e-0000-4000-8000-000000000001';
const TENANT = '11111111-2222-4333-8444-555555555555';
const OTHER_TENANT = '99999999-8888-4777-8666-555555555555';
const NOW = Date.parse('2026-03-02T10:00:00Z');
const nowSeconds = NOW / 1000;

const single: JwtPrecheckConfig = { appId: APP_ID, appPassword: 'x', tenantId: TENANT, appType: 'SingleTenant' };
const multi: JwtPrecheckConfig = { ...single, appType: 'MultiTenant' };

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function sign(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: 'test-key' },
): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
}

/** What the Bot Connector sends to a bot: no tenant claim, issuer api.botframework.com. */
const channelClaims = (over: Record<string, unknown> = {}) => ({
  iss: 'https://api.botframework.com',
  aud: APP_ID,
  serviceurl: 'https://smba.trafficmanager.net/emea/',
  nbf: nowSeconds - 60,
  exp: nowSeconds + 3600,
  ...over,
});

const bearer = (token: string) => `Bearer ${token}`;
const reasonOf = (authorization: string | undefined, config = single) => {
  const r = precheckBearerToken(authorization, config, NOW);
  return r.ok ? 'ok' : r.reason;
};

describe('JWT pre-check (offline, no signature verification)', () => {
  it('passes a token for our app id from the Bot Connector (SingleTenant and MultiTenant)', () => {
    const token = sign(channelClaims());
    const r = precheckBearerToken(bearer(token), single, NOW);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.claims.aud).toBe(APP_ID);
    expect(reasonOf(bearer(token), multi)).toBe('ok');
  });

  it('passes a SingleTenant token issued by our own tenant (v1 and v2 issuers, tid claim)', () => {
    expect(reasonOf(bearer(sign(channelClaims({ iss: `https://sts.windows.net/${TENANT}/`, tid: TENANT }))))).toBe(
      'ok',
    );
    expect(
      reasonOf(
        bearer(
          sign(channelClaims({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, tid: TENANT.toUpperCase() })),
        ),
      ),
    ).toBe('ok');
  });

  it('refuses a token for another audience', () => {
    expect(reasonOf(bearer(sign(channelClaims({ aud: '00000000-0000-4000-8000-0000000000aa' }))))).toBe('audience');
    expect(reasonOf(bearer(sign(channelClaims({ aud: 'https://api.botframework.com' }))), multi)).toBe('audience');
    expect(reasonOf(bearer(sign(channelClaims({ aud: [APP_ID] }))))).toBe('audience');
    expect(reasonOf(bearer(sign(channelClaims({ aud: undefined }))))).toBe('audience');
  });

  it("refuses an expired token, allowing botbuilder's 5 minutes of clock skew", () => {
    expect(reasonOf(bearer(sign(channelClaims({ exp: nowSeconds - 3600, nbf: nowSeconds - 7200 }))))).toBe('expired');
    expect(reasonOf(bearer(sign(channelClaims({ exp: nowSeconds - CLOCK_TOLERANCE_SECONDS }))))).toBe('expired');
    expect(reasonOf(bearer(sign(channelClaims({ exp: nowSeconds - CLOCK_TOLERANCE_SECONDS + 5 }))))).toBe('ok');
  });

  it('refuses a token that is not valid yet', () => {
    expect(reasonOf(bearer(sign(channelClaims({ nbf: nowSeconds + 3600 }))))).toBe('not_yet_valid');
    expect(reasonOf(bearer(sign(channelClaims({ nbf: nowSeconds + 60 }))))).toBe('ok');
  });

  it('refuses garbage', () => {
    const good = sign(channelClaims());
    const [h, p] = good.split('.');
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'missing'],
      ['', 'missing'],
      ['   ', 'missing'],
      [good, 'not_bearer'],
      [`Basic ${good}`, 'not_bearer'],
      [`bearer ${good}`, 'not_bearer'],
      [`Bearer  ${good}`, 'not_bearer'],
      [`Bearer ${good} extra`, 'not_bearer'],
      ['Bearer abc.def.ghi', 'malformed'],
      ['Bearer abc', 'malformed'],
      ['Bearer a.b.c.d', 'malformed'],
      [`Bearer ${h}.${p}.`, 'malformed'],
      [`Bearer ${h}.${p}`, 'malformed'],
      [`Bearer ${h}.${b64('just a string')}.sig`, 'malformed'],
      [`Bearer ${h}.${b64([1, 2])}.sig`, 'malformed'],
      [`Bearer ${h}.${p}!.sig`, 'malformed'],
      [`Bearer ${b64(null)}.${p}.sig`, 'malformed'],
      [`Bearer ${h}.${b64(channelClaims({ exp: 'tomorrow' }))}.sig`, 'malformed'],
      [`Bearer ${h}.${b64(channelClaims({ exp: undefined }))}.sig`, 'malformed'],
      [`Bearer ${h}.${b64(channelClaims({ iss: undefined }))}.sig`, 'malformed'],
      [`Bearer ${h}.${b64(channelClaims({ nbf: 'now' }))}.sig`, 'malformed'],
      [`Bearer ${'a'.repeat(9000)}.${p}.sig`, 'malformed'],
      [bearer(sign(channelClaims(), { alg: 'none' })), 'algorithm'],
      [bearer(sign(channelClaims(), { alg: 'HS256', typ: 'JWT' })), 'algorithm'],
      [bearer(sign(channelClaims(), { typ: 'JWT' })), 'algorithm'],
    ];
    for (const [header, reason] of cases)
      expect({ header: header?.slice(0, 60), reason: reasonOf(header) }).toEqual({
        header: header?.slice(0, 60),
        reason,
      });
  });

  it('refuses a token from another tenant for a SingleTenant bot (and not for a MultiTenant one)', () => {
    const otherTid = sign(channelClaims({ tid: OTHER_TENANT }));
    const otherIssV1 = sign(channelClaims({ iss: `https://sts.windows.net/${OTHER_TENANT}/` }));
    const otherIssV2 = sign(
      channelClaims({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`, tid: OTHER_TENANT }),
    );
    // The Bot Framework's own tenant (emulator and skill tokens) is another tenant too.
    const botFrameworkTenant = sign(
      channelClaims({
        iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
        tid: 'd6d49420-f39b-4df7-a1dc-d59a935871db',
      }),
    );
    const ourIssOtherTid = sign(channelClaims({ iss: `https://sts.windows.net/${TENANT}/`, tid: OTHER_TENANT }));
    const unknownIssuer = sign(channelClaims({ iss: 'https://evil.example/' }));
    for (const token of [otherTid, otherIssV1, otherIssV2, botFrameworkTenant, ourIssOtherTid, unknownIssuer]) {
      expect(reasonOf(bearer(token), single)).toBe('tenant');
      expect(reasonOf(bearer(token), multi)).toBe('ok');
    }
  });

  it("refuses a Bot Connector token issued for another service URL than the activity's (when one is given)", () => {
    const token = bearer(sign(channelClaims()));
    expect(precheckBearerToken(token, single, NOW, 'https://smba.trafficmanager.net/emea/').ok).toBe(true);
    expect(precheckBearerToken(token, single, NOW, 'https://evil.example/')).toEqual({
      ok: false,
      reason: 'service_url',
    });
    expect(
      precheckBearerToken(
        bearer(sign(channelClaims({ serviceurl: undefined }))),
        single,
        NOW,
        'https://smba.trafficmanager.net/emea/',
      ),
    ).toEqual({ ok: false, reason: 'service_url' });
    // Tokens of our own tenant (not from the Bot Connector) carry no serviceurl claim.
    expect(
      precheckBearerToken(
        bearer(sign(channelClaims({ iss: `https://sts.windows.net/${TENANT}/`, serviceurl: undefined }))),
        single,
        NOW,
        'https://x.example/',
      ).ok,
    ).toBe(true);
  });

  it('checks the audience before the tenant, and expiry before both', () => {
    expect(reasonOf(bearer(sign(channelClaims({ aud: 'other', tid: OTHER_TENANT }))))).toBe('audience');
    expect(reasonOf(bearer(sign(channelClaims({ aud: 'other', exp: nowSeconds - 3600 }))))).toBe('expired');
  });
});
