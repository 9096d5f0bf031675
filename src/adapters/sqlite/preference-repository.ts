import { asc, eq, sql } from './orm.js';
import type { PreferenceRepository } from '../../app/store.js';
import type { Db } from './open-database.js';
import { digestPending, digestRuns, memberPreferences, weeklyRuns } from './schema.js';

export function createPreferenceRepository(db: Db): PreferenceRepository {
  // Asked for every reminder (wantsDigest) and on every office-hours tick (digestRanOn): prepared once.
  const digestOfQ = db
    .select()
    .from(memberPreferences)
    .where(eq(memberPreferences.memberId, sql.placeholder('memberId')))
    .prepare();
  const digestRanOnQ = db
    .select({ day: digestRuns.day })
    .from(digestRuns)
    .where(eq(digestRuns.day, sql.placeholder('day')))
    .prepare();
  const pendingStatus = (memberId: string) =>
    db
      .select({ caseId: digestPending.caseId, timerId: digestPending.timerId })
      .from(digestPending)
      .where(eq(digestPending.memberId, memberId))
      .orderBy(asc(digestPending.id))
      .all();
  return {
    digestOf(memberId) {
      const row = digestOfQ.get({ memberId });
      return row?.digest ?? undefined;
    },
    setDigest(memberId, on) {
      db.insert(memberPreferences)
        .values({ memberId, digest: on })
        .onConflictDoUpdate({ target: memberPreferences.memberId, set: { digest: on } })
        .run();
    },
    digestRanOn(day) {
      return digestRanOnQ.get({ day }) !== undefined;
    },
    claimDigestDay(day, at) {
      return db.insert(digestRuns).values({ day, ranAt: at }).onConflictDoNothing().run().changes === 1;
    },
    addPendingStatus(memberId, caseId, timerId, at) {
      db.insert(digestPending).values({ memberId, caseId, timerId, createdAt: at }).run();
    },
    pendingStatus,
    takePendingStatus(memberId) {
      const rows = pendingStatus(memberId);
      db.delete(digestPending).where(eq(digestPending.memberId, memberId)).run();
      return rows;
    },
    claimWeek(monday, at) {
      return db.insert(weeklyRuns).values({ monday, ranAt: at }).onConflictDoNothing().run().changes === 1;
    },
    weekRan(monday) {
      return db.select().from(weeklyRuns).where(eq(weeklyRuns.monday, monday)).get() !== undefined;
    },
  };
}
