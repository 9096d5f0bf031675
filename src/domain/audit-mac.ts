import { createHmac, timingSafeEqual } from 'node:crypto';

// Why a MAC on top of the hash chain: anyone who can write the database can also rewrite a row and recompute every
// plain sha256 after it, and the chain verifies again. The MAC is HMAC-SHA256 over the same canonical payload the
// hash covers, plus the row's hash, under a key that lives outside the database (AUDIT_MAC_KEY in the environment or a
// key vault; never in the database or its backups). Without the key no one can make a MAC that `audit:verify` accepts.
//
// The MAC is in its own column, not in the payload, so the chain of rows written before a key was configured stays
// exactly as it was: those rows have no MAC. Once a row has a MAC, every later row must have one; a row without
// one after that is a MAC that was removed (src/domain/audit-chain.ts checks this).
//
// The key is used as given (its UTF-8 bytes): `openssl rand -base64 48` makes a good one. Changing the key makes every
// earlier MAC fail verification with the new key; keep the old key to verify the rows it signed.

/** Shorter keys are refused (src/config.ts, `npm run audit:verify`): 32 characters of base64 are 192 bits. */
export const AUDIT_MAC_KEY_MIN_LENGTH = 32;

/** HMAC-SHA256 (hex) of the row's canonical payload (hashPayload) followed by its hash. */
export function auditMac(key: string, payload: string, hash: string): string {
  return createHmac('sha256', key).update(payload, 'utf8').update(hash, 'utf8').digest('hex');
}

/** Whether `mac` is the row's MAC under `key`, compared in constant time. */
export function auditMacMatches(key: string, payload: string, hash: string, mac: string): boolean {
  const expected = Buffer.from(auditMac(key, payload, hash), 'utf8');
  const actual = Buffer.from(mac, 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
