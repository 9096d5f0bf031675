import { and, asc, eq } from 'drizzle-orm';
import type { HandoverRepository } from '../../app/store.js';
import type { HandoverRecord } from '../../domain/records.js';
import type { Db } from './open-database.js';
import { handoverItems, handovers } from './schema.js';

type Row = typeof handovers.$inferSelect;
const toRecord = (r: Row): HandoverRecord => ({ ...r, moment: r.moment as HandoverRecord['moment'], state: r.state as HandoverRecord['state'] });

export function createHandoverRepository(db: Db): HandoverRepository {
  return {
    insert(h) {
      return db.insert(handovers).values(h).returning({ id: handovers.id }).get().id;
    },
    byId(id) {
      const r = db.select().from(handovers).where(eq(handovers.id, id)).get();
      return r ? toRecord(r) : undefined;
    },
    ofCase(caseId) {
      return db.select().from(handovers).where(eq(handovers.caseId, caseId)).orderBy(asc(handovers.id)).all().map(toRecord);
    },
    update(id, patch) {
      if (Object.keys(patch).length > 0) db.update(handovers).set(patch).where(eq(handovers.id, id)).run();
    },
    ticks(handoverId) {
      return db
        .select()
        .from(handoverItems)
        .where(eq(handoverItems.handoverId, handoverId))
        .orderBy(asc(handoverItems.checkedAt))
        .all()
        .map((t) => ({ itemId: t.itemId, checkedBy: t.checkedBy, checkedAt: t.checkedAt, note: t.note }));
    },
    tick(handoverId, t) {
      return db.insert(handoverItems).values({ handoverId, ...t }).onConflictDoNothing().run().changes === 1;
    },
    untick(handoverId, itemId) {
      db.delete(handoverItems).where(and(eq(handoverItems.handoverId, handoverId), eq(handoverItems.itemId, itemId))).run();
    },
  };
}
