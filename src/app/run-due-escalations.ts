import { nextEscalationAction, nextLevel } from '../domain/escalation-ladder.js';
import type { EscalationRecord } from '../domain/records.js';
import type { AppContext } from './app-context.js';
import { enqueueNotification } from './enqueue-notification.js';
import { frozenPolicy, raiseLevel } from './escalations/decide-escalation.js';
import { escalationPayload } from './escalations/escalation-payload.js';

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
          ctx.logger.error({ err: String(err), escalationId: e.id }, 'escalation step failed; parked');
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
    enqueueNotification(ctx, {
      kind: 'escalation_reminder',
      caseId: c.id,
      recipients: e.participants,
      payload: escalationPayload(ctx, c, e, now),
    });
    ctx.store.audit.append({
      at: now,
      actor: 'teammodel-bot',
      action: 'escalation.reminded',
      caseId: c.id,
      reason: null,
      details: { escalation: e.seq, level: e.level },
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
  raiseLevel(ctx, c, e as EscalationRecord, target, 'teammodel-bot', now);
  return true;
}
