import { DomainError } from '../../domain/domain-error.js';
import type { CaseRecord, HandoverRecord } from '../../domain/records.js';
import type { HandoverMoment, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { enqueueNotification } from '../enqueue-notification.js';
import type { HandoverPayload } from '../notifications.js';
import { startTimer, stopTimers } from '../timer-engine.js';

function handoverPayload(ctx: AppContext, c: CaseRecord, h: HandoverRecord, dueDate: string | null): HandoverPayload {
  return {
    kind: 'handover',
    caseId: c.id,
    caseRef: c.ref,
    municipality: c.municipality,
    stage: c.stage,
    handoverId: h.id,
    moment: h.moment,
    momentLabel: ctx.handoverTemplates.momentLabel(h.moment),
    from: h.fromMember,
    to: h.toMember,
    dueDate,
  };
}

/**
 * Opens a warm-handover checklist and starts its T12 cycle. Both sides get the checklist (the sender ticks what they
 * share and tell, the receiver accepts) — except whoever opened it, who sees it in the reply. Runs inside the caller's
 * transaction. `from` may be someone who is just leaving the case (H6/H8).
 */
export function openHandover(
  ctx: AppContext,
  c: CaseRecord,
  h: { moment: HandoverMoment; from: MemberId; to: MemberId; by: MemberId; at: number },
): number {
  if (h.from === h.to)
    throw new DomainError(
      'HANDOVER_SAME_PERSON',
      'Verzender en ontvanger van een overdracht moeten verschillende personen zijn.',
    );
  const id = ctx.store.handovers.insert({
    caseId: c.id,
    moment: h.moment,
    fromMember: h.from,
    toMember: h.to,
    templateVersion: ctx.handoverTemplates.version,
    state: 'open',
    openedAt: h.at,
    openedBy: h.by,
    acceptedAt: null,
    basis: null,
  });
  const timer = startTimer(ctx, c, 'T12', { at: h.at, by: h.by, ownerRef: h.from, handoverId: id });
  enqueueNotification(ctx, {
    caseId: c.id,
    recipients: [h.from, h.to],
    actor: h.by,
    payload: handoverPayload(ctx, c, ctx.store.handovers.byId(id)!, timer?.dueDate ?? null),
  });
  ctx.store.audit.append({
    at: h.at,
    actor: h.by,
    action: 'handover.opened',
    caseId: c.id,
    reason: null,
    details: { handoverId: id, moment: h.moment, from: h.from, to: h.to },
  });
  return id;
}

/**
 * An open handover gets a new receiver: the successor of a receiver who left the case (silently: they hear of it
 * through their own handover), or the jeugdbeschermer assigned to a case whose H5 still names the GI's fixed face (then
 * the new receiver is told, and the checklist's T12 starts a new cycle that day; the old receiver is not told).
 */
export function passHandover(
  ctx: AppContext,
  c: CaseRecord,
  h: HandoverRecord,
  to: MemberId,
  o: { by: MemberId; at: number; tell: boolean; restartTerm: boolean },
): void {
  if (h.toMember === to || h.state !== 'open') return;
  ctx.store.handovers.update(h.id, { toMember: to });
  let dueDate = ctx.store.timers.open(c.id, 'T12').find((t) => t.handoverId === h.id)?.dueDate ?? null;
  if (o.restartTerm) {
    stopTimers(ctx, c, ['T12'], {
      at: o.at,
      by: o.by,
      reason: 'nieuwe ontvanger',
      completing: false,
      filter: (t) => t.handoverId === h.id,
    });
    dueDate =
      startTimer(ctx, c, 'T12', { at: o.at, by: o.by, ownerRef: h.fromMember, handoverId: h.id })?.dueDate ?? null;
  }
  ctx.store.audit.append({
    at: o.at,
    actor: o.by,
    action: 'handover.receiver_changed',
    caseId: c.id,
    reason: null,
    details: { handoverId: h.id, moment: h.moment, from: h.toMember, to },
  });
  if (o.tell) {
    enqueueNotification(ctx, {
      caseId: c.id,
      recipients: [to],
      actor: o.by,
      payload: handoverPayload(ctx, c, ctx.store.handovers.byId(h.id)!, dueDate),
    });
  }
}
