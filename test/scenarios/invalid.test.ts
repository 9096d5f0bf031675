import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/scenario.js';
import { parseScenario } from '../../src/cli/scenario/parse-scenario.js';
import { replayScenario } from '../../src/cli/scenario/replay-scenario.js';
import { loadNormsFile } from '../../src/adapters/files/load-norms-file.js';
import { DEFAULT_NORMS_FILE } from '../../src/config.js';

// The scenario CLI's contract (docs/scenario-format.md): exit 2 and nothing on stdout for an invalid file, with the bad field
// named by path; a step that is not allowed is reported on stderr and the replay goes on (exit 0); --norms changes the
// norms. Only two child processes are spawned (each costs ~1.5 s); the rest runs in process.

const root = resolve(import.meta.dirname, '../..');
const fixtures = resolve(import.meta.dirname, 'fixtures');

function spawnScenario(file: string) {
  const r = spawnSync('npx', ['tsx', 'src/cli/scenario.ts', file], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Our own diagnostics on stderr (npx may add its own warnings). */
function stepErrors(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('steps['));
}

describe('scenario CLI: invalid files and refused steps (spawned)', () => {
  it('an unknown action "asign" at steps[3] exits 2, names the field on stderr and prints nothing on stdout', () => {
    const r = spawnScenario(join(fixtures, 'unknown-action.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('steps[3].do: unknown action "asign"');
    expect(r.stdout).toBe('');
  }, 60_000);

  it('a valid file with steps that are not allowed reports them on stderr and goes on (exit 0)', () => {
    const r = spawnScenario(join(fixtures, 'not-allowed-steps.json'));
    expect(r.status).toBe(0);
    // steps[3]: the receiver accepts while only C1 is ticked; steps[4]: rvdk-1 is not a member of this case.
    const errors = stepErrors(r.stderr);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^steps\[3\] \(accept_handover at 2026-09-07T09:15\): /);
    expect(errors[1]).toMatch(/^steps\[4\] \(check_item at 2026-09-07T09:20\): /);
    // stdout holds only JSONL notifications: vt-1 hears of the new case (lt-1 opened it), lt-1 gets the handover request
    // (vt-1 opened it), and vt-1 the L0 escalation raised by lt-1 at steps[6], after the refused steps, which shows that
    // the replay went on. Nobody is told of their own step.
    const lines = r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { at: '2026-09-07T09:00:00+02:00', case: 'N', kind: 'team', subject: 'member_added', to: ['vt-1'] },
      { at: '2026-09-07T09:05:00+02:00', case: 'N', kind: 'handover', moment: 'H2', to: ['lt-1'] },
      {
        at: '2026-09-07T09:30:00+02:00',
        case: 'N',
        kind: 'escalation',
        level: 'L0',
        trigger: 'PROFESSIONAL_DILEMMA',
        to: ['vt-1'],
      },
    ]);
  }, 60_000);
});

