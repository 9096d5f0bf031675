import { and, asc, eq, inArray, isNull, sql } from './orm.js';
import type { CaseRepository } from '../../app/store.js';
import { caseNumbering } from '../../domain/case-number.js';
import type { CaseRecord, MembershipRecord } from '../../domain/records.js';
import type { CaseStage, Measure, OrgType } from '../../domain/types.js';
import { caseNumberKey } from './case-number-key.js';
import type { Db } from './open-database.js';
import { codecOf, preparedUpdateById } from './prepared.js';
import { caseEvents, caseMembers, caseSequences, cases } from './schema.js';

type CaseRow = typeof cases.$inferSelect;
type MemberRow = typeof caseMembers.$inferSelect;

// The version is a cache key maintained by triggers, not part of the case itself.
const toCase = ({ version: _version, ...r }: CaseRow): CaseRecord => ({
  ...r,
  stage: r.stage as CaseStage,
  measure: r.measure as Measure | null,
});
const toMembership = (r: MemberRow): MembershipRecord => ({ ...r, org: r.orgType as OrgType });

export function createCaseRepository(db: Db): CaseRepository {
  // Hot-path statements are prepared once (see prepared.ts).
  const caseCodec = codecOf(cases);
  const memberCodec = codecOf(caseMembers);
  const byIdStmt = db.$client.prepare(`SELECT ${caseCodec.list} FROM cases WHERE id = ?`);
  const byRefQ = db
    .select()
    .from(cases)
    .where(eq(cases.ref, sql.placeholder('ref')))
    .prepare();
  const currentMembersStmt = db.$client.prepare(
    `SELECT ${memberCodec.list} FROM case_members WHERE case_id = ? AND left_at IS NULL ORDER BY id`,
  );
  const membershipsQ = db
    .select()
    .from(caseMembers)
    .where(eq(caseMembers.caseId, sql.placeholder('caseId')))
    .orderBy(asc(caseMembers.id))
    .prepare();
  const update = preparedUpdateById(db, cases, cases.id);
  const versionStmt = db.$client.prepare('SELECT id, version FROM cases WHERE ref = ?');
  // Read (or created) at the first case opened, not here: the admin scripts that build a store never open one.
  let numberOf: ((sequence: number) => number) | undefined;
  return {
    nextNumber(prefix) {
      // The counter only grows (the purge leaves case_sequences alone), so a number is never given out twice.
      const sequence = db
        .insert(caseSequences)
        .values({ prefix, last: 1 })
        .onConflictDoUpdate({ target: caseSequences.prefix, set: { last: sql`${caseSequences.last} + 1` } })
        .returning({ last: caseSequences.last })
        .get().last;
      numberOf ??= caseNumbering(caseNumberKey(db.$client));
      return numberOf(sequence);
    },
    insert(c) {
      return db.insert(cases).values(c).returning({ id: cases.id }).get().id;
    },
    byId(id) {
      const r = byIdStmt.get(id) as Record<string, unknown> | undefined;
      return r ? toCase(caseCodec.decode(r)) : undefined;
    },
    versionOf(ref) {
      return versionStmt.get(ref) as { id: number; version: number } | undefined;
    },
    byRef(ref) {
      const r = byRefQ.get({ ref });
      return r ? toCase(r) : undefined;
    },
    update(id, patch) {
      update(id, patch);
    },
    currentMembers(caseId) {
      return (currentMembersStmt.all(caseId) as Array<Record<string, unknown>>).map((r) =>
        toMembership(memberCodec.decode(r)),
      );
    },
    memberships(caseId) {
      return membershipsQ.all({ caseId }).map(toMembership);
    },
    addMembership(m) {
      db.insert(caseMembers)
        .values({ ...m, orgType: m.org })
        .run();
    },
    endMembership(caseId, memberId, at, by, reason) {
      db.update(caseMembers)
        .set({ leftAt: at, leftBy: by, leaveReason: reason })
        .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.memberId, memberId), isNull(caseMembers.leftAt)))
        .run();
    },
    addEvent(caseId, event, fields, at, by) {
      db.insert(caseEvents)
        .values({ caseId, event, fields: JSON.stringify(fields), at, by })
        .run();
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
    openCasesIn(municipalities) {
      if (municipalities.length === 0) return [];
      return db
        .select()
        .from(cases)
        .where(and(inArray(cases.municipality, [...municipalities]), isNull(cases.closedAt)))
        .orderBy(asc(cases.id))
        .all()
        .map(toCase);
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
      return db
        .select()
        .from(cases)
        .where(and(inArray(cases.id, ids), isNull(cases.closedAt)))
        .orderBy(asc(cases.id))
        .all()
        .map(toCase);
    },
  };
}
