import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Storage, StoreItems } from 'botbuilder';
import type { Db } from '../sqlite/open-database.js';
import { botState } from '../sqlite/schema.js';

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
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError('SqliteStorage.read: keys are required');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const rows = this.db.select().from(botState).where(inArray(botState.key, keys)).all();
    for (const row of rows) items[row.key] = { ...(JSON.parse(row.value) as object), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new TypeError('SqliteStorage.write: changes are required');
    this.db.transaction((tx) => {
      for (const [key, item] of Object.entries(changes)) {
        if (!item || typeof item !== 'object' || Array.isArray(item)) throw new TypeError(`SqliteStorage.write: "${key}" is not an object`);
        const { eTag, ...value } = item as { eTag?: unknown } & Record<string, unknown>;
        const current = tx.select({ etag: botState.etag }).from(botState).where(inArray(botState.key, [key])).get();
        if (current && eTag !== undefined && eTag !== '*' && eTag !== '' && eTag !== current.etag) throw new ETagConflictError(key);
        const json = JSON.stringify(value);
        const etag = randomUUID();
        tx.insert(botState).values({ key, value: json, etag }).onConflictDoUpdate({ target: botState.key, set: { value: json, etag } }).run();
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('SqliteStorage.delete: keys are required');
    if (keys.length === 0) return;
    this.db.delete(botState).where(inArray(botState.key, keys)).run();
  }
}
