import type { AppContext } from './app-context.js';
import { enqueueNotification } from './enqueue-notification.js';
import type { MessageSender } from './ports.js';

// Durable delivery (issue 3 §5): rows are read from the outbox after commit and marked per recipient. A crash between
// a send and its mark re-sends that one message at most (the send window); nothing is ever lost.

export interface DeliveryOptions {
  sender: MessageSender;
  /** Waits between sends; the replayer passes one that returns at once. */
  sleep: (ms: number) => Promise<void>;
  /** Minimum gap between two sends to the same person (Teams allows about 1/s per conversation sustained). */
  perRecipientGapMs: number;
  /** Minimum gap between any two sends (well under Teams' 50 per second per app). */
  globalGapMs: number;
  maxAttempts: number;
  random: () => number;
  /** Read the clock at every send (true in the bot); the replayer keeps simulated time still during a drain. */
  batchSize?: number;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

export function backoffMs(attempt: number, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0) return retryAfterMs + Math.floor(random() * 250);
  const base = Math.min(300_000, 1000 * 2 ** attempt);
  return Math.floor(base * (0.8 + 0.4 * random())); // ±20 % jitter so retries of many messages spread out
}

export async function deliverOutbox(ctx: AppContext, o: DeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const lastSendTo = new Map<string, number>();
  let lastSend = Number.NEGATIVE_INFINITY;
  for (;;) {
    const now = ctx.clock.now();
    const batch = ctx.store.outbox.pending(now, ctx.calendar.isOfficeTime(now), o.batchSize ?? 100);
    if (batch.length === 0) return report;
    for (const d of batch) {
      const wait = Math.max((lastSendTo.get(d.recipientId) ?? Number.NEGATIVE_INFINITY) + o.perRecipientGapMs, lastSend + o.globalGapMs) - ctx.clock.now();
      if (wait > 0) await o.sleep(wait);
      let outcome;
      try {
        outcome = await o.sender.send({ outboxId: d.outboxId, deliveryId: d.deliveryId, kind: d.kind, recipientId: d.recipientId, payload: d.payload });
      } catch (err) {
        outcome = { kind: 'retry' as const, status: 0, retryAfterMs: undefined, error: String(err) };
      }
      const at = ctx.clock.now();
      lastSendTo.set(d.recipientId, at);
      lastSend = at;
      if (outcome.kind === 'sent') {
        ctx.store.outbox.markSent(d.deliveryId, at);
        report.sent++;
      } else if (outcome.kind === 'retry' && d.attempts + 1 < o.maxAttempts) {
        ctx.store.outbox.markRetry(d.deliveryId, at + backoffMs(d.attempts, o.random, outcome.retryAfterMs), `status ${outcome.status}`);
        report.retried++;
      } else {
        const reason = outcome.kind === 'final' ? outcome.reason : `gaf op na ${o.maxAttempts} pogingen (status ${outcome.status})`;
        ctx.store.transaction(() => {
          ctx.store.outbox.markFailed(d.deliveryId, reason);
          if (d.kind !== 'notice') tellLead(ctx, d.recipientId, d.caseId, d.payload);
        });
        ctx.logger.warn({ deliveryId: d.deliveryId, kind: d.kind, status: outcome.status }, 'delivery failed for good');
        report.failed++;
      }
    }
  }
}

/** When the bot cannot reach someone (blocked or removed it: 403), their team lead hears so, without case content. */
function tellLead(ctx: AppContext, recipientId: string, caseId: number | null, payload: Record<string, unknown>): void {
  const lead = ctx.roster.leadOf(recipientId);
  if (!lead) return;
  enqueueNotification(ctx, {
    kind: 'notice',
    caseId,
    recipients: [lead.id],
    payload: { notice: 'unreachable', member: recipientId, caseRef: payload.caseRef ?? null, about: payload.kind ?? null },
  });
}
