import { DomainError } from '../../domain/domain-error.js';
import type { CaseRecord } from '../../domain/records.js';
import type { HandoverMoment, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { enqueueNotification } from '../enqueue-notification.js';
import { startTimer } from '../timer-engine.js';

/**
 * Opens a warm-handover checklist and starts its T12 cycle; the receiver gets a handover request through the outbox.
 * Runs inside the caller's transaction. `from` may be someone who is just leaving the case (H6/H8).
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
    kind: 'handover',
    caseId: c.id,
    recipients: [h.to],
    payload: {
      caseId: c.id,
      caseRef: c.ref,
      municipality: c.municipality,
      stage: c.stage,
      handoverId: id,
      moment: h.moment,
      momentLabel: ctx.handoverTemplates.momentLabel(h.moment),
      from: h.from,
      to: h.to,
      dueDate: timer?.dueDate ?? null,
    },
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
