import { asc, eq } from './orm.js';
import type { AcuteReport, AcuteRepository } from '../../app/store.js';
import type { Db } from './open-database.js';
import { acuteReports } from './schema.js';

type Row = typeof acuteReports.$inferSelect;
const toReport = (r: Row): AcuteReport => ({ ...r, notified: JSON.parse(r.notified) as string[] });

export function createAcuteRepository(db: Db): AcuteRepository {
  const nextStmt = db.$client
    .prepare('SELECT min(followup_at) FROM acute_reports WHERE followup_at IS NOT NULL')
    .pluck();
  return {
    insert(r) {
      const { notified, ...rest } = r;
      return db
        .insert(acuteReports)
        .values({ ...rest, notified: JSON.stringify(notified) })
        .returning({ id: acuteReports.id })
        .get().id;
    },
    byId(id) {
      const row = db.select().from(acuteReports).where(eq(acuteReports.id, id)).get();
      return row ? toReport(row) : undefined;
    },
    ofCase(caseId) {
      return db
        .select()
        .from(acuteReports)
        .where(eq(acuteReports.caseId, caseId))
        .orderBy(asc(acuteReports.id))
        .all()
        .map(toReport);
    },
    update(id, patch) {
      const { notified, ...rest } = patch;
      db.update(acuteReports)
        .set({ ...rest, ...(notified ? { notified: JSON.stringify(notified) } : {}) })
        .where(eq(acuteReports.id, id))
        .run();
    },
    dueFollowups(now, limit) {
      return (
        db.$client
          .prepare(
            'SELECT id FROM acute_reports WHERE followup_at IS NOT NULL AND followup_at <= ? ORDER BY followup_at, id LIMIT ?',
          )
          .pluck()
          .all(now, limit) as number[]
      ).map((id) => this.byId(id)!);
    },
    nextFollowupAt() {
      return (nextStmt.get() as number | null) ?? undefined;
    },
  };
}
