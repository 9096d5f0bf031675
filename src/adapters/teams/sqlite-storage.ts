import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder';
import type { Db } from '../sqlite/open-database.js';

/** Thrown when a write carries an eTag that is no longer the stored one (another turn wrote in between). */
export class ETagConflictError extends Error {
  readonly code = 'STORAGE_ETAG_CONFLICT';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * botbuilder `Storage` on the `bot_state` table, so teams-ai's TurnState (transient UI state only) survives a restart.
 * eTag semantics follow botbuilder's MemoryStorage: a write without eTag or with `*` overwrites, a write with an eTag
 * must match the stored one (a missing row accepts any), every write gets a new eTag. A batch is one transaction:
 * one conflict and nothing of the batch is written.
 */
export class SqliteStorage implements Storage {
  // Prepared once: teams-ai reads the conversation and user state on every turn.
  private readonly readStmt: Database.Statement<[string], { value: string; etag: string }>;
  private readonly etagStmt: Database.Statement<[string], string>;
  private readonly upsertStmt: Database.Statement<[string, string, string]>;
  private readonly deleteBatch: Database.Transaction<(keys: string[]) => void>;
  private readonly writeBatch: Database.Transaction<(changes: Array<[string, unknown]>) => void>;

  constructor(db: Db) {
    const sqlite = db.$client;
    this.readStmt = sqlite.prepare('SELECT value, etag FROM bot_state WHERE key = ?');
    this.etagStmt = sqlite.prepare<[string], string>('SELECT etag FROM bot_state WHERE key = ?').pluck();
    this.upsertStmt = sqlite.prepare(
      'INSERT INTO bot_state (key, value, etag) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag',
    );
    const deleteStmt = sqlite.prepare<[string]>('DELETE FROM bot_state WHERE key = ?');
    this.deleteBatch = sqlite.transaction((keys: string[]) => {
      for (const key of keys) deleteStmt.run(key);
    });
    this.writeBatch = sqlite.transaction((changes: Array<[string, unknown]>) => {
      for (const [key, item] of changes) {
        if (!item || typeof item !== 'object' || Array.isArray(item))
          throw new TypeError(`SqliteStorage.write: "${key}" is not an object`);
        const { eTag, ...value } = item as { eTag?: unknown } & Record<string, unknown>;
        const current = this.etagStmt.get(key);
        if (current !== undefined && eTag !== undefined && eTag !== '*' && eTag !== '' && eTag !== current)
          throw new ETagConflictError(key);
        this.upsertStmt.run(key, JSON.stringify(value), randomUUID());
      }
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError('SqliteStorage.read: keys are required');
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.readStmt.get(key);
      if (row) items[key] = { ...(JSON.parse(row.value) as object), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new TypeError('SqliteStorage.write: changes are required');
    // IMMEDIATE: the eTag check and the write happen under the write lock, so no other writer slips in between.
    this.writeBatch.immediate(Object.entries(changes));
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('SqliteStorage.delete: keys are required');
    if (keys.length > 0) this.deleteBatch.immediate(keys);
  }
}
