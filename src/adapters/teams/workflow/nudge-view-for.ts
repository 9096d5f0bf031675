import type { AppContext } from '../../../app/app-context.js';
import { loadTeam } from '../../../app/case-access.js';
import { ownerFor } from '../../../domain/case-team.js';
import type { TimerId, TimerStep } from '../../../domain/types.js';
import { EVENT_LABELS } from '../cards/case-labels.js';
import type { NudgeView } from '../cards/nudge-card.js';
import { COMPLETING_EVENTS } from '../cards/workflow-labels.js';

export interface NudgeRef {
  caseRef: string;
  timerId: number;
  timer: TimerId;
  step: TimerStep;
}

const nameOf = (ctx: AppContext, id: string | null | undefined): string | null =>
  id ? (ctx.roster.member(id)?.name ?? id) : null;

/** The nudge card's model from the timer's current state (due date, postponements, acknowledgement). */
export function nudgeViewFor(ctx: AppContext, ref: NudgeRef, notice?: string): NudgeView | undefined {
  const t = ctx.store.timers.byId(ref.timerId);
  const c = t ? ctx.store.cases.byId(t.caseId) : undefined;
  if (!t || !c || t.timer !== ref.timer || c.ref !== ref.caseRef.toUpperCase()) return undefined;
  const owner = ownerFor(ctx.norms.timers[t.timer].owner, loadTeam(ctx, c), ctx.roster, t.ownerRef);
  const jeugdbeschermers = ctx.roster
    .jeugdbeschermers()
    .map((m): [string, string] => [m.id, `${m.name} (${m.orgName})`]);
  return {
    caseRef: c.ref,
    municipality: c.municipality,
    timer: t.timer,
    timerId: t.id,
    timerLabel: ctx.norms.timers[t.timer].label,
    step: ref.step,
    dueDate: t.dueDate,
    ownerName: nameOf(ctx, owner),
    state: c.closedAt !== null && t.state === 'open' ? 'stopped' : t.state,
    postponeCount: t.postponeCount,
    acknowledgedBy: nameOf(ctx, t.acknowledgedBy),
    completing: COMPLETING_EVENTS[t.timer].map((event) => ({ event, label: EVENT_LABELS[event] ?? event })),
    jeugdbeschermers,
    handoverId: t.handoverId,
    ...(notice ? { notice } : {}),
  };
}
