import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CaseRepository } from '../../app/store.js';
import type { CaseRecord, MembershipRecord } from '../../domain/records.js';
import type { CaseStage, Measure, OrgType } from '../../domain/types.js';
import type { Db } from './open-database.js';
import { caseEvents, caseMembers, caseSequences, cases } from './schema.js';

type CaseRow = typeof cases.$inferSelect;
type MemberRow = typeof caseMembers.$inferSelect;

const toCase = (r: CaseRow): CaseRecord => ({ ...r, stage: r.stage as CaseStage, measure: r.measure as Measure | null });
const toMembership = (r: MemberRow): MembershipRecord => ({ ...r, org: r.orgType as OrgType });

export function createCaseRepository(db: Db): CaseRepository {
  return {
    nextSequence(prefix) {
      return db
        .insert(caseSequences)
        .values({ prefix, last: 1 })
        .onConflictDoUpdate({ target: caseSequences.prefix, set: { last: sql`${caseSequences.last} + 1` } })
        .returning({ last: caseSequences.last })
        .get().last;
    },
    insert(c) {
      return db.insert(cases).values(c).returning({ id: cases.id }).get().id;
    },
    byId(id) {
      const r = db.select().from(cases).where(eq(cases.id, id)).get();
      return r ? toCase(r) : undefined;
    },
    byRef(ref) {
      const r = db.select().from(cases).where(eq(cases.ref, ref)).get();
      return r ? toCase(r) : undefined;
    },
    update(id, patch) {
      if (Object.keys(patch).length > 0) db.update(cases).set(patch).where(eq(cases.id, id)).run();
    },
    currentMembers(caseId) {
      return db
        .select()
        .from(caseMembers)
        .where(and(eq(caseMembers.caseId, caseId), isNull(caseMembers.leftAt)))
        .orderBy(asc(caseMembers.id))
        .all()
        .map(toMembership);
    },
    memberships(caseId) {
      return db.select().from(caseMembers).where(eq(caseMembers.caseId, caseId)).orderBy(asc(caseMembers.id)).all().map(toMembership);
    },
    addMembership(m) {
      db.insert(caseMembers).values({ ...m, orgType: m.org }).run();
    },
    endMembership(caseId, memberId, at, by, reason) {
      db.update(caseMembers)
        .set({ leftAt: at, leftBy: by, leaveReason: reason })
        .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.memberId, memberId), isNull(caseMembers.leftAt)))
        .run();
    },
    addEvent(caseId, event, fields, at, by) {
      db.insert(caseEvents).values({ caseId, event, fields: JSON.stringify(fields), at, by }).run();
    },
    events(caseId) {
      return db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, caseId))
        .orderBy(asc(caseEvents.id))
        .all()
        .map((e) => ({ event: e.event, fields: JSON.parse(e.fields) as Record<string, unknown>, at: e.at, by: e.by }));
    },
    casesOfMember(memberId) {
      return this.casesWithAnyMember([memberId]);
    },
    casesWithAnyMember(memberIds) {
      if (memberIds.length === 0) return [];
      const ids = db
        .selectDistinct({ id: caseMembers.caseId })
        .from(caseMembers)
        .where(and(inArray(caseMembers.memberId, memberIds), isNull(caseMembers.leftAt)))
        .all()
        .map((r) => r.id);
      if (ids.length === 0) return [];
      return db.select().from(cases).where(and(inArray(cases.id, ids), isNull(cases.closedAt))).orderBy(asc(cases.id)).all().map(toCase);
    },
  };
}
