import type Database from 'better-sqlite3';

/** What /readyz reports about proactive delivery, for monitoring (counts and times only, never content). */
export interface OutboxBacklog {
  /** Deliveries not sent yet, including those that wait for office hours or a retry time. */
  pending: number;
  /** Pending deliveries that may go now (their time has come, and office hours are open or they are acute). */
  due: number;
  /** When the oldest pending delivery was written (ISO 8601, UTC); null when none is pending. */
  oldestPendingSince: string | null;
  oldestPendingAgeSeconds: number | null;
  /** Since when the longest-waiting due delivery could have gone; null when none is due. A healthy bot keeps this at
   * a few seconds: a growing value means Teams is not reached (or throttles hard). */
  oldestDueSince: string | null;
  oldestDueAgeSeconds: number | null;
  /** Deliveries given up for good (each was logged at `error` when it happened), as long as they are kept. */
  failed: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const age = (now: number, ms: number | null) => (ms === null ? null : Math.max(0, Math.floor((now - ms) / 1000)));

/** Reads the backlog with prepared statements (cheap enough for every probe: the pending rows have an index). */
export function createOutboxBacklog(sqlite: Database.Database): (now: number, officeOpen: boolean) => OutboxBacklog {
  const pendingStmt = sqlite.prepare(`
    SELECT count(*) AS pending, min(o.created_at) AS oldestPending,
           sum(CASE WHEN d.next_attempt_at <= @now AND (@open = 1 OR o.ignores_office_hours = 1) THEN 1 ELSE 0 END) AS due,
           min(CASE WHEN d.next_attempt_at <= @now AND (@open = 1 OR o.ignores_office_hours = 1)
                    THEN d.next_attempt_at END) AS oldestDue
      FROM deliveries d JOIN outbox o ON o.id = d.outbox_id
     WHERE d.state = 'pending'`);
  const failedStmt = sqlite.prepare(`SELECT count(*) AS n FROM deliveries WHERE state = 'failed'`).pluck();
  return (now, officeOpen) => {
    const r = pendingStmt.get({ now, open: officeOpen ? 1 : 0 }) as {
      pending: number;
      oldestPending: number | null;
      due: number | null;
      oldestDue: number | null;
    };
    return {
      pending: r.pending,
      due: r.due ?? 0,
      oldestPendingSince: iso(r.oldestPending),
      oldestPendingAgeSeconds: age(now, r.oldestPending),
      oldestDueSince: iso(r.oldestDue),
      oldestDueAgeSeconds: age(now, r.oldestDue),
      failed: failedStmt.get() as number,
    };
  };
}
