import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScenario } from '../../src/cli/scenario/parse-scenario.js';
import { replayScenario, type ReplayResult } from '../../src/cli/scenario/replay-scenario.js';
import { loadNormsFile } from '../../src/adapters/files/load-norms-file.js';
import { DEFAULT_NORMS_FILE } from '../../src/config.js';

// Golden scenario tests: every top-level test/scenarios/<name>.json is replayed in process with the default norms and its
// output must equal <name>.expected.jsonl byte for byte. The expected files were computed by hand from domain.md §4.1/§5
// and scenario-format.md (reasoning in <name>.md), not recorded from the implementation.
// <name>.expected-errors.txt lists the steps that must be refused (one `steps[i]` per line); every other step must succeed.

const dir = resolve(import.meta.dirname);
// A year-long replay ticks every office-hours minute (~4 s alone, much longer on a loaded machine), and each file replays twice.
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

const REQUIRED = [
  'whit-monday',
  'weekend',
  'christmas-new-year',
  'dst-spring',
  'dst-autumn',
  'catch-up-after-downtime',
  'postpone-and-acknowledge',
  'escalation-ladder',
  'handover',
  'seed-ots-jeugdbeschermer-wissel',
];

async function replayFile(name: string): Promise<ReplayResult> {
  const parsed = parseScenario(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')));
  if ('problems' in parsed) throw new Error(`${name}.json is invalid:\n${parsed.problems.join('\n')}`);
  return replayScenario(parsed.scenario, loadNormsFile(DEFAULT_NORMS_FILE));
}

/** What the CLI writes on stdout: one line per notification, each ending in a newline. */
function stdoutOf(r: ReplayResult): string {
  return r.lines.map((l) => `${l}\n`).join('');
}

/** The step indices that were refused, from lines like `steps[15] (check_item at …): … [CODE]`. */
function refusedSteps(r: ReplayResult): string[] {
  return r.errors.map((e) => /^steps\[\d+\]/.exec(e)?.[0] ?? e);
}

function expectedErrors(name: string): string[] {
  const file = join(dir, `${name}.expected-errors.txt`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

describe('golden scenarios (test/scenarios/*.json)', () => {
  it('has every required scenario, each with an .expected.jsonl and a .md with the hand computation', () => {
    for (const n of REQUIRED) expect(names, `missing scenario ${n}.json`).toContain(n);
    for (const n of names) {
      expect(existsSync(join(dir, `${n}.expected.jsonl`)), `${n}.expected.jsonl`).toBe(true);
      expect(existsSync(join(dir, `${n}.md`)), `${n}.md`).toBe(true);
    }
  });

  it.each(names)('%s: output equals the hand-computed .expected.jsonl byte for byte, and is deterministic', async (name) => {
    const expected = readFileSync(join(dir, `${name}.expected.jsonl`), 'utf8');
    const first = await replayFile(name);
    const second = await replayFile(name);

    // Determinism: the same file gives the same output, byte for byte (scenario-format.md).
    expect(stdoutOf(second)).toBe(stdoutOf(first));
    expect(second.errors).toEqual(first.errors);

    // Only the intended steps are refused: a typo in a scenario must not silently change what is tested.
    expect(refusedSteps(first), first.errors.join('\n')).toEqual(expectedErrors(name));

    // Line by line first (a readable diff), then byte for byte.
    expect(first.lines).toEqual(expected.split('\n').filter((l) => l !== ''));
    expect(stdoutOf(first)).toBe(expected);
  }, 300_000);
});
