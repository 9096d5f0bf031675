import { asc, eq, sql } from './orm.js';
import type { EscalationRepository } from '../../app/store.js';
import { seriesOf } from '../../domain/escalation-series.js';
import type { EscalationRecord } from '../../domain/records.js';
import type { Db } from './open-database.js';
import { codecOf, perLimit, preparedInsert, preparedUpdateById } from './prepared.js';
import { escalationLevels, escalations } from './schema.js';

type Row = typeof escalations.$inferSelect;

const toRecord = (r: Row): EscalationRecord => ({
  ...r,
  series: r.series as EscalationRecord['series'],
  trigger: r.trigger as EscalationRecord['trigger'],
  source: r.source as EscalationRecord['source'],
  level: r.level as EscalationRecord['level'],
  orgs: JSON.parse(r.orgs),
  baseParticipants: JSON.parse(r.baseParticipants),
  participants: JSON.parse(r.participants),
  guests: JSON.parse(r.guests),
  state: r.state as EscalationRecord['state'],
  nextAction: r.nextAction as EscalationRecord['nextAction'],
  familyInformed: r.familyInformed as EscalationRecord['familyInformed'],
});

type Patch = Partial<Omit<EscalationRecord, 'id'>>;
const toRow = (p: Patch) => {
  const { orgs, baseParticipants, participants, guests, ...rest } = p;
  return {
    ...rest,
    ...(orgs ? { orgs: JSON.stringify(orgs) } : {}),
    ...(baseParticipants ? { baseParticipants: JSON.stringify(baseParticipants) } : {}),
    ...(participants ? { participants: JSON.stringify(participants) } : {}),
    ...(guests ? { guests: JSON.stringify(guests) } : {}),
  };
};

export function createEscalationRepository(db: Db): EscalationRepository {
  // Hot-path statements are prepared once (see prepared.ts).
  const nextStmt = db.$client.prepare(
    'SELECT min(next_action_at) AS t FROM escalations WHERE next_action_at IS NOT NULL',
  );
  // Through the partial index on next_action_at; full rows in one query.
  const codec = codecOf(escalations);
  const dueStmt = perLimit((limit) =>
    db.$client.prepare(
      `SELECT ${codec.list} FROM escalations WHERE next_action_at IS NOT NULL AND next_action_at <= ? ORDER BY next_action_at, id LIMIT ${limit}`,
    ),
  );
  const byIdStmt = db.$client.prepare(`SELECT ${codec.list} FROM escalations WHERE id = ?`);
  const openAtLevelsInStmt = db.$client.prepare(`
    SELECT e.case_id AS caseId
      FROM escalations e JOIN cases c ON c.id = e.case_id
     WHERE e.state = 'open' AND e.level IN (SELECT value FROM json_each(?))
       AND c.closed_at IS NULL AND c.municipality IN (SELECT value FROM json_each(?))
     ORDER BY e.case_id, e.id`);
  const ofCaseQ = db
    .select()
    .from(escalations)
    .where(eq(escalations.caseId, sql.placeholder('caseId')))
    .orderBy(asc(escalations.id))
    .prepare();
  // The next number of a series counts the escalations of that series raised before the two series existed (their
  // trigger says which), so no two escalations a person sees share a name.
  const maxSeqStmt = db.$client
    .prepare(
      "SELECT max(seq) FROM escalations WHERE case_id = ? AND (trigger = 'NEGLIGENT_CONDUCT') = (? = 'confidential')",
    )
    .pluck();
  const insert = preparedInsert(db, escalations, 'row');
  const addLevelStmt = db.$client.prepare(
    'INSERT INTO escalation_levels (escalation_id, level, raised_at, raised_by, participants) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const levelsQ = db
    .select()
    .from(escalationLevels)
    .where(eq(escalationLevels.escalationId, sql.placeholder('escalationId')))
    .orderBy(asc(escalationLevels.raisedAt))
    .prepare();
  const openByTimerStmt = db.$client.prepare(
    `SELECT ${codec.list} FROM escalations WHERE state = 'open' AND id IN (SELECT escalation_id FROM escalation_timers WHERE timer_id = ?) ORDER BY id`,
  );
  const addTimerStmt = db.$client.prepare(
    'INSERT INTO escalation_timers (escalation_id, timer_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const timersOfStmt = db.$client
    .prepare('SELECT timer_id FROM escalation_timers WHERE escalation_id = ? ORDER BY joined_at, timer_id')
    .pluck();
  const openQ = db
    .select()
    .from(escalations)
    .where(eq(escalations.state, 'open'))
    .orderBy(asc(escalations.id))
    .prepare();
  const update = preparedUpdateById(db, escalations, escalations.id);

  const repo: EscalationRepository = {
    nextActionAt() {
      return (nextStmt.get() as { t: number | null }).t ?? undefined;
    },
    insert(e) {
      const series = seriesOf(e.trigger);
      const seq = ((maxSeqStmt.get(e.caseId, series) as number | null) ?? 0) + 1;
      return toRecord(insert({ ...toRow(e), seq, series }));
    },
    byId(id) {
      const r = byIdStmt.get(id) as Record<string, unknown> | undefined;
      return r ? toRecord(codec.decode(r)) : undefined;
    },
    ofCase(caseId) {
      return ofCaseQ.all({ caseId }).map(toRecord);
    },
    update(id, patch) {
      update(id, toRow(patch));
    },
    addLevel(escalationId, level, raisedAt, raisedBy, participants) {
      addLevelStmt.run(escalationId, level, raisedAt, raisedBy, JSON.stringify(participants));
    },
    levels(escalationId) {
      return levelsQ.all({ escalationId }).map((l) => ({
        level: l.level,
        raisedAt: l.raisedAt,
        raisedBy: l.raisedBy,
        participants: JSON.parse(l.participants) as string[],
      }));
    },
    due(now, limit) {
      return (dueStmt(limit).all(now) as Array<Record<string, unknown>>).map((r) => toRecord(codec.decode(r)));
    },
    openByTimer(timerId) {
      return (openByTimerStmt.all(timerId) as Array<Record<string, unknown>>).map((r) => toRecord(codec.decode(r)));
    },
    addTimer(escalationId, timerId, at) {
      addTimerStmt.run(escalationId, timerId, at);
    },
    timersOf(escalationId) {
      return timersOfStmt.all(escalationId) as number[];
    },
    open() {
      return openQ.all().map(toRecord);
    },
    openAtLevelsIn(municipalities, levels) {
      if (municipalities.length === 0 || levels.length === 0) return [];
      return openAtLevelsInStmt.all(JSON.stringify(levels), JSON.stringify(municipalities)) as Array<{
        caseId: number;
      }>;
    },
  };
  return repo;
}
