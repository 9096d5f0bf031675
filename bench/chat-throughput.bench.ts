// Chat-turn throughput: our bot against a bare teams-ai echo bot, same machine, same load, one run.
//
//   npx tsx bench/chat-throughput.bench.ts            (about 60 s on 2 cores; figures and reading: BENCHMARKS.md)
//
// 1. Seeds a temp database (bench/seed-large-database.ts, in a child process) with 10 000 open cases and their
//    10 timers each. The demo roster's lt-arn (Pien Meijer) is a fixed face of every Arnhem case, about 900 of them.
// 2. Starts, each in its own process: a fast fake Bot Connector (bench/fast-connector.ts), the echo bot
//    (bench/echo-bot.ts, the baseline) and our bot as `npm start` runs it (bench/teammodel-bot-process.ts: the build,
//    then package.json's start command, compiled JavaScript with its node options, on the seeded file,
//    LOG_LEVEL=silent, local mode; its cron scheduler runs but nothing is due). The echo bot gets the same node
//    options as the start command (e.g. its heap cap), so the ratio compares the code, not the V8 settings;
//    --echo-node-defaults leaves them out. This process is the load generator (autocannon).
// 3. Both bots get the same Teams-shaped POST /api/messages bodies: a personal-chat message from lt-arn's
//    aadObjectId (test/fixtures/teams-message-personal.json via test/support/teams-activity.ts), text
//    `casus <ref>` cycling over lt-arn's cases, serviceUrl = the fake connector. The echo bot replies with the text,
//    our bot with the case card. Either way the reply is a POST to the connector inside the turn, so the inbound
//    request's latency includes it.
// 4. Each bot gets a warm-up run, then measured runs of 10 connections: two rounds of 10 s in ABBA order (echo, ours,
//    ours, echo), pooled into 20 s per bot. Figures: req/s (2xx responses per second), p50 and p99 latency
//    (autocannon's per-response times, with fractions of a ms), CPU time of the bot process per request,
//    non-2xx/errors/timeouts, and the replies the connector received (one per request; for our bot a card each).
//    Then the ratios and the goals: ours ≥ 0.9× the echo bot's req/s, p99 ≤ 1.5× the echo bot's.
//    Finally the RSS of both bot processes after the load (and after a forced GC, to tell garbage from live memory).
//
// Options: --cases N (10000) --timers-per-case N (10) --duration S per run (10) --rounds N (2) --warmup S (5)
//          --connections N (10) --db FILE (a copy of an already seeded file instead of seeding)
//          --echo-card      a third bot, informational: the echo bot replying with our bot's case card (captured in
//                           the pre-flight), which tells the framework's cost of the larger reply from our own code's
//          --echo-reuse     a third bot, informational: the echo bot keeping its Bot Framework clients between turns as
//                           our bot does, which tells what our own code costs per turn beside that framework saving
//          --text TEXT      send TEXT to both bots instead of `casus <ref>` (e.g. `hulp`: our bot's cheapest command)
//          --cpu-prof DIR   V8 CPU profiles of each bot's first measured run (node:inspector, the profiler that
//                           node --cpu-prof uses, started and stopped around the run), summarised at the end
//          --node-args "…"  extra node options for every bot process alike, e.g. "--max-old-space-size=128"
//          --echo-node-defaults  the echo bot without the start command's node options (V8's defaults)
//          --keep           keep the temp directory

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { personalMessage } from '../test/support/teams-activity.js';
import { autocannon, type AutocannonResult } from './autocannon.js';
import { argOf, machineLine, printGoals, summarise, table, type GoalRow } from './bench-utils.js';
import { npmStartCommand } from './npm-start.js';
import { summariseCpuProfile } from './cpu-profile-summary.js';
import type { ConnectorStats } from './fast-connector.js';
import { spawnService, type ProcessUsage, type Service } from './process-probe.js';
import { benchSetup, openCaseRefsOf, seedInChildProcess } from './seed-large-database.js';

