import { createHash } from 'node:crypto';

// The audit log is append-only (every read and write is logged). Each entry's hash covers the previous
// entry's hash, so changing or deleting a row breaks the chain at that row (or the row after it) and
// `npm run audit:verify` can say where. The chain cannot see rows cut off at the end: that needs the last hash
// kept somewhere else (a backup, a report).

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

export type StoredAuditEntry = AuditEntry & { id: number; prevHash: string; hash: string };

export type AuditChainResult =
  { ok: true; count: number } | { ok: false; firstBrokenId: number; problem: string; count: number };

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
  return createHash('sha256').update(hashPayload(prevHash, entry), 'utf8').digest('hex');
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
 * or replaced; a row whose own hash does not match its content was edited. On failure, `count` is the number of
 * intact rows before the break.
 */
export function verifyAuditChain(rows: Iterable<StoredAuditEntry>): AuditChainResult {
  let expectedPrev = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    if (row.prevHash !== expectedPrev) {
      const problem =
        count === 0
          ? 'de eerste regel verwijst niet naar het begin van de keten (eerdere regels verwijderd?)'
          : 'verwijst niet naar de vorige regel (een regel ervoor is verwijderd of vervangen)';
      return { ok: false, firstBrokenId: row.id, problem, count };
    }
    if (auditHash(row.prevHash, row) !== row.hash) {
      return { ok: false, firstBrokenId: row.id, problem: 'inhoud gewijzigd (hash klopt niet met de regel)', count };
    }
    expectedPrev = row.hash;
    count++;
  }
  return { ok: true, count };
}
