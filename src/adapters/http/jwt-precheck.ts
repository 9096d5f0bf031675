import type { Config } from '../../config.js';

/**
 * A cheap, offline look at the bearer token of an inbound request, before botbuilder verifies it. It does NOT verify
 * the signature (botbuilder does that, with the keys from the Bot Framework's OpenID metadata); it only refuses what
 * botbuilder would refuse anyway, without a network call and without botbuilder's stack trace on stderr:
 * no "Bearer <jwt>", a token that does not decode, a signing algorithm botbuilder does not allow, a token that has
 * expired or is not valid yet, an audience other than our app id, (SingleTenant) a token from another tenant, and a
 * Bot Connector token issued for another service URL than the activity's (botbuilder compares the `serviceurl` claim).
 *
 * It must never refuse a token Teams really sends. The Bot Connector's tokens to a bot carry
 * `iss: https://api.botframework.com`, `aud: <MicrosoftAppId>`, `exp`/`nbf` and a `serviceurl` claim, and no tenant
 * claim, for every app type; so for SingleTenant only a tenant the token names itself (`tid`, or the tenant in an
 * Entra issuer URL) is compared with MicrosoftAppTenantId.
 */

export type JwtPrecheckConfig = NonNullable<Config['credentials']>;

export type JwtPrecheckReason =
  | 'missing'
  | 'not_bearer'
  | 'malformed'
  | 'algorithm'
  | 'expired'
  | 'not_yet_valid'
  | 'audience'
  | 'tenant'
  | 'service_url';

export type JwtPrecheckResult =
  { ok: true; claims: Readonly<Record<string, unknown>> } | { ok: false; reason: JwtPrecheckReason };

/** botbuilder's AuthenticationConstants.AllowedSigningAlgorithms. */
export const ALLOWED_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512'];

/** botbuilder validates exp/nbf with a clock tolerance of 5 minutes; so do we, or we would refuse tokens it accepts. */
export const CLOCK_TOLERANCE_SECONDS = 5 * 60;

/** Far above any real token (a few KB); Node refuses headers over 16 KB anyway. */
export const MAX_TOKEN_LENGTH = 8 * 1024;

/** The Bot Connector's own issuers (public cloud, US government): these tokens name no tenant. */
const BOT_CONNECTOR_ISSUERS = new Set(['https://api.botframework.com', 'https://api.botframework.us']);

/** Entra ID v1 and v2 issuers: `https://sts.windows.net/<tid>/`, `https://login.microsoftonline.com/<tid>/v2.0` (and .us). */
const ENTRA_ISSUER = /^https:\/\/(?:sts\.windows\.net|login\.microsoftonline\.(?:com|us))\/([^/]+)\/(?:v2\.0)?$/i;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const sameGuid = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether the token's own tenant claims fit a SingleTenant bot's tenant. */
function fitsTenant(claims: Record<string, unknown>, tenantId: string): boolean {
  const iss = claims.iss as string;
  if (claims.tid !== undefined && (typeof claims.tid !== 'string' || !sameGuid(claims.tid, tenantId))) return false;
  if (BOT_CONNECTOR_ISSUERS.has(iss)) return true;
  const entra = ENTRA_ISSUER.exec(iss);
  return entra !== null && sameGuid(entra[1]!, tenantId);
}

/**
 * Decides from the Authorization header alone whether the request can possibly be authentic. Pure: `nowMs` is the
 * current time; `serviceUrl` is the activity's. `ok: true` means only "worth verifying": botbuilder still checks the
 * signature (and everything else) with the Bot Framework's keys.
 */
export function precheckBearerToken(
  authorization: string | undefined,
  config: JwtPrecheckConfig,
  nowMs: number,
  serviceUrl?: string,
): JwtPrecheckResult {
  const header = (authorization ?? '').trim();
  if (header === '') return { ok: false, reason: 'missing' };
  // botbuilder splits on one space and wants exactly the scheme "Bearer" and one parameter.
  const parts = header.split(' ');
  if (parts.length !== 2 || parts[0] !== 'Bearer') return { ok: false, reason: 'not_bearer' };
  const token = parts[1]!;
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const segments = token.split('.');
  // A signed JWT (JWS compact form) has three parts, and the signature is not empty ("alg: none" tokens have none).
  if (segments.length !== 3 || !BASE64URL.test(segments[2]!)) return { ok: false, reason: 'malformed' };
  const head = decodeSegment(segments[0]!);
  const claims = decodeSegment(segments[1]!);
  if (!head || !claims) return { ok: false, reason: 'malformed' };
  if (typeof head.alg !== 'string' || !ALLOWED_ALGORITHMS.includes(head.alg)) return { ok: false, reason: 'algorithm' };
  if (typeof claims.iss !== 'string' || !isFiniteNumber(claims.exp)) return { ok: false, reason: 'malformed' };
  if (claims.nbf !== undefined && !isFiniteNumber(claims.nbf)) return { ok: false, reason: 'malformed' };

  const now = nowMs / 1000;
  if (claims.exp + CLOCK_TOLERANCE_SECONDS <= now) return { ok: false, reason: 'expired' };
  if (isFiniteNumber(claims.nbf) && claims.nbf - CLOCK_TOLERANCE_SECONDS > now)
    return { ok: false, reason: 'not_yet_valid' };
  // botbuilder compares the aud claim with the app id as it is (an array never matches).
  if (claims.aud !== config.appId) return { ok: false, reason: 'audience' };
  if (config.appType === 'SingleTenant' && !fitsTenant(claims, config.tenantId)) return { ok: false, reason: 'tenant' };
  if (serviceUrl !== undefined && BOT_CONNECTOR_ISSUERS.has(claims.iss) && claims.serviceurl !== serviceUrl)
    return { ok: false, reason: 'service_url' };
  return { ok: true, claims };
}
