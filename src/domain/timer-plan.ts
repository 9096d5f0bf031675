import { addDays, addMonths, type LocalDate } from './local-date.js';
import type { Norms, Term } from './norms.js';
import type { TimerId, TimerStep } from './types.js';
import type { WorkingCalendar } from './working-calendar.js';

// The ladder of one timer cycle (docs/behaviour.md, Working days and office hours): due date, lead times and the instants of its steps.

export interface Ladder {
  remindBefore: number;
  escalateAfter: number;
}

export interface PlannedStep {
  step: TimerStep;
  date: LocalDate;
  at: number; // office-hours start of `date`
}

export interface StepSchedule {
  timer: TimerId;
  dueDate: LocalDate;
  remindBefore: number;
  escalateAfter: number;
  remindEnabled: boolean;
}

/** The due date of a term started on `startDate`. T8/T9 need the measure's end; an explicit due (T3 reportBackBy, a decision's deadline) wins. */
export function dueDateFor(
  cal: WorkingCalendar,
  term: Term,
  startDate: LocalDate,
  measureEnd?: LocalDate,
): LocalDate | undefined {
  if ('workingDays' in term) return cal.addWorkingDays(startDate, term.workingDays);
  if ('days' in term) return addDays(startDate, term.days);
  if ('weeks' in term) return addDays(startDate, term.weeks * 7);
  if ('months' in term) return addMonths(startDate, term.months);
  if (!measureEnd) return undefined;
  if ('weeksBeforeMeasureEnd' in term) return addDays(measureEnd, -7 * term.weeksBeforeMeasureEnd);
  return measureEnd;
}

/** N: the term in working days; for calendar terms the working days d with startDate < d <= due. */
export function termInWorkingDays(
  cal: WorkingCalendar,
  term: Term | undefined,
  startDate: LocalDate,
  dueDate: LocalDate,
): number {
  if (term && 'workingDays' in term) return term.workingDays;
  return dueDate > startDate ? cal.workingDaysBetween(startDate, dueDate) : 0;
}

export function ladderFor(
  norms: Norms,
  n: number,
  fixed: { remindBefore?: number; escalateAfter?: number } = {},
): Ladder {
  const r = norms.ladder.remindBefore;
  const e = norms.ladder.escalateAfter;
  return {
    remindBefore: fixed.remindBefore ?? Math.min(r.max, Math.max(r.min, Math.floor(n / r.divisor))),
    escalateAfter: fixed.escalateAfter ?? Math.min(e.max, Math.max(e.min, Math.ceil(n / e.divisor))),
  };
}

/**
 * The steps of a timer's ladder. T3 (terugmelden) is a check-in, not a deadline: one `checkin` and nothing after it.
 * T13 (silence) has no reminder: a reminder of silence is the silence itself. T15 (a consultation) is not escalated:
 * its overdue reaches the consulted and the one who asked, nobody else.
 */
export function stepsOf(timer: TimerId): readonly TimerStep[] {
  if (timer === 'T3') return ['checkin'];
  if (timer === 'T13') return ['overdue', 'escalate'];
  if (timer === 'T15') return ['remind', 'overdue'];
  return ['remind', 'overdue', 'escalate'];
}

/**
 * remind (k wd before due) → overdue (first wd after due) → escalate (k wd after due), each at the office-hours start;
 * a check-in at the start of the due date, or of the first working day after it when that is not a working day.
 */
export function planSteps(cal: WorkingCalendar, s: StepSchedule): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const at = (step: TimerStep, date: LocalDate) => steps.push({ step, date, at: cal.officeStartOf(date) });
  for (const step of stepsOf(s.timer)) {
    if (step === 'remind' && s.remindEnabled) at('remind', cal.subtractWorkingDays(s.dueDate, s.remindBefore));
    if (step === 'checkin') at('checkin', cal.isWorkingDay(s.dueDate) ? s.dueDate : cal.nextWorkingDay(s.dueDate));
    if (step === 'overdue') at('overdue', cal.addWorkingDays(s.dueDate, 1));
    if (step === 'escalate') at('escalate', cal.addWorkingDays(s.dueDate, s.escalateAfter));
  }
  return steps;
}

const ORDER: Record<TimerStep, number> = { remind: 0, checkin: 1, overdue: 2, escalate: 3 };

/**
 * The next step to plan. Steps up to and including `lastFired` never come again (exactly once per cycle).
 * A reminder whose moment lies before `plannedAt` (the moment the cycle started or was postponed) is dropped:
 * reminding someone of what they just started or just postponed helps nobody. Overdue and escalate always come.
 */
export function nextStep(
  steps: PlannedStep[],
  lastFired: TimerStep | undefined,
  plannedAt: number,
): PlannedStep | undefined {
  const after = lastFired === undefined ? -1 : ORDER[lastFired];
  return steps.find((s) => ORDER[s.step] > after && !(s.step === 'remind' && s.at < plannedAt));
}
