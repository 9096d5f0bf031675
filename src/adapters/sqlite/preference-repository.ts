import { eq } from 'drizzle-orm';
import type { PreferenceRepository } from '../../app/store.js';
import type { Db } from './open-database.js';
import { digestRuns, memberPreferences } from './schema.js';

export function createPreferenceRepository(db: Db): PreferenceRepository {
  return {
    digestOf(memberId) {
      const row = db.select().from(memberPreferences).where(eq(memberPreferences.memberId, memberId)).get();
      return row?.digest ?? undefined;
    },
    setDigest(memberId, on) {
      db.insert(memberPreferences).values({ memberId, digest: on }).onConflictDoUpdate({ target: memberPreferences.memberId, set: { digest: on } }).run();
    },
    digestRanOn(day) {
      return db.select({ day: digestRuns.day }).from(digestRuns).where(eq(digestRuns.day, day)).get() !== undefined;
    },
    claimDigestDay(day, at) {
      return db.insert(digestRuns).values({ day, ranAt: at }).onConflictDoNothing().run().changes === 1;
    },
  };
}
