import { asc, inArray } from './orm.js';
import type { OverviewScope, ReportingRepository } from '../../app/store.js';
import type { Db } from './open-database.js';
import { caseEvents, escalations, handovers, timers } from './schema.js';

export function createReportingRepository(db: Db): ReportingRepository {
  // The open cases in scope: every one (NULL), or those with a current member among a JSON array of member ids; and
  // every municipality (NULL), or those of a JSON array (a pilot coordinator's own).
  const visible = `visible AS (
    SELECT c.id, c.ref, c.municipality, c.stage FROM cases c
    WHERE c.closed_at IS NULL AND (:members IS NULL OR EXISTS (
      SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.left_at IS NULL AND m.member_id IN (SELECT value FROM json_each(:members))))
      AND (:municipalities IS NULL OR c.municipality IN (SELECT value FROM json_each(:municipalities))))`;
  const countsStmt = db.$client.prepare(
    `WITH ${visible} SELECT municipality, stage, count(*) AS cases FROM visible GROUP BY municipality, stage`,
  );
  // One row per stalled case (its overdue timer names as a JSON array, in id order), so even a region where every case
  // is stalled returns one small row per case, not every timer.
  const stalledStmt = db.$client.prepare(
    `WITH ${visible}, overdue AS (
       SELECT case_id, json_group_array(timer) AS timers
       FROM (SELECT case_id, timer FROM timers WHERE state = 'open' AND due_date < :today ORDER BY case_id, id)
       GROUP BY case_id)
     SELECT v.ref, v.municipality, o.timers FROM overdue o JOIN visible v ON v.id = o.case_id ORDER BY v.id`,
  );
  const escalationsStmt = db.$client.prepare(
    `WITH ${visible} SELECT v.municipality, e.level, e.trigger, count(*) AS escalations
     FROM escalations e JOIN visible v ON v.id = e.case_id WHERE e.state = 'open' GROUP BY v.municipality, e.level, e.trigger`,
  );
  const handoversStmt = db.$client.prepare(
    `WITH ${visible} SELECT v.municipality, count(*) AS handovers
     FROM handovers h JOIN visible v ON v.id = h.case_id WHERE h.state = 'open' GROUP BY v.municipality`,
  );
  const members = (scope: OverviewScope) => ({
    members: scope.memberIds ? JSON.stringify(scope.memberIds) : null,
    municipalities: scope.municipalities ? JSON.stringify(scope.municipalities) : null,
  });
  return {
    events: () =>
      db
        .select()
        .from(caseEvents)
        .orderBy(asc(caseEvents.id))
        .all()
        .map((e) => ({
          caseId: e.caseId,
          event: e.event,
          at: e.at,
          fields: JSON.parse(e.fields) as Record<string, unknown>,
        })),
    timers: (which) =>
      (which ? db.select().from(timers).where(inArray(timers.timer, which)) : db.select().from(timers))
        .all()
        .map((t) => ({
          caseId: t.caseId,
          timer: t.timer,
          startDate: t.startDate,
          dueDate: t.dueDate,
          originalDueDate: t.originalDueDate,
          stoppedAt: t.stoppedAt,
          state: t.state,
          stopReason: t.stopReason,
          nextStep: t.nextStep,
        })),
    handovers: () =>
      db
        .select()
        .from(handovers)
        .all()
        .map((h) => ({
          caseId: h.caseId,
          openedAt: h.openedAt,
          acceptedAt: h.acceptedAt,
          state: h.state,
          moment: h.moment,
        })),
    escalations: () =>
      db
        .select()
        .from(escalations)
        .all()
        .map((e) => ({
          caseId: e.caseId,
          raisedAt: e.raisedAt,
          level: e.level,
          trigger: e.trigger,
          state: e.state,
          closedAt: e.closedAt,
          outcome: e.outcome,
        })),
    openCaseCounts: (scope) =>
      countsStmt.all(members(scope)) as Array<{ municipality: string; stage: string; cases: number }>,
    stalledCases: (today, scope) =>
      (
        stalledStmt.all({ ...members(scope), today }) as Array<{ ref: string; municipality: string; timers: string }>
      ).map((r) => ({ ...r, timers: JSON.parse(r.timers) as string[] })),
    openEscalationCounts: (scope) =>
      escalationsStmt.all(members(scope)) as Array<{
        municipality: string;
        level: string;
        trigger: string;
        escalations: number;
      }>,
    openHandoverCounts: (scope) =>
      handoversStmt.all(members(scope)) as Array<{ municipality: string; handovers: number }>,
  };
}
