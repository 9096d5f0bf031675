import { asc, eq, inArray, isNull } from 'drizzle-orm';
import type { ReportingRepository } from '../../app/store.js';
import type { Db } from './open-database.js';
import { caseEvents, cases, escalations, handovers, timers } from './schema.js';

export function createReportingRepository(db: Db): ReportingRepository {
  // One row per case (its overdue timer names as a JSON array, in id order), so even a region where every case is
  // stalled returns one small row per case, not every timer.
  const overdueStmt = db.$client.prepare(
    `SELECT case_id AS caseId, json_group_array(timer) AS timers
     FROM (SELECT case_id, timer FROM timers WHERE state = 'open' AND due_date < ? ORDER BY case_id, id)
     GROUP BY case_id`,
  );
  const withMemberStmt = db.$client
    .prepare(
      `SELECT DISTINCT m.case_id FROM case_members m JOIN cases c ON c.id = m.case_id
       WHERE m.left_at IS NULL AND c.closed_at IS NULL AND m.member_id IN (SELECT value FROM json_each(?))`,
    )
    .pluck();
  return {
    events: () =>
      db
        .select()
        .from(caseEvents)
        .orderBy(asc(caseEvents.id))
        .all()
        .map((e) => ({ caseId: e.caseId, event: e.event, at: e.at, fields: JSON.parse(e.fields) as Record<string, unknown> })),
    timers: (which) =>
      (which ? db.select().from(timers).where(inArray(timers.timer, which)) : db.select().from(timers)).all().map((t) => ({
        caseId: t.caseId, timer: t.timer, startDate: t.startDate, dueDate: t.dueDate, originalDueDate: t.originalDueDate, stoppedAt: t.stoppedAt, state: t.state, stopReason: t.stopReason, nextStep: t.nextStep,
      })),
    handovers: () => db.select().from(handovers).all().map((h) => ({ caseId: h.caseId, openedAt: h.openedAt, acceptedAt: h.acceptedAt, state: h.state, moment: h.moment })),
    escalations: () =>
      db.select().from(escalations).all().map((e) => ({ caseId: e.caseId, raisedAt: e.raisedAt, level: e.level, trigger: e.trigger, state: e.state, closedAt: e.closedAt, outcome: e.outcome })),
    overdueOpenTimers: (today) =>
      (overdueStmt.all(today) as Array<{ caseId: number; timers: string }>).map((r) => ({ caseId: r.caseId, timers: JSON.parse(r.timers) as string[] })),
    openEscalations: () => db.select({ caseId: escalations.caseId, level: escalations.level, trigger: escalations.trigger }).from(escalations).where(eq(escalations.state, 'open')).all(),
    openHandovers: () => db.select({ caseId: handovers.caseId }).from(handovers).where(eq(handovers.state, 'open')).all(),
    openCaseIdsWithMemberIn: (memberIds) => (memberIds.length === 0 ? [] : (withMemberStmt.all(JSON.stringify(memberIds)) as number[])),
    openCases: () => db.select({ id: cases.id, ref: cases.ref, municipality: cases.municipality, stage: cases.stage }).from(cases).where(isNull(cases.closedAt)).all(),
  };
}
