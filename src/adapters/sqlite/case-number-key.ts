import type Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { CASE_NUMBER_KEY_BYTES } from '../../domain/case-number.js';

/** Its row in bot_state; teams-ai's own keys there start with the channel id (`msteams/…`), so they never meet it. */
export const CASE_NUMBER_KEY_ROW = 'teammodel/case-number-key';

/**
 * The database's key of the case numbers (domain/case-number.ts): created at random the first time a case is opened,
 * then read. It lives in the database because the numbers it gives only mean something with that database's
 * sequence counters: a restored backup carries both. Call it inside a write transaction (openCase's), so that two
 * processes cannot each create one; INSERT OR IGNORE keeps the first should they race anyway.
 */
export function caseNumberKey(sqlite: Database.Database): Uint8Array {
  const read = () =>
    sqlite.prepare<[string], { value: string }>('SELECT value FROM bot_state WHERE key = ?').get(CASE_NUMBER_KEY_ROW);
  let row = read();
  if (!row) {
    sqlite
      .prepare('INSERT OR IGNORE INTO bot_state (key, value, etag) VALUES (?, ?, ?)')
      .run(
        CASE_NUMBER_KEY_ROW,
        JSON.stringify({ key: randomBytes(CASE_NUMBER_KEY_BYTES).toString('base64') }),
        randomUUID(),
      );
    row = read()!;
  }
  const stored = (JSON.parse(row.value) as { key?: unknown }).key;
  const key = typeof stored === 'string' ? Buffer.from(stored, 'base64') : Buffer.alloc(0);
  if (key.length !== CASE_NUMBER_KEY_BYTES)
    throw new Error(`bot_state ${CASE_NUMBER_KEY_ROW} does not hold a ${CASE_NUMBER_KEY_BYTES}-byte key`);
  return key;
}
