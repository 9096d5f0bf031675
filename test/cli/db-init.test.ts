import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseMissingError } from '../../src/adapters/sqlite/open-database.js';
import { main as dbInit } from '../../src/cli/db-init.js';
import { startBot } from '../../src/main.js';
import { createRecordingLogger } from '../support/start-test-bot.js';

const CREDENTIALS = {
  MicrosoftAppId: '6a1d2f3e-0000-4000-8000-000000000001',
  MicrosoftAppPassword: 'dummy-not-a-secret',
  MicrosoftAppTenantId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppType: 'SingleTenant',
  AUDIT_MAC_KEY: 'a-test-audit-mac-key-of-at-least-32-characters',
  ALLOWED_TENANTS: '11111111-2222-4333-8444-555555555555',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
};

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'teammodel-dbinit-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const recordingIo = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
};

describe('a first start in credentials mode is an explicit npm run db:init', () => {
  it('refuses to start on a database file that is not there, and creates nothing (no file, directory or lock)', async () => {
    const dir = tempDir();
    const path = join(dir, 'data', 'teammodel.sqlite');
    const start = startBot({ ...CREDENTIALS, DATABASE_PATH: path }, { port: 0, scheduler: false, rosterWatch: false });
    await expect(start).rejects.toBeInstanceOf(DatabaseMissingError);
    await expect(start).rejects.toThrow(/npm run db:init/);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('db:init creates it (0600, every migration), says so, and the bot then starts on it', async () => {
    const dir = tempDir();
    const path = join(dir, 'data', 'teammodel.sqlite');
    const r = recordingIo();
    expect(dbInit([], { DATABASE_PATH: path }, r.io)).toBe(0);
    expect(r.out).toEqual([`Database ${path} aangemaakt, met alle migraties. De bot kan nu starten.`]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const sqlite = new Database(path, { readonly: true });
    const migrations = (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    sqlite.close();
    expect(migrations).toBeGreaterThan(0);

    const bot = await startBot(
      { ...CREDENTIALS, DATABASE_PATH: path },
      { port: 0, scheduler: false, rosterWatch: false, logger: createRecordingLogger() },
    );
    try {
      expect(bot.config.localMode).toBe(false);
      expect(bot.config.databasePath).toBe(path);
    } finally {
      await bot.stop();
    }
  });

  it('on an existing database changes nothing and says it was there already', () => {
    const dir = tempDir();
    const path = join(dir, 'teammodel.sqlite');
    expect(dbInit([], { DATABASE_PATH: path }, recordingIo().io)).toBe(0);
    const sqlite = new Database(path);
    sqlite.prepare("INSERT INTO bot_state (key, value, etag) VALUES ('probe', '{}', 'e')").run();
    sqlite.close();
    const r = recordingIo();
    expect(dbInit([], { DATABASE_PATH: path }, r.io)).toBe(0);
    expect(r.out[0]).toContain('bestond al; niets veranderd');
    const again = new Database(path, { readonly: true });
    expect(again.prepare("SELECT count(*) AS n FROM bot_state WHERE key = 'probe'").get()).toEqual({ n: 1 });
    again.close();
  });

  it('answers an argument or an in-memory database with its usage, and exit code 2', () => {
    const dir = tempDir();
    const a = recordingIo();
    expect(dbInit(['extra'], { DATABASE_PATH: join(dir, 'x.sqlite') }, a.io)).toBe(2);
    expect(a.err[0]).toMatch(/^Gebruik: npm run db:init/);
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
    const b = recordingIo();
    expect(dbInit([], { DATABASE_PATH: ':memory:' }, b.io)).toBe(2);
  });

  it('local mode still creates its database on the first start (the README command works as it is)', async () => {
    const dir = tempDir();
    const path = join(dir, 'data', 'teammodel.sqlite');
    const bot = await startBot(
      { DATABASE_PATH: path, LOG_LEVEL: 'silent' },
      { port: 0, scheduler: false, rosterWatch: false, logger: createRecordingLogger() },
    );
    try {
      expect(existsSync(path)).toBe(true);
    } finally {
      await bot.stop();
    }
  });
});