const here = dirname(fileURLToPath(import.meta.url));
const CASES = Number(argOf('--cases') ?? 10_000);
const TIMERS_PER_CASE = Number(argOf('--timers-per-case') ?? 10);
const DURATION_S = Number(argOf('--duration') ?? 10);
const ROUNDS = Number(argOf('--rounds') ?? 2);
const WARMUP_S = Number(argOf('--warmup') ?? 5);
const CONNECTIONS = Number(argOf('--connections') ?? 10);
const SEEDED_DB = argOf('--db');
const ECHO_CARD = process.argv.includes('--echo-card');
const ECHO_REUSE = process.argv.includes('--echo-reuse');
const FIXED_TEXT = argOf('--text');
const CPU_PROF_DIR = argOf('--cpu-prof');
const BOT_NODE_ARGS = (argOf('--node-args') ?? '').split(' ').filter(Boolean);
const ECHO_NODE_DEFAULTS = process.argv.includes('--echo-node-defaults');
const KEEP = process.argv.includes('--keep');
const MEMBER_ID = 'lt-arn';
const GOAL_RPS_RATIO = 0.9;
const GOAL_P99_RATIO = 1.5;
const GOAL_RSS_MB = 250;

interface Bot {
  name: string;
  service: Service;
  /** The reply the connector must get for each request. */
  expect: 'card' | 'text' | 'any';
}

interface LoadResult {
  bot: string;
  round: number;
  seconds: number;
  ok: number;
  rps: number;
  /** Every 2xx response's latency (ms, float), sorted. */
  latencies: number[];
  p50: number;
  p99: number;
  mean: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  replies: ConnectorStats;
  cpuMs: number;
  /** CPU time over wall time during the measured run, in cores: the bot, the fake connector, this load generator. */
  cpuBot: number;
  cpuConnector: number;
  cpuLoad: number;
}

