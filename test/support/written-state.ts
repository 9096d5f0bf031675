import { createHash } from 'node:crypto';
import { CASE_THREAD_KIND } from '../../src/app/notifications.js';
import type { TestBot } from './start-test-bot.js';

/** Written by the outbox worker on its own time (a delivery that failed for good), not by the step under test. */
export const DELIVERY_SIDE_EFFECTS = `'notice', '${CASE_THREAD_KIND}'`;

/**
 * "Nothing written", as one hash: every row of the given cases in every table a step can write (their audit rows but
 * the reads in `reads`, which are on record by design), and the counts of those tables over the whole database. Two
 * equal hashes mean a step changed nothing but the reads it may record.
 */
export function writtenState(t: TestBot, caseIds: number[], reads: readonly string[]): string {
  const db = t.bot.database.sqlite;
  const ids = caseIds.join(', ');
  const notReads = reads.map((a) => `'${a}'`).join(', ');
  const rows = (sql: string) => db.prepare(sql).all();
  const state = [
    rows(`SELECT * FROM cases WHERE id IN (${ids})`),
    ...['case_members', 'case_events', 'timers', 'timer_steps', 'handovers', 'escalations', 'acute_reports'].map(
      (table) => rows(`SELECT * FROM ${table} WHERE case_id IN (${ids}) ORDER BY rowid`),
    ),
    rows(
      `SELECT i.* FROM handover_items i JOIN handovers h ON h.id = i.handover_id WHERE h.case_id IN (${ids}) ORDER BY i.rowid`,
    ),
    ...['escalation_levels', 'escalation_timers', 'reflections'].map((table) =>
      rows(
        `SELECT x.* FROM ${table} x JOIN escalations e ON e.id = x.escalation_id WHERE e.case_id IN (${ids}) ORDER BY x.rowid`,
      ),
    ),
    rows(
      `SELECT id, kind, case_id, payload FROM outbox WHERE case_id IN (${ids}) AND kind NOT IN (${DELIVERY_SIDE_EFFECTS}) ORDER BY id`,
    ),
    rows(
      `SELECT id, at, action, case_id FROM audit_log WHERE case_id IN (${ids}) AND action NOT IN (${notReads}) ORDER BY id`,
    ),
    rows(`SELECT
      (SELECT count(*) FROM cases) AS cases,
      (SELECT sum(version) FROM cases) AS versions,
      (SELECT count(*) FROM case_members) AS members,
      (SELECT count(*) FROM case_events) AS events,
      (SELECT count(*) FROM escalations) AS escalations,
      (SELECT count(*) FROM escalation_levels) AS levels,
      (SELECT count(*) FROM acute_reports) AS acute,
      (SELECT count(*) FROM outbox WHERE kind NOT IN (${DELIVERY_SIDE_EFFECTS})) AS outbox,
      (SELECT count(*) FROM absences) AS absences,
      (SELECT count(*) FROM member_preferences) AS preferences,
      (SELECT count(*) FROM reflections) AS reflections,
      (SELECT count(*) FROM audit_log WHERE action NOT IN (${notReads})) AS audit`),
  ];
  return createHash('sha1').update(JSON.stringify(state)).digest('hex');
}
