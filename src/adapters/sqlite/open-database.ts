import Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { drizzle, migrate } from './orm.js';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDatabase {
  db: Db;
  sqlite: Database.Database;
  close(): void;
  /**
   * The file at the configured path is still the one that was opened, and writable, with room to write (for
   * /readyz): a database moved aside, deleted or replaced under a running bot means its writes go nowhere anyone will
   * read, and on a full disk every write fails.
   */
  isIntact(): boolean;
}

/** The database holds who works on which family's case: readable and writable by the service user only. */
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

/** Creates the file 0600 before SQLite does (SQLite gives its -wal and -shm files the database's mode), and tightens
 * an existing one. */
function makePrivate(path: string): void {
  if (!existsSync(path)) writeFileSync(path, '', { mode: PRIVATE_FILE, flag: 'wx' }); // an empty file is an empty database
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if (existsSync(file)) chmodSync(file, PRIVATE_FILE);
    } catch {
      // Not ours to change (another owner): the deployment's own permissions stand.
    }
  }
}

/**
 * The bot's busy timeout. better-sqlite3 waits for another process's write lock synchronously, blocking the event
 * loop (every turn, /healthz, the outbox) for as long as it waits. 100 ms absorbs another process's short write
 * transactions (an admin script, a second bot instance: milliseconds each; SQLite polls after 1, 2, 5, 10 … ms) and
 * bounds one stall to 100 ms; longer holds are waited out asynchronously (retryWhenBusy). In
 * bench/fault-contention.ts 50 ms kept /healthz a little quicker but lost more turns to a writer that holds the lock
 * for seconds; 250 ms would stall longer for no gain against ordinary writers.
 */
export const BOT_BUSY_TIMEOUT_MS = 100;

/**
 * Below this much free space on the database's file system the bot says it is not ready. A write transaction grows
 * the write-ahead log by the pages it touches (a due tick of 1 000 steps: a few MB) and a checkpoint needs room too;
 * at 64 MB an operator's disk alert has time to act before SQLite starts failing writes with SQLITE_FULL.
 */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

/** Free bytes for an unprivileged writer on the file system holding `dir`. */
function freeBytesOn(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Admin scripts (purge, kpi) have no event loop to keep free: they may simply wait, as the bot did before. */
export const ADMIN_BUSY_TIMEOUT_MS = 15_000;

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../../db/migrations');

/** The database file is not there, and the caller did not ask for a new one (`create: false`). */
export class DatabaseMissingError extends Error {
  override name = 'DatabaseMissingError';
  constructor(readonly databasePath: string) {
    super(
      `The database ${databasePath} does not exist. In credentials mode the bot does not create one by itself: a ` +
        'missing file is more often a wrong DATABASE_PATH, an unmounted volume or a lost disk than a first start, and ' +
        'an empty database would silently forget every case. A first start: `npm run db:init` (creates it with every ' +
        'migration). Otherwise: check DATABASE_PATH and the volume, or restore a backup (docs/deploy.md).',
    );
  }
}

/**
 * Opens (or creates) the SQLite file with WAL, foreign keys and a busy timeout (default: the bot's short one), and
 * applies the committed migrations. With `create: false` a file that is not there is a DatabaseMissingError.
 */
export function openDatabase(
  path: string,
  options: { busyTimeoutMs?: number; create?: boolean; freeBytes?: (dir: string) => number } = {},
): OpenDatabase {
  const onDisk = path !== ':memory:';
  if (onDisk && options.create === false && !existsSync(path)) throw new DatabaseMissingError(path);
  if (onDisk) {
    mkdirSync(dirname(resolve(path)), { recursive: true, mode: PRIVATE_DIR });
    makePrivate(path);
  }
  const sqlite = new Database(path);
  const opened = onDisk ? statSync(path) : undefined;
  // Start-up may wait: nothing is served yet, and migrating must not fail on another process's transaction.
  sqlite.pragma(`busy_timeout = ${ADMIN_BUSY_TIMEOUT_MS}`);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // Savepoint and statement journals in memory: the scheduler opens a savepoint per due timer, and with journals in
  // temporary files every page a step touches was also written there (tens of thousands of writes per 1 000 steps).
  sqlite.pragma('temp_store = MEMORY');
  // Deleted content is overwritten, not left in free space: once the purge destroys a case's key (case-keys.ts), no
  // copy of it may linger in the file, nor of the case's deleted rows.
  sqlite.pragma('secure_delete = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BOT_BUSY_TIMEOUT_MS}`);
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
    isIntact: () => {
      if (!opened) return true;
      try {
        const now = statSync(path);
        accessSync(path, constants.W_OK);
        if (now.ino !== opened.ino || now.dev !== opened.dev) return false;
        return (options.freeBytes ?? freeBytesOn)(dirname(resolve(path))) >= MIN_FREE_BYTES;
      } catch {
        return false;
      }
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
