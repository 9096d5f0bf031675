import cron from 'node-cron';
import type { AppContext } from '../../app/app-context.js';
import { runTick } from '../../app/run-tick.js';
import { purgeClosedCases } from '../../app/purge-closed-cases.js';
import { errorFields } from '../../app/error-fields.js';
import { isBusyError, retryWhenBusy } from '../../app/retry-when-busy.js';

export interface Scheduler {
  /** One tick now (also run at start-up: steps that fell due while the bot was down are caught up). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** How long the nightly purge keeps trying while another process holds the database; nobody waits for it. */
const PURGE_BUSY_DEADLINE_MS = 10 * 60_000;

/** A scheduled job: what it runs, what it logs when done, busy (left for later) or failed. */
interface Job<T> {
  work: () => T;
  done: (result: T) => void;
  busy: string;
  failed: string;
  deadlineMs?: number;
  after?: () => void;
}

/**
 * A node-cron tick (every minute by default, in the configured time zone, never overlapping) → "run due timers" → outbox.
 * When another process holds the database, a tick waits for it asynchronously (retryWhenBusy) and otherwise leaves
 * its work to the next tick: every step is recorded once in the transaction that does it, so nothing is lost or
 * done twice. The nightly purge does the same, for longer.
 */
export function startScheduler(o: {
  ctx: AppContext;
  cronExpression: string;
  timezone: string;
  afterTick: () => void;
  purgeCron?: string;
}): Scheduler {
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

  /** Runs a job at most once at a time (a call while it runs joins that run), waiting out a busy database until its deadline or stop(). */
  const guarded = <T>(job: Job<T>) => {
    let running: Promise<void> | undefined;
    const run = () =>
      (running ??= (async () => {
        try {
          job.done(await retryWhenBusy(job.work, { sleep, mayRetry, deadlineMs: job.deadlineMs }));
        } catch (err) {
          if (isBusyError(err)) o.ctx.logger.warn({ err: errorFields(err) }, job.busy);
          else o.ctx.logger.error({ err: errorFields(err) }, job.failed);
        } finally {
          running = undefined;
        }
        if (!stopped) job.after?.();
      })());
    return { run, running: () => running };
  };

  const ticker = guarded({
    work: () => runTick(o.ctx),
    done: (r) => {
      if (r.timerSteps + r.escalationSteps > 0) o.ctx.logger.info(r, 'scheduler tick');
    },
    busy: 'scheduler tick: database busy, left to the next tick',
    failed: 'scheduler tick failed',
    after: o.afterTick,
  });
  // Retention: once a night, closed cases past their term are purged (aggregates survive in the KPI archive).
  const purger = guarded({
    work: () => purgeClosedCases(o.ctx, { dryRun: false }),
    done: (purged) => {
      if (purged.length > 0) o.ctx.logger.info({ purged: purged.length }, 'retention purge');
    },
    busy: 'retention purge: database busy, left to the next night',
    failed: 'retention purge failed',
    deadlineMs: PURGE_BUSY_DEADLINE_MS,
  });

  const tasks = [
    cron.schedule(o.cronExpression, ticker.run, { timezone: o.timezone, noOverlap: true, name: 'teammodel-tick' }),
    cron.schedule(o.purgeCron ?? '15 2 * * *', purger.run, {
      timezone: o.timezone,
      noOverlap: true,
      name: 'teammodel-purge',
    }),
  ];
  void ticker.run();
  return {
    tick: ticker.run,
    stop: async () => {
      stopped = true;
      for (const task of tasks) {
        await task.stop();
        await task.destroy();
      }
      for (const wake of [...wakeUps]) wake();
      await Promise.all([ticker.running(), purger.running()]); // before the database closes
    },
  };
}