/** Drives `url` with autocannon; latencies are collected per response (ms, float) for sub-millisecond percentiles. */
function load(
  url: string,
  seconds: number,
  nextBody: () => string,
): Promise<{ result: AutocannonResult; latencies: number[] }> {
  const latencies: number[] = [];
  return new Promise((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/api/messages',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: nextBody() }),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolvePromise({ result, latencies })),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connectorStats(connector: Service): Promise<ConnectorStats> {
  return (await (await fetch(`http://127.0.0.1:${connector.port}/stats`)).json()) as ConnectorStats;
}
async function resetConnector(connector: Service): Promise<void> {
  await (await fetch(`http://127.0.0.1:${connector.port}/stats/reset`, { method: 'POST' })).arrayBuffer();
}
/** Waits until the connector's count stops moving (turns still in flight when the load stopped send their reply). */
async function settledStats(connector: Service): Promise<ConnectorStats> {
  let last = await connectorStats(connector);
  for (let i = 0; i < 50; i++) {
    await sleep(100);
    const now = await connectorStats(connector);
    if (now.activities === last.activities) return now;
    last = now;
  }
  return last;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

async function measure(o: {
  bot: Bot;
  round: number;
  connector: Service;
  bodies: () => string;
  warmupS: number;
  profileFile?: string;
}): Promise<LoadResult> {
  const { service } = o.bot;
  const url = `http://127.0.0.1:${service.port}`;
  if (o.warmupS > 0) await load(url, o.warmupS, o.bodies);
  await sleep(300);
  await settledStats(o.connector);
  await resetConnector(o.connector);
  if (o.profileFile) await service.profile('start');
  const before = await service.usage();
  const connectorBefore = await o.connector.usage();
  const loadBefore = process.cpuUsage();
  const { result, latencies } = await load(url, DURATION_S, o.bodies);
  const loadCpu = process.cpuUsage(loadBefore);
  const after = await service.usage();
  const connectorAfter = await o.connector.usage();
  if (o.profileFile) await service.profile('stop', o.profileFile);
  const replies = await settledStats(o.connector);
  const sorted = [...latencies].sort((a, b) => a - b);
  const ok = result['2xx'];
  const cpuMs = after.cpuMs - before.cpuMs;
  const wallMs = result.duration * 1000;
  return {
    bot: o.bot.name,
    round: o.round,
    seconds: result.duration,
    ok,
    rps: ok / result.duration,
    latencies: sorted,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    mean: summarise(sorted).mean,
    max: sorted[sorted.length - 1] ?? NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    replies,
    cpuMs,
    cpuBot: cpuMs / wallMs,
    cpuConnector: (connectorAfter.cpuMs - connectorBefore.cpuMs) / wallMs,
    cpuLoad: (loadCpu.user + loadCpu.system) / 1000 / wallMs,
  };
}

/** The runs of one bot as one: requests over total time, percentiles over every latency. */
function pooled(runs: LoadResult[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const sum = (f: (r: LoadResult) => number) => runs.reduce((a, r) => a + f(r), 0);
  const seconds = sum((r) => r.seconds);
  const ok = sum((r) => r.ok);
  return {
    bot: runs[0]!.bot,
    round: 0,
    seconds,
    ok,
    rps: ok / seconds,
    latencies,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    mean: summarise(latencies).mean,
    max: latencies[latencies.length - 1] ?? NaN,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    replies: {
      activities: sum((r) => r.replies.activities),
      cards: sum((r) => r.replies.cards),
      texts: sum((r) => r.replies.texts),
      unmatched: sum((r) => r.replies.unmatched),
      bytes: sum((r) => r.replies.bytes),
    },
    cpuMs: sum((r) => r.cpuMs),
    cpuBot: sum((r) => r.cpuBot * r.seconds) / seconds,
    cpuConnector: sum((r) => r.cpuConnector * r.seconds) / seconds,
    cpuLoad: sum((r) => r.cpuLoad * r.seconds) / seconds,
  };
}

/** Every 2xx had its reply, of the right kind. At most one per connection more: a request still in flight when the
 * run ended has its reply sent, but autocannon no longer counts its response. */
function repliesOk(r: LoadResult, expect: Bot['expect']): boolean {
  const kind = expect === 'card' ? r.replies.cards : expect === 'text' ? r.replies.texts : r.replies.activities;
  return (
    r.replies.activities >= r.ok &&
    r.replies.activities <= r.ok + CONNECTIONS &&
    kind === r.replies.activities &&
    r.replies.unmatched === 0
  );
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const mb = (x: number) => `${x.toFixed(0)} MB`;
const cpuPerRequest = (r: LoadResult) => r.cpuMs / Math.max(1, r.ok);

function gitState(): string {
  try {
    const root = resolve(here, '..');
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean).length;
    return `${head}${dirty ? ` + ${dirty} uncommitted change(s) in src/` : ''}`;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`chat-turn throughput: ${machineLine()}; code ${gitState()}`);
  console.log(
    `load: autocannon in this process, ${CONNECTIONS} connections; per bot ${WARMUP_S} s warm-up, then ${ROUNDS} × ${DURATION_S} s measured (ABBA order)\n`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'chat-bench-'));
  const dbPath = join(dir, 'bot.sqlite');
  const services: Service[] = [];
  try {
    if (SEEDED_DB) {
      copyFileSync(SEEDED_DB, dbPath);
      console.log(`database: copy of ${SEEDED_DB} (${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MB)`);
    } else {
      const seeded = await seedInChildProcess({ path: dbPath, cases: CASES, timersPerCase: TIMERS_PER_CASE, due: 0 });
      console.log(
        `seeded ${seeded.cases} cases, ${seeded.memberships} memberships, ${seeded.timers} timers, ${seeded.auditEntries} audit entries in ${seeded.seconds.toFixed(1)} s (${seeded.fileMb.toFixed(0)} MB)`,
      );
    }
    const refs = openCaseRefsOf(dbPath, MEMBER_ID);
    if (refs.length === 0) throw new Error(`${MEMBER_ID} is on no open case in the database`);
    const member = benchSetup().roster.member(MEMBER_ID)!;
    const texts = FIXED_TEXT ? [FIXED_TEXT] : refs.map((ref) => `casus ${ref}`);
    console.log(
      `load text: ${FIXED_TEXT ? `"${FIXED_TEXT}"` : `"casus <ref>" over ${refs.length} cases of ${MEMBER_ID}`} (${member.name}, aadObjectId ${member.aadObjectId}), personal chat`,
    );

    const connector = await spawnService({ name: 'fake connector', file: join(here, 'fast-connector.ts') });
    services.push(connector);
    const serviceUrl = `http://127.0.0.1:${connector.port}/`;
    // Bodies are built up front so the load generator only cycles through them, each request with an activity id of
    // its own: the bot ignores an activity id it saw in the last 30 minutes (a Teams redelivery), so cycling through
    // 500 fixed ids measured the bot answering nothing.
    const prebuilt = Array.from({ length: Math.max(texts.length, 500) }, (_, i) =>
      JSON.stringify({
        ...personalMessage(texts[i % texts.length]!, {
          from: { aadObjectId: member.aadObjectId!, name: member.name },
          serviceUrl,
        }),
        id: 'bench-activity-ID',
      }),
    );
    let next = 0;
    const bodies = () => {
      const n = next++;
      return prebuilt[n % prebuilt.length]!.replace('bench-activity-ID', `bench-activity-${n}`);
    };

    let profDir: string | undefined;
    if (CPU_PROF_DIR) {
      profDir = resolve(CPU_PROF_DIR);
      mkdirSync(profDir, { recursive: true });
    }
    // --expose-gc only lets the memory probe tell live memory from garbage after the load. DEP0111 is restify's
    // (spdy) use of process.binding at start-up, printed by every bot process otherwise.
    const nodeArgs = ['--expose-gc', '--disable-warning=DEP0111', ...BOT_NODE_ARGS];
    if (BOT_NODE_ARGS.length > 0) console.log(`node options of every bot process: ${BOT_NODE_ARGS.join(' ')}`);
    // Our bot runs with the start command's node options (bench/teammodel-bot-process.ts); the echo bot gets them too.
    const startNodeArgs = npmStartCommand().nodeArgs;
    const echoNodeArgs = ECHO_NODE_DEFAULTS ? nodeArgs : [...startNodeArgs, ...nodeArgs];
    console.log(
      `start command's node options: ${startNodeArgs.join(' ') || '(none)'}; the echo bot ${ECHO_NODE_DEFAULTS || startNodeArgs.length === 0 ? 'runs without them (--echo-node-defaults)' : 'gets them too'}`,
    );
    const echo: Bot = {
      name: 'echo bot',
      service: await spawnService({
        name: 'echo bot',
        file: join(here, 'echo-bot.ts'),
        nodeArgs: echoNodeArgs,
        env: { ...process.env, PORT: '0' },
      }),
      expect: 'text',
    };
    services.push(echo.service);
    const botEnv = {
      ...process.env,
      DATABASE_PATH: dbPath,
      BENCH_PORT: '0',
      LOG_LEVEL: 'silent',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppTenantId: '',
      MicrosoftAppType: '',
      DRY_RUN: '0',
    };
    const ours: Bot = {
      name: 'teammodel-bot',
      service: await spawnService({
        name: 'teammodel-bot',
        file: join(here, 'teammodel-bot-process.ts'),
        nodeArgs,
        env: botEnv,
      }),
      expect: FIXED_TEXT ? 'any' : 'card',
    };
    services.push(ours.service);
    const bots: Bot[] = [echo, ours];
    if (ECHO_REUSE) {
      const name = 'echo bot (clients reused)';
      const echoReuse: Bot = {
        name,
        service: await spawnService({
          name,
          file: join(here, 'echo-bot.ts'),
          nodeArgs: echoNodeArgs,
          env: { ...process.env, PORT: '0', ECHO_REUSE_CLIENTS: '1' },
        }),
        expect: 'text',
      };
      services.push(echoReuse.service);
      bots.push(echoReuse);
    }

    // Pre-flight: one request each, and the reply each must give.
    const preflight = async (bot: Bot): Promise<ConnectorStats> => {
      await resetConnector(connector);
      const res = await fetch(`http://127.0.0.1:${bot.service.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: prebuilt[0],
      });
      await res.arrayBuffer();
      const st = await settledStats(connector);
      const got = bot.expect === 'card' ? st.cards : bot.expect === 'text' ? st.texts : st.activities;
      if (res.status < 200 || res.status >= 300 || st.activities !== 1 || got !== 1) {
        throw new Error(
          `pre-flight ${bot.name}: status ${res.status}, connector got ${JSON.stringify({ ...st, sampleCard: st.sampleCard?.slice(0, 300) })}; expected one ${bot.expect} reply`,
        );
      }
      return st;
    };
    await preflight(echo);
    const oursFirst = await preflight(ours);
    for (const b of bots.slice(2)) await preflight(b);
    if (ECHO_CARD) {
      if (!oursFirst.sampleCard)
        throw new Error(
          '--echo-card: our bot did not reply with a card in the pre-flight (use it with the casus load)',
        );
      const attachment = (JSON.parse(oursFirst.sampleCard) as { attachments?: unknown[] }).attachments?.[0];
      const cardFile = join(dir, 'card.json');
      writeFileSync(cardFile, JSON.stringify(attachment));
      const echoCard: Bot = {
        name: 'echo bot (our card)',
        service: await spawnService({
          name: 'echo bot (our card)',
          file: join(here, 'echo-bot.ts'),
          nodeArgs: echoNodeArgs,
          env: { ...process.env, PORT: '0', ECHO_CARD_FILE: cardFile },
        }),
        expect: 'card',
      };
      services.push(echoCard.service);
      await preflight(echoCard);
      bots.push(echoCard);
    }
    const idle = new Map<string, ProcessUsage>();
    for (const b of bots) idle.set(b.name, await b.service.usage());
    console.log(
      `processes: fake connector pid ${connector.child.pid}, ${bots.map((b) => `${b.name} pid ${b.service.child.pid}`).join(', ')}`,
    );
    console.log(
      `pre-flight: each bot answered one request with the expected reply (${bots.map((b) => `${b.name}: ${b.expect}`).join(', ')})\n`,
    );

    console.log(
      `load average before the runs: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (1, 5, 15 min; ${availableParallelism()} cores)`,
    );
    if (loadavg()[0]! > availableParallelism() * 0.5) {
      console.log(
        '  WARNING: the machine is busy with other work. Absolute figures will be low and noisy; the ratios compare runs made seconds apart, in alternating order.',
      );
    }
    const results: LoadResult[] = [];
    const profiles: Array<{ bot: string; file: string; requests: number }> = [];
    const warmed = new Set<string>();
    for (let round = 1; round <= ROUNDS; round++) {
      // ABBA…: echo, ours | ours, echo | … so neither bot always runs first, and a linear drift of the machine cancels.
      const order = round % 2 === 1 ? bots : [...bots].reverse();
      for (const bot of order) {
        const profileFile =
          profDir && !profiles.some((p) => p.bot === bot.name)
            ? join(profDir, `${bot.name.replace(/\W+/g, '-')}-round${round}.cpuprofile`)
            : undefined;
        const r = await measure({
          bot,
          round,
          connector,
          bodies,
          warmupS: warmed.has(bot.name) ? 0 : WARMUP_S,
          profileFile,
        });
        warmed.add(bot.name);
        results.push(r);
        if (profileFile) profiles.push({ bot: bot.name, file: profileFile, requests: r.ok });
        console.log(
          `  round ${round} ${bot.name}: ${r.rps.toFixed(0)} req/s, p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)}, bot CPU ${fmt(cpuPerRequest(r))} per request`,
        );
      }
    }
    console.log(
      `load average after the runs: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    const afterLoad = new Map<string, ProcessUsage>();
    const afterGc = new Map<string, ProcessUsage>();
    for (const b of bots) afterLoad.set(b.name, await b.service.usage());
    for (const b of bots) afterGc.set(b.name, await b.service.usage(true));

    const all = new Map(bots.map((b) => [b.name, pooled(results.filter((r) => r.bot === b.name))]));
    const row = (r: LoadResult, label: string) => [
      label,
      r.bot,
      `${r.seconds.toFixed(1)} s`,
      r.rps.toFixed(0),
      fmt(r.p50),
      fmt(r.p99),
      fmt(r.mean),
      fmt(r.max),
      r.ok,
      r.non2xx,
      r.errors,
      r.timeouts,
      r.replies.activities,
      `${r.replies.cards} / ${r.replies.texts}`,
      fmt(cpuPerRequest(r)),
      r.cpuBot.toFixed(2),
      r.cpuConnector.toFixed(2),
      r.cpuLoad.toFixed(2),
    ];
    console.log("\nresults (latency: autocannon's per-response times in ms; CPU: cores busy during the run):");
    console.log(
      table(
        [
          'round',
          'bot',
          'time',
          'req/s',
          'p50',
          'p99',
          'mean',
          'max',
          '2xx',
          'non-2xx',
          'errors',
          'timeouts',
          'replies',
          'card / text',
          'bot CPU/request',
          'CPU bot',
          'connector',
          'load gen',
        ],
        [
          ...results.map((r) => row(r, String(r.round))),
          ...(ROUNDS > 1 ? bots.map((b) => row(all.get(b.name)!, 'all')) : []),
        ],
      ),
    );

    const e = all.get(echo.name)!;
    const o = all.get(ours.name)!;
    const rpsRatio = o.rps / e.rps;
    const p99Ratio = o.p99 / e.p99;
    console.log('');
    for (const b of bots.slice(1)) {
      const x = all.get(b.name)!;
      console.log(
        `${b.name} / echo bot: req/s ${(x.rps / e.rps).toFixed(2)}×, p50 ${(x.p50 / e.p50).toFixed(2)}×, p99 ${(x.p99 / e.p99).toFixed(2)}×, bot CPU per request ${(cpuPerRequest(x) / cpuPerRequest(e)).toFixed(2)}× (${fmt(cpuPerRequest(x))} vs ${fmt(cpuPerRequest(e))})`,
      );
    }
    const perReply = (r: LoadResult) => r.replies.bytes / Math.max(1, r.replies.activities) / 1024;
    console.log(
      `reply body size at the connector: ${bots.map((b) => `${b.name} ${perReply(all.get(b.name)!).toFixed(1)} KB`).join(', ')}`,
    );

    console.log(
      `\nmemory of the bot processes (database: ${SEEDED_DB ? 'the given file' : `${CASES} cases × ${TIMERS_PER_CASE} timers`}):`,
    );
    console.log(
      table(
        [
          'bot',
          'RSS after start',
          'RSS after the load',
          'peak RSS',
          'heap used after the load',
          'after a forced full GC: heap used',
          'RSS',
        ],
        bots.map((b) => [
          b.name,
          mb(idle.get(b.name)!.rssMb),
          mb(afterLoad.get(b.name)!.rssMb),
          mb(afterLoad.get(b.name)!.peakRssMb),
          mb(afterLoad.get(b.name)!.heapUsedMb),
          mb(afterGc.get(b.name)!.heapUsedMb),
          mb(afterGc.get(b.name)!.rssMb),
        ]),
      ),
    );

    const failures = (r: LoadResult) => r.non2xx + r.errors + r.timeouts;
    const oursMem = afterLoad.get(ours.name)!;
    console.log('');
    const goals: GoalRow[] = [
      {
        goal: `req/s at least ${GOAL_RPS_RATIO}× the echo bot's`,
        measured: `${o.rps.toFixed(0)} vs ${e.rps.toFixed(0)} req/s = ${rpsRatio.toFixed(2)}×`,
        pass: rpsRatio >= GOAL_RPS_RATIO,
      },
      {
        goal: `p99 at most ${GOAL_P99_RATIO}× the echo bot's`,
        measured: `${fmt(o.p99)} vs ${fmt(e.p99)} = ${p99Ratio.toFixed(2)}×`,
        pass: p99Ratio <= GOAL_P99_RATIO,
      },
      {
        goal: 'no non-2xx, errors or timeouts',
        measured: bots.map((b) => `${b.name} ${failures(all.get(b.name)!)}`).join(', '),
        pass: bots.every((b) => failures(all.get(b.name)!) === 0),
      },
      {
        goal: `one reply per request at the connector${FIXED_TEXT ? '' : ' (ours: a case card each)'}`,
        measured: bots
          .map((b) => `${b.name} ${all.get(b.name)!.replies.activities} for ${all.get(b.name)!.ok}`)
          .join(', '),
        pass: results.every((r) => repliesOk(r, bots.find((b) => b.name === r.bot)!.expect)),
      },
      {
        goal: `teammodel-bot peak RSS under ${GOAL_RSS_MB} MB (informational here; echo bot: ${mb(afterLoad.get(echo.name)!.peakRssMb)})`,
        measured: `${mb(oursMem.peakRssMb)}; ${mb(afterGc.get(ours.name)!.rssMb)} after a full GC`,
        pass: oursMem.peakRssMb < GOAL_RSS_MB,
      },
    ];
    printGoals(goals);

    for (const s of [...services].reverse()) await s.stop();
    services.length = 0;
    for (const p of profiles) {
      console.log(`\nCPU profile of the ${p.bot}, its first measured run (${p.requests} requests): ${p.file}`);
      console.log(summariseCpuProfile(p.file, { top: p.bot === ours.name ? 25 : 12, requests: p.requests }));
    }
    console.log(`\ntook ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const s of [...services].reverse()) await s.stop().catch(() => undefined);
    if (KEEP) console.log(`kept ${dir}`);
    else if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
