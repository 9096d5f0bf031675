import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDatabase {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../../db/migrations');

/** Opens (or creates) the SQLite file with WAL, foreign keys and a busy timeout, and applies the committed migrations. */
export function openDatabase(path: string, options: { busyTimeoutMs?: number } = {}): OpenDatabase {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Long enough that a turn outlasts another process's write transaction (a backup, an admin script) instead of failing.
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 15000}`);
  sqlite.pragma('synchronous = NORMAL');
  // Savepoint and statement journals in memory: the scheduler opens a savepoint per due timer, and with journals in
  // temporary files every page a step touches was also written there (tens of thousands of writes per 1 000 steps).
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

/** For /readyz: the database answers and every committed migration is applied. */
export function isDatabaseReady(sqlite: Database.Database, expectedMigrations: number): boolean {
  try {
    if (!sqlite.open) return false;
    const row = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    return row.n >= expectedMigrations;
  } catch {
    return false;
  }
}
