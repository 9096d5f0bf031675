import type { CaseRecord } from '../domain/records.js';
import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { startTimer } from './timer-engine.js';

/**
 * Any human action on an open case counts as activity and restarts T13 (case silence): a new cycle from today.
 * Several actions on one day keep the cycle of that day (same due date). The bot's own messages never come here.
 */
export function recordActivity(ctx: AppContext, c: CaseRecord, by: MemberId, at: number): void {
  if (c.closedAt !== null) return;
  ctx.store.cases.update(c.id, { lastActivityAt: at });
  const today = ctx.calendar.localDate(at);
  const current = ctx.store.timers.open(c.id, 'T13')[0];
  if (current && current.startDate === today) return;
  startTimer(ctx, c, 'T13', { at, by });
}
