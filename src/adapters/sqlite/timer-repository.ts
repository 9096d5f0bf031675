import { and, asc, desc, eq, sql } from './orm.js';
import type { ReminderCandidate, TimerRepository } from '../../app/store.js';
import type { TimerRecord } from '../../domain/records.js';
import type { TimerId, TimerStep } from '../../domain/types.js';
import type { Db } from './open-database.js';
import { codecOf, perLimit, preparedInsert, preparedUpdateById } from './prepared.js';
import { timerSteps, timers } from './schema.js';

type Row = typeof timers.$inferSelect;
const toTimer = (r: Row): TimerRecord => ({
  ...r,
  timer: r.timer as TimerId,
  state: r.state as TimerRecord['state'],
  nextStep: r.nextStep as TimerStep | null,
});

const STEP_ORDER: TimerStep[] = ['remind', 'checkin', 'overdue', 'escalate'];

export function createTimerRepository(db: Db): TimerRepository {
  // Hot-path statements are prepared once (see prepared.ts).
  const nextStmt = db.$client.prepare('SELECT min(next_step_at) AS t FROM timers WHERE next_step_at IS NOT NULL');
  // The partial index on next_step_at makes this a range scan over due rows only, never all cases; full rows in one go.
  const codec = codecOf(timers);
  const dueStmt = perLimit((limit) =>
    db.$client.prepare(
      `SELECT ${codec.list} FROM timers WHERE next_step_at IS NOT NULL AND next_step_at <= ? ORDER BY next_step_at, id LIMIT ${limit}`,
    ),
  );
  const byIdStmt = db.$client.prepare(`SELECT ${codec.list} FROM timers WHERE id = ?`);
  const openQ = db
    .select()
    .from(timers)
    .where(and(eq(timers.caseId, sql.placeholder('caseId')), eq(timers.state, 'open')))
    .orderBy(asc(timers.id))
    .prepare();
  const openOfTimerQ = db
    .select()
    .from(timers)
    .where(
      and(
        eq(timers.caseId, sql.placeholder('caseId')),
        eq(timers.state, 'open'),
        eq(timers.timer, sql.placeholder('timer')),
      ),
    )
    .orderBy(asc(timers.id))
    .prepare();
  const allQ = db
    .select()
    .from(timers)
    .where(eq(timers.caseId, sql.placeholder('caseId')))
    .orderBy(asc(timers.id))
    .prepare();
  const lastCycleQ = db
    .select({ cycle: timers.cycle })
    .from(timers)
    .where(and(eq(timers.caseId, sql.placeholder('caseId')), eq(timers.timer, sql.placeholder('timer'))))
    .orderBy(desc(timers.cycle))
    .limit(1)
    .prepare();
  const insert = preparedInsert(db, timers, 'id');
  const recordStepStmt = db.$client.prepare(
    'INSERT INTO timer_steps (case_id, timer, cycle, step, planned_at, fired_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const firedStepsQ = db
    .select({ step: timerSteps.step })
    .from(timerSteps)
    .where(
      and(
        eq(timerSteps.caseId, sql.placeholder('caseId')),
        eq(timerSteps.timer, sql.placeholder('timer')),
        eq(timerSteps.cycle, sql.placeholder('cycle')),
      ),
    )
    .prepare();
  const update = preparedUpdateById(db, timers, timers.id);
  // The digest's candidates: the member's open cases through case_members, their open timers through timers_case_idx;
  // the remind window is checked in SQL with one bound per remind lead time, so only a handful of rows come back.
  const remindersOfMemberStmt = perLimit((bounds) => {
    const window =
      bounds === 0
        ? ''
        : `AND t.due_date <= CASE t.remind_before ${Array.from({ length: bounds }, (_, n) => `WHEN ${n} THEN ?`).join(' ')} ELSE t.due_date END`;
    return db.$client.prepare(`
      SELECT t.id, t.case_id AS caseId, t.timer, t.due_date AS dueDate, t.remind_before AS remindBefore, t.owner_ref AS ownerRef
        FROM timers t
       WHERE t.case_id IN (SELECT m.case_id FROM case_members m JOIN cases c ON c.id = m.case_id
                            WHERE m.member_id = ? AND m.left_at IS NULL AND c.closed_at IS NULL)
         AND t.state = 'open' AND t.remind_enabled = 1 AND t.due_date >= ? ${window}
       ORDER BY t.case_id, t.id`);
  });

  // The municipalities as one JSON parameter: one statement for any number of them. No ORDER BY: sorting 100 000 rows
  // in a temporary B-tree delayed even the first row by 200 ms, and a caller that only asks whether there is one
  // stops at the first.
  const inMunicipalitiesStmt = db.$client.prepare(`
    SELECT t.id, t.case_id AS caseId, t.timer, t.due_date AS dueDate
      FROM timers t JOIN cases c ON c.id = t.case_id
     WHERE c.closed_at IS NULL AND c.municipality IN (SELECT value FROM json_each(?))
       AND t.state = 'open' AND (t.due_date < ? OR t.timer = ?)`);

  const byId = (id: number): TimerRecord | undefined => {
    const r = byIdStmt.get(id) as Record<string, unknown> | undefined;
    return r ? toTimer(codec.decode(r)) : undefined;
  };

  return {
    nextStepAt() {
      return (nextStmt.get() as { t: number | null }).t ?? undefined;
    },
    insert(t) {
      return insert(t);
    },
    byId,
    open(caseId, timer) {
      return (timer ? openOfTimerQ.all({ caseId, timer }) : openQ.all({ caseId })).map(toTimer);
    },
    all(caseId) {
      return allQ.all({ caseId }).map(toTimer);
    },
    lastCycle(caseId, timer) {
      return lastCycleQ.get({ caseId, timer })?.cycle ?? 0;
    },
    update(id, patch) {
      update(id, patch);
    },
    due(now, limit) {
      return (dueStmt(limit).all(now) as Array<Record<string, unknown>>).map((r) => toTimer(codec.decode(r)));
    },
    recordStep(t, step, plannedAt, firedAt) {
      return recordStepStmt.run(t.caseId, t.timer, t.cycle, step, plannedAt, firedAt).changes === 1;
    },
    openInMunicipalities(municipalities, o) {
      if (municipalities.length === 0) return [];
      return inMunicipalitiesStmt.iterate(JSON.stringify(municipalities), o.dueBefore, o.orTimer) as IterableIterator<
        Pick<TimerRecord, 'id' | 'caseId' | 'timer' | 'dueDate'>
      >;
    },
    remindersOfMember(memberId, today, latestDue) {
      return remindersOfMemberStmt(latestDue.length).all(memberId, today, ...latestDue) as ReminderCandidate[];
    },
    lastFiredStep(timerId) {
      const t = byId(timerId);
      if (!t) return undefined;
      const rows = firedStepsQ
        .all({ caseId: t.caseId, timer: t.timer, cycle: t.cycle })
        .map((r) => r.step as TimerStep);
      return STEP_ORDER.filter((s) => rows.includes(s)).pop();
    },
  };
}
