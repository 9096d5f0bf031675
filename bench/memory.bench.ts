// Memory of the bot process as `npm start` runs it, at scale: `npx tsx bench/memory.bench.ts` (~2 min on 2 cores).
//
// Goal (issue 6 item 2): with 100 000 open cases and their 1 000 000 timers, the bot process stays under 250 MB RSS
// after start, while the scheduler tick fires 1 000 due steps, and under chat load.
//
// 1. Seeds 100 000 open cases × 10 timers with 1 000 of them due at 08:30 on BENCH_DATE (bench/seed-large-database.ts,
//    in a child process), or copies --db FILE (seeded with the same --due).
// 2. Starts the bot exactly as `npm start` runs it (bench/teammodel-bot-process.ts → bench/npm-start.ts: package.json's
//    "prestart" build, then its "start" command's node options and entry file, in a process of its own; local mode,
//    LOG_LEVEL=info as by default). Its clock starts at 08:29:30 on BENCH_DATE (bench/bot-preload.mjs), so the start-up
//    tick finds nothing due and the bot's own cron tick at 08:30 fires the 1 000 due steps into the outbox.
// 3. RSS after start: 5 s after the bot answers /healthz.
// 4. The tick: the peak RSS is reset (Linux clear_refs) before 08:30 and read from /proc while the tick runs (the
//    bot's event loop is busy then, so it is not asked), until its "scheduler tick" log line and the outbox deliveries
//    that follow have gone quiet.
// 5. Chat load: autocannon, 10 connections, --duration s of `casus <ref>` from the demo roster's lt-arn over her
//    ~9 000 cases (as bench/chat-throughput.bench.ts sends them), replies to a fast fake Bot Connector
//    (bench/fast-connector.ts). Peak RSS reset before, read during and after.
// 6. One `overzicht` (every municipality) from a pilot coordinator (coord-arn): the heaviest chat command, its time
//    and peak RSS (before 35bd0d1 it read every timer into memory: 1.2 GB at 100 000 cases). If the bot process ends
//    (e.g. under a hard --max-old-space-size cap), that is reported. --no-overview leaves it out.
// Figures are printed with the goal table (PASS / MISS); the exit code is 0 either way.
//
// Options: --db FILE --cases N (100000) --due N (1000) --duration S (20) --connections N (10) --no-overview --keep
//          --node-args "…"  extra node options after the start script's (they win), e.g. "--max-old-space-size=4096"
//                           to measure without the start script's heap cap
// BENCH_START_COMMAND="node --import tsx src/main.ts" measures another start command instead of package.json's
// (e.g. the one before the build step; bench/npm-start.ts).

import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { personalMessage } from '../test/support/teams-activity.js';
import { autocannon, type AutocannonResult } from './autocannon.js';
import { argOf, machineLine, printGoals, table, type GoalRow } from './bench-utils.js';
import { npmStartCommand, procRss, resetPeakRss, runPrestart } from './npm-start.js';
import { spawnService, type ProcessUsage, type Service } from './process-probe.js';
import { benchSetup, openCaseRefsOf, seedInChildProcess } from './seed-large-database.js';

