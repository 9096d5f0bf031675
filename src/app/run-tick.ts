import type { AppContext } from './app-context.js';
import { runDueAcuteFollowups } from './escalations/report-acute-danger.js';
import { runDailyDigest } from './run-daily-digest.js';
import { runDueEscalations } from './run-due-escalations.js';
import { runDueTimers } from './run-due-timers.js';
import { runWeekly } from './run-weekly.js';

export interface TickReport {
  timerSteps: number;
  escalationSteps: number;
  followups: number;
  weekly: number;
  digests: number;
}

/** One scheduler tick: the bot's cron and the scenario replayer both call exactly this. */
export function runTick(ctx: AppContext, now = ctx.clock.now()): TickReport {
  const timerSteps = runDueTimers(ctx, now);
  const escalationSteps = runDueEscalations(ctx, now);
  const followups = runDueAcuteFollowups(ctx, now);
  const weekly = runWeekly(ctx, now);
  // After the timers, so that today's reminders and late terms are in today's digest.
  return { timerSteps, escalationSteps, followups, weekly, digests: runDailyDigest(ctx, now) };
}
