import restify, { type Request, type Response, type Server } from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../app/ports.js';
import type { Config } from '../../config.js';
import type { OutboxBacklog } from '../sqlite/outbox-backlog.js';
import { activityTenantIds } from '../teams/activity-tenant.js';
import type { BotApplication } from '../teams/create-teams-bot.js';
import { describeActivityProblems, inboundActivitySchema } from './inbound-activity-schema.js';
import { precheckBearerToken } from './jwt-precheck.js';
import { refuseLocalRequest } from './local-request-check.js';
import { readBody } from './read-body.js';
import { registerHealthRoutes } from './register-health-routes.js';
import { createResponseRecorder } from './response-recorder.js';

export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

export const LOCAL_MODE_WARNING =
  'LOKALE MODUS: geen Bot Framework-credentials; alleen bereikbaar op 127.0.0.1, verzoeken worden niet geauthenticeerd';

export interface CreateServerOptions {
  config: Pick<Config, 'port' | 'host' | 'localMode' | 'credentials' | 'allowedTenants'>;
  adapter: TeamsAdapter;
  app: BotApplication;
  isReady: () => boolean;
  /** The outbox backlog that GET /readyz reports (absent: not reported). */
  outboxBacklog?: () => OutboxBacklog;
  logger: Logger;
  bodyLimitBytes?: number;
  /** The wall clock for the token pre-check (tests); Date.now by default, like botbuilder's own check. */
  now?: () => number;
}

export interface BotServer {
  /** Starts listening on `config.host`; `port` overrides config.port (0 = any free port). Resolves to the bound port. */
  start(port?: number): Promise<number>;
  /** Stops accepting requests, waits for the turns in flight, then closes. */
  stop(): Promise<void>;
  /** The bound address (after start). */
  address(): AddressInfo | undefined;
  readonly server: Server;
}

const UNAUTHORIZED = { error: 'unauthorized' } as const;
const TENANT_NOT_ALLOWED = { error: 'tenant_not_allowed' } as const;

function sendJson(res: Response, status: number, body: object): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.send(status, body);
}

