import { isCurrentMember, leadOf, ownerFor, sortedUnique } from '../domain/case-team.js';
import type { CaseRecord, TimerRecord } from '../domain/records.js';
import { nextStep, planSteps } from '../domain/timer-plan.js';
import type { MemberId, TimerStep } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadTeam } from './case-access.js';
import { enqueueNotification } from './enqueue-notification.js';
import { createEscalation } from './escalations/raise-escalation.js';
import { wantsDigest } from './wants-digest.js';

// The scheduler's work for timers: each due step is recorded once (case, timer, cycle, step) together with its
// outbox rows, in the same transaction; then the cycle's next step is planned.

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
          ctx.logger.error({ err: String(err), caseId: t.caseId, timer: t.timer }, 'timer step failed; parked');
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
  const owner = ownerFor(norm.owner, team, ctx.roster, t.ownerRef);
  const payload = {
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
  if (step === 'remind') {
    // A member who opted in to the daily digest finds this reminder there instead.
    // Only for a current member: the digest is built from the cases someone sits on.
    if (owner && isCurrentMember(team, owner) && wantsDigest(ctx, owner)) return;
    enqueueNotification(ctx, { kind: 'nudge', caseId: c.id, recipients: sortedUnique([owner]), payload });
  } else if (step === 'overdue') {
    let recipients: MemberId[] = sortedUnique([owner, leadOf(ctx.roster, owner)]);
    if (t.timer === 'T12' && t.handoverId !== null) {
      const h = ctx.store.handovers.byId(t.handoverId);
      if (h)
        recipients = sortedUnique([
          h.fromMember,
          h.toMember,
          leadOf(ctx.roster, h.fromMember),
          leadOf(ctx.roster, h.toMember),
        ]);
    }
    enqueueNotification(ctx, { kind: 'nudge', caseId: c.id, recipients, payload });
  } else {
    const base = sortedUnique([owner, team.coordinatorId]);
    if (base.length === 0) return;
    const orgs = [...new Set(base.map((id) => ctx.roster.member(id)?.org).filter((o) => o !== undefined))];
    createEscalation(ctx, c, {
      trigger: 'AGREEMENTS_NOT_FOLLOWED',
      source: 'timer',
      timerId: t.id,
      raisedBy: 'teammodel-bot',
      question: `${norm.label} (${t.timer}) had uiterlijk ${t.dueDate} rond moeten zijn. Wie pakt het op, en wanneer?`,
      orgs,
      base,
      at: now,
    });
  }
}
