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

  it(
    'still ends after SIGTERM when its stdout is never read and the log writes block (the grace period, then SIGKILL)',
    { timeout: 120_000 },
    async () => {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(port),
          DATABASE_PATH: join(dir, 'blocked.sqlite'),
          LOG_LEVEL: 'debug',
        },
        // stdout is a pipe nobody reads: once its 64 KiB are full, every log line blocks the main thread.
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let exit: { code: number | null; signal: string | null } | undefined;
      const exited = new Promise<void>((r) =>
        child.on('exit', (code, signal) => {
          exit = { code, signal };
          r();
        }),
      );
      try {
        await waitForHealth(`http://127.0.0.1:${port}/healthz`, Date.now() + 60_000, () => exit !== undefined);
        // Each message writes a few log lines (about 1.6 KB with its failed reply): 150 of them fill the pipe.
        const message = JSON.stringify({
          type: 'message',
          text: 'hallo',
          from: { id: 'x' },
          conversation: { id: 'c' },
          serviceUrl: 'http://127.0.0.1:1/',
          channelId: 'msteams',
          recipient: { id: 'b' },
        });
        for (let i = 0; i < 150; i++)
          void fetch(`http://127.0.0.1:${port}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: message,
            signal: AbortSignal.timeout(5_000),
          }).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 8_000));
        const signalledAt = Date.now();
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 45_000))]);
        // Ended by the watchdog's SIGKILL: the main thread was indeed stuck (otherwise its own timer or a clean stop).
        expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
        expect(Date.now() - signalledAt).toBeLessThan(45_000);
      } finally {
        if (exit === undefined) child.kill('SIGKILL');
      }
    },
  );
});
