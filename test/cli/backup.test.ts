import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { drizzle } from '../../src/adapters/sqlite/orm.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAuditLog } from '../../src/adapters/sqlite/audit-log.js';
import { openDatabase } from '../../src/adapters/sqlite/open-database.js';
import * as schema from '../../src/adapters/sqlite/schema.js';
import { openCase } from '../../src/app/open-case.js';
import { main } from '../../src/cli/backup.js';
import { openCliContext } from '../../src/cli/open-cli-context.js';

// Issue: "Backup: `npm run backup -- <file>` takes a consistent copy while the bot runs (SQLite online backup); a test
// restores a backup taken under load and finds every case."

const root = resolve(import.meta.dirname, '../..');
const src = (p: string) => pathToFileURL(join(root, 'src', p)).href;

/** Bot-like load in its own process: cases opened and court orders recorded through the use cases, each ref printed after its commit. */
const WRITER = `
const { openCliContext } = await import(${JSON.stringify(src('cli/open-cli-context.ts'))});
const { openCase } = await import(${JSON.stringify(src('app/open-case.ts'))});
const { recordEvent } = await import(${JSON.stringify(src('app/record-event.ts'))});
const { ctx, database } = openCliContext(process.env);
const teams = [['Arnhem', 'arn'], ['Doesburg', 'doe'], ['Duiven', 'dui']];
let stop = false;
process.on('SIGTERM', () => { stop = true; });
for (let i = 0; !stop; i++) {
  const [municipality, p] = teams[i % 3];
  const ref = openCase(ctx, { by: 'lt-' + p, municipality }).ref;
  recordEvent(ctx, { by: 'rvdk-' + p, caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS', months: 12 } });
  process.stdout.write(ref + '\\n');
  if (i % 10 === 9) await new Promise((r) => setImmediate(r));
}
database.close();
`;

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-backup-'));
  dirs.push(dir);
  return dir;
};

