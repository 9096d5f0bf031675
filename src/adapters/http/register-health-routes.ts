import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../app/ports.js';
import type { OutboxBacklog } from '../sqlite/outbox-backlog.js';

export interface HealthRouteOptions {
  /** Database open and every migration applied. */
  isReady: () => boolean;
  /** True once the server is stopping: readiness goes to 503 so a platform stops sending traffic. */
  isStopping: () => boolean;
  /** The outbox backlog for /readyz (absent: not reported). */
  outboxBacklog?: () => OutboxBacklog;
  logger: Logger;
}

function sendJson(res: Response, status: number, body: object): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.send(status, body);
}

/**
 * GET /healthz (liveness: the process answers; touches no database, so it also shows a blocked event loop) and
 * GET /readyz (readiness: database open and migrated, not stopping; plus the outbox backlog for monitoring). A backlog
 * never makes the bot "not ready": it is the only instance, and taking it out of rotation would not deliver anything
 * sooner. Alert on `outbox.oldestDueAgeSeconds` and on `error` log lines instead (docs/deploy.md).
 */
export function registerHealthRoutes(server: Server, o: HealthRouteOptions): void {
  server.get('/healthz', async (_req: Request, res: Response) => sendJson(res, 200, { status: 'ok' }));
  server.get('/readyz', async (_req: Request, res: Response) => {
    const ready = !o.isStopping() && o.isReady();
    let outbox: OutboxBacklog | undefined;
    if (ready && o.outboxBacklog) {
      try {
        outbox = o.outboxBacklog();
      } catch (err) {
        // Readiness is about serving turns; a backlog that cannot be read now is said, not fatal.
        o.logger.warn(
          { err: { name: (err as Error).name, code: (err as { code?: unknown }).code } },
          'readyz: backlog',
        );
      }
    }
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', ...(outbox ? { outbox } : {}) });
  });
}
