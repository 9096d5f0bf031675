import { auditRefOf } from './escalations/escalation-pick.js';
import { nextEscalationAction, nextLevel } from '../domain/escalation-ladder.js';
import type { AppContext } from './app-context.js';
import { errorFields } from './error-fields.js';
import { enqueueNotification } from './enqueue-notification.js';
import { frozenPolicy, raiseLevel } from './escalations/decide-escalation.js';
import { escalationPayload } from './escalations/escalation-payload.js';
import { refreshParticipants } from './escalations/escalation-participants.js';
import { BOT_ACTOR } from './notifications.js';

// The scheduler's work for escalations: one reminder when a level's response time has passed, then the automatic
// raise of the next level (L0→L1, L1→L2; never L3), following the policy frozen into each escalation.

export function runDueEscalations(ctx: AppContext, now: number): number {
  let done = 0;
  for (;;) {
    const due = ctx.store.escalations.due(now, 250);
    if (due.length === 0) return done;
    ctx.store.transaction(() => {
      for (const e of due) {
        try {
          ctx.store.transaction(() => {
            if (act(ctx, e.id, now)) done++;
          });
        } catch (err) {
          ctx.logger.error({ err: errorFields(err), escalationId: e.id }, 'escalation step failed; parked');
          ctx.store.escalations.update(e.id, { nextAction: null, nextActionAt: null });
        }
      }
    });
  }
}

function act(ctx: AppContext, id: number, now: number): boolean {
  const e = ctx.store.escalations.byId(id);
  if (!e || e.state !== 'open' || e.nextAction === null || e.nextActionAt === null || e.nextActionAt > now)
    return false;
  const c = ctx.store.cases.byId(e.caseId)!;
  if (e.nextAction === 'reminder') {
    // The people of an automatic escalation follow the case: worked out again for every message.
    refreshParticipants(ctx, c);
    const current = ctx.store.escalations.byId(e.id)!;
    enqueueNotification(ctx, {
      caseId: c.id,
      recipients: current.participants,
      payload: escalationPayload(ctx, c, current, now, { reminder: true }),
    });
    ctx.store.audit.append({
      at: now,
      actor: BOT_ACTOR,
      action: 'escalation.reminded',
      caseId: c.id,
      reason: null,
      details: { ...auditRefOf(e), level: e.level },
    });
    const next = nextEscalationAction(ctx.calendar, frozenPolicy(e), {
      level: e.level,
      levelRaisedDate: e.levelRaisedDate,
      state: 'open',
      reminderSent: true,
    });
    ctx.store.escalations.update(e.id, { nextAction: next?.action ?? null, nextActionAt: next?.at ?? null });
    return true;
  }
  const target = nextLevel(e.level);
  if (!target) {
    ctx.store.escalations.update(e.id, { nextAction: null, nextActionAt: null });
    return false;
  }
  raiseLevel(ctx, c, e, target, BOT_ACTOR, now);
  return true;
}
