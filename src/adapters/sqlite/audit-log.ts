import type Database from 'better-sqlite3';
import { asc, eq } from './orm.js';
import {
  canonicalJson,
  GENESIS_HASH,
  sealAuditEntry,
  verifyAuditChain,
  type AuditChainResult,
  type AuditChecks,
  type AuditEntry,
  type StoredAuditEntry,
} from '../../domain/audit-chain.js';
import { createCaseKeys, seal, throwawayKey, unseal } from './case-keys.js';
import type { Db } from './open-database.js';
import { auditLog } from './schema.js';

export interface AuditLog {
  /** Appends inside the caller's transaction if there is one, else in its own immediate transaction. */
  append(entry: AuditEntry): void;
  /** Appends with the other entries of this turn of the event loop, in one transaction; resolves once committed. */
  appendSoon(entry: AuditEntry): Promise<void>;
  /**
   * Checks the whole chain, streaming rows so millions of them fit in memory; the MACs with this log's key unless
   * `checks` name another (see verifyAuditChain).
   */
  verify(checks?: AuditChecks): AuditChainResult;
  /** The case's rows, oldest first, opened with the case's key (the inzage export); sealed rows stay sealed without it. */
  forCase(caseId: number): Array<AuditEntry & { id: number }>;
}

/**
 * What the actor column of a sealed row holds. A sealed row keeps its time, action and case id readable; its actor,
 * reason and details are one ciphertext in `details.sealed` under the case's key (case-keys.ts), and its reason is
 * NULL. Not a roster id (those have no brackets or spaces).
 */
export const SEALED_ACTOR = '(versleuteld)';

/** What a sealed row is bound to: its ciphertext cannot be moved to another row and still open. */
const sealContext = (row: { caseId: number; action: string; at: number }) =>
  `teammodel-audit:${row.caseId}:${row.action}:${row.at}`;

/** The entry as it is stored for a case with a key: actor, reason and details sealed together. */
function sealEntry(entry: AuditEntry & { caseId: number }, key: Buffer): AuditEntry {
  const plaintext = canonicalJson({ actor: entry.actor, reason: entry.reason, details: entry.details });
  return { ...entry, actor: SEALED_ACTOR, reason: null, details: { sealed: seal(key, sealContext(entry), plaintext) } };
}

/** A stored row as it was given, when it is sealed and `key` opens it; otherwise as stored. */
function openEntry<T extends AuditEntry>(row: T, key: Buffer | undefined): T {
  const sealed = row.details.sealed;
  if (key === undefined || row.caseId === null || row.actor !== SEALED_ACTOR || typeof sealed !== 'string') return row;
  const text = unseal(key, sealContext({ ...row, caseId: row.caseId }), sealed);
  if (text === undefined) return row;
  const given = JSON.parse(text) as Pick<AuditEntry, 'actor' | 'reason' | 'details'>;
  return { ...row, actor: given.actor, reason: given.reason, details: given.details };
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
  mac: string | null;
}

// A row whose details were edited into invalid JSON still has to reach the chain check, which then reports it as
// changed; it must not crash the verifier.
function parseDetails(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : { unreadable: text };
  } catch {
    return { unreadable: text };
  }
}

function toEntry(row: RawRow): StoredAuditEntry {
  return { ...row, details: parseDetails(row.details) };
}

// The MAC key of each connection: set once by the composition root right after opening the database (src/main.ts),
// like a pragma, so every audit log made on that connection signs its rows without the key passing through the
// use-case layer. Held in memory only; never written anywhere.
const macKeys = new WeakMap<Database.Database, string>();

/** Every audit row written through `sqlite` from now on carries a MAC under `key` (undefined: none). */
export function signAuditRowsWith(sqlite: Database.Database, key: string | undefined): void {
  if (key === undefined) macKeys.delete(sqlite);
  else macKeys.set(sqlite, key);
}

