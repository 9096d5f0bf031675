import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the Microsoft identity platform's token endpoint and Microsoft Graph's "Install app for user", over
// real HTTP: records every call and answers as the documentation says (201 Created; 409 when the app is already
// installed for the user; 404 for a user the tenant does not know), with scriptable failures (403, 429).

export const FAKE_TENANT = '11111111-2222-4333-8444-555555555555';
export const FAKE_CLIENT = '22222222-3333-4444-8555-666666666666';
export const FAKE_SECRET = 'fake-client-secret-not-real';
export const FAKE_CATALOG_APP = '33333333-4444-4555-8666-777777777777';

export interface GraphCall {
  method: string;
  path: string;
  authorization?: string;
  contentType?: string;
  body: string;
  status: number;
}

export interface FakeGraph {
  /** Give as `loginUrl`. */
  readonly loginUrl: string;
  /** Give as `graphUrl` (…/v1.0). */
  readonly graphUrl: string;
  readonly calls: GraphCall[];
  /** The install calls, by the user id in their path. */
  installsFor(): string[];
  /** Users the tenant knows (object ids or UPNs, compared in lower case); others get 404. */
  knowUsers(...ids: string[]): void;
  /** Users the app is installed for already (409), or becomes installed for by a 201. */
  readonly installed: Set<string>;
  /** The next `n` install calls get this status (403, 429 with Retry-After …). */
  failNext(n: number, status: number, retryAfterSeconds?: number): void;
  /** Forgets the calls, the users, the installs and the scripted failures. */
  reset(): void;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

export async function startFakeGraph(): Promise<FakeGraph> {
  const calls: GraphCall[] = [];
  const known = new Set<string>();
  const installed = new Set<string>();
  const failures: Array<{ status: number; retryAfterSeconds?: number }> = [];
  let tokens = 0;
  const issued = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const body = await read(req);
    const call: GraphCall = {
      method: req.method ?? 'GET',
      path,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body,
      status: 0,
    };
    calls.push(call);
    const answer = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, { ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers });
      res.end(payload !== undefined ? JSON.stringify(payload) : '');
    };
    const graphError = (status: number, code: string) => answer(status, { error: { code, message: `fake ${code}` } });

    if (call.method === 'POST' && path === `/${FAKE_TENANT}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(body);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== FAKE_CLIENT ||
        form.get('client_secret') !== FAKE_SECRET ||
        !form.get('scope')?.endsWith('/.default')
      )
        return answer(401, { error: 'invalid_client', error_description: 'fake: wrong client credentials' });
      const token = `fake-token-${++tokens}`;
      issued.add(token);
      return answer(200, { token_type: 'Bearer', expires_in: 3599, access_token: token });
    }
    const install = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(path);
    if (call.method === 'POST' && install) {
      const bearer = /^Bearer (.+)$/.exec(call.authorization ?? '')?.[1];
      if (!bearer || !issued.has(bearer)) return graphError(401, 'InvalidAuthenticationToken');
      const failure = failures.shift();
      if (failure)
        return answer(
          failure.status,
          { error: { code: failure.status === 403 ? 'Forbidden' : 'TooManyRequests', message: 'fake' } },
          failure.retryAfterSeconds !== undefined ? { 'Retry-After': String(failure.retryAfterSeconds) } : {},
        );
      let bind: unknown;
      try {
        bind = (JSON.parse(body) as Record<string, unknown>)['teamsApp@odata.bind'];
      } catch {
        return graphError(400, 'BadRequest');
      }
      if (bind !== `${fake.graphUrl}/appCatalogs/teamsApps/${FAKE_CATALOG_APP}`) return graphError(404, 'NotFound');
      const user = decodeURIComponent(install[1]!).toLowerCase();
      if (!known.has(user)) return graphError(404, 'NotFound');
      if (installed.has(user)) return graphError(409, 'Conflict');
      installed.add(user);
      return answer(201);
    }
    return graphError(404, 'NotFound');
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeGraph = {
    loginUrl: base,
    graphUrl: `${base}/v1.0`,
    calls,
    installsFor: () =>
      calls
        .map((c) => /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(c.path)?.[1])
        .filter((u): u is string => u !== undefined)
        .map((u) => decodeURIComponent(u).toLowerCase()),
    knowUsers: (...ids) => ids.forEach((id) => known.add(id.toLowerCase())),
    installed,
    failNext: (n, status, retryAfterSeconds) => {
      for (let i = 0; i < n; i++) failures.push({ status, retryAfterSeconds });
    },
    reset: () => {
      calls.length = 0;
      known.clear();
      installed.clear();
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
