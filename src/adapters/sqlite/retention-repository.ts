import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, like } from './orm.js';
import type { RetentionRepository } from '../../app/store.js';
import { SEALED_ACTOR } from './audit-log.js';
import { createCaseKeys, type CaseKeys } from './case-keys.js';
import type { Db } from './open-database.js';
import { caseEvents, cases, conversationRefs, escalations, handovers, kpiArchive, outbox, timers } from './schema.js';

/** Structured event fields that are KPI material (stage moves count JBT requests); member ids are left out. */
const KEEP_FIELDS = ['outcome', 'measure', 'months', 'reportBackBy', 'from', 'to'];

export function createRetentionRepository(db: Db): RetentionRepository {
  const sqlite = db.$client;
  // Looked up at the first purge: a store may be made on a copy from before migration 0009, which is never purged.
  let keys: CaseKeys | undefined;
  const caseKeys = (): CaseKeys => {
    keys ??= createCaseKeys(sqlite);
    if (!keys) throw new Error('case_keys is missing: the database was opened without its migrations');
    return keys;
  };
  const unsealedRows = sqlite
    .prepare<[number, string], number>('SELECT count(*) FROM audit_log WHERE case_id = ? AND actor <> ?')
    .pluck();
  return {
    closedCases: () =>
      db
        .select({ id: cases.id, ref: cases.ref, closedAt: cases.closedAt })
        .from(cases)
        .where(isNotNull(cases.closedAt))
        .all()
        .map((c) => ({ id: c.id, ref: c.ref, closedAt: c.closedAt! })),
    archiveAndDelete(caseId, at) {
      const key = randomUUID();
      const put = (kind: string, data: Record<string, unknown>) =>
        db
          .insert(kpiArchive)
          .values({ archiveKey: key, kind, data: JSON.stringify(data), archivedAt: at })
          .run();
      // The municipality only (no reference, no member): the per-municipality KPIs keep counting the purged case.
      const municipality = db.select({ m: cases.municipality }).from(cases).where(eq(cases.id, caseId)).get()?.m;
      if (municipality) put('case', { municipality });
      for (const e of db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).all()) {
        const fields = JSON.parse(e.fields) as Record<string, unknown>;
        put('event', {
          event: e.event,
          at: e.at,
          fields: Object.fromEntries(Object.entries(fields).filter(([k]) => KEEP_FIELDS.includes(k))),
        });
      }
      for (const t of db
        .select()
        .from(timers)
        .where(and(eq(timers.caseId, caseId)))
        .all()) {
        if (t.timer === 'T6' || t.timer === 'T12')
          put('timer', {
            timer: t.timer,
            startDate: t.startDate,
            dueDate: t.dueDate,
            originalDueDate: t.originalDueDate,
            stoppedAt: t.stoppedAt,
            state: t.state,
          });
      }
      for (const h of db.select().from(handovers).where(eq(handovers.caseId, caseId)).all())
        put('handover', { moment: h.moment, openedAt: h.openedAt, acceptedAt: h.acceptedAt, state: h.state });
      for (const e of db.select().from(escalations).where(eq(escalations.caseId, caseId)).all()) {
        put('escalation', {
          raisedAt: e.raisedAt,
          level: e.level,
          trigger: e.trigger,
          state: e.state,
          closedAt: e.closedAt,
          outcome: e.outcome,
        });
      }
      const ref = db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, caseId)).get()?.ref ?? '';
      db.delete(outbox).where(eq(outbox.caseId, caseId)).run();
      // Digests span cases (case_id is null): drop those that name this one.
      db.delete(outbox)
        .where(and(eq(outbox.kind, 'digest'), like(outbox.payload, `%"caseRef":"${ref}"%`)))
        .run();
      db.delete(conversationRefs)
        .where(eq(conversationRefs.key, `case:${caseId}`))
        .run();
      for (const h of db.select({ id: handovers.id }).from(handovers).where(eq(handovers.caseId, caseId)).all()) {
        db.delete(conversationRefs)
          .where(like(conversationRefs.key, `card:handover:${h.id}:%`))
          .run();
      }
      db.delete(cases).where(eq(cases.id, caseId)).run(); // members, events, timers, steps, handovers, escalations cascade
      // The audit rows stay (the chain must verify); destroying the key makes what they say about the case unreadable.
      caseKeys().destroy(caseId, at);
      return { unsealedAuditRows: unsealedRows.get(caseId, SEALED_ACTOR) ?? 0 };
    },
    scrub() {
      // The write-ahead log still holds page images from before the purge (the key among them) until it is
      // checkpointed and emptied; TRUNCATE does both. A reader in another process may hold it: then it stays for the
      // next purge or the next automatic checkpoint that restarts the log.
      const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      return (result?.busy ?? 0) === 0;
    },
    archived: () =>
      db
        .select()
        .from(kpiArchive)
        .all()
        .map((r) => ({ archiveKey: r.archiveKey, kind: r.kind, data: JSON.parse(r.data) as Record<string, unknown> })),
  };
}
