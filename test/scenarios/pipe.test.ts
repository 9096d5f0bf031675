import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNormsFile } from '../../src/adapters/files/load-norms-file.js';
import { notificationReport } from '../../src/cli/scenario.js';
import { parseScenario } from '../../src/cli/scenario/parse-scenario.js';
import { replayScenario } from '../../src/cli/scenario/replay-scenario.js';
import { DEFAULT_NORMS_FILE } from '../../src/config.js';

// The replay's output must be complete when another program reads it through a pipe (docs/scenario-format.md: the same
// file gives the same output, byte for byte). On a pipe Node writes stdout asynchronously; a process.exit() at the end
// used to drop what was still buffered (8 or 9 of 15 runs came back short). The file here writes well over a pipe's
// 64 KB buffer, and the CLI is read through an asynchronous pipe, as a pilot's tooling would.

const root = resolve(import.meta.dirname, '../..');

/** A hundred and twenty Arnhem cases, each with a melding nobody follows up: T1 remind, overdue, an escalation up to L2, T13. */
function busyScenario() {
  const roster = {
    members: [
      { id: 'vt-1', org: 'VT', orgName: 'Veilig Thuis', role: 'professional', lead: 'lead-vt' },
      { id: 'lead-vt', org: 'VT', orgName: 'Veilig Thuis', role: 'team_lead', lead: 'mgr-vt' },
      { id: 'mgr-vt', org: 'VT', orgName: 'Veilig Thuis', role: 'manager' },
      { id: 'lt-1', org: 'LT', orgName: 'Wijkteam', role: 'professional', lead: 'lead-lt' },
      { id: 'lead-lt', org: 'LT', orgName: 'Wijkteam', role: 'team_lead', lead: 'mgr-lt' },
      { id: 'mgr-lt', org: 'LT', orgName: 'Wijkteam', role: 'manager' },
    ],
    fixedTeams: { Arnhem: { LT: 'lt-1', VT: 'vt-1' } },
  };
  const steps = Array.from({ length: 120 }, (_, i) => [
    { at: '2026-09-01T09:00', by: 'vt-1', do: 'open_case', case: `C${i}`, municipality: 'Arnhem' },
    { at: '2026-09-01T09:00', by: 'vt-1', do: 'record_event', case: `C${i}`, event: 'melding_received' },
  ]).flat();
  return { format: 'teammodel-scenario/1', timezone: 'Europe/Amsterdam', until: '2026-12-31', roster, steps };
}

function readThroughPipe(file: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/scenario.ts', file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    // Read slowly, as a consumer that does work per chunk would: the writer must not give up on what is buffered.
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    child.stderr.resume();
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout: Buffer.concat(chunks).toString('utf8') }));
  });
}

describe('the replay through a pipe', () => {
  let dir: string;
  let file: string;
  let expected: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'teammodel-pipe-'));
    file = join(dir, 'busy.json');
    const scenario = busyScenario();
    writeFileSync(file, JSON.stringify(scenario));
    const parsed = parseScenario(scenario);
    if ('problems' in parsed) throw new Error(parsed.problems.join('\n'));
    const r = await replayScenario(parsed.scenario, loadNormsFile(DEFAULT_NORMS_FILE));
    expected = r.lines.map((l) => `${l}\n`).join('');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every line, byte for byte, to a slow reader on an asynchronous pipe, run after run', async () => {
    expect(expected.length).toBeGreaterThan(128 * 1024); // more than a pipe buffer holds
    for (let run = 0; run < 3; run++) {
      const r = await readThroughPipe(file);
      expect(r.code).toBe(0);
      expect(r.stdout.length, `run ${run}`).toBe(expected.length);
      expect(r.stdout === expected, `run ${run}: same bytes`).toBe(true);
    }
  }, 180_000);

  it('--report counts the notifications per person per case', () => {
    const lines = [
      '{"at":"x","case":"A","kind":"nudge","to":["lt-1","vt-1"]}',
      '{"at":"x","case":"A","kind":"team","to":["vt-1"]}',
      '{"at":"x","kind":"weekly","to":["coord"]}',
    ];
    expect(notificationReport(lines)).toEqual([
      'notifications per person per case (3 notifications):',
      '    2  vt-1  A',
      '    1  coord  -',
      '    1  lt-1  A',
    ]);
  });
});
