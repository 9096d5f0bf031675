import { z } from 'zod';
import type { AppInstaller, InstallOutcome } from '../../app/ports.js';

// Microsoft Graph's "Install app for user" (POST /users/{id | userPrincipalName}/teamwork/installedApps, 201 Created),
// with an app-only token from the client credentials flow of the tenant (scope https://graph.microsoft.com/.default).
// The app registration needs the application permission TeamsAppInstallation.ReadWriteForUser.All (or
// ReadWriteSelfForUser.All with webApplicationInfo in the manifest) with admin consent, and the app must be in the
// organisation's app catalog: `catalogAppId` is its id there, not the manifest's id (docs/behaviour.md, "Who cannot be reached").

export interface GraphAppInstallerOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The app's id in the tenant's Teams app catalog (Teams admin center → Manage apps → the app → App ID). */
  catalogAppId: string;
  /** Default https://graph.microsoft.com/v1.0; a national cloud's, or a test's local fake. */
  graphUrl?: string;
  /** Default https://login.microsoftonline.com. */
  loginUrl?: string;
  timeoutMs?: number;
  now?: () => number;
}

export const GRAPH_URL = 'https://graph.microsoft.com/v1.0';
export const LOGIN_URL = 'https://login.microsoftonline.com';

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive() });
const errorSchema = z.object({ error: z.object({ code: z.string().max(100).optional() }).passthrough() }).passthrough();

/** A token is renewed this long before it expires. */
const TOKEN_MARGIN_MS = 60_000;

/** Retry-After in seconds (Graph sends seconds), as ms. */
function retryAfterMs(res: Response): number | undefined {
  const seconds = Number(res.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** Graph's error code ("Forbidden", "Conflict" …): a code only, never its message. */
async function errorCode(res: Response): Promise<string | undefined> {
  try {
    const parsed = errorSchema.safeParse(await res.json());
    return parsed.success ? parsed.data.error.code : undefined;
  } catch {
    return undefined;
  }
}

const busy = (status: number, res?: Response): InstallOutcome => ({
  kind: 'retry_later',
  status,
  ...(res && retryAfterMs(res) !== undefined ? { retryAfterMs: retryAfterMs(res)! } : {}),
});

export function createGraphAppInstaller(o: GraphAppInstallerOptions): AppInstaller {
  const graphUrl = (o.graphUrl ?? GRAPH_URL).replace(/\/+$/, '');
  const loginUrl = (o.loginUrl ?? LOGIN_URL).replace(/\/+$/, '');
  const scope = `${new URL(graphUrl).origin}/.default`;
  const now = o.now ?? (() => Date.now());
  const timeoutMs = o.timeoutMs ?? 15_000;
  let token: { value: string; until: number } | undefined;

  /** A token, or the outcome that stops the installs (the client cannot get one). */
  async function accessToken(): Promise<string | InstallOutcome> {
    if (token && now() < token.until) return token.value;
    let res: Response;
    try {
      res = await fetch(`${loginUrl}/${encodeURIComponent(o.tenantId)}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: o.clientId,
          client_secret: o.clientSecret,
          scope,
          grant_type: 'client_credentials',
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      return busy(0);
    }
    if (res.status === 429 || res.status >= 500) return busy(res.status, res);
    // 400/401: a wrong client id, secret or tenant; nothing will work until the configuration is fixed.
    if (!res.ok) return { kind: 'not_allowed', status: res.status };
    const parsed = tokenSchema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) return busy(502);
    token = {
      value: parsed.data.access_token,
      until: now() + parsed.data.expires_in * 1000 - TOKEN_MARGIN_MS,
    };
    return token.value;
  }

  return {
    async install(user) {
      const bearer = await accessToken();
      if (typeof bearer !== 'string') return bearer;
      let res: Response;
      try {
        res = await fetch(`${graphUrl}/users/${encodeURIComponent(user)}/teamwork/installedApps`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            'teamsApp@odata.bind': `${graphUrl}/appCatalogs/teamsApps/${encodeURIComponent(o.catalogAppId)}`,
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        return busy(0);
      }
      if (res.ok) {
        await res.body?.cancel();
        return { kind: 'installed' };
      }
      const code = await errorCode(res);
      const withCode = code !== undefined ? { code } : {};
      if (res.status === 409) return { kind: 'already_installed' };
      if (res.status === 404) return { kind: 'user_not_found' };
      if (res.status === 401) {
        token = undefined; // expired or revoked early: a new one next time
        return busy(401);
      }
      if (res.status === 403) return { kind: 'not_allowed', status: 403, ...withCode };
      if (res.status === 429 || res.status >= 500) return busy(res.status, res);
      return { kind: 'failed', status: res.status, ...withCode };
    },
  };
}
