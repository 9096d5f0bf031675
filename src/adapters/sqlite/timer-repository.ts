import { and, asc, desc, eq } from 'drizzle-orm';
import type { TimerRepository } from '../../app/store.js';
import type { TimerRecord } from '../../domain/records.js';
import type { TimerId, TimerStep } from '../../domain/types.js';
import type { Db } from './open-database.js';
import { timerSteps, timers } from './schema.js';

type Row = typeof timers.$inferSelect;
const toTimer = (r: Row): TimerRecord => ({
  ...r,
  timer: r.timer as TimerId,
  state: r.state as TimerRecord['state'],
  nextStep: r.nextStep as TimerStep | null,
});

export function createTimerRepository(db: Db): TimerRepository {
  const dueStmt = db.$client.prepare('SELECT id FROM timers WHERE next_step_at IS NOT NULL AND next_step_at <= ? ORDER BY next_step_at, id LIMIT ?');
  const nextStmt = db.$client.prepare('SELECT min(next_step_at) AS t FROM timers WHERE next_step_at IS NOT NULL');
  return {
    nextStepAt() {
      return (nextStmt.get() as { t: number | null }).t ?? undefined;
    },
    insert(t) {
      return db.insert(timers).values(t).returning({ id: timers.id }).get().id;
    },
    byId(id) {
      const r = db.select().from(timers).where(eq(timers.id, id)).get();
      return r ? toTimer(r) : undefined;
    },
    open(caseId, timer) {
      const conds = [eq(timers.caseId, caseId), eq(timers.state, 'open')];
      if (timer) conds.push(eq(timers.timer, timer));
      return db.select().from(timers).where(and(...conds)).orderBy(asc(timers.id)).all().map(toTimer);
    },
    all(caseId) {
      return db.select().from(timers).where(eq(timers.caseId, caseId)).orderBy(asc(timers.id)).all().map(toTimer);
    },
    lastCycle(caseId, timer) {
      const r = db
        .select({ cycle: timers.cycle })
        .from(timers)
        .where(and(eq(timers.caseId, caseId), eq(timers.timer, timer)))
        .orderBy(desc(timers.cycle))
        .limit(1)
        .get();
      return r?.cycle ?? 0;
    },
    update(id, patch) {
      if (Object.keys(patch).length > 0) db.update(timers).set(patch).where(eq(timers.id, id)).run();
    },
    due(now, limit) {
      // The partial index on next_step_at makes this a range scan over due rows only, never all cases.
      const ids = (dueStmt.all(now, limit) as Array<{ id: number }>).map((r) => r.id);
      return ids.map((id) => this.byId(id)!);
    },
    recordStep(t, step, plannedAt, firedAt) {
      const res = db
        .insert(timerSteps)
        .values({ caseId: t.caseId, timer: t.timer, cycle: t.cycle, step, plannedAt, firedAt })
        .onConflictDoNothing()
        .run();
      return res.changes === 1;
    },
    lastFiredStep(timerId) {
      const t = this.byId(timerId);
      if (!t) return undefined;
      const rows = db
        .select({ step: timerSteps.step })
        .from(timerSteps)
        .where(and(eq(timerSteps.caseId, t.caseId), eq(timerSteps.timer, t.timer), eq(timerSteps.cycle, t.cycle)))
        .all()
        .map((r) => r.step as TimerStep);
      const order: TimerStep[] = ['remind', 'overdue', 'escalate'];
      return order.filter((s) => rows.includes(s)).pop();
    },
  };
}
