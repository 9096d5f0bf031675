import type { Store } from '../../app/store.js';
import { createAbsenceRepository } from './absence-repository.js';
import { createAcuteRepository } from './acute-repository.js';
import { createAuditLog } from './audit-log.js';
import { createCaseRepository } from './case-repository.js';
import { createEscalationRepository } from './escalation-repository.js';
import { createHandoverRepository } from './handover-repository.js';
import { createLearningRepository } from './learning-repository.js';
import type { Db } from './open-database.js';
import { createOutboxRepository } from './outbox-repository.js';
import { createTimerRepository } from './timer-repository.js';
import { createPreferenceRepository } from './preference-repository.js';
import { createReachabilityRepository } from './reachability-repository.js';
import { createReportingRepository } from './reporting-repository.js';
import { createRetentionRepository } from './retention-repository.js';

/** The SQLite implementation of the persistence port. Transactions nest as savepoints (better-sqlite3). */
export function createStore(db: Db): Store {
  const sqlite = db.$client;
  const audit = createAuditLog(db);
  // One transaction function, reused: better-sqlite3 builds its wrappers on every `transaction()` call, and the tick
  // opens a savepoint per due timer. At the top level BEGIN IMMEDIATE, nested a savepoint, as before.
  const inTransaction = sqlite.transaction((fn: () => unknown) => fn());
  return {
    auditOf: (caseId) => audit.forCase(caseId),
    cases: createCaseRepository(db),
    timers: createTimerRepository(db),
    escalations: createEscalationRepository(db),
    acute: createAcuteRepository(db),
    absences: createAbsenceRepository(db),
    handovers: createHandoverRepository(db),
    outbox: createOutboxRepository(db),
    preferences: createPreferenceRepository(db),
    reporting: createReportingRepository(db),
    retention: createRetentionRepository(db),
    learning: createLearningRepository(db),
    reachability: createReachabilityRepository(db),
    audit,
    transaction: <T>(fn: () => T): T => inTransaction.immediate(fn) as T,
  };
}
