import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The bot process exactly as `npm start` runs it, for benches (bench/teammodel-bot-process.ts, bench/memory.bench.ts):
// the node options and entry file of package.json's "start" script, after its "prestart" step (the build), with the
// bench's own extra node options after the script's (so they win) and bench/bot-preload.mjs preloaded through
// NODE_OPTIONS (usage probes over IPC, and the bench clock). The one difference from `npm start` is that node is
// started directly, without npm and a shell around it: those are separate processes and do not change the bot's.
//
// BENCH_START_COMMAND="node --import tsx src/main.ts" measures another start command the same way (e.g. the one
// before the build step), with no build.

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PRELOAD = pathToFileURL(join(REPO_ROOT, 'bench/bot-preload.mjs')).href;

function scripts(): Record<string, string | undefined> {
  return (
    (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> })
      .scripts ?? {}
  );
}

export interface StartCommand {
  /** The command as written (package.json's "start", or BENCH_START_COMMAND). */
  text: string;
  nodeArgs: string[];
  /** Absolute path of the entry file. */
  entry: string;
  /** package.json's "prestart", run before the first start; none for BENCH_START_COMMAND. */
  prestart?: string;
}

/** Parses `node [options] FILE`; anything else (a shell construct, another program) is refused, not guessed at. */
export function npmStartCommand(env: NodeJS.ProcessEnv = process.env): StartCommand {
  const override = env.BENCH_START_COMMAND?.trim();
  const s = scripts();
  const text = override || s.start;
  if (!text) throw new Error('package.json has no "start" script');
  const words = text.trim().split(/\s+/);
  if (words[0] !== 'node' || words.length < 2 || words.some((w) => /['"$`&|;<>()\\]/.test(w))) {
    throw new Error(`the start command is "${text}"; bench/npm-start.ts knows only the form "node [options] FILE"`);
  }
  return {
    text,
    nodeArgs: words.slice(1, -1),
    entry: resolve(REPO_ROOT, words[words.length - 1]!),
    prestart: override ? undefined : s.prestart,
  };
}

/** Runs what npm runs before `start` (package.json's "prestart": the build) and returns how long it took. */
export function runPrestart(command: StartCommand = npmStartCommand()): number {
  if (!command.prestart) return 0;
  const started = Date.now();
  // tsc prints its errors on stdout: they go to stderr here, so a failed build says why.
  execFileSync('npm', ['run', '--silent', 'prestart'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  return Date.now() - started;
}

/** This process's node options without the tsx loader (a bench runs under tsx; the bot must not). */
export function nodeArgsWithoutTsx(execArgv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    if (
      (a === '--import' || a === '--require' || a === '--loader' || a === '-r') &&
      /tsx/.test(execArgv[i + 1] ?? '')
    ) {
      i++;
      continue;
    }
    if (/^--(import|require|loader)=.*tsx/.test(a)) continue;
    out.push(a);
  }
  return out;
}

/**
 * Spawns the start command's node process with an IPC channel (cwd: the repository, like npm). `extraNodeArgs` go
 * after the script's options; `clockStartMs` sets the bot's clock (bench/bot-preload.mjs).
 */
export function spawnLikeNpmStart(o: {
  command?: StartCommand;
  env: NodeJS.ProcessEnv;
  extraNodeArgs?: string[];
  clockStartMs?: number;
  stdout?: 'pipe' | 'ignore' | 'inherit';
}): { child: ChildProcess; argv: string[] } {
  const command = o.command ?? npmStartCommand(o.env);
  const argv = [...command.nodeArgs, ...(o.extraNodeArgs ?? []), command.entry];
  const env: NodeJS.ProcessEnv = {
    ...o.env,
    NODE_OPTIONS: [o.env.NODE_OPTIONS, `--import ${PRELOAD}`].filter(Boolean).join(' '),
    BENCH_CLOCK_START_MS: o.clockStartMs === undefined ? '' : String(o.clockStartMs),
  };
  const child = spawn(process.execPath, argv, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', o.stdout ?? 'pipe', 'inherit', 'ipc'],
  });
  return { child, argv };
}

/** Resident set size and its peak of any process of this user, read from /proc (works while its event loop is busy). */
export function procRss(pid: number): { rssMb: number; peakRssMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Resets the process's peak RSS (VmHWM) to its current RSS (Linux: `echo 5 > /proc/PID/clear_refs`). */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
