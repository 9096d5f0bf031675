import type { OutboxRepository, PendingDelivery } from '../../app/store.js';
import type { Db } from './open-database.js';

export function createOutboxRepository(db: Db): OutboxRepository {
  const sqlite = db.$client;
  const pendingStmt = sqlite.prepare(`
    SELECT d.id AS deliveryId, d.outbox_id AS outboxId, o.kind, o.case_id AS caseId, d.recipient_id AS recipientId,
           o.payload, d.attempts, o.ignores_office_hours AS ignoresOfficeHours
      FROM deliveries d JOIN outbox o ON o.id = d.outbox_id
     WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND (? = 1 OR o.ignores_office_hours = 1)
     ORDER BY d.next_attempt_at, d.outbox_id, d.id
     LIMIT ?`);
  const nextStmt = sqlite.prepare(`SELECT min(next_attempt_at) AS t FROM deliveries WHERE state = 'pending'`);
  // Hot-path statements are prepared once (see prepared.ts): a due tick enqueues a thousand messages.
  const insertOutboxStmt = sqlite
    .prepare(
      `INSERT INTO outbox (kind, case_id, payload, created_at, not_before, ignores_office_hours) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .pluck();
  const insertDeliveryStmt = sqlite.prepare(
    `INSERT INTO deliveries (outbox_id, recipient_id, state, next_attempt_at) VALUES (?, ?, 'pending', ?)`,
  );
  const markSentStmt = sqlite.prepare(`UPDATE deliveries SET state = 'sent', sent_at = ? WHERE id = ?`);
  const markRetryStmt = sqlite.prepare(
    `UPDATE deliveries SET next_attempt_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?`,
  );
  const markThrottledStmt = sqlite.prepare(`UPDATE deliveries SET next_attempt_at = ?, last_error = ? WHERE id = ?`);
  const markFailedStmt = sqlite.prepare(`UPDATE deliveries SET state = 'failed', last_error = ? WHERE id = ?`);
  const recipientsStmt = sqlite
    .prepare(`SELECT recipient_id AS r FROM deliveries WHERE outbox_id = ? ORDER BY recipient_id`)
    .pluck();
  return {
    enqueue(e) {
      const id = insertOutboxStmt.get(
        e.kind,
        e.caseId,
        JSON.stringify(e.payload),
        e.createdAt,
        e.notBefore,
        e.ignoresOfficeHours ? 1 : 0,
      ) as number;
      for (const recipientId of new Set(e.recipients)) insertDeliveryStmt.run(id, recipientId, e.notBefore);
      return id;
    },
    pending(now, officeOpen, limit) {
      return (
        pendingStmt.all(now, officeOpen ? 1 : 0, limit) as Array<
          Omit<PendingDelivery, 'payload' | 'ignoresOfficeHours'> & { payload: string; ignoresOfficeHours: number }
        >
      ).map((r) => ({
        ...r,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
        ignoresOfficeHours: r.ignoresOfficeHours === 1,
      }));
    },
    markSent(deliveryId, at) {
      markSentStmt.run(at, deliveryId);
    },
    markRetry(deliveryId, nextAttemptAt, error) {
      markRetryStmt.run(nextAttemptAt, error, deliveryId);
    },
    markThrottled(deliveryId, nextAttemptAt, error) {
      markThrottledStmt.run(nextAttemptAt, error, deliveryId);
    },
    markFailed(deliveryId, error) {
      markFailedStmt.run(error, deliveryId);
    },
    nextAttemptAt() {
      return (nextStmt.get() as { t: number | null }).t ?? undefined;
    },
    recipientsOf(outboxId) {
      return recipientsStmt.all(outboxId) as string[];
    },
  };
}
