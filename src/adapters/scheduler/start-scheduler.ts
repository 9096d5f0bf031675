import cron from 'node-cron';
import type { AppContext } from '../../app/app-context.js';
import { runTick } from '../../app/run-tick.js';

export interface Scheduler {
  /** One tick now (also run at start-up: steps that fell due while the bot was down are caught up). */
  tick(): void;
  stop(): Promise<void>;
}

/** A node-cron tick (every minute by default, in the configured time zone, never overlapping) → "run due timers" → outbox. */
export function startScheduler(o: { ctx: AppContext; cronExpression: string; timezone: string; afterTick: () => void }): Scheduler {
  const tick = () => {
    try {
      const r = runTick(o.ctx);
      if (r.timerSteps + r.escalationSteps > 0) o.ctx.logger.info(r, 'scheduler tick');
    } catch (err) {
      o.ctx.logger.error({ err: String(err) }, 'scheduler tick failed');
    }
    o.afterTick();
  };
  const task = cron.schedule(o.cronExpression, tick, { timezone: o.timezone, noOverlap: true, name: 'teammodel-tick' });
  tick();
  return {
    tick,
    stop: async () => {
      await task.stop();
      await task.destroy();
    },
  };
}
