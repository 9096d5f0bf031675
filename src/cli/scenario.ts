import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DEFAULT_NORMS_FILE } from '../config.js';
import { loadNormsFile } from '../adapters/files/load-norms-file.js';
import { parseScenario } from './scenario/parse-scenario.js';
import { replayScenario } from './scenario/replay-scenario.js';

// npm run scenario -- <file.json> [--norms <norms.json>]
// stdout: one JSON line per notification; stderr: diagnostics; exit 2 on an invalid file.

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const args = [...argv];
  let normsFile = DEFAULT_NORMS_FILE;
  const n = args.indexOf('--norms');
  if (n >= 0) {
    const v = args[n + 1];
    if (!v) {
      io.err('--norms needs a file');
      return 2;
    }
    normsFile = v;
    args.splice(n, 2);
  }
  const file = args[0];
  if (!file || args.length > 1) {
    io.err('usage: npm run scenario -- <file.json> [--norms <norms.json>]');
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    io.err(`${file}: cannot read the scenario as JSON (${(err as Error).message})`);
    return 2;
  }
  let norms;
  try {
    norms = loadNormsFile(normsFile);
  } catch (err) {
    io.err((err as Error).message);
    return 2;
  }
  const parsed = parseScenario(json);
  if ('problems' in parsed) {
    for (const p of parsed.problems) io.err(p);
    return 2;
  }
  const result = await replayScenario(parsed.scenario, norms);
  for (const e of result.errors) io.err(e);
  for (const l of result.lines) io.out(l);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  }).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
