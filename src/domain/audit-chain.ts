import { createHash } from 'node:crypto';
import { auditMac, auditMacMatches } from './audit-mac.js';

// The audit log is append-only (every read and write is logged). Each entry's hash covers the previous
// entry's hash, so changing or deleting a row breaks the chain at that row (or the row after it) and
// `npm run audit:verify` can say where. Two things the plain chain cannot see, and what covers them:
// - a row rewritten with every later hash recomputed: the keyed MAC of each row (src/domain/audit-mac.ts);
// - rows cut off at the end: a checkpoint, the newest row's id and hash written outside the database at intervals
//   (the log output and a file a backup keeps, src/adapters/sqlite/audit-checkpoint.ts). The database must still
//   hold that row with that hash, and because the chain links every earlier row to it, nothing up to it was removed
//   or rewritten.

export interface AuditEntry {
  /** Epoch milliseconds. */
  at: number;
  /** A member id, or 'system' for the scheduler. */
  actor: string;
  action: string;
  caseId: number | null;
  reason: string | null;
  details: Record<string, unknown>;
}

export type StoredAuditEntry = AuditEntry & {
  id: number;
  prevHash: string;
  hash: string;
  /** HMAC of the row (audit-mac.ts); null or absent for rows written without a key. */
  mac?: string | null;
};

/** The newest row of the log at one moment, kept outside the database. */
export interface AuditCheckpoint {
  id: number;
  hash: string;
  /** When it was taken (ISO 8601, UTC). */
  at: string;
  /** Rows in the log then. */
  count: number;
  /**
   * The first row with a MAC then, or null. Pins where the MACs begin: a database whose MACs were all stripped would
   * otherwise look like one from before the key, and its later rows could be rewritten unnoticed.
   */
  macFrom: number | null;
}

export interface AuditChecks {
  /** Recompute every MAC with this key; without it only their presence is checked. */
  macKey?: string;
  /** The database must hold the checkpoint's row with its hash, and MACs from its `macFrom` on. */
  checkpoint?: AuditCheckpoint;
}

export interface AuditMacReport {
  /** Whether each MAC was recomputed with the key (false: no key given). */
  checked: boolean;
  /** The first row with a MAC; rows before it date from before the key. Null: no row has one. */
  firstMacId: number | null;
}

export type AuditChainResult =
  | {
      ok: true;
      count: number;
      /** Present when a key was given or some row has a MAC. */
      macs?: AuditMacReport;
    }
  | {
      ok: false;
      firstBrokenId: number;
      problem: string;
      /** Rows before the break that are intact. */
      count: number;
      /** Absent: the chain itself is broken. */
      by?: 'mac' | 'checkpoint';
    };

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level, so the same entry always hashes the same, whatever order its keys
 * were written in. Also how `details` is stored, so what is hashed is exactly what is on disk.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** sha256 (hex) of the canonical JSON of the previous hash and the entry. */
export function auditHash(prevHash: string, entry: AuditEntry): string {
  return sha256(hashPayload(prevHash, entry));
}

const sha256 = (payload: string) => createHash('sha256').update(payload, 'utf8').digest('hex');

/** The hash of the entry after `prevHash`, and its MAC when there is a key (else null). */
export function sealAuditEntry(
  prevHash: string,
  entry: AuditEntry,
  macKey: string | undefined,
): { hash: string; mac: string | null } {
  const payload = hashPayload(prevHash, entry);
  const hash = sha256(payload);
  return { hash, mac: macKey === undefined ? null : auditMac(macKey, payload, hash) };
}

/**
 * canonicalJson({ prevHash, at, actor, action, caseId, reason, details }), written out in sorted key order for the
 * usual field types instead of sorting a new object (every append and every verified row goes through here). Anything
 * unusual takes the general path; both give the same bytes (a property test holds them to that).
 */
export function hashPayload(prevHash: string, entry: AuditEntry): string {
  const { at, actor, action, caseId, reason, details } = entry;
  // `?? null`: an undefined slipped past the types is stored as NULL and must hash the same before and after.
  if (typeof at === 'number' && typeof actor === 'string' && typeof action === 'string' && details !== undefined) {
    const q = JSON.stringify;
    return `{"action":${q(action)},"actor":${q(actor)},"at":${q(at)},"caseId":${q(caseId ?? null)},"details":${canonicalJson(details)},"prevHash":${q(prevHash)},"reason":${q(reason ?? null)}}`;
  }
  return canonicalJson({ prevHash, at, actor, action, caseId: caseId ?? null, reason: reason ?? null, details });
}

