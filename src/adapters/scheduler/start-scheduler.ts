import cron from 'node-cron';
import type { AppContext } from '../../app/app-context.js';
import { runTick } from '../../app/run-tick.js';
import { purgeClosedCases } from '../../app/purge-closed-cases.js';

export interface Scheduler {
  /** One tick now (also run at start-up: steps that fell due while the bot was down are caught up). */
  tick(): void;
  stop(): Promise<void>;
}

/** A node-cron tick (every minute by default, in the configured time zone, never overlapping) → "run due timers" → outbox. */
export function startScheduler(o: { ctx: AppContext; cronExpression: string; timezone: string; afterTick: () => void; purgeCron?: string }): Scheduler {
  const tick = () => {
    try {
      const r = runTick(o.ctx);
      if (r.timerSteps + r.escalationSteps > 0) o.ctx.logger.info(r, 'scheduler tick');
    } catch (err) {
      o.ctx.logger.error({ err: String(err) }, 'scheduler tick failed');
    }
    o.afterTick();
  };
  // Retention: once a night, closed cases past their term are purged (aggregates survive in the KPI archive).
  const purge = () => {
    try {
      const purged = purgeClosedCases(o.ctx, { dryRun: false });
      if (purged.length > 0) o.ctx.logger.info({ purged: purged.length }, 'retention purge');
    } catch (err) {
      o.ctx.logger.error({ err: String(err) }, 'retention purge failed');
    }
  };
  const tasks = [
    cron.schedule(o.cronExpression, tick, { timezone: o.timezone, noOverlap: true, name: 'teammodel-tick' }),
    cron.schedule(o.purgeCron ?? '15 2 * * *', purge, { timezone: o.timezone, noOverlap: true, name: 'teammodel-purge' }),
  ];
  tick();
  return {
    tick,
    stop: async () => {
      for (const task of tasks) {
        await task.stop();
        await task.destroy();
      }
    },
  };
}
