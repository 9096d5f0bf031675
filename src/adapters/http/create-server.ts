import restify, { type Request, type Response, type Server } from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../app/ports.js';
import type { Config } from '../../config.js';
import type { BotApplication } from '../teams/create-teams-bot.js';
import { describeActivityProblems, inboundActivitySchema } from './inbound-activity-schema.js';
import { readBody } from './read-body.js';

export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

export const LOCAL_MODE_WARNING =
  'LOKALE MODUS: geen Bot Framework-credentials; alleen bereikbaar op 127.0.0.1, verzoeken worden niet geauthenticeerd';

export interface CreateServerOptions {
  config: Pick<Config, 'port' | 'host' | 'localMode'>;
  adapter: TeamsAdapter;
  app: BotApplication;
  isReady: () => boolean;
  logger: Logger;
  bodyLimitBytes?: number;
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

function sendJson(res: Response, status: number, body: object): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.send(status, body);
}

/** The HTTP edge: POST /api/messages (validated, then the adapter), GET /healthz, GET /readyz. */
export function createServer(options: CreateServerOptions): BotServer {
  const { adapter, app, logger, config } = options;
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const server = restify.createServer({ name: 'teammodel-bot', handleUncaughtExceptions: false });
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;

  server.get('/healthz', async (_req: Request, res: Response) => sendJson(res, 200, { status: 'ok' }));
  server.get('/readyz', async (_req: Request, res: Response) => {
    const ready = !stopping && options.isReady();
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready' });
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
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return sendJson(res, 400, { error: 'not_an_activity' });
    const parsed = inboundActivitySchema.safeParse(json);
    if (!parsed.success) {
      const problems = describeActivityProblems(parsed.error);
      logger.info({ status: 400, problems }, 'rejected activity');
      return sendJson(res, 400, { error: 'invalid_activity', problems });
    }
    const activity = parsed.data;
    if (!config.localMode && !String(req.headers.authorization ?? '').trim()) {
      // What the adapter would answer too, without its console.error stack trace for every unsigned request.
      logger.info({ activityType: activity.type, status: 401 }, 'rejected unsigned activity');
      return sendJson(res, 401, { error: 'unauthorized' });
    }
    (req as Request & { body: unknown }).body = activity;
    try {
      await adapter.process(req, res, async (context) => {
        await app.run(context);
      });
    } catch (err) {
      // adapter.process answers errors itself; reaching this means the response may not have been written.
      logger.error({ activityType: activity.type, activityId: activity.id, err: { name: (err as Error).name } }, 'adapter failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
    }
    logger.info(
      { activityType: activity.type, invokeName: activity.name, activityId: activity.id, status: res.statusCode, ms: Date.now() - started },
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