/** The HTTP edge: POST /api/messages (validated, then the adapter), GET /healthz, GET /readyz. */
export function createServer(options: CreateServerOptions): BotServer {
  const { adapter, app, logger, config } = options;
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const server = restify.createServer({ name: 'teammodel-bot', handleUncaughtExceptions: false });
  // While a turn waits for the SQLite lock the event loop stands still; idle keep-alive sockets must outlive such a
  // pause, or a request already on its way over one is reset (ECONNRESET) instead of answered.
  server.server.keepAliveTimeout = 65_000;
  server.server.headersTimeout = 66_000;
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;

  registerHealthRoutes(server, {
    isReady: options.isReady,
    isStopping: () => stopping,
    outboxBacklog: options.outboxBacklog,
    logger,
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (stopping) {
      res.setHeader('Connection', 'close');
      return sendJson(res, 503, { error: 'shutting_down' });
    }
    const work = handleMessage(req, res);
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });

  async function handleMessage(req: Request, res: Response): Promise<void> {
    const started = Date.now();
    if (config.localMode) {
      const refused = refuseLocalRequest(req.headers);
      if (refused) {
        logger.info({ status: refused.status, reason: refused.error }, 'rejected request: local mode');
        res.setHeader('Connection', 'close');
        return sendJson(res, refused.status, { error: refused.error });
      }
    }
    const body = await readBody(req, limit);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too_large') {
      res.setHeader('Connection', 'close');
      return sendJson(res, 413, { error: 'body_too_large', limitBytes: limit });
    }
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      return sendJson(res, 400, { error: 'invalid_json' });
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      return sendJson(res, 400, { error: 'not_an_activity' });
    const parsed = inboundActivitySchema.safeParse(json);
    if (!parsed.success) {
      const problems = describeActivityProblems(parsed.error, json);
      logger.info({ status: 400, problems }, 'rejected activity');
      return sendJson(res, 400, { error: 'invalid_activity', problems });
    }
    const activity = parsed.data;
    if (!config.localMode) {
      // Offline pre-check of the bearer token: no token, not a JWT, expired, another audience or (SingleTenant)
      // another tenant is a 401 here, without botbuilder's network call for the signing keys and its stack trace.
      const check = config.credentials
        ? precheckBearerToken(
            req.headers.authorization,
            config.credentials,
            (options.now ?? Date.now)(),
            activity.serviceUrl,
          )
        : ({ ok: false, reason: 'missing' } as const);
      if (!check.ok) {
        logger.info({ activityType: activity.type, status: 401, reason: check.reason }, 'rejected activity: token');
        return sendJson(res, 401, UNAUTHORIZED);
      }
    }
    if (config.allowedTenants) {
      // ALLOWED_TENANTS (docs/tenants.md): an activity of any other organisation's Teams, or one that names no tenant,
      // is refused before the adapter or any handler sees it. Logged with ids only, never the activity's content.
      const tenants = activityTenantIds(activity);
      const allowed = config.allowedTenants;
      if (tenants.length === 0 || tenants.some((t) => !allowed.includes(t))) {
        logger.warn(
          {
            activityType: activity.type,
            activityId: activity.id,
            status: 403,
            reason: tenants.length === 0 ? 'no_tenant' : 'tenant_not_allowed',
            tenants,
          },
          'rejected activity: tenant not allowed',
        );
        return sendJson(res, 403, TENANT_NOT_ALLOWED);
      }
    }
    (req as Request & { body: unknown }).body = activity;
    // The adapter writes its answer to a recorder, not to `res`: its error answers carry internal messages (e.g.
    // "request to https://login.botframework.com/... failed, reason: getaddrinfo ENOTFOUND"), which must not leave.
    const recorder = createResponseRecorder((name, value) => res.header(name, value));
    let turnStarted = false;
    let threw = false;
    try {
      await adapter.process(req, recorder.response, async (context) => {
        turnStarted = true;
        await app.run(context);
      });
    } catch (err) {
      threw = true;
      logger.error(
        { activityType: activity.type, activityId: activity.id, err: { name: (err as Error).name } },
        'adapter failed',
      );
    }
    const answered = recorder.result();
    if (!turnStarted && !config.localMode && (threw || answered.status >= 400)) {
      // Authentication failed before any route ran: a refused token (botbuilder's 401) or a token it could not check
      // (its 500, e.g. the OpenID metadata unreachable). Either way the request is not authenticated: 401, fail closed.
      logger.warn(
        {
          activityType: activity.type,
          activityId: activity.id,
          status: 401,
          verifierStatus: threw ? 'threw' : answered.status,
          reason: answered.status === 401 ? 'token_refused' : 'token_unverifiable',
        },
        'rejected activity: authentication failed',
      );
      if (!res.headersSent) sendJson(res, 401, UNAUTHORIZED);
    } else if (!threw && answered.status === 501) {
      // botbuilder's answer to an invoke that no route answered (e.g. an invoke name this bot does not offer).
      if (!res.headersSent) sendJson(res, 501, { error: 'not_implemented' });
    } else if (threw || answered.status >= 500) {
      // Never botbuilder's own error text (it may name hosts, keys or internals).
      if (!threw)
        logger.error(
          { activityType: activity.type, activityId: activity.id, status: answered.status },
          'adapter answered with a server error',
        );
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
    } else if (!res.headersSent) {
      if (answered.body === undefined || answered.body === null || answered.body === '') res.send(answered.status);
      else if (typeof answered.body === 'object') sendJson(res, answered.status, answered.body);
      else res.send(answered.status, answered.body);
    }
    logger.info(
      {
        activityType: activity.type,
        invokeName: activity.name,
        activityId: activity.id,
        status: res.statusCode,
        ms: Date.now() - started,
      },
      'activity handled',
    );
  }

  return {
    server,
    address: () => (server.server.address() as AddressInfo | null) ?? undefined,
    start: (port = config.port) =>
      new Promise<number>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, config.host, () => {
          server.server.off('error', reject);
          const bound = (server.server.address() as AddressInfo).port;
          if (config.localMode) logger.warn({ host: config.host, port: bound }, LOCAL_MODE_WARNING);
          logger.info({ host: config.host, port: bound }, 'listening');
          resolve(bound);
        });
      }),
    stop: async () => {
      if (stopping) return;
      stopping = true;
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      logger.info({ inFlight: inFlight.size }, 'stopping: waiting for turns in flight');
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      server.server.closeIdleConnections();
      // Keep-alive connections that are still open get a moment to see their last response, then are closed.
      const timer = setTimeout(() => server.server.closeAllConnections(), 1000);
      await closed;
      clearTimeout(timer);
    },
  };
}
