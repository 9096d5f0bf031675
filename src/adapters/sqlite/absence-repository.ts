import type { AbsenceRepository } from '../../app/store.js';
import type { Db } from './open-database.js';

export function createAbsenceRepository(db: Db): AbsenceRepository {
  const insert = db.$client.prepare(
    'INSERT INTO absences (member_id, from_date, until_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)',
  );
  // Asked for every recipient of every message: prepared once, through the index on (member_id, until_date).
  const absentStmt = db.$client
    .prepare('SELECT 1 FROM absences WHERE member_id = ? AND until_date >= ? AND from_date <= ? LIMIT 1')
    .pluck();
  const upcomingStmt = db.$client.prepare(
    'SELECT from_date AS "from", until_date AS "until" FROM absences WHERE member_id = ? AND until_date >= ? ORDER BY from_date, id',
  );
  return {
    add(a) {
      insert.run(a.memberId, a.from, a.until, a.recordedBy, a.recordedAt);
    },
    isAbsent(memberId, day) {
      return absentStmt.get(memberId, day, day) !== undefined;
    },
    upcoming(memberId, day) {
      return upcomingStmt.all(memberId, day) as Array<{ from: string; until: string }>;
    },
  };
}
