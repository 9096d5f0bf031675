import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

// Crypto-shredding of a case's audit rows. The audit log is append-only and hash-chained, so the purge cannot delete
// or blank a case's rows without breaking the chain. Instead every case has its own data key (32 random bytes, table
// `case_keys`), and the audit log stores what identifies the case and its people (the actor, the reason, the details:
// member ids, the case reference, free text) only as AES-256-GCM ciphertext under that key. The chain and the MAC
// cover the ciphertext exactly as stored. The purge destroys the key in the transaction that removes the case's rows:
// the rows stay, the chain still verifies, and what they said can no longer be read by anyone.
//
// The key row is kept as a tombstone (key NULL, destroyed_at set), so a row written for the case after its purge (a
// read recorded a moment too late) is sealed under a key that is thrown away at once: nothing written afterwards says
// anything about the case either. For the key to be gone from the file and not only from the table, the connection
// deletes securely (PRAGMA secure_delete, set in open-database.ts) and the purge ends with a truncating WAL checkpoint
// (retention-repository.ts).

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The format of a sealed value; a new format gets a new prefix and this one stays readable. */
const VERSION = 'v1.';

/** The case's key for a new row: its key, 'destroyed' after its purge, or undefined when there is no such case. */
export type KeyForAppend = Buffer | 'destroyed' | undefined;

export interface CaseKeys {
  /**
   * The key to seal a new row of the case with. Made (inside the caller's write transaction) when the case exists and
   * has none yet, so cases opened before migration 0009 get one at their next audit row.
   */
  forAppend(caseId: number): KeyForAppend;
  /** The key to read the case's rows with; undefined once destroyed (or never made). Never makes one. */
  forRead(caseId: number): Buffer | undefined;
  /** Destroys the case's key for good (inside the purge's transaction); a case without a key gets a tombstone too. */
  destroy(caseId: number, at: number): void;
}

/** The key store on `sqlite`, or undefined for a database without `case_keys` (a copy from before migration 0009). */
export function createCaseKeys(sqlite: Database.Database): CaseKeys | undefined {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'case_keys'").get();
  if (!hasTable) return undefined;
  const select = sqlite.prepare<[number], { key: Buffer | null }>('SELECT key FROM case_keys WHERE case_id = ?');
  const caseExists = sqlite.prepare<[number]>('SELECT 1 FROM cases WHERE id = ?').pluck();
  const insert = sqlite.prepare<[number, Buffer]>('INSERT INTO case_keys (case_id, key) VALUES (?, ?)');
  const tombstone = sqlite.prepare<[number, number]>(
    'INSERT INTO case_keys (case_id, key, destroyed_at) VALUES (?, NULL, ?) ON CONFLICT (case_id) DO UPDATE SET key = NULL, destroyed_at = excluded.destroyed_at',
  );
  return {
    forAppend(caseId) {
      const row = select.get(caseId);
      if (row) return row.key ?? 'destroyed';
      if (caseExists.get(caseId) === undefined) return undefined;
      const key = randomBytes(KEY_BYTES);
      insert.run(caseId, key);
      return key;
    },
    forRead: (caseId) => select.get(caseId)?.key ?? undefined,
    destroy: (caseId, at) => void tombstone.run(caseId, at),
  };
}

/** A key that is never stored: what is sealed under it is unreadable from the start. */
export const throwawayKey = (): Buffer => randomBytes(KEY_BYTES);

/** `plaintext` encrypted and authenticated under `key`, bound to `context` (which must be given again to open it). */
export function seal(key: Buffer, context: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The plaintext of a sealed value, or undefined when it is not one, or not sealed under this key and context. */
export function unseal(key: Buffer, context: string, sealed: string): string | undefined {
  if (!sealed.startsWith(VERSION)) return undefined;
  const bytes = Buffer.from(sealed.slice(VERSION.length), 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
