import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

// Exactly one bot per database file: two schedulers on one file would each send every reminder, and two outbox
// workers would race for the same deliveries.
//
// Why a SQLite transaction held on a separate lock file, and not a PID file or a table row in the database:
// - the lock is the kernel's (SQLite's unix VFS takes fcntl() byte-range locks), so it ends with the process, however
//   it ends: kill -9, an OOM kill or a power cut never leaves a stale lock that blocks the next start;
// - a PID file or a row with a PID needs a liveness check, and a PID says nothing across containers (every container's
//   bot is PID 1) or after PID reuse; a lock held by the kernel needs no such guess;
// - Node has no flock() and we add no native addon: better-sqlite3 is already here, and SQLite also keeps two
//   connections of one process apart (two bots started in one test process are refused too);
// - the lock lives in its own small file (`<database>-lock`) so the database itself stays free for the online backup,
//   `npm run purge` and `npm run audit:verify` while the bot runs.
// The holder first commits who it is (pid, host, start time) and then takes the write lock (BEGIN IMMEDIATE, never
// committed). A second bot's BEGIN IMMEDIATE fails at once (busy timeout 0); it can still read the committed row (a
// rollback-journal database lets readers in while a write lock is merely reserved) and names the holder. Like every
// SQLite lock it needs a local or block disk: on an SMB/Azure Files share the locks are not reliable.

export interface InstanceLock {
  /** The lock file next to the database. */
  readonly file: string;
  /** Gives the lock up (idempotent); the process ending does so too. */
  release(): void;
}

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

/** Another process holds the lock: the message says which database, which lock file and, when known, who. */
export class InstanceLockedError extends Error {
  override name = 'InstanceLockedError';
  constructor(
    readonly databasePath: string,
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder ? `pid ${holder.pid} on host ${holder.host}, started ${holder.startedAt}` : 'another process';
    super(
      `Er draait al een bot op deze database / another bot instance already uses this database:\n` +
        `  database:  ${databasePath}\n` +
        `  lock file: ${lockFile} (held by ${who})\n` +
        `Exactly one instance may run per database file: two schedulers would send every reminder twice. ` +
        `Stop the other instance first; do not scale out (see docs/deploy.md).`,
    );
  }
}

/** `<database>-lock`, with the database's real path, so that two spellings of one file (symlink, ./x) share a lock. */
export function instanceLockFileOf(databasePath: string): string {
  const absolute = resolve(databasePath);
  mkdirSync(dirname(absolute), { recursive: true });
  const real = existsSync(absolute)
    ? realpathSync(absolute)
    : join(realpathSync(dirname(absolute)), basename(absolute));
  return `${real}-lock`;
}

const isBusy = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

/**
 * Takes the one-instance lock for `databasePath` or throws InstanceLockedError. `:memory:` needs none.
 * The lock is held for as long as the process lives, or until release().
 */
export function acquireInstanceLock(
  databasePath: string,
  me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() },
): InstanceLock {
  if (databasePath === ':memory:') return { file: ':memory:', release: () => {} };
  const file = instanceLockFileOf(databasePath);
  const db = new Database(file);
  const token = randomUUID();
  const refuse = (): never => {
    const holder = readHolder(db);
    db.close();
    throw new InstanceLockedError(resolve(databasePath), file, holder);
  };
  try {
    db.pragma('busy_timeout = 0');
    // Two bots starting in the same instant may both commit their row before either takes the lock; the one that gets
    // the lock checks that the row is still its own and, if not, writes it again (a few rounds at most).
    for (let round = 0; round < 5; round++) {
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch (err) {
        if (isBusy(err)) refuse();
        throw err;
      }
      db.exec(
        `CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL,
           host TEXT NOT NULL, started_at TEXT NOT NULL, token TEXT NOT NULL)`,
      );
      db.prepare(`INSERT OR REPLACE INTO holder (id, pid, host, started_at, token) VALUES (1, ?, ?, ?, ?)`).run(
        me.pid,
        me.host,
        me.startedAt,
        token,
      );
      db.exec('COMMIT');
      try {
        db.exec('BEGIN IMMEDIATE'); // held, never committed: this is the lock
      } catch (err) {
        if (isBusy(err)) refuse();
        throw err;
      }
      const row = db.prepare(`SELECT token FROM holder WHERE id = 1`).get() as { token: string } | undefined;
      if (row?.token === token) {
        let released = false;
        return {
          file,
          release: () => {
            if (released) return;
            released = true;
            if (db.inTransaction) db.exec('ROLLBACK');
            db.close();
          },
        };
      }
      db.exec('ROLLBACK');
    }
    return refuse();
  } catch (err) {
    if (db.open) db.close();
    if (err instanceof InstanceLockedError) throw err;
    throw new Error(
      `Cannot take the one-instance lock ${file}: ${(err as Error).message}. When no bot is running, delete the file.`,
      { cause: err },
    );
  }
}

/** Who holds the lock, as they wrote it; undefined when it cannot be read (they are still writing it). */
function readHolder(db: Database.Database): LockHolder | undefined {
  try {
    db.pragma('busy_timeout = 1000'); // the holder may be committing its row this very moment
    const row = db.prepare(`SELECT pid, host, started_at AS startedAt FROM holder WHERE id = 1`).get() as
      LockHolder | undefined;
    return row;
  } catch {
    return undefined;
  }
}
