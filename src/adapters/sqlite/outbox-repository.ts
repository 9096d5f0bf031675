import { asc, eq } from 'drizzle-orm';
import type { OutboxRepository, PendingDelivery } from '../../app/store.js';
import type { Db } from './open-database.js';
import { deliveries, outbox } from './schema.js';

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
  return {
    enqueue(e) {
      const id = db
        .insert(outbox)
        .values({
          kind: e.kind,
          caseId: e.caseId,
          payload: JSON.stringify(e.payload),
          createdAt: e.createdAt,
          notBefore: e.notBefore,
          ignoresOfficeHours: e.ignoresOfficeHours,
        })
        .returning({ id: outbox.id })
        .get().id;
      for (const recipientId of new Set(e.recipients)) {
        db.insert(deliveries).values({ outboxId: id, recipientId, state: 'pending', nextAttemptAt: e.notBefore }).run();
      }
      return id;
    },
    pending(now, officeOpen, limit) {
      return (pendingStmt.all(now, officeOpen ? 1 : 0, limit) as Array<Omit<PendingDelivery, 'payload' | 'ignoresOfficeHours'> & { payload: string; ignoresOfficeHours: number }>).map(
        (r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown>, ignoresOfficeHours: r.ignoresOfficeHours === 1 }),
      );
    },
    markSent(deliveryId, at) {
      db.update(deliveries).set({ state: 'sent', sentAt: at }).where(eq(deliveries.id, deliveryId)).run();
    },
    markRetry(deliveryId, nextAttemptAt, error) {
      const d = db.select({ attempts: deliveries.attempts }).from(deliveries).where(eq(deliveries.id, deliveryId)).get();
      db.update(deliveries)
        .set({ nextAttemptAt, lastError: error, attempts: (d?.attempts ?? 0) + 1 })
        .where(eq(deliveries.id, deliveryId))
        .run();
    },
    markFailed(deliveryId, error) {
      db.update(deliveries).set({ state: 'failed', lastError: error }).where(eq(deliveries.id, deliveryId)).run();
    },
    nextAttemptAt() {
      return (nextStmt.get() as { t: number | null }).t ?? undefined;
    },
    recipientsOf(outboxId) {
      return db
        .select({ r: deliveries.recipientId })
        .from(deliveries)
        .where(eq(deliveries.outboxId, outboxId))
        .orderBy(asc(deliveries.recipientId))
        .all()
        .map((x) => x.r);
    },
  };
}
