import { CASE_THREAD_KIND } from '../../app/notifications.js';
import type { EndedDelivery, ReachabilityRepository } from '../../app/store.js';
import { createMemberBindingStore } from './member-binding-store.js';
import type { Db } from './open-database.js';

// What the reachability rule (src/app/reachability.ts) reads: the 1:1 chat references (`user:<aadObjectId>`, lower
// case, as the Teams adapter stores them), the bindings, how the last delivery to each person ended, and whether a
// case has its own channel thread (`case:<caseId>`). Ids, states and our own recorded reasons only.

interface EndedRow {
  memberId: string;
  state: string;
  kind: string;
  createdAt: number;
  lastError: string | null;
}

export function createReachabilityRepository(db: Db): ReachabilityRepository {
  const sqlite = db.$client;
  const bindings = createMemberBindingStore(db);
  const chatsStmt = sqlite
    .prepare(
      `SELECT substr(key, 6) FROM conversation_refs
        WHERE key IN (SELECT 'user:' || lower(trim(value)) FROM json_each(?))`,
    )
    .pluck();
  // The newest delivery that ended, per person: the highest id among the sent and failed ones (ids grow with the
  // outbox rows they belong to). A pending one says nothing yet.
  const endedStmt = sqlite.prepare(
    `SELECT d.recipient_id AS memberId, d.state, o.kind, o.created_at AS createdAt, d.last_error AS lastError
       FROM deliveries d JOIN outbox o ON o.id = d.outbox_id
      WHERE d.id IN (
        SELECT max(d2.id) FROM deliveries d2 JOIN outbox o2 ON o2.id = d2.outbox_id
         WHERE d2.recipient_id IN (SELECT value FROM json_each(?))
           AND d2.state IN ('sent', 'failed') AND o2.kind <> ?
         GROUP BY d2.recipient_id)`,
  );
  const threadStmt = sqlite.prepare('SELECT 1 FROM conversation_refs WHERE key = ?').pluck();
  return {
    bindingsOf: (memberId) => bindings.ofMember(memberId),
    withPersonalChat(aadObjectIds) {
      if (aadObjectIds.length === 0) return new Set();
      return new Set(chatsStmt.all(JSON.stringify(aadObjectIds)) as string[]);
    },
    lastEndedDeliveries(memberIds) {
      const ended = new Map<string, EndedDelivery>();
      if (memberIds.length === 0) return ended;
      for (const r of endedStmt.all(JSON.stringify(memberIds), CASE_THREAD_KIND) as EndedRow[])
        ended.set(r.memberId, {
          state: r.state === 'sent' ? 'sent' : 'failed',
          kind: r.kind,
          createdAt: r.createdAt,
          lastError: r.lastError,
        });
      return ended;
    },
    hasCaseThread: (caseId) => threadStmt.get(`case:${caseId}`) !== undefined,
  };
}
