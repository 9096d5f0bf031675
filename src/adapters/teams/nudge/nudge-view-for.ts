import type { AppContext } from '../../../app/app-context.js';
import { loadTeam } from '../../../app/case-access.js';
import { termActors } from '../../../app/run-due-timers.js';
import { ownerFor } from '../../../domain/case-team.js';
import { completingEvents } from '../../../domain/timer-rules.js';
import type { MemberId, TimerId, TimerStep } from '../../../domain/types.js';
import { EVENT_LABELS } from '../case/case-labels.js';
import type { NudgeView } from './nudge-card.js';

export interface NudgeRef {
  caseRef: string;
  timerId: number;
  timer: TimerId;
  step: TimerStep;
}

const nameOf = (ctx: AppContext, id: string | null | undefined): string | null =>
  id ? (ctx.roster.member(id)?.name ?? id) : null;

/**
 * The nudge card's model from the term's current state (due date, postponements, acknowledgement), for one reader: an
 * overdue reaches those who act on it with the action card and the rest of the team with the status card. Without a
 * reader (the person who just pressed a button on it) it is the action card.
 */
export function nudgeViewFor(
  ctx: AppContext,
  ref: NudgeRef,
  notice?: string,
  reader?: MemberId,
): NudgeView | undefined {
  const t = ctx.store.timers.byId(ref.timerId);
  const c = t ? ctx.store.cases.byId(t.caseId) : undefined;
  if (!t || !c || t.timer !== ref.timer || c.ref !== ref.caseRef.toUpperCase()) return undefined;
  const owner = ownerFor({ timer: t.timer, team: loadTeam(ctx, c), stage: c.stage, ownerRef: t.ownerRef }, ctx.roster);
  const acts = reader === undefined || ref.step !== 'overdue' || termActors(ctx, t, owner).includes(reader);
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
    audience: acts ? 'action' : 'status',
    mayManage: reader === undefined || reader === owner || (owner !== undefined && ctx.roster.leads(reader, owner)),
    state: c.closedAt !== null && t.state === 'open' ? 'stopped' : t.state,
    postponeCount: t.postponeCount,
    acknowledgedBy: nameOf(ctx, t.acknowledgedBy),
    completing: completingEvents(t.timer).map((event) => ({ event, label: EVENT_LABELS[event] ?? event })),
    jeugdbeschermers,
    handoverId: t.handoverId,
    ...(notice ? { notice } : {}),
  };
}
