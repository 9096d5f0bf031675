import type { AppContext } from './app-context.js';
import { runDueEscalations } from './run-due-escalations.js';
import { runDueTimers } from './run-due-timers.js';

/** One scheduler tick: the bot's cron and the scenario replayer both call exactly this. */
export function runTick(ctx: AppContext, now = ctx.clock.now()): { timerSteps: number; escalationSteps: number } {
  return { timerSteps: runDueTimers(ctx, now), escalationSteps: runDueEscalations(ctx, now) };
}