const here = dirname(fileURLToPath(import.meta.url));
const CASES = Number(argOf('--cases') ?? 100_000);
const DUE = Number(argOf('--due') ?? 1_000);
const DURATION_S = Number(argOf('--duration') ?? 20);
const CONNECTIONS = Number(argOf('--connections') ?? 10);
const SEEDED_DB = argOf('--db');
const EXTRA_NODE_ARGS = (argOf('--node-args') ?? '').split(' ').filter(Boolean);
const OVERVIEW = !process.argv.includes('--no-overview');
const KEEP = process.argv.includes('--keep');
const GOAL_RSS_MB = 250;
const LOAD_MEMBER = 'lt-arn';
const OVERVIEW_MEMBER = 'coord-arn';
/** The bot's clock starts this long before 08:30:00, the first cron tick of the working day. */
const LEAD_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(0)} MB`);

/** Reads the bot's RSS from /proc every `everyMs` until stopped; the highest sample is a floor for the true peak. */
function sampleRss(pid: number, everyMs = 20): { stop(): { maxMb: number; samples: number } } {
  let maxMb = 0;
  let samples = 0;
  const timer = setInterval(() => {
    const r = procRss(pid);
    if (!r) return;
    samples++;
    maxMb = Math.max(maxMb, r.rssMb);
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { maxMb, samples };
    },
  };
}

interface LogLine {
  time?: number;
  msg?: string;
  level?: number;
  [key: string]: unknown;
}

async function main(): Promise<void> {
  const started = Date.now();
  const command = npmStartCommand();
  console.log(`memory.bench: ${machineLine()}`);
  console.log(
    `bot started as npm start runs it: ${command.text}${EXTRA_NODE_ARGS.length ? `, plus ${EXTRA_NODE_ARGS.join(' ')}` : ''}${process.env.BENCH_START_COMMAND ? ' (BENCH_START_COMMAND)' : ''}`,
  );
  if (command.prestart) console.log(`prestart (${command.prestart}): ${(runPrestart(command) / 1000).toFixed(1)} s`);

  const setup = benchSetup();
  const dir = mkdtempSync(join(tmpdir(), 'memory-bench-'));
  const dbPath = join(dir, 'bot.sqlite');
  const services: Service[] = [];
  try {
    if (SEEDED_DB) {
      copyFileSync(SEEDED_DB, dbPath);
      console.log(
        `database: copy of ${SEEDED_DB} (${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MB; it must be seeded with --due ${DUE} for the tick figures)`,
      );
    } else {
      const seeded = await seedInChildProcess({ path: dbPath, cases: CASES, timersPerCase: 10, due: DUE });
      console.log(
        `seeded ${seeded.cases} cases, ${seeded.timers} timers (${JSON.stringify(seeded.dueBySteps)} due at 08:30) in ${seeded.seconds.toFixed(1)} s (${seeded.fileMb.toFixed(0)} MB)`,
      );
    }
    const refs = openCaseRefsOf(dbPath, LOAD_MEMBER);
    const member = setup.roster.member(LOAD_MEMBER)!;
    const coordinator = setup.roster.member(OVERVIEW_MEMBER)!;

    const connector = await spawnService({ name: 'fake connector', file: join(here, 'fast-connector.ts') });
    services.push(connector);
    const serviceUrl = `http://127.0.0.1:${connector.port}/`;

    // ---- start ------------------------------------------------------------------------------------------------------
    const officeStart = setup.nowDue - 1_000; // 08:30:00 on BENCH_DATE
    const clockStartMs = officeStart - LEAD_MS;
    const spawnedAt = Date.now();
    const bot = await spawnService({
      name: 'teammodel-bot',
      file: join(here, 'teammodel-bot-process.ts'),
      // DEP0111: restify's (spdy) process.binding at start-up, printed by every bot process otherwise.
      nodeArgs: ['--disable-warning=DEP0111', ...EXTRA_NODE_ARGS],
      env: {
        ...process.env,
        DATABASE_PATH: dbPath,
        BENCH_PORT: '0',
        BENCH_CLOCK_START_MS: String(clockStartMs),
        BENCH_RELAY_LOG: '1',
        BENCH_EXPERIMENTS: '',
        LOG_LEVEL: 'info',
        MicrosoftAppId: '',
        MicrosoftAppPassword: '',
        MicrosoftAppTenantId: '',
        MicrosoftAppType: '',
        DRY_RUN: '0',
      },
    });
    services.push(bot);
    const lines: LogLine[] = [];
    bot.child.on('message', (m: unknown) => {
      const msg = m as { type?: string; line?: string };
      if (msg.type !== 'log' || !msg.line) return;
      try {
        lines.push(JSON.parse(msg.line) as LogLine);
      } catch {
        lines.push({ msg: msg.line });
      }
    });
    let exitNote: string | undefined;
    bot.child.once(
      'exit',
      (code) => (exitNote = `the bot process ended (launcher exit code ${code}; see its stderr above)`),
    );
    const startUsage = await bot.usage();
    const pid = startUsage.pid;
    const listeningAfterS = (Date.now() - spawnedAt) / 1000;
    // The bot's clock ≈ clockStartMs + time since the preload ran (a little after spawnedAt).
    const botNow = () => clockStartMs + (Date.now() - spawnedAt);
    await sleep(5_000);
    const afterStart = await bot.usage();
    console.log(
      `bot pid ${pid}: answering /healthz ${listeningAfterS.toFixed(1)} s after the spawn (prestart included)\n`,
    );

    // ---- tick -------------------------------------------------------------------------------------------------------
    const waitForTickMs = officeStart - botNow() - 1_500;
    if (waitForTickMs < 0)
      throw new Error(`the bot took too long to start: its clock is already near 08:30 (raise LEAD_MS)`);
    await sleep(waitForTickMs);
    const resetOk = resetPeakRss(pid);
    const tickSampler = sampleRss(pid);
    const tickLine = await waitFor(() => lines.find((l) => l.msg === 'scheduler tick'), 120_000);
    // Deliveries follow the tick (outbox, paced); wait until the log has been quiet for 2 s (at most 60 s).
    let seen = lines.length;
    for (let quietMs = 0, waited = 0; quietMs < 2_000 && waited < 60_000; waited += 250) {
      await sleep(250);
      quietMs = lines.length === seen ? quietMs + 250 : 0;
      seen = lines.length;
    }
    const tickSamples = tickSampler.stop();
    const tickProc = procRss(pid);
    const afterTick = await bot.usage().catch(() => undefined);
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l.msg ?? '?', (counts.get(l.msg ?? '?') ?? 0) + 1);
    const tickInfo = tickLine
      ? `tick: ${tickLine.timerSteps} timer steps, ${tickLine.escalationSteps} escalation steps, logged ${(((tickLine.time ?? officeStart) - officeStart) / 1000).toFixed(1)} s after 08:30:00`
      : 'tick: no "scheduler tick" line within 120 s';
    console.log(tickInfo);
    console.log(`log lines by message: ${[...counts].map(([k, v]) => `${k} × ${v}`).join('; ')}\n`);

    // ---- chat load --------------------------------------------------------------------------------------------------
    const texts = refs.map((ref) => `casus ${ref}`);
    const bodies = Array.from({ length: Math.max(texts.length, 500) }, (_, i) =>
      JSON.stringify(
        personalMessage(texts[i % texts.length]!, {
          from: { aadObjectId: member.aadObjectId!, name: member.name },
          serviceUrl,
        }),
      ),
    );
    const url = `http://127.0.0.1:${bot.port}`;
    const pre = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodies[0],
    });
    await pre.arrayBuffer();
    if (!pre.ok) throw new Error(`pre-flight: POST /api/messages answered ${pre.status}`);
    console.log(
      `load average before the load: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (${availableParallelism()} cores)`,
    );
    resetPeakRss(pid);
    const loadSampler = sampleRss(pid, 100);
    let next = 0;
    const result = await new Promise<AutocannonResult>((resolve, reject) =>
      autocannon(
        {
          url,
          connections: CONNECTIONS,
          duration: DURATION_S,
          timeout: 30,
          requests: [
            {
              method: 'POST',
              path: '/api/messages',
              headers: { 'content-type': 'application/json' },
              setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
            },
          ],
        },
        (err, r) => (err ? reject(err) : resolve(r)),
      ),
    );
    const loadSamples = loadSampler.stop();
    const loadProc = procRss(pid);
    await sleep(1_000);
    const afterLoad = await bot.usage().catch(() => undefined);
    console.log(
      `chat load: ${CONNECTIONS} connections × ${result.duration} s of "casus <ref>" over ${refs.length} cases of ${LOAD_MEMBER}: ${(result['2xx'] / result.duration).toFixed(0)} req/s, ` +
        `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}; load average after: ${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}\n`,
    );

    // ---- overzicht (informational) ------------------------------------------------------------------------------------
    let overview: { ms: number; status: string; peakMb?: number } | undefined;
    if (OVERVIEW) {
      resetPeakRss(pid);
      const body = JSON.stringify(
        personalMessage('overzicht', {
          from: { aadObjectId: coordinator.aadObjectId!, name: coordinator.name },
          serviceUrl,
        }),
      );
      const t0 = Date.now();
      const status = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(300_000),
      })
        .then(async (r) => (await r.arrayBuffer(), `HTTP ${r.status}`))
        .catch((err: Error) => `no answer (${err.name})`);
      await sleep(500);
      overview = {
        ms: Date.now() - t0,
        status: exitNote ? `${status}; ${exitNote}` : status,
        peakMb: procRss(pid)?.peakRssMb,
      };
      console.log(
        `overzicht by ${OVERVIEW_MEMBER}: ${overview.status} after ${(overview.ms / 1000).toFixed(1)} s, peak RSS ${mb(overview.peakMb)}\n`,
      );
    }

    const heap = (u: ProcessUsage | undefined) => mb(u?.heapUsedMb);
    console.log(
      `memory of the bot process (pid ${pid}; ${CASES} cases × 10 timers${resetOk ? '' : '; WARNING: could not reset the peak RSS, so peaks include earlier phases'}):`,
    );
    console.log(
      table(
        ['phase', 'RSS at the end', 'peak RSS in the phase', 'highest /proc sample', 'heap used at the end'],
        [
          [
            'start (5 s after /healthz answers)',
            mb(afterStart.rssMb),
            `${mb(afterStart.peakRssMb)} (start-up)`,
            '',
            heap(afterStart),
          ],
          [
            `tick with ${DUE} due steps, and its deliveries`,
            mb(tickProc?.rssMb),
            mb(tickProc?.peakRssMb),
            `${mb(tickSamples.maxMb)} (${tickSamples.samples} samples)`,
            heap(afterTick),
          ],
          [
            `chat load (${DURATION_S} s)`,
            mb(loadProc?.rssMb),
            mb(loadProc?.peakRssMb),
            `${mb(loadSamples.maxMb)} (${loadSamples.samples} samples)`,
            heap(afterLoad),
          ],
          ['1 s after the load', mb(afterLoad?.rssMb), '', '', heap(afterLoad)],
        ],
      ),
    );
    console.log('');
    const goals: GoalRow[] = [
      {
        goal: `RSS after start under ${GOAL_RSS_MB} MB`,
        measured: mb(afterStart.rssMb),
        pass: afterStart.rssMb < GOAL_RSS_MB,
      },
      {
        goal: `peak RSS of the start-up under ${GOAL_RSS_MB} MB`,
        measured: mb(afterStart.peakRssMb),
        pass: afterStart.peakRssMb < GOAL_RSS_MB,
      },
      {
        goal: `peak RSS during the tick (${DUE} due steps) under ${GOAL_RSS_MB} MB`,
        measured: tickLine ? `${mb(tickProc?.peakRssMb)} (${tickLine.timerSteps} steps fired)` : 'no tick seen',
        pass: !!tickLine && (tickProc?.peakRssMb ?? Infinity) < GOAL_RSS_MB,
      },
      {
        goal: `peak RSS under chat load under ${GOAL_RSS_MB} MB`,
        measured: `${mb(loadProc?.peakRssMb)} at ${(result['2xx'] / result.duration).toFixed(0)} req/s, ${result.non2xx + result.errors + result.timeouts} failed`,
        pass: (loadProc?.peakRssMb ?? Infinity) < GOAL_RSS_MB && result.non2xx + result.errors + result.timeouts === 0,
      },
    ];
    if (overview) {
      goals.push({
        goal: `peak RSS of one "overzicht" (pilot coordinator, every municipality) under ${GOAL_RSS_MB} MB`,
        measured: `${mb(overview.peakMb)}, ${(overview.ms / 1000).toFixed(1)} s, ${overview.status}`,
        pass: (overview.peakMb ?? Infinity) < GOAL_RSS_MB && !exitNote,
      });
    }
    printGoals(goals);
    console.log(`\ntook ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const s of [...services].reverse()) await s.stop().catch(() => undefined);
    if (KEEP) console.log(`kept ${dir}`);
    else if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined || Date.now() > until) return v;
    await sleep(50);
  }
}

await main();
