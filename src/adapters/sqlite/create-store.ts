import type { Store } from '../../app/store.js';
import { createAuditLog } from './audit-log.js';
import { createCaseRepository } from './case-repository.js';
import { createEscalationRepository } from './escalation-repository.js';
import { createHandoverRepository } from './handover-repository.js';
import type { Db } from './open-database.js';
import { createOutboxRepository } from './outbox-repository.js';
import { createTimerRepository } from './timer-repository.js';
import { createPreferenceRepository } from './preference-repository.js';

/** The SQLite implementation of the persistence port. Transactions nest as savepoints (better-sqlite3). */
export function createStore(db: Db): Store {
  const sqlite = db.$client;
  return {
    cases: createCaseRepository(db),
    timers: createTimerRepository(db),
    escalations: createEscalationRepository(db),
    handovers: createHandoverRepository(db),
    outbox: createOutboxRepository(db),
    preferences: createPreferenceRepository(db),
    audit: createAuditLog(db),
    transaction: <T>(fn: () => T): T => sqlite.transaction(fn).immediate(),
  };
}
