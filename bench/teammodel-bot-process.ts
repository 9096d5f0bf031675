// Our bot in a process of its own for benches (bench/chat-throughput.bench.ts, bench/memory.bench.ts), spawned by
// bench/process-probe.ts's spawnService, which runs this file under tsx.
//
// As `npm start` runs it. This file only launches and relays: it runs package.json's "prestart" (the
// build), then starts the start script's node process itself (bench/npm-start.ts: same node options and entry file,
// plus this process's node options without tsx, e.g. the bench's --expose-gc and --node-args, after the script's)
// and passes the usage/profile probes through to it. So the RSS, heap and CPU a bench reads are those of the process
// `npm start` runs: compiled JavaScript, without the tsx loader (~45 MB RSS) and with the start script's heap cap.
// Differences from `npm start`, both through bench/bot-preload.mjs (NODE_OPTIONS, nothing in src/ changed):
// - the bot's clock starts at BENCH_CLOCK_START_MS (default 08:29 on BENCH_DATE, bench/seed-large-database.ts): a
//   seeded database's timers are planned around that day, so at the real date every one of them would be due and
//   the start-up tick would catch them all up during the load. The cron scheduler runs, as in production; from 08:29
//   on nothing is due unless the database was seeded with --due (bench/memory.bench.ts does that on purpose);
// - it answers the usage and profile probes over IPC.
// It binds BENCH_PORT (default 0: a free port; passed to the bot as PORT). Everything else comes from the environment
// like in production (DATABASE_PATH, LOG_LEVEL, …; local mode without credentials). BENCH_RELAY_LOG=1 passes every
// stdout line of the bot to the parent as { type: 'log', line }.
//
// Prints `LISTENING <port>`, sends { type: 'listening', port } over IPC, and stops cleanly on SIGTERM (so
// `node --cpu-prof` writes its profile).
//
//   DATABASE_PATH=/tmp/big.sqlite LOG_LEVEL=silent BENCH_PORT=3978 npx tsx bench/teammodel-bot-process.ts

import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { freePort } from './bench-utils.js';
import { nodeArgsWithoutTsx, npmStartCommand, runPrestart, spawnLikeNpmStart } from './npm-start.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function asNpmStart(): Promise<void> {
  const command = npmStartCommand();
  runPrestart(command);
  const port = Number(process.env.BENCH_PORT ?? 0) || (await freePort());
  let clockStartMs = Number(process.env.BENCH_CLOCK_START_MS ?? '');
  if (!(clockStartMs > 0)) {
    const { benchSetup } = await import('./seed-large-database.js');
    clockStartMs = benchSetup().nowIdle;
  }
  const { child } = spawnLikeNpmStart({
    command,
    env: { ...process.env, PORT: String(port) },
    extraNodeArgs: nodeArgsWithoutTsx(),
    clockStartMs,
    stdout: 'pipe',
  });
  const relayLog = process.env.BENCH_RELAY_LOG === '1';
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (relayLog) process.send?.({ type: 'log', line });
    else process.stdout.write(`${line}\n`);
  });
  child.on('message', (m) => process.send?.(m as object));
  process.on('message', (m) => {
    if (child.connected) child.send(m as object);
  });
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`teammodel-bot (pid ${child.pid}) exited on its own: ${signal ?? `code ${code}`}`);
    process.exit(code ?? 1);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    child.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  await waitUntilServing(child, port);
  console.log(`LISTENING ${port}`);
  process.send?.({ type: 'listening', port, pid: child.pid });
}

/** Polls GET /healthz until the bot answers (it binds after opening the database and loading its files). */
async function waitUntilServing(child: ChildProcess, port: number): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
}

await asNpmStart();
