import type { LocalDate } from '../domain/local-date.js';
import type { CaseRecord, TimerRecord } from '../domain/records.js';
import { dueDateFor, ladderFor, nextStep, planSteps, termInWorkingDays } from '../domain/timer-plan.js';
import type { MemberId, TimerId, TimerStep } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { resolveWhenTermsEnd } from './escalations/resolve-when-terms-end.js';

// Starting, stopping and re-planning timer cycles (docs/behaviour.md, Timers). Callers run these inside a transaction.

/** Timers that may run several cycles at once: one per handover, per escalation decision, per consultation. */
const PARALLEL: ReadonlySet<TimerId> = new Set(['T12', 'DECISION', 'T15']);

export interface StartOptions {
  at: number;
  by: MemberId;
  due?: LocalDate;
  ownerRef?: MemberId | null;
  handoverId?: number | null;
  escalationId?: number | null;
}

export function startTimer(ctx: AppContext, c: CaseRecord, timer: TimerId, o: StartOptions): TimerRecord | undefined {
  const norm = ctx.norms.timers[timer];
  // A new cycle replaces a running one. For T13 the new activity is what completes the silence; any other timer was
  // not completed by being started again (a new measure), so its cycle is stopped, not counted as met.
  if (!PARALLEL.has(timer))
    stopTimers(ctx, c, [timer], {
      at: o.at,
      by: o.by,
      reason: timer === 'T13' ? 'activiteit' : 'vervangen door een nieuwe termijn',
      completing: timer === 'T13',
    });
  const startDate = ctx.calendar.localDate(o.at);
  let due = o.due ?? dueDateFor(ctx.calendar, norm.term, startDate, c.measureEnd ?? undefined);
  if (!due) return undefined; // T8/T9 without a measure end
  if (due < startDate) due = startDate;
  const n = termInWorkingDays(ctx.calendar, o.due ? undefined : norm.term, startDate, due);
  const ladder = ladderFor(ctx.norms, n, { remindBefore: norm.remindBefore, escalateAfter: norm.escalateAfter });
  const schedule = { timer, dueDate: due, ...ladder, remindEnabled: norm.remind };
  const next = nextStep(planSteps(ctx.calendar, schedule), undefined, o.at);
  const record: Omit<TimerRecord, 'id'> = {
    caseId: c.id,
    timer,
    cycle: ctx.store.timers.lastCycle(c.id, timer) + 1,
    startedAt: o.at,
    startDate,
    dueDate: due,
    originalDueDate: due,
    remindBefore: ladder.remindBefore,
    escalateAfter: ladder.escalateAfter,
    remindEnabled: norm.remind,
    ownerRef: o.ownerRef ?? null,
    handoverId: o.handoverId ?? null,
    escalationId: o.escalationId ?? null,
    state: 'open',
    stoppedAt: null,
    stopReason: null,
    nextStep: next?.step ?? null,
    nextStepAt: next?.at ?? null,
    postponeCount: 0,
    acknowledgedAt: null,
    acknowledgedBy: null,
  };
  const id = ctx.store.timers.insert(record);
  return { id, ...record };
}

export interface StopOptions {
  at: number;
  by: MemberId;
  reason: string;
  /** Completed by its event (met) rather than stopped (closed case, replaced by a new cycle). */
  completing: boolean;
  filter?: (t: TimerRecord) => boolean;
}

/** Ends the open cycles of these timers; an automatic escalation whose terms have all ended resolves by itself. */
export function stopTimers(ctx: AppContext, c: CaseRecord, which: TimerId[] | 'all', o: StopOptions): TimerRecord[] {
  const open = ctx.store.timers
    .open(c.id)
    .filter((t) => (which === 'all' || which.includes(t.timer)) && (!o.filter || o.filter(t)));
  for (const t of open) {
    ctx.store.timers.update(t.id, {
      state: o.completing ? 'completed' : 'stopped',
      stoppedAt: o.at,
      stopReason: o.reason,
      nextStep: null,
      nextStepAt: null,
    });
  }
  if (open.length > 0) resolveWhenTermsEnd(ctx, c, open, o.at, o.by);
  return open;
}

/** Re-plans the steps of a cycle from its (new) due date; steps already fired never come again. */
export function replan(
  ctx: AppContext,
  t: TimerRecord,
  dueDate: LocalDate,
  at: number,
): { step: TimerStep; at: number } | undefined {
  const steps = planSteps(ctx.calendar, {
    timer: t.timer,
    dueDate,
    remindBefore: t.remindBefore,
    escalateAfter: t.escalateAfter,
    remindEnabled: t.remindEnabled,
  });
  const next = nextStep(steps, ctx.store.timers.lastFiredStep(t.id), at);
  return next ? { step: next.step, at: next.at } : undefined;
}
