import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DEFAULT_NORMS_FILE } from '../config.js';
import { loadNormsFile } from '../adapters/files/load-norms-file.js';
import { parseScenario } from './scenario/parse-scenario.js';
import { replayScenario } from './scenario/replay-scenario.js';

// npm run scenario -- <file.json> [--norms <norms.json>] [--report]
// stdout: one JSON line per notification; stderr: diagnostics (and with --report the number of notifications per
// person per case, so noise is visible); exit 2 on an invalid file. See docs/scenario-format.md.

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const args = [...argv];
  const report = args.includes('--report');
  if (report) args.splice(args.indexOf('--report'), 1);
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
    io.err('usage: npm run scenario -- <file.json> [--norms <norms.json>] [--report]');
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
  if (report) for (const l of notificationReport(result.lines)) io.err(l);
  return 0;
}

/** Notifications per person per case, most first: "3  lt-1  C" (a weekly or digest line counts under "-"). */
export function notificationReport(lines: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const n = JSON.parse(line) as { case?: string | null; to: string[] };
    for (const who of n.to) {
      const key = `${who}\t${n.case ?? '-'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return [
    `notifications per person per case (${lines.length} notifications):`,
    ...rows.map(([key, n]) => {
      const [who, label] = key.split('\t');
      return `${String(n).padStart(5)}  ${who}  ${label}`;
    }),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // No process.exit(): on a pipe stdout is written asynchronously, and exiting at once dropped the buffered lines
  // (a reader through a pipe got 278–430 of 478). Setting the exit code lets Node flush everything first.
  main(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