/**
 * Walks the rows in id order. A row whose prev_hash is not the previous row's hash means a row before it was deleted
 * or replaced; a row whose own hash does not match its content was edited. With a key, a row whose MAC does not match
 * was rewritten (chain recomputed) or signed with another key; with or without one, a row without a MAC after a row
 * with one (or after the checkpoint's `macFrom`) had its MAC removed. With a checkpoint, its row must be there with its
 * hash. On failure, `count` is the number of intact rows before the break.
 */
export function verifyAuditChain(rows: Iterable<StoredAuditEntry>, checks: AuditChecks = {}): AuditChainResult {
  const { macKey, checkpoint } = checks;
  const macsFrom = checkpoint?.macFrom ?? null;
  let expectedPrev = GENESIS_HASH;
  let count = 0;
  let lastId = 0;
  let firstMacId: number | null = null;
  let checkpointSeen = false;
  const broken = (row: StoredAuditEntry, problem: string, by?: 'mac' | 'checkpoint'): AuditChainResult => ({
    ok: false,
    firstBrokenId: row.id,
    problem,
    count,
    ...(by ? { by } : {}),
  });
  for (const row of rows) {
    if (row.prevHash !== expectedPrev) {
      const problem =
        count === 0
          ? 'de eerste regel verwijst niet naar het begin van de keten (eerdere regels verwijderd?)'
          : 'verwijst niet naar de vorige regel (een regel ervoor is verwijderd of vervangen)';
      return broken(row, problem);
    }
    const payload = hashPayload(row.prevHash, row);
    if (sha256(payload) !== row.hash) return broken(row, 'inhoud gewijzigd (hash klopt niet met de regel)');
    const mac = row.mac ?? null;
    if (mac === null) {
      if (firstMacId !== null)
        return broken(
          row,
          `MAC ontbreekt, terwijl regel ${firstMacId} en later er een hebben (MAC weggehaald?)`,
          'mac',
        );
      if (macsFrom !== null && row.id >= macsFrom)
        return broken(
          row,
          `MAC ontbreekt, terwijl het controlepunt zegt dat de MAC's bij regel ${macsFrom} beginnen (MAC's weggehaald?)`,
          'mac',
        );
    } else {
      firstMacId ??= row.id;
      if (macKey !== undefined && !auditMacMatches(macKey, payload, row.hash, mac))
        return broken(
          row,
          'MAC klopt niet: de regel is gewijzigd en de keten herberekend, of de sleutel is niet die waarmee de bot schreef',
          'mac',
        );
    }
    if (checkpoint && row.id === checkpoint.id) {
      if (row.hash !== checkpoint.hash)
        return broken(
          row,
          `hash wijkt af van het controlepunt van ${checkpoint.at}: de regels tot en met deze zijn herschreven`,
          'checkpoint',
        );
      checkpointSeen = true;
    }
    if (checkpoint && !checkpointSeen && row.id > checkpoint.id)
      return broken(
        { ...row, id: checkpoint.id },
        `ontbreekt, maar het controlepunt van ${checkpoint.at} noemt deze regel (verwijderd en de keten herberekend?)`,
        'checkpoint',
      );
    expectedPrev = row.hash;
    lastId = row.id;
    count++;
  }
  if (checkpoint && !checkpointSeen)
    return {
      ok: false,
      firstBrokenId: lastId + 1,
      problem: `ontbreekt: de auditlog eindigt ${lastId === 0 ? 'voor de eerste regel' : `bij regel ${lastId}`}, maar het controlepunt van ${checkpoint.at} noemt regel ${checkpoint.id} (regels aan het eind weggehaald?)`,
      count,
      by: 'checkpoint',
    };
  return {
    ok: true,
    count,
    ...(macKey !== undefined || firstMacId !== null ? { macs: { checked: macKey !== undefined, firstMacId } } : {}),
  };
}

/** The checkpoint file's content, or why it is not a checkpoint (Dutch). */
export function parseAuditCheckpoint(value: unknown): { checkpoint: AuditCheckpoint } | { problem: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { problem: 'geen JSON-object met id, hash, at en count' };
  const v = value as Record<string, unknown>;
  const positive = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
  if (!positive(v.id)) return { problem: 'id is geen regelnummer' };
  if (typeof v.hash !== 'string' || !/^[0-9a-f]{64}$/.test(v.hash)) return { problem: 'hash is geen sha256 (hex)' };
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) return { problem: 'at is geen tijdstip' };
  if (!positive(v.count)) return { problem: 'count is geen aantal regels' };
  const macFrom = v.macFrom ?? null;
  if (macFrom !== null && !positive(macFrom)) return { problem: 'macFrom is geen regelnummer' };
  return {
    checkpoint: {
      id: v.id as number,
      hash: v.hash,
      at: v.at,
      count: v.count as number,
      macFrom: macFrom as number | null,
    },
  };
}
