import { addDays, weekday, type LocalDate } from '../domain/local-date.js';
import type { CaseRecord } from '../domain/records.js';
import type { Member } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { enqueueNotification } from './enqueue-notification.js';

/** A term is worth the coordinator's attention when it is late by more than this many working days. */
export const WEEKLY_LATE_WORKING_DAYS = 10;

export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** What makes a case worth the coordinator's weekly line (none: not worth it). */
export interface WeeklyConcerns {
  /** Terms other than T3 late by more than 10 working days. */
  late: string[];
  /** Open escalations at L2 or higher. */
  escalations: number;
  /** Still waiting for a jeugdbeschermer (T6 running). */
  waitingForJeugdbeschermer: boolean;
}

export function weeklyConcerns(ctx: AppContext, c: CaseRecord, today: LocalDate): WeeklyConcerns | undefined {
  const open = ctx.store.timers.open(c.id);
  const late = open
    .filter(
      (t) =>
        t.timer !== 'T3' &&
        t.dueDate < today &&
        ctx.calendar.workingDaysBetween(t.dueDate, today) > WEEKLY_LATE_WORKING_DAYS,
    )
    .map((t) => t.timer);
  const escalations = ctx.store.escalations
    .ofCase(c.id)
    .filter((e) => e.state === 'open' && (e.level === 'L2' || e.level === 'L3')).length;
  const waitingForJeugdbeschermer = open.some((t) => t.timer === 'T6');
  if (late.length === 0 && escalations === 0 && !waitingForJeugdbeschermer) return undefined;
  return { late, escalations, waitingForJeugdbeschermer };
}

/** The cases of a coordinator's municipalities that the weekly line is about. */
export function weeklyCasesOf(
  ctx: AppContext,
  coordinator: Member,
  today: LocalDate,
): Array<{ c: CaseRecord; concerns: WeeklyConcerns }> {
  const out: Array<{ c: CaseRecord; concerns: WeeklyConcerns }> = [];
  for (const c of ctx.store.cases.openCasesIn(coordinator.municipalities ?? [])) {
    const concerns = weeklyConcerns(ctx, c, today);
    if (concerns) out.push({ c, concerns });
  }
  return out;
}

/**
 * Monday's line to each pilot coordinator (due Monday 00:00, so sent at the first office-hours start of the week —
 * Tuesday after Easter or Whit Monday), judged when it goes out, and only when there is something to report: terms late
 * by more than 10 working days, escalations at L2 or higher, children waiting for a jeugdbeschermer. Once a week.
 */
export function runWeekly(ctx: AppContext, now: number): number {
  if (!ctx.calendar.isOfficeTime(now)) return 0;
  const today = ctx.calendar.localDate(now);
  const monday = mondayOf(today);
  if (ctx.store.preferences.weekRan(monday)) return 0;
  return ctx.store.transaction(() => {
    if (!ctx.store.preferences.claimWeek(monday, now)) return 0;
    let sent = 0;
    for (const coordinator of ctx.roster.pilotCoordinators()) {
      if (weeklyCasesOf(ctx, coordinator, today).length === 0) continue;
      enqueueNotification(ctx, {
        caseId: null,
        recipients: [coordinator.id],
        payload: { kind: 'weekly', monday, municipalities: [...(coordinator.municipalities ?? [])] },
      });
      sent++;
    }
    return sent;
  });
}
