import { and, asc, eq, max } from 'drizzle-orm';
import type { EscalationRepository } from '../../app/store.js';
import type { EscalationRecord } from '../../domain/records.js';
import type { Db } from './open-database.js';
import { escalationLevels, escalations } from './schema.js';

type Row = typeof escalations.$inferSelect;

const toRecord = (r: Row): EscalationRecord => ({
  ...r,
  trigger: r.trigger as EscalationRecord['trigger'],
  source: r.source as EscalationRecord['source'],
  level: r.level as EscalationRecord['level'],
  orgs: JSON.parse(r.orgs),
  baseParticipants: JSON.parse(r.baseParticipants),
  participants: JSON.parse(r.participants),
  state: r.state as EscalationRecord['state'],
  nextAction: r.nextAction as EscalationRecord['nextAction'],
});

type Patch = Partial<Omit<EscalationRecord, 'id'>>;
const toRow = (p: Patch) => {
  const { orgs, baseParticipants, participants, ...rest } = p;
  return {
    ...rest,
    ...(orgs ? { orgs: JSON.stringify(orgs) } : {}),
    ...(baseParticipants ? { baseParticipants: JSON.stringify(baseParticipants) } : {}),
    ...(participants ? { participants: JSON.stringify(participants) } : {}),
  };
};

export function createEscalationRepository(db: Db): EscalationRepository {
  const dueStmt = db.$client.prepare('SELECT id FROM escalations WHERE next_action_at IS NOT NULL AND next_action_at <= ? ORDER BY next_action_at, id LIMIT ?');
  const nextStmt = db.$client.prepare('SELECT min(next_action_at) AS t FROM escalations WHERE next_action_at IS NOT NULL');
  const repo: EscalationRepository = {
    nextActionAt() {
      return (nextStmt.get() as { t: number | null }).t ?? undefined;
    },
    insert(e) {
      const seq = (db.select({ m: max(escalations.seq) }).from(escalations).where(eq(escalations.caseId, e.caseId)).get()?.m ?? 0) + 1;
      const row = db
        .insert(escalations)
        .values({ ...(toRow(e) as typeof escalations.$inferInsert), seq })
        .returning()
        .get();
      return toRecord(row);
    },
    byId(id) {
      const r = db.select().from(escalations).where(eq(escalations.id, id)).get();
      return r ? toRecord(r) : undefined;
    },
    ofCase(caseId) {
      return db.select().from(escalations).where(eq(escalations.caseId, caseId)).orderBy(asc(escalations.seq)).all().map(toRecord);
    },
    update(id, patch) {
      const row = toRow(patch);
      if (Object.keys(row).length > 0) db.update(escalations).set(row).where(eq(escalations.id, id)).run();
    },
    addLevel(escalationId, level, raisedAt, raisedBy, participants) {
      db.insert(escalationLevels)
        .values({ escalationId, level, raisedAt, raisedBy, participants: JSON.stringify(participants) })
        .onConflictDoNothing()
        .run();
    },
    levels(escalationId) {
      return db
        .select()
        .from(escalationLevels)
        .where(eq(escalationLevels.escalationId, escalationId))
        .orderBy(asc(escalationLevels.raisedAt))
        .all()
        .map((l) => ({ level: l.level, raisedAt: l.raisedAt, raisedBy: l.raisedBy, participants: JSON.parse(l.participants) as string[] }));
    },
    due(now, limit) {
      return (dueStmt.all(now, limit) as Array<{ id: number }>).map((r) => repo.byId(r.id)!);
    },
    openByTimer(timerId) {
      return db
        .select()
        .from(escalations)
        .where(and(eq(escalations.timerId, timerId), eq(escalations.state, 'open')))
        .all()
        .map(toRecord);
    },
    open() {
      return db.select().from(escalations).where(eq(escalations.state, 'open')).orderBy(asc(escalations.id)).all().map(toRecord);
    },
  };
  return repo;
}
