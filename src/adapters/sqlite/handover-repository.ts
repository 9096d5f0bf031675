import { and, asc, eq, inArray, isNull, or, sql } from './orm.js';
import type { HandoverRepository } from '../../app/store.js';
import type { HandoverRecord } from '../../domain/records.js';
import type { Db } from './open-database.js';
import { preparedUpdateById } from './prepared.js';
import { caseMembers, cases, handoverItems, handovers } from './schema.js';

type Row = typeof handovers.$inferSelect;
const toRecord = (r: Row): HandoverRecord => ({
  ...r,
  moment: r.moment as HandoverRecord['moment'],
  state: r.state as HandoverRecord['state'],
});

export function createHandoverRepository(db: Db): HandoverRepository {
  // Hot-path statements are prepared once (see prepared.ts).
  const byIdQ = db
    .select()
    .from(handovers)
    .where(eq(handovers.id, sql.placeholder('id')))
    .prepare();
  const ofCaseQ = db
    .select()
    .from(handovers)
    .where(eq(handovers.caseId, sql.placeholder('caseId')))
    .orderBy(asc(handovers.id))
    .prepare();
  const ticksQ = db
    .select()
    .from(handoverItems)
    .where(eq(handoverItems.handoverId, sql.placeholder('handoverId')))
    .orderBy(asc(handoverItems.checkedAt))
    .prepare();
  const update = preparedUpdateById(db, handovers, handovers.id);
  const memberId = sql.placeholder('memberId');
  const casesOfMember = db
    .select({ id: caseMembers.caseId })
    .from(caseMembers)
    .innerJoin(cases, eq(cases.id, caseMembers.caseId))
    .where(and(eq(caseMembers.memberId, memberId), isNull(caseMembers.leftAt), isNull(cases.closedAt)));
  const openOfMemberQ = db
    .select()
    .from(handovers)
    .where(
      and(
        inArray(handovers.caseId, casesOfMember),
        eq(handovers.state, 'open'),
        or(eq(handovers.fromMember, memberId), eq(handovers.toMember, memberId)),
      ),
    )
    .orderBy(asc(handovers.caseId), asc(handovers.id))
    .prepare();
  return {
    insert(h) {
      return db.insert(handovers).values(h).returning({ id: handovers.id }).get().id;
    },
    byId(id) {
      const r = byIdQ.get({ id });
      return r ? toRecord(r) : undefined;
    },
    ofCase(caseId) {
      return ofCaseQ.all({ caseId }).map(toRecord);
    },
    update(id, patch) {
      update(id, patch);
    },
    ticks(handoverId) {
      return ticksQ
        .all({ handoverId })
        .map((t) => ({ itemId: t.itemId, checkedBy: t.checkedBy, checkedAt: t.checkedAt, note: t.note }));
    },
    tick(handoverId, t) {
      return (
        db
          .insert(handoverItems)
          .values({ handoverId, ...t })
          .onConflictDoNothing()
          .run().changes === 1
      );
    },
    openOfMember(member) {
      return openOfMemberQ.all({ memberId: member }).map(toRecord);
    },
    untick(handoverId, itemId) {
      db.delete(handoverItems)
        .where(and(eq(handoverItems.handoverId, handoverId), eq(handoverItems.itemId, itemId)))
        .run();
    },
  };
}
