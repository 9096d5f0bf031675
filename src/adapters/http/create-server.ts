import restify, { type Request, type Response, type Server } from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../app/ports.js';
import type { Config } from '../../config.js';
import type { OutboxBacklog } from '../sqlite/outbox-backlog.js';
import type { BotApplication } from '../teams/create-teams-bot.js';
import { answerTurn, sendJson } from './answer-turn.js';
import { authenticateActivity } from './authenticate-activity.js';
import { parseActivityRequest, type Refusal } from './parse-activity-request.js';
import { registerHealthRoutes } from './register-health-routes.js';
import { runTurn } from './run-turn.js';

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

  /** POST /api/messages in four steps: parse, authenticate, run, answer (one file each). */
  async function handleMessage(req: Request, res: Response): Promise<void> {
    const started = Date.now();
    const parsed = await parseActivityRequest(req, { limit, localMode: config.localMode });
    if (parsed.kind === 'aborted') return;
    if (parsed.kind === 'refused') return refuse(res, parsed.refusal);
    const activity = parsed.activity;
    const refusal = authenticateActivity(activity, req.headers.authorization, config, (options.now ?? Date.now)());
    if (refusal) return refuse(res, refusal);
    const outcome = await runTurn(adapter, app, req, activity, (name, value) => res.header(name, value));
    answerTurn(res, outcome, activity, { localMode: config.localMode, logger });
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

  function refuse(res: Response, r: Refusal): void {
    if (r.log) logger[r.log.level](r.log.fields, r.log.msg);
    if (r.close) res.setHeader('Connection', 'close');
    sendJson(res, r.status, r.body);
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