export function createAuditLog(db: Db, options: { macKey?: string } = {}): AuditLog {
  // drizzle() always sets $client, but open-database's Db type does not declare it.
  const sqlite = (db as Db & { $client: Database.Database }).$client;
  const macKey = options.macKey ?? macKeys.get(sqlite);
  // A copy from before migration 0008 (checked read-only by audit:verify) has no mac column: its rows have no MAC.
  const hasMacColumn = (sqlite.pragma('table_info(audit_log)') as Array<{ name: string }>).some(
    (c) => c.name === 'mac',
  );
  // A copy from before migration 0009 has no case keys: its rows are stored as given.
  const caseKeys = createCaseKeys(sqlite);

  // Prepared once: every escalation step of a tick appends.
  const lastHashStmt = sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck();
  const insertStmt = sqlite.prepare(
    hasMacColumn
      ? 'INSERT INTO audit_log (at, actor, action, case_id, reason, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
      : 'INSERT INTO audit_log (at, actor, action, case_id, reason, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );

  const lastHash = () => (lastHashStmt.get() as string | undefined) ?? GENESIS_HASH;
  /** Inserts the entry after `prevHash` (the hash of the last row, read inside the same write transaction); returns its hash. */
  const insertAfter = (prevHash: string, entry: AuditEntry): string => {
    // Hash what will be read back: details go through JSON once, so dates become strings and undefined disappears.
    const details = JSON.parse(canonicalJson(entry.details ?? {})) as Record<string, unknown>;
    const given: AuditEntry = { ...entry, caseId: entry.caseId ?? null, reason: entry.reason ?? null, details };
    // A row of a case is sealed under the case's key, or under a key thrown away at once when the case was purged;
    // rows without a case (or of an id no case has) are stored as given.
    const caseId = given.caseId;
    const key = caseId === null ? undefined : caseKeys?.forAppend(caseId);
    const stored =
      caseId === null || key === undefined
        ? given
        : sealEntry({ ...given, caseId }, key === 'destroyed' ? throwawayKey() : key);
    const { hash, mac } = sealAuditEntry(prevHash, stored, macKey);
    const values = [
      stored.at,
      stored.actor,
      stored.action,
      stored.caseId,
      stored.reason,
      canonicalJson(stored.details),
    ];
    if (hasMacColumn) insertStmt.run(...values, prevHash, hash, mac);
    else insertStmt.run(...values, prevHash, hash);
    return hash;
  };
  const insert = (entry: AuditEntry) => void insertAfter(lastHash(), entry);
  // IMMEDIATE takes the write lock before reading the last hash, so two processes cannot both append after the same
  // row and fork the chain. Inside an open transaction the append runs in it directly (see append below).
  const appendTx = sqlite.transaction(insert);

  // Entries waiting for the next check phase of the event loop, when they are committed together: under load many
  // turns record a view in the same turn of the loop, and one commit (one WAL write) serves them all.
  let waiting: Array<{ entry: AuditEntry; resolve: () => void; reject: (err: unknown) => void }> = [];
  // One read of the last hash per batch: within the transaction each entry follows the one inserted before it.
  const appendAll = sqlite.transaction((entries: AuditEntry[]) => entries.reduce(insertAfter, lastHash()));
  const flush = () => {
    const batch = waiting;
    waiting = [];
    try {
      appendAll.immediate(batch.map((w) => w.entry));
    } catch (err) {
      // All or nothing: every waiting turn hears of the failure (a busy database is retried by the turn).
      for (const w of batch) w.reject(err);
      return;
    }
    for (const w of batch) w.resolve();
  };

  return {
    // Inside the caller's transaction the write lock is already held and the insert is one statement: no savepoint.
    append: (entry) => (sqlite.inTransaction ? insert(entry) : appendTx.immediate(entry)),

    appendSoon: (entry) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ entry, resolve, reject });
        if (waiting.length === 1) setImmediate(flush);
      }),

    verify: (checks = {}) => {
      const statement = sqlite.prepare(
        `SELECT id, at, actor, action, case_id AS caseId, reason, details, prev_hash AS prevHash, hash,
                ${hasMacColumn ? 'mac' : 'NULL AS mac'}
         FROM audit_log ORDER BY id`,
      );
      function* rows(): Generator<StoredAuditEntry> {
        for (const row of statement.iterate() as IterableIterator<RawRow>) yield toEntry(row);
      }
      return verifyAuditChain(rows(), { ...(macKey !== undefined ? { macKey } : {}), ...checks });
    },

    forCase: (caseId) => {
      const key = caseKeys?.forRead(caseId);
      return db
        .select()
        .from(auditLog)
        .where(eq(auditLog.caseId, caseId))
        .orderBy(asc(auditLog.id))
        .all()
        .map(({ prevHash: _p, hash: _h, mac: _m, ...row }) =>
          openEntry({ ...row, details: parseDetails(row.details) }, key),
        );
    },
  };
}
