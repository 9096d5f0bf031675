import cron from 'node-cron';
import type { AppContext } from '../../app/app-context.js';
import { runTick } from '../../app/run-tick.js';
import { purgeClosedCases } from '../../app/purge-closed-cases.js';
import { isBusyError, retryWhenBusy } from '../../app/retry-when-busy.js';

export interface Scheduler {
  /** One tick now (also run at start-up: steps that fell due while the bot was down are caught up). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** How long the nightly purge keeps trying while another process holds the database; nobody waits for it. */
const PURGE_BUSY_DEADLINE_MS = 10 * 60_000;

/**
 * A node-cron tick (every minute by default, in the configured time zone, never overlapping) → "run due timers" → outbox.
 * When another process holds the database, a tick waits for it asynchronously (retryWhenBusy) and otherwise leaves
 * its work to the next tick: every step is recorded once in the transaction that does it, so nothing is lost or
 * done twice. The nightly purge does the same, for longer.
 */
export function startScheduler(o: { ctx: AppContext; cronExpression: string; timezone: string; afterTick: () => void; purgeCron?: string }): Scheduler {
  let stopped = false;
  const wakeUps = new Set<() => void>();
  // A wait that ends early on stop(), so that stopping never waits out a busy database.
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakeUps.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeUps.add(done);
    });
  const mayRetry = () => !stopped;

  let ticking: Promise<void> | undefined;
  const tick = () =>
    (ticking ??= (async () => {
      try {
        const r = await retryWhenBusy(() => runTick(o.ctx), { sleep, mayRetry });
        if (r.timerSteps + r.escalationSteps > 0) o.ctx.logger.info(r, 'scheduler tick');
      } catch (err) {
        if (isBusyError(err)) o.ctx.logger.warn({ code: (err as { code?: unknown }).code }, 'scheduler tick: database busy, left to the next tick');
        else o.ctx.logger.error({ err: String(err) }, 'scheduler tick failed');
      } finally {
        ticking = undefined;
      }
      if (!stopped) o.afterTick();
    })());

  // Retention: once a night, closed cases past their term are purged (aggregates survive in the KPI archive).
  let purging: Promise<void> | undefined;
  const purge = () =>
    (purging ??= (async () => {
      try {
        const purged = await retryWhenBusy(() => purgeClosedCases(o.ctx, { dryRun: false }), { sleep, mayRetry, deadlineMs: PURGE_BUSY_DEADLINE_MS });
        if (purged.length > 0) o.ctx.logger.info({ purged: purged.length }, 'retention purge');
      } catch (err) {
        if (isBusyError(err)) o.ctx.logger.warn({ code: (err as { code?: unknown }).code }, 'retention purge: database busy, left to the next night');
        else o.ctx.logger.error({ err: String(err) }, 'retention purge failed');
      } finally {
        purging = undefined;
      }
    })());

  const tasks = [
    cron.schedule(o.cronExpression, tick, { timezone: o.timezone, noOverlap: true, name: 'teammodel-tick' }),
    cron.schedule(o.purgeCron ?? '15 2 * * *', purge, { timezone: o.timezone, noOverlap: true, name: 'teammodel-purge' }),
  ];
  void tick();
  return {
    tick,
    stop: async () => {
      stopped = true;
      for (const task of tasks) {
        await task.stop();
        await task.destroy();
      }
      for (const wake of [...wakeUps]) wake();
      await Promise.all([ticking, purging]); // before the database closes
    },
  };
}