function startWriter(databasePath: string) {
  const refs: string[] = [];
  let stderr = '';
  let buffered = '';
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WRITER], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: databasePath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    refs.push(...lines.filter((l) => l.length > 0));
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const until = async (n: number, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (refs.length < n) {
      if (child.exitCode !== null) throw new Error(`writer exited (${child.exitCode}): ${stderr}`);
      if (Date.now() > deadline) throw new Error(`writer wrote only ${refs.length} cases; stderr: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { refs, until, exited, stop: () => child.kill('SIGTERM'), stderr: () => stderr };
}

function run(argv: string[], env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({ code, out, err }));
}

describe('npm run backup', () => {
  it('takes a consistent copy while another process keeps writing; the restored copy holds every case committed before it started', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'teammodel.sqlite');
    openDatabase(databasePath).close(); // migrations applied before the load starts
    const target = join(dir, 'backup.sqlite');

    const writer = startWriter(databasePath);
    await writer.until(200);
    const committedBefore = [...writer.refs];
    const result = await run([target], { DATABASE_PATH: databasePath });
    // The writer was not blocked by the backup: it keeps committing afterwards.
    await writer.until(writer.refs.length + 20);
    writer.stop();
    expect(await writer.exited).toBe(0);

    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out.join('\n')).toMatch(
      new RegExp(
        `^Back-up geschreven naar ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ casussen, integriteit in orde\\.$`,
      ),
    );

    const restored = openDatabase(target);
    try {
      const refs = new Set(
        (restored.sqlite.prepare('SELECT ref FROM cases').all() as Array<{ ref: string }>).map((r) => r.ref),
      );
      const missing = committedBefore.filter((r) => !refs.has(r));
      expect(missing).toEqual([]);
      expect(Number(/: (\d+) casussen/.exec(result.out[0]!)![1])).toBe(refs.size);
      // Consistent: every case in the copy has the whole transaction that wrote it, not half of it.
      const halfWritten = restored.sqlite
        .prepare(
          `SELECT c.ref FROM cases c WHERE c.measure IS NOT NULL AND (
                    NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.event = 'measure_pronounced')
                    OR NOT EXISTS (SELECT 1 FROM timers t WHERE t.case_id = c.id AND t.timer = 'T6')
                    OR NOT EXISTS (SELECT 1 FROM handovers h WHERE h.case_id = c.id AND h.moment = 'H5'))`,
        )
        .all();
      expect(halfWritten).toEqual([]);
      expect(restored.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(createAuditLog(restored.db).verify()).toMatchObject({ ok: true });
    } finally {
      restored.close();
    }
    // The live database went on: it has more cases than the copy.
    const live = openDatabase(databasePath);
    try {
      expect((live.sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(
        writer.refs.length,
      );
    } finally {
      live.close();
    }
  });

  it('refuses to overwrite an existing file, a missing database and a wrong number of arguments with exit code 2', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'teammodel.sqlite');
    openDatabase(databasePath).close();

    const existing = join(dir, 'al-daar.sqlite');
    writeFileSync(existing, 'eerdere back-up');
    const overwrite = await run([existing], { DATABASE_PATH: databasePath });
    expect(overwrite.code).toBe(2);
    expect(overwrite.err.join('\n')).toContain(`${existing} bestaat al`);

    const missingDb = join(dir, 'bestaat-niet.sqlite');
    const target = join(dir, 'nieuw.sqlite');
    const missing = await run([target], { DATABASE_PATH: missingDb });
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toContain(`Database niet gevonden: ${missingDb}`);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(missingDb)).toBe(false);

    expect((await run([], { DATABASE_PATH: databasePath })).code).toBe(2);
    expect((await run([target, 'nog-een'], { DATABASE_PATH: databasePath })).code).toBe(2);
    expect(existsSync(target)).toBe(false);
  });

  it('creates the target directory and leaves one self-contained file there: no -wal, -shm, -journal or .partial', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'live', 'teammodel.sqlite');
    const { ctx, database } = openCliContext({ DATABASE_PATH: databasePath });
    let refs: string[];
    try {
      refs = [
        openCase(ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref,
        openCase(ctx, { by: 'lt-doe', municipality: 'Doesburg' }).ref,
      ];
      // The live database is in WAL mode and keeps its -wal beside it while open: the copy must not.
      expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(existsSync(`${databasePath}-wal`)).toBe(true);

      // The README's own example: a backups/ directory (two levels here) that does not exist yet.
      const target = join(dir, 'backups', 'nightly', 'teammodel-2026-11-23.sqlite');
      expect(existsSync(dirname(target))).toBe(false);
      const result = await run([target], { DATABASE_PATH: databasePath });
      expect(result.err).toEqual([]);
      expect(result.code).toBe(0);
      expect(result.out).toEqual([`Back-up geschreven naar ${target}: 2 casussen, integriteit in orde.`]);

      expect(readdirSync(dirname(target))).toEqual(['teammodel-2026-11-23.sqlite']);
      expect(readdirSync(join(dir, 'backups'))).toEqual(['nightly']);
      // A rollback-journal database (header bytes 18 and 19 are 1; WAL would be 2): opening it creates no -wal/-shm.
      const header = readFileSync(target).subarray(0, 20);
      expect(header.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
      expect([header[18], header[19]]).toEqual([1, 1]);

      const copy = new Database(target, { readonly: true, fileMustExist: true });
      try {
        expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
        const inCopy = (copy.prepare('SELECT ref FROM cases ORDER BY ref').all() as Array<{ ref: string }>).map(
          (r) => r.ref,
        );
        expect(inCopy).toEqual([...refs].sort());
        expect(createAuditLog(drizzle(copy, { schema })).verify()).toMatchObject({ ok: true });
      } finally {
        copy.close();
      }
      expect(readdirSync(dirname(target))).toEqual(['teammodel-2026-11-23.sqlite']);
    } finally {
      database.close();
    }
  });

  it("restored with the bot's own opener, the copy has its cases and is in WAL mode again", async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'teammodel.sqlite');
    const { ctx, database } = openCliContext({ DATABASE_PATH: databasePath });
    let ref: string;
    try {
      ref = openCase(ctx, { by: 'lt-dui', municipality: 'Duiven' }).ref;
    } finally {
      database.close();
    }
    const target = join(dir, 'restore-drill', 'copy.sqlite');
    expect((await run([target], { DATABASE_PATH: databasePath })).code).toBe(0);
    const restored = openDatabase(target);
    try {
      expect(restored.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(restored.sqlite.prepare('SELECT ref FROM cases').pluck().all()).toEqual([ref]);
    } finally {
      restored.close();
    }
  });

  it('a copy that cannot be checked leaves nothing behind: no target, no .partial, no sidecar', async () => {
    const dir = tempDir();
    // An SQLite file that is not the bot's database (no cases table): the check after copying fails.
    const databasePath = join(dir, 'other.sqlite');
    const other = new Database(databasePath);
    other.pragma('journal_mode = WAL');
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY)');
    other.close();
    const target = join(dir, 'backups', 'copy.sqlite');
    await expect(run([target], { DATABASE_PATH: databasePath })).rejects.toThrow(/no such table: cases/);
    expect(readdirSync(join(dir, 'backups'))).toEqual([]);
  });
});
