import type { ClosedEscalationRow, LearningRepository } from '../../app/store.js';
import type { Db } from './open-database.js';

// Reflections and the raw material of a municipality's learning agenda (docs/behaviour.md, "Learning together"). Every
// read is limited to one municipality's cases in SQL and returns ids, instants and counts only: no case reference, no
// name, no free text other than the reflections themselves (which never come with their author).

export function createLearningRepository(db: Db): LearningRepository {
  const sqlite = db.$client;
  const addStmt = sqlite.prepare(
    'INSERT INTO reflections (escalation_id, member_id, text, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const authorsStmt = sqlite
    .prepare('SELECT member_id FROM reflections WHERE escalation_id = ? ORDER BY at, id')
    .pluck();
  const ownStmt = sqlite.prepare('SELECT text FROM reflections WHERE escalation_id = ? AND member_id = ?').pluck();
  const textsStmt = sqlite.prepare(
    `SELECT escalation_id AS escalationId, text, at FROM reflections
     WHERE escalation_id IN (SELECT value FROM json_each(?)) ORDER BY at DESC, id DESC`,
  );
  const closedStmt = sqlite.prepare(
    `SELECT e.id, e.case_id AS caseId, e.trigger, e.source, e.level, e.raised_at AS raisedAt, e.closed_at AS closedAt,
            e.state, e.decision_owner IS NOT NULL AS decided
     FROM escalations e JOIN cases c ON c.id = e.case_id
     WHERE c.municipality = ? AND e.state <> 'open' AND e.closed_at >= ? AND e.closed_at < ?
     ORDER BY e.closed_at, e.id`,
  );
  // The moment a term went overdue is its planned overdue step (a catch-up after downtime fires later, same term).
  // A worrying-conduct escalation's decision deadline is as hidden as the escalation: left out unless asked for.
  const overdueStmt = sqlite.prepare(
    `SELECT s.timer, count(*) AS cycles, count(DISTINCT s.case_id) AS cases
     FROM timer_steps s JOIN cases c ON c.id = s.case_id
     LEFT JOIN timers t ON t.case_id = s.case_id AND t.timer = s.timer AND t.cycle = s.cycle
     LEFT JOIN escalations e ON e.id = t.escalation_id
     WHERE c.municipality = :municipality AND s.step = 'overdue' AND s.planned_at >= :from AND s.planned_at < :to
       AND (:worrying = 1 OR e.trigger IS NULL OR e.trigger <> 'NEGLIGENT_CONDUCT')
     GROUP BY s.timer`,
  );
  const assignedCasesStmt = sqlite.prepare(
    `SELECT c.id AS caseId, c.closed_at AS closedAt FROM cases c
     WHERE c.municipality = ? AND EXISTS (
       SELECT 1 FROM case_events ev WHERE ev.case_id = c.id AND ev.event = 'jeugdbeschermer_assigned')
     ORDER BY c.id`,
  );
  const assignmentsStmt = sqlite.prepare(
    `SELECT ev.case_id AS caseId, json_extract(ev.fields, '$.member') AS member, ev.at
     FROM case_events ev JOIN cases c ON c.id = ev.case_id
     WHERE c.municipality = ? AND ev.event = 'jeugdbeschermer_assigned' ORDER BY ev.at, ev.id`,
  );
  const giMembersStmt = sqlite.prepare(
    `SELECT m.case_id AS caseId, m.member_id AS memberId, m.joined_at AS joinedAt, m.left_at AS leftAt
     FROM case_members m JOIN cases c ON c.id = m.case_id
     WHERE c.municipality = ? AND m.org_type = 'GI' AND m.role = 'professional' ORDER BY m.joined_at, m.id`,
  );
  const factsStmt = sqlite.prepare(
    'SELECT id AS caseId, municipality, opened_at AS openedAt, stage FROM cases ORDER BY id',
  );
  return {
    addReflection: (r) => addStmt.run(r.escalationId, r.memberId, r.text, r.at).changes === 1,
    reflectionAuthors: (escalationId) => authorsStmt.all(escalationId) as string[],
    reflectionOf: (escalationId, memberId) => ownStmt.get(escalationId, memberId) as string | undefined,
    reflectionTexts: (ids) =>
      ids.length === 0
        ? []
        : (textsStmt.all(JSON.stringify(ids)) as Array<{ escalationId: number; text: string; at: number }>),
    closedEscalations: (municipality, from, to) =>
      (closedStmt.all(municipality, from, to) as Array<Omit<ClosedEscalationRow, 'decided'> & { decided: number }>).map(
        (r) => ({ ...r, decided: r.decided === 1 }),
      ),
    overdueTerms: (municipality, from, to, withWorryingConduct) =>
      overdueStmt.all({ municipality, from, to, worrying: withWorryingConduct ? 1 : 0 }) as Array<{
        timer: string;
        cycles: number;
        cases: number;
      }>,
    jeugdbeschermerHistory(municipality) {
      const cases = assignedCasesStmt.all(municipality) as Array<{ caseId: number; closedAt: number | null }>;
      const assignments = assignmentsStmt.all(municipality) as Array<{ caseId: number; member: unknown; at: number }>;
      const members = giMembersStmt.all(municipality) as Array<{
        caseId: number;
        memberId: string;
        joinedAt: number;
        leftAt: number | null;
      }>;
      return cases.map((c) => ({
        ...c,
        assignments: assignments
          .filter((a) => a.caseId === c.caseId && typeof a.member === 'string')
          .map((a) => ({ member: a.member as string, at: a.at })),
        giMemberships: members
          .filter((m) => m.caseId === c.caseId)
          .map(({ memberId, joinedAt, leftAt }) => ({ memberId, joinedAt, leftAt })),
      }));
    },
    caseFacts: () =>
      factsStmt.all() as Array<{ caseId: number; municipality: string; openedAt: number; stage: string }>,
  };
}
