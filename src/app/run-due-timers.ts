import { caseProfessionals, isCurrentMember, leadOf, ownerFor, sortedUnique } from '../domain/case-team.js';
import type { CaseRecord, TimerRecord } from '../domain/records.js';
import { nextStep, planSteps } from '../domain/timer-plan.js';
import type { MemberId, TimerStep } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadTeam } from './case-access.js';
import { enqueueNotification } from './enqueue-notification.js';
import { errorFields } from './error-fields.js';
import { escalateTimer } from './escalations/raise-escalation.js';
import { hiddenTermAudience } from './escalations/select-escalation.js';
import type { NudgePayload } from './notifications.js';
import { wantsDigest } from './wants-digest.js';

// The scheduler's work for timers: each due step is recorded once (case, timer, cycle, step) together with its
// outbox rows, in the same transaction; then the cycle's next step is planned. Who hears a step is
// docs/behaviour.md, "Who is told what": the team sees what stalls.

const BATCH = 250;

export function runDueTimers(ctx: AppContext, now: number): number {
  let fired = 0;
  for (;;) {
    const due = ctx.store.timers.due(now, BATCH);
    if (due.length === 0) return fired;
    ctx.store.transaction(() => {
      for (const t of due) {
        try {
          // A savepoint per timer: one broken case cannot stop the sweep.
          ctx.store.transaction(() => {
            if (fireStep(ctx, t, now)) fired++;
          });
        } catch (err) {
          ctx.logger.error({ err: errorFields(err), caseId: t.caseId, timer: t.timer }, 'timer step failed; parked');
          ctx.store.timers.update(t.id, { nextStep: null, nextStepAt: null, stopReason: 'fout bij verwerken' });
        }
      }
    });
  }
}

function fireStep(ctx: AppContext, t: TimerRecord, now: number): boolean {
  const current = ctx.store.timers.byId(t.id);
  if (
    !current ||
    current.state !== 'open' ||
    current.nextStep === null ||
    current.nextStepAt === null ||
    current.nextStepAt > now
  )
    return false;
  const step = current.nextStep;
  const c = ctx.store.cases.byId(current.caseId)!;
  const isNew = ctx.store.timers.recordStep(current, step, current.nextStepAt, now);
  if (isNew && c.closedAt === null) perform(ctx, c, current, step, now);
  const steps = planSteps(ctx.calendar, {
    timer: current.timer,
    dueDate: current.dueDate,
    remindBefore: current.remindBefore,
    escalateAfter: current.escalateAfter,
    remindEnabled: current.remindEnabled,
  });
  const next = nextStep(steps, step, Number.NEGATIVE_INFINITY);
  ctx.store.timers.update(current.id, { nextStep: next?.step ?? null, nextStepAt: next?.at ?? null });
  return isNew;
}

function perform(ctx: AppContext, c: CaseRecord, t: TimerRecord, step: TimerStep, now: number): void {
  const team = loadTeam(ctx, c);
  const norm = ctx.norms.timers[t.timer];
  const owner = ownerFor({ timer: t.timer, team, stage: c.stage, ownerRef: t.ownerRef }, ctx.roster);
  const payload: NudgePayload = {
    kind: 'nudge',
    caseId: c.id,
    caseRef: c.ref,
    municipality: c.municipality,
    stage: c.stage,
    timerId: t.id,
    timer: t.timer,
    timerLabel: norm.label,
    cycle: t.cycle,
    step,
    dueDate: t.dueDate,
    owner: owner ?? null,
    postponed: t.postponeCount > 0,
  };
  const send = (recipients: Iterable<MemberId | undefined | null>) =>
    enqueueNotification(ctx, { caseId: c.id, recipients, payload });
  switch (step) {
    case 'remind':
      // Caught up after the due date passed (the bot was down): the overdue that follows says more.
      if (ctx.calendar.localDate(ctx.calendar.nextOfficeMoment(now)) > t.dueDate) return;
      // A member who opted in to the daily digest finds their reminder there instead (the digest lists the cases
      // they sit on).
      if (owner && isCurrentMember(team, owner) && wantsDigest(ctx, owner)) return;
      send([owner]);
      return;
    case 'checkin':
      send([owner]);
      return;
    case 'overdue':
      send(overdueRecipients(ctx, c, t, owner, now));
      return;
    case 'escalate':
      // A missed deadline of a worrying-conduct decision stays in its own lead chain (the overdue went up it).
      if (hiddenTermAudience(ctx, t)) return;
      escalateTimer(ctx, c, t, norm.label, now);
      return;
  }
}

/**
 * Who acts on a late term (the action card: pick up, postpone, complete): its owner and the owner's lead, and for a
 * handover's term also the receiver and the receiver's lead. Everyone else on the case gets the status card.
 */
export function termActors(ctx: AppContext, t: TimerRecord, owner: MemberId | undefined): MemberId[] {
  const action = [owner, leadOf(ctx.roster, owner)];
  if (t.timer === 'T12' && t.handoverId !== null) {
    const h = ctx.store.handovers.byId(t.handoverId);
    if (h) action.push(h.toMember, leadOf(ctx.roster, h.toMember));
  }
  return sortedUnique(action);
}

/**
 * A term is late: its owner and the owner's lead get the action card (for a handover also the receiver and the
 * receiver's lead); every other case professional gets a status card — or finds it in their next digest. A
 * consultation's lateness stays between the consulted and the one who asked.
 */
function overdueRecipients(
  ctx: AppContext,
  c: CaseRecord,
  t: TimerRecord,
  owner: MemberId | undefined,
  now: number,
): MemberId[] {
  if (t.timer === 'T15') {
    const asked = ctx.store.cases
      .events(c.id)
      .filter((e) => e.event === 'consult_requested' && e.at <= t.startedAt)
      .pop();
    return sortedUnique([owner, asked?.by]);
  }
  const acting = new Set(termActors(ctx, t, owner));
  // The deadline of a worrying-conduct decision is as hidden as its escalation: no status cards to the team.
  if (hiddenTermAudience(ctx, t)) return [...acting];
  const status: MemberId[] = [];
  for (const id of caseProfessionals(loadTeam(ctx, c))) {
    if (acting.has(id)) continue;
    if (wantsDigest(ctx, id)) ctx.store.preferences.addPendingStatus(id, c.id, t.id, now);
    else status.push(id);
  }
  return sortedUnique([...acting, ...status]);
}
