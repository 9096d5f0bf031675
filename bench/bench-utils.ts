import Database from 'better-sqlite3';
import { createServer } from 'node:net';
import { availableParallelism, totalmem } from 'node:os';

// Small helpers shared by the benchmarks: timing, summary statistics and plain-text tables.
// Benchmarks print figures; they never fail a build (see bench/README.md).

/** The value after `name` on the command line (`--cases 1000` → "1000"), or undefined. */
export function argOf(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for a child process to bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` once and returns how long it took in milliseconds (and its result). */
export function timed<T>(fn: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

export function summarise(samples: readonly number[]): Summary {
  if (samples.length === 0) return { n: 0, median: NaN, p95: NaN, min: NaN, max: NaN, mean: NaN };
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return {
    n: s.length,
    median: s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2,
    p95: q(0.95),
    min: s[0]!,
    max: s[s.length - 1]!,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

/** Formats a duration in ms with a unit that keeps 3 significant digits readable (µs below 1 ms). */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  if (ms < 10_000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function rssMb(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}

/** Peak resident set size of this process so far, in MB (ru_maxrss is in kilobytes on Linux). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

export interface GoalRow {
  goal: string;
  measured: string;
  pass: boolean;
}

/** Prints the goal table. Never exits non-zero: a miss is a finding to report, not a failed build. */
export function printGoals(rows: GoalRow[]): void {
  console.log(
    table(
      ['goal', 'measured', 'result'],
      rows.map((r) => [r.goal, r.measured, r.pass ? 'PASS' : 'MISS']),
    ),
  );
}

export function machineLine(): string {
  const memory = new Database(':memory:');
  const { v } = memory.prepare('SELECT sqlite_version() AS v').get() as { v: string };
  memory.close();
  return `node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, SQLite ${v}`;
}
