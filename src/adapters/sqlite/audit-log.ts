import type Database from 'better-sqlite3';
import { asc, desc, eq } from 'drizzle-orm';
import {
  auditHash,
  canonicalJson,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditChainResult,
  type AuditEntry,
  type StoredAuditEntry,
} from '../../domain/audit-chain.js';
import type { Db } from './open-database.js';
import { auditLog } from './schema.js';

export interface AuditLog {
  /** Appends inside the caller's transaction if there is one (a savepoint), else in its own immediate transaction. */
  append(entry: AuditEntry): void;
  /** Checks the whole chain, streaming rows so millions of them fit in memory. */
  verify(): AuditChainResult;
  forCase(caseId: number): Array<AuditEntry & { id: number }>;
}

interface RawRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  caseId: number | null;
  reason: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

// A row whose details were edited into invalid JSON still has to reach the chain check, which then reports it as
// changed; it must not crash the verifier.
function parseDetails(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { unreadable: text };
  } catch {
    return { unreadable: text };
  }
}

function toEntry(row: RawRow): StoredAuditEntry {
  return { ...row, details: parseDetails(row.details) };
}

export function createAuditLog(db: Db): AuditLog {
  // drizzle() always sets $client, but open-database's Db type does not declare it.
  const sqlite = (db as Db & { $client: Database.Database }).$client;

  const insert = (entry: AuditEntry) => {
    const last = db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
    const prevHash = last?.hash ?? GENESIS_HASH;
    // Hash what will be read back: details go through JSON once, so dates become strings and undefined disappears.
    const details = JSON.parse(canonicalJson(entry.details ?? {})) as Record<string, unknown>;
    const stored: AuditEntry = { ...entry, caseId: entry.caseId ?? null, reason: entry.reason ?? null, details };
    db.insert(auditLog)
      .values({ ...stored, details: canonicalJson(details), prevHash, hash: auditHash(prevHash, stored) })
      .run();
  };
  // IMMEDIATE takes the write lock before reading the last hash, so two processes cannot both append after the same
  // row and fork the chain. Inside an open transaction better-sqlite3 uses a savepoint instead.
  const appendTx = sqlite.transaction(insert);

  return {
    append: (entry) => appendTx.immediate(entry),

    verify: () => {
      const statement = sqlite.prepare(
        `SELECT id, at, actor, action, case_id AS caseId, reason, details, prev_hash AS prevHash, hash
         FROM audit_log ORDER BY id`,
      );
      function* rows(): Generator<StoredAuditEntry> {
        for (const row of statement.iterate() as IterableIterator<RawRow>) yield toEntry(row);
      }
      return verifyAuditChain(rows());
    },

    forCase: (caseId) =>
      db
        .select()
        .from(auditLog)
        .where(eq(auditLog.caseId, caseId))
        .orderBy(asc(auditLog.id))
        .all()
        .map(({ prevHash: _p, hash: _h, ...row }) => ({ ...row, details: parseDetails(row.details) })),
  };
}
