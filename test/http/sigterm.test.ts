import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

async function waitForHealth(url: string, deadline: number, exited: () => boolean): Promise<void> {
  while (Date.now() < deadline && !exited()) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no 200 from ${url}`);
}

// Spawned as `node --import tsx src/main.ts`, one process, not `npx tsx src/main.ts`: npm runs the command through
// `sh -c`, and on SIGTERM npm forwards the signal to that shell only, which dies and orphans the bot (checked on this
// machine with npm 11). Containers must start the bot the same way, without npm in between.
describe('the real process (node --import tsx src/main.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-sigterm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves /healthz, then exits with code 0 on SIGTERM after closing the database', { timeout: 90_000 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATABASE_PATH: join(dir, 'bot.sqlite'), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r((exitCode = code))));
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, Date.now() + 60_000, () => exitCode !== undefined);
      expect(output).toContain('LOKALE MODUS');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('"msg":"stopped"');
      // SQLite removes the WAL file when the last connection closes cleanly.
      expect(existsSync(join(dir, 'bot.sqlite'))).toBe(true);
      expect(existsSync(join(dir, 'bot.sqlite-wal'))).toBe(false);
    } finally {
      if (exitCode === undefined) child.kill('SIGKILL');
    }
  });
});
