import type { AppContext } from './app-context.js';
import { enqueueNotification } from './enqueue-notification.js';
import { hiddenTermAudience } from './escalations/select-escalation.js';
import { CASE_THREAD_KIND, type CaseThreadPayload, type NoticePayload } from './notifications.js';
import { planFailedDelivery, type FailedDelivery, type FailedDeliveryFacts } from './plan-failed-delivery.js';

// When a 1:1 delivery failed for good: the facts planFailedDelivery decides on, read from the store, and its plan
// carried out as outbox rows in the caller's transaction (the one that marks the delivery failed).

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/** A worrying-conduct escalation, its decision or withdrawal, or the term of its decision. */
function isConfidential(ctx: AppContext, payload: Record<string, unknown>): boolean {
  if (payload.trigger === 'NEGLIGENT_CONDUCT') return true;
  const escalationId = num(payload.escalationId);
  if (escalationId !== undefined && ctx.store.escalations.byId(escalationId)?.trigger === 'NEGLIGENT_CONDUCT')
    return true;
  const timerId = num(payload.timerId);
  const timer = timerId !== undefined ? ctx.store.timers.byId(timerId) : undefined;
  return timer !== undefined && hiddenTermAudience(ctx, timer) !== undefined;
}

export function failedDeliveryFacts(ctx: AppContext, d: FailedDelivery): FailedDeliveryFacts {
  const record = d.caseId !== null ? ctx.store.cases.byId(d.caseId) : undefined;
  const open = record !== undefined && record.closedAt === null;
  return {
    lead: ctx.roster.leadOf(d.recipientId)?.id,
    recipientOnCase: open && ctx.store.cases.currentMembers(record.id).some((m) => m.memberId === d.recipientId),
    caseHasThread: open && ctx.store.reachability.hasCaseThread(record.id),
    confidential: isConfidential(ctx, d.payload),
  };
}

/**
 * Tells whoever must know that the person was not reached (their lead; the reporter of an acute alert at once), and
 * posts a message about one case in the case's thread with an @mention of the person when planFailedDelivery says so.
 * Call it inside the transaction that marks the delivery failed. `urgent`: the message itself ignored office hours.
 */
export function tellAboutFailedDelivery(ctx: AppContext, d: FailedDelivery & { urgent: boolean }): void {
  const plan = planFailedDelivery(d, failedDeliveryFacts(ctx, d));
  const p = d.payload;
  const caseRef = typeof p.caseRef === 'string' ? p.caseRef : null;
  if (plan.postInThread && d.caseId !== null && caseRef !== null) {
    const post: CaseThreadPayload = {
      kind: CASE_THREAD_KIND,
      caseId: d.caseId,
      caseRef,
      municipality: typeof p.municipality === 'string' ? p.municipality : '',
      member: d.recipientId,
      about: d.kind as CaseThreadPayload['about'],
      ...(d.kind === 'acute' && num(p.acuteId) !== undefined ? { acuteId: num(p.acuteId)! } : {}),
    };
    const now = ctx.clock.now();
    const notBefore = d.urgent ? now : ctx.calendar.nextOfficeMoment(now);
    // Straight into the outbox, not through enqueueNotification: the post mentions this person only, and their deputy
    // (if they are away) had the message itself already.
    ctx.store.outbox.enqueue({
      kind: CASE_THREAD_KIND,
      caseId: d.caseId,
      payload: post as unknown as Record<string, unknown>,
      recipients: [d.recipientId],
      createdAt: now,
      notBefore,
      ignoresOfficeHours: d.urgent,
    });
    ctx.onOutbox?.();
  }
  const notice: NoticePayload = {
    kind: 'notice',
    notice: 'unreachable',
    member: d.recipientId,
    caseRef,
    about: d.kind,
    ...(plan.postInThread ? { postedInThread: true } : {}),
  };
  for (const t of plan.tell)
    enqueueNotification(ctx, { caseId: d.caseId, recipients: [t.memberId], payload: notice, urgent: t.urgent });
}
