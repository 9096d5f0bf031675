import type { AppContext } from './app-context.js';
import { runDueEscalations } from './run-due-escalations.js';
import { runDueTimers } from './run-due-timers.js';
import { runDailyDigest } from './run-daily-digest.js';

/** One scheduler tick: the bot's cron and the scenario replayer both call exactly this. */
export function runTick(
  ctx: AppContext,
  now = ctx.clock.now(),
): { timerSteps: number; escalationSteps: number; digests: number } {
  const timerSteps = runDueTimers(ctx, now);
  const escalationSteps = runDueEscalations(ctx, now);
  // After the timers, so that today's reminders are in today's digest.
  return { timerSteps, escalationSteps, digests: runDailyDigest(ctx, now) };
}
