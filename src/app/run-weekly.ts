import { addDays, weekday, type LocalDate } from '../domain/local-date.js';
import type { TimerRecord } from '../domain/records.js';
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

/** Escalation levels the weekly line reports. */
const WEEKLY_ESCALATION_LEVELS = ['L2', 'L3'] as const;

type WeeklyTerm = Pick<TimerRecord, 'id' | 'caseId' | 'timer' | 'dueDate'>;

/**
 * The open terms that may concern the weekly line: T6, and terms due at least 10 calendar days ago (late by more
 * than 10 working days is late by more than 10 calendar days: a bound the query can use). The exact test is isLate.
 */
function candidateTerms(ctx: AppContext, coordinator: Member, today: LocalDate): Iterable<WeeklyTerm> {
  return ctx.store.timers.openInMunicipalities(coordinator.municipalities ?? [], {
    dueBefore: addDays(today, -(WEEKLY_LATE_WORKING_DAYS - 1)),
    orTimer: 'T6',
  });
}

const isLate = (ctx: AppContext, t: WeeklyTerm, today: LocalDate): boolean =>
  t.timer !== 'T3' && t.dueDate < today && ctx.calendar.workingDaysBetween(t.dueDate, today) > WEEKLY_LATE_WORKING_DAYS;

/** A term the weekly line reports: T6 running, or late by more than 10 working days. */
const isConcern = (ctx: AppContext, t: WeeklyTerm, today: LocalDate): boolean =>
  t.timer === 'T6' || isLate(ctx, t, today);

const escalationsAtHighLevels = (ctx: AppContext, coordinator: Member) =>
  ctx.store.escalations.openAtLevelsIn(coordinator.municipalities ?? [], WEEKLY_ESCALATION_LEVELS);

/**
 * The cases (ids) of a coordinator's municipalities that the weekly line is about, in case order. Set-based: one query
 * for the terms and one for the escalations, instead of two per open case (with 100 000 open cases that took seconds
 * on the 08:30 tick). Case ids only: the card loads the few cases it shows.
 */
export function weeklyCasesOf(
  ctx: AppContext,
  coordinator: Member,
  today: LocalDate,
): Array<{ caseId: number; concerns: WeeklyConcerns }> {
  const byCase = new Map<number, WeeklyConcerns>();
  const concernsOf = (caseId: number): WeeklyConcerns => {
    let concerns = byCase.get(caseId);
    if (!concerns) byCase.set(caseId, (concerns = { late: [], escalations: 0, waitingForJeugdbeschermer: false }));
    return concerns;
  };
  const terms = [...candidateTerms(ctx, coordinator, today)].sort((a, b) => a.caseId - b.caseId || a.id - b.id);
  for (const t of terms) {
    if (t.timer === 'T6') concernsOf(t.caseId).waitingForJeugdbeschermer = true;
    if (isLate(ctx, t, today)) concernsOf(t.caseId).late.push(t.timer);
  }
  for (const e of escalationsAtHighLevels(ctx, coordinator)) concernsOf(e.caseId).escalations++;
  return [...byCase.entries()].sort(([a], [b]) => a - b).map(([caseId, concerns]) => ({ caseId, concerns }));
}

/** Whether the weekly line has anything for this coordinator: stops at the first case it would be about. */
function hasWeeklyConcerns(ctx: AppContext, coordinator: Member, today: LocalDate): boolean {
  if (escalationsAtHighLevels(ctx, coordinator).length > 0) return true;
  for (const t of candidateTerms(ctx, coordinator, today)) if (isConcern(ctx, t, today)) return true;
  return false;
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
      if (!hasWeeklyConcerns(ctx, coordinator, today)) continue;
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
