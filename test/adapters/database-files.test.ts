import { mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIN_FREE_BYTES, openDatabase } from '../../src/adapters/sqlite/open-database.js';
import { main as backup } from '../../src/cli/backup.js';

// The database holds who works on which family's case: it, its WAL and its backups are private to the service user,
// and a database moved or replaced under a running bot makes it "not ready" instead of writing into the void.

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'teammodel-files-'));
  dirs.push(d);
  return d;
};
const mode = (path: string) => statSync(path).mode & 0o777;

describe('database files', () => {
  it('a new database, its -wal and -shm, and its directory are created private (0600, 0700)', () => {
    const dir = join(tempDir(), 'data');
    const file = join(dir, 'bot.sqlite');
    const db = openDatabase(file);
    try {
      db.sqlite.prepare("INSERT INTO bot_state (key, value, etag) VALUES ('x', '{}', '1')").run();
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
    } finally {
      db.close();
    }
  });

  it('an existing database that others could read is tightened to 0600 at open', () => {
    const file = join(tempDir(), 'old.sqlite');
    writeFileSync(file, '', { mode: 0o644 });
    openDatabase(file).close();
    expect(mode(file)).toBe(0o600);
  });

  it('isIntact: false once the file is moved away or replaced under the open database', () => {
    const dir = tempDir();
    const file = join(dir, 'bot.sqlite');
    const db = openDatabase(file);
    try {
      expect(db.isIntact()).toBe(true);
      renameSync(file, join(dir, 'aside.sqlite'));
      expect(db.isIntact()).toBe(false);
      writeFileSync(file, '');
      expect(db.isIntact()).toBe(false); // another file at the same path
      rmSync(file);
      renameSync(join(dir, 'aside.sqlite'), file);
      expect(db.isIntact()).toBe(true);
    } finally {
      db.close();
    }
  });

  it('isIntact: false while the disk holding the database is (nearly) full, true again once there is room', () => {
    const dir = tempDir();
    let free = MIN_FREE_BYTES;
    const asked: string[] = [];
    const db = openDatabase(join(dir, 'bot.sqlite'), {
      freeBytes: (d) => {
        asked.push(d);
        return free;
      },
    });
    try {
      expect(db.isIntact()).toBe(true);
      free = MIN_FREE_BYTES - 1;
      expect(db.isIntact()).toBe(false);
      free = 0;
      expect(db.isIntact()).toBe(false);
      free = 10 * MIN_FREE_BYTES;
      expect(db.isIntact()).toBe(true);
      expect(new Set(asked)).toEqual(new Set([dir]));
    } finally {
      db.close();
    }
  });

  it('isIntact reads the real free space by default (this test machine has room)', () => {
    const db = openDatabase(join(tempDir(), 'bot.sqlite'));
    try {
      expect(db.isIntact()).toBe(true);
    } finally {
      db.close();
    }
  });

  it('a backup copy is private too', async () => {
    const dir = tempDir();
    const file = join(dir, 'bot.sqlite');
    openDatabase(file).close();
    const target = join(dir, 'backups', 'copy.sqlite');
    const out: string[] = [];
    const code = await backup([target], { DATABASE_PATH: file }, { out: (l) => out.push(l), err: (l) => out.push(l) });
    expect(code).toBe(0);
    expect(mode(target)).toBe(0o600);
  });
});