describe('scenario CLI: --norms override (in process)', () => {
  let dir: string;
  const whitMonday = resolve(import.meta.dirname, 'whit-monday.json');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scenario-norms-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function runMain(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }

  function writeNorms(name: string, patch: (n: Record<string, any>) => void): string {
    const norms = JSON.parse(readFileSync(DEFAULT_NORMS_FILE, 'utf8')) as Record<string, any>;
    patch(norms);
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(norms, null, 2));
    return file;
  }

  it('T6 = 3 working days moves every T6 step of the whit-monday scenario (hand-computed)', async () => {
    const normsFile = writeNorms('t6-3wd.json', (n) => {
      n.timers.T6.term = { workingDays: 3 };
    });
    const base = await runMain([whitMonday]);
    const changed = await runMain([whitMonday, '--norms', normsFile]);
    expect(base.code).toBe(0);
    expect(changed.code).toBe(0);
    expect(changed.err).toEqual([]);
    expect(changed.out).not.toEqual(base.out);

    // N = 3: remindBefore = max(1, ⌊3/4⌋) = 1, escalateAfter = max(2, ⌈3/2⌉) = 2. Renkum has no GI fixed face, so T6's
    // owner is the coordinator lt-1 (docs/behaviour.md, "Who owns a term"); the overdue reaches the owner, the owner's lead
    // and the other case professionals; the automatic L1 every case professional with their leads.
    // A: order Wed 05-13 → Fri 15, Mon 18, Tue 19 = due 05-19 (Hemelvaart 05-14 skipped); remind Mon 05-18; overdue Wed 05-20;
    //    escalate 20, Thu 05-21. Assignment on 05-27 10:00 resolves it before its reminder (06-01) and opens H5.
    // B: order Fri 05-22 → Tue 26 (Tweede pinksterdag skipped), 27, Thu 28 = due 05-28; remind Wed 05-27; overdue Fri 05-29;
    //    escalate 29, Mon 06-01.
    const overdue = ['lead-lt', 'lt-1', 'rvdk-1', 'vt-1'];
    const L1 = ['lead-lt', 'lead-rvdk', 'lead-vt', 'lt-1', 'rvdk-1', 'vt-1'];
    const joined = { kind: 'team', subject: 'member_added', to: ['lt-1', 'vt-1'] };
    const expected = [
      { at: '2026-05-13T09:00:00+02:00', case: 'A', ...joined },
      { at: '2026-05-18T08:30:00+02:00', case: 'A', kind: 'nudge', timer: 'T6', step: 'remind', to: ['lt-1'] },
      { at: '2026-05-20T08:30:00+02:00', case: 'A', kind: 'nudge', timer: 'T6', step: 'overdue', to: overdue },
      { at: '2026-05-21T08:30:00+02:00', case: 'A', kind: 'escalation', level: 'L1', trigger: 'AGREEMENTS_NOT_FOLLOWED', to: L1 },
      { at: '2026-05-22T10:00:00+02:00', case: 'B', ...joined },
      { at: '2026-05-27T08:30:00+02:00', case: 'B', kind: 'nudge', timer: 'T6', step: 'remind', to: ['lt-1'] },
      { at: '2026-05-27T10:00:00+02:00', case: 'A', kind: 'team', subject: 'member_added', to: ['gi-1'] },
      { at: '2026-05-27T10:00:00+02:00', case: 'A', kind: 'team', subject: 'coordinator_changed', to: ['gi-1', 'lt-1', 'vt-1'] },
      { at: '2026-05-27T10:00:00+02:00', case: 'A', kind: 'handover', moment: 'H5', to: ['gi-1'] },
      { at: '2026-05-29T08:30:00+02:00', case: 'B', kind: 'nudge', timer: 'T6', step: 'overdue', to: overdue },
      { at: '2026-06-01T08:30:00+02:00', case: 'B', kind: 'escalation', level: 'L1', trigger: 'AGREEMENTS_NOT_FOLLOWED', to: L1 },
    ];
    const got = changed.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(got).toHaveLength(expected.length);
    got.forEach((line, i) => expect(line).toMatchObject(expected[i]!));
  }, 180_000);

  it('a pilot closure day counts as a non-working day (Fri 2026-05-15 closed)', async () => {
    const norms = loadNormsFile(DEFAULT_NORMS_FILE);
    const parsed = parseScenario(JSON.parse(readFileSync(whitMonday, 'utf8')));
    if ('problems' in parsed) throw new Error(parsed.problems.join('\n'));
    const r = await replayScenario(parsed.scenario, { ...norms, closureDays: ['2026-05-15'] });
    expect(r.errors).toEqual([]);
    // A: 05-13 → (14 Hemelvaart, 15 closed) Mon 18, 19, 20, 21, Fri 22 = due 05-22; remind Thu 05-21; overdue Tue 05-26
    //    (Mon 25 Tweede pinksterdag); escalate would be Thu 05-28, but the assignment on 05-27 stops T6 first. B is unchanged.
    const got = r.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = got.map((l) =>
      `${String(l.at)} ${String(l.kind)} ${String(l.timer ?? l.level ?? l.moment ?? l.subject)} ${String(l.step ?? '')}`.trim(),
    );
    expect(summary).toEqual([
      '2026-05-13T09:00:00+02:00 team member_added',
      '2026-05-21T08:30:00+02:00 nudge T6 remind',
      '2026-05-22T10:00:00+02:00 team member_added',
      '2026-05-26T08:30:00+02:00 nudge T6 overdue',
      '2026-05-27T10:00:00+02:00 team member_added',
      '2026-05-27T10:00:00+02:00 team coordinator_changed',
      '2026-05-27T10:00:00+02:00 handover H5',
      '2026-05-29T08:30:00+02:00 nudge T6 remind',
      '2026-06-02T08:30:00+02:00 nudge T6 overdue',
      '2026-06-04T08:30:00+02:00 escalation L1',
    ]);
  }, 180_000);
});
