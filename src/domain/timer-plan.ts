import { addDays, addMonths, type LocalDate } from './local-date.js';
import type { Norms, Term } from './norms.js';
import type { TimerStep } from './types.js';
import type { WorkingCalendar } from './working-calendar.js';

// The ladder of one timer cycle (domain.md §4.1): due date, lead times and the instants of its steps.

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

/** remind (k wd before due) → overdue (first wd after due) → escalate (k wd after due), each at the office-hours start. */
export function planSteps(cal: WorkingCalendar, s: StepSchedule): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const at = (step: TimerStep, date: LocalDate) => steps.push({ step, date, at: cal.officeStartOf(date) });
  if (s.remindEnabled) at('remind', cal.subtractWorkingDays(s.dueDate, s.remindBefore));
  at('overdue', cal.addWorkingDays(s.dueDate, 1));
  at('escalate', cal.addWorkingDays(s.dueDate, s.escalateAfter));
  return steps;
}

const ORDER: Record<TimerStep, number> = { remind: 0, overdue: 1, escalate: 2 };

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
