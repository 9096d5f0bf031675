import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScenario } from '../../src/cli/scenario/parse-scenario.js';
import { replayScenario, type ReplayResult } from '../../src/cli/scenario/replay-scenario.js';
import { loadNormsFile } from '../../src/adapters/files/load-norms-file.js';
import { DEFAULT_NORMS_FILE } from '../../src/config.js';

// Golden scenario tests: every top-level test/scenarios/<name>.json is replayed in process with the default norms and its
// output must equal <name>.expected.jsonl. The expected files were computed by hand from docs/behaviour.md and
// docs/scenario-format.md (reasoning in <name>.md), not recorded from the implementation. Lines at the same instant come
// in the order of their causes, which nothing may depend on, so they are compared as a set; everything else — every
// line, its delivery time and its order in time — must be equal, and two replays must agree byte for byte.
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
  'seed-002-afgesproken-werkwijze',
  'seed-002-iedereen-ongelukkig',
  'flow-jeugdbeschermingstafel',
  'flow-consultation',
  'flow-preventive-jb',
  'flow-jeugdhulp-decision',
  'flow-regional-expert-team',
  'flow-bridging',
  'flow-deputies',
  'learning-together',
];

async function replayFile(name: string): Promise<ReplayResult> {
  const parsed = parseScenario(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')));
  if ('problems' in parsed) throw new Error(`${name}.json is invalid:\n${parsed.problems.join('\n')}`);
  return replayScenario(parsed.scenario, loadNormsFile(DEFAULT_NORMS_FILE));
}

/** The lines with each group of same-instant lines sorted: the order among them is not part of the contract. */
function inTimeOrder(lines: readonly string[]): string[] {
  const out: string[] = [];
  let group: string[] = [];
  let at: unknown;
  for (const line of lines) {
    const next = (JSON.parse(line) as { at: unknown }).at;
    if (next !== at && group.length > 0) out.push(...group.sort());
    if (next !== at) group = [];
    group.push(line);
    at = next;
  }
  return [...out, ...group.sort()];
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

    // Determinism: the same file gives the same output, byte for byte (docs/scenario-format.md).
    expect(stdoutOf(second)).toBe(stdoutOf(first));
    expect(second.errors).toEqual(first.errors);

    // Only the intended steps are refused: a typo in a scenario must not silently change what is tested.
    expect(refusedSteps(first), first.errors.join('\n')).toEqual(expectedErrors(name));

    // Line by line (a readable diff); same-instant lines as a set. Every line is one JSON object ending in a newline.
    expect(inTimeOrder(first.lines)).toEqual(inTimeOrder(expected.split('\n').filter((l) => l !== '')));
    expect(expected.endsWith('\n') || expected === '').toBe(true);
    expect(stdoutOf(first).length).toBe(expected.length);
  }, 300_000);
});
