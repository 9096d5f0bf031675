import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnBot, waitReady, type BotProcess } from '../../bench/fault-harness.js';
import { InstanceLockedError } from '../../src/adapters/sqlite/instance-lock.js';
import { startBot } from '../../src/main.js';
import { createRecordingLogger } from '../support/start-test-bot.js';

// Exactly one instance per database file (issue "deployment", item 4): two schedulers on one file would send every
// reminder twice. A second bot refuses to start, naming the database, the lock file and the holder; the lock is the
// kernel's, so a bot killed with SIGKILL leaves nothing that blocks the next start.

const dirs: string[] = [];
const processes: BotProcess[] = [];
afterAll(async () => {
  for (const p of processes) await p.kill9();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-one-instance-'));
  dirs.push(dir);
  return dir;
};
const spawned = async (dbPath: string) => {
  const bot = await spawnBot({ dbPath });
  processes.push(bot);
  return bot;
};

describe('one bot per database file, as processes', () => {
  it('refuses a second process with a clear message and exit code 1; after kill -9 of the first a new one starts', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'teammodel.sqlite');
    const first = await spawned(dbPath);
    expect(await waitReady(first)).toBeDefined();

    const second = await spawned(dbPath);
    const exit = await second.exited;
    expect(exit).toEqual({ code: 1, signal: null });
    const said = second.output.join('\n');
    expect(said).toContain('another bot instance already uses this database');
    expect(said).toContain(`database:  ${dbPath}`);
    expect(said).toContain(`lock file: ${dbPath}-lock (held by pid ${first.pid} on host `);
    expect(said).toContain('two schedulers would send every reminder twice');
    // It never got as far as serving: nothing listens on its port, and the first bot serves on.
    await expect(fetch(`http://127.0.0.1:${second.port}/healthz`)).rejects.toThrow();
    expect((await fetch(`http://127.0.0.1:${first.port}/readyz`)).status).toBe(200);

    await first.kill9();
    const third = await spawned(dbPath);
    expect(await waitReady(third)).toBeDefined();
    expect(third.output.join('\n')).not.toContain('another bot instance');
    await third.terminate();
    expect(await third.exited).toEqual({ code: 0, signal: null });
  }, 120_000);
});

describe('one bot per database file, in one process', () => {
  it('refuses a second start on the same file, also through a symlinked directory; stop() gives the file free', async () => {
    const dir = tempDir();
    const link = join(tempDir(), 'link');
    symlinkSync(dir, link);
    const env = { DATABASE_PATH: join(dir, 'bot.sqlite'), LOG_LEVEL: 'silent' };
    const first = await startBot(env, { port: 0, scheduler: false, logger: createRecordingLogger() });
    try {
      expect(first.instanceLock.file).toBe(join(dir, 'bot.sqlite-lock'));
      for (const path of [join(dir, 'bot.sqlite'), join(link, 'bot.sqlite')]) {
        const refused = startBot({ ...env, DATABASE_PATH: path }, { port: 0, scheduler: false });
        await expect(refused).rejects.toBeInstanceOf(InstanceLockedError);
        await expect(refused).rejects.toThrow(`held by pid ${process.pid} on host `);
      }
      expect((await fetch(`http://127.0.0.1:${first.port}/readyz`)).status).toBe(200);
    } finally {
      await first.stop();
    }
    const next = await startBot({ ...env, DATABASE_PATH: join(link, 'bot.sqlite') }, { port: 0, scheduler: false });
    await next.stop();
  });
});
