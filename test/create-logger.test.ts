import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PENDING_LOG_BYTES } from '../src/create-logger.js';

// The bot's logger when nobody reads its stdout (a hung log collector): the lines it cannot write wait in memory up to
// a bound and the rest are dropped, instead of piling up until the process runs out of memory (docs/deploy.md).

const ROOT = resolve(import.meta.dirname, '..');
const LINES = 40_000;
const LINE_BYTES = 1_000;

/** A child that logs LINES lines of about LINE_BYTES while nobody reads its stdout, says so on stderr, then exits. */
const CHILD = `
import { createLogger } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/create-logger.ts')).href)};
const log = createLogger('info');
const filler = 'x'.repeat(${LINE_BYTES});
for (let i = 0; i < ${LINES}; i++) log.info({ i, filler }, 'line');
process.stderr.write('logged\\n');
setTimeout(() => process.exit(0), 500);
`;

describe('the logger with a stdout nobody reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-logger-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'keeps a bounded number of waiting lines and drops the rest; the process carries on and exits',
    { timeout: 60_000 },
    async () => {
      const script = join(dir, 'child.mts');
      writeFileSync(script, CHILD);
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.pause(); // nobody reads: the pipe fills after its first 64 KiB
      let stderr = '';
      const logged = new Promise<void>((done) =>
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('logged')) done();
        }),
      );
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      const closed = new Promise((done) => child.stdout.once('close', done));
      await logged;
      // Now read what was kept: the pipe's content and what waited in memory, written at exit.
      let received = 0;
      child.stdout.on('data', (d: Buffer) => (received += d.length));
      child.stdout.resume();
      expect(await exited).toBe(0);
      await closed;
      const written = LINES * LINE_BYTES;
      expect(received, 'something was written').toBeGreaterThan(64 * 1024);
      // Kept: at most the bound, plus what the pipe and the read-ahead held before it filled (well under 2 MB).
      expect(received).toBeLessThan(MAX_PENDING_LOG_BYTES + 2 * 1024 * 1024);
      expect(received).toBeLessThan(written / 3);
    },
  );
});
