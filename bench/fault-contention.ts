// SQLite contention from a second writer: `npx tsx bench/fault-contention.ts [--seconds 60] [--users 4]
//   [--hold-min 50] [--hold-max 500] [--gap-min 5] [--gap-max 50] [--baseline-seconds 15] [--deliveries 300] [--seed S]`
//
// The real bot runs as a child process (`node --import tsx src/main.ts`, local mode). Demo-roster members of the
// Arnhem team post Teams-shaped 1:1 messages over HTTP (test/support/teams-activity.ts), each in a loop:
// `casus nieuw Arnhem`, then `casus <the new ref>`. First a baseline without contention, then the same load while a
// second process (bench/fault-second-writer.ts) holds write transactions on the same SQLite file: BEGIN IMMEDIATE,
// insert, hold hold-min..hold-max ms, COMMIT, pause gap-min..gap-max ms, repeat.
// A turn succeeds when the HTTP answer is 200 and the connector received exactly one reply (typing indicators aside)
// that is the case card, not the generic "Er ging iets mis" answer. Reported: turns, failures, latency (median / p95 / max), the writer's duty
// cycle, GET /healthz latency (no database: it shows how long the event loop was blocked), and any error the bot logged.
// Part B (--deliveries N, 0 skips it): a fresh bot drains N outbox notices while the same kind of writer runs; lost
// and duplicate messages are counted at the connector (a failed write after a send would re-send).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TURN_ERROR_TEXT } from '../src/adapters/teams/bot-texts.js';
import { openDatabase } from '../src/adapters/sqlite/open-database.js';
import { personalConversationId, personalMessage, type Person } from '../test/support/teams-activity.js';
import { fmtMs, machineLine, printGoals, summarise, table } from './bench-utils.js';
import { argOf } from './bench-utils.js';
import {
  countPending,
  prepareOutbox,
  readDeliveries,
  REPO_ROOT,
  sleep,
  spawnBot,
  startFaultConnector,
  waitReady,
  type BotProcess,
  type FaultConnector,
} from './fault-harness.js';

const SECONDS = Number(argOf('--seconds') ?? 60);
const BASELINE_SECONDS = Number(argOf('--baseline-seconds') ?? 15);
const USERS = Number(argOf('--users') ?? 4);
const HOLD_MIN = argOf('--hold-min') ?? '50';
const HOLD_MAX = argOf('--hold-max') ?? '500';
const GAP_MIN = argOf('--gap-min') ?? '5';
const GAP_MAX = argOf('--gap-max') ?? '50';
const SEED = argOf('--seed') ?? String(Math.floor(Math.random() * 2 ** 31));
const DELIVERIES = Number(argOf('--deliveries') ?? 300);
const DELIVERY_CAP_SECONDS = Number(argOf('--delivery-cap-seconds') ?? 600);

// Arnhem's fixed team and more Arnhem people of db/seed/demo-roster.json (all may open and view Arnhem cases).
const PEOPLE: Person[] = [
  { aadObjectId: '00000000-0000-4000-8000-000000000016', name: 'Pien Meijer (fictief)' },
  { aadObjectId: '00000000-0000-4000-8000-000000000018', name: 'Roos de Graaf (fictief)' },
  { aadObjectId: '00000000-0000-4000-8000-000000000019', name: 'Sem Jansen (fictief)' },
  { aadObjectId: '00000000-0000-4000-8000-000000000020', name: 'Tess de Groot (fictief)' },
  { aadObjectId: '00000000-0000-4000-8000-000000000102', name: 'gi-arn-2' },
  { aadObjectId: '00000000-0000-4000-8000-000000000103', name: 'lt-arn-2' },
];

interface Turn {
  phase: string;
  text: string;
  ms: number;
  status: number;
  ok: boolean;
  why?: string;
}

/** GET /healthz every 250 ms until the deadline: it touches no database, so its latency shows a blocked event loop. */
async function probeHealth(bot: BotProcess, deadline: number): Promise<number[]> {
  const samples: number[] = [];
  while (performance.now() < deadline) {
    const t0 = performance.now();
    try {
      const res = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      await res.arrayBuffer();
    } catch {
      // counted by its time
    }
    samples.push(performance.now() - t0);
    await sleep(250);
  }
  return samples;
}

async function runTurns(
  bot: BotProcess,
  connector: FaultConnector,
  phase: string,
  seconds: number,
): Promise<{ turns: Turn[]; health: number[] }> {
  const turns: Turn[] = [];
  const deadline = performance.now() + seconds * 1000;
  const health = probeHealth(bot, deadline);
  // "typing" is no reply: teams-ai sends it after a second of any message turn (a turn waiting for the lock).
  const repliesTo = (conv: string) =>
    connector.records.filter(
      (r) =>
        r.method === 'POST' &&
        r.conversationId === conv &&
        r.status === 200 &&
        (r.body as { type?: unknown } | undefined)?.type !== 'typing',
    );
  const one = async (p: Person, text: string): Promise<string | undefined> => {
    const conv = personalConversationId(p);
    const before = repliesTo(conv).length;
    const t0 = performance.now();
    let status: number;
    try {
      const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(personalMessage(text, { from: p, serviceUrl: connector.url })),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      turns.push({
        phase,
        text: text.startsWith('casus nieuw') ? 'casus nieuw Arnhem' : 'casus <ref>',
        ms: performance.now() - t0,
        status: 0,
        ok: false,
        why: `${String(err)} (${cause?.code ?? ''} ${cause?.message ?? ''})`,
      });
      return undefined;
    }
    const ms = performance.now() - t0;
    const replies = repliesTo(conv)
      .slice(before)
      .map((r) => JSON.stringify(r.body));
    const error = replies.some((r) => r.includes(TURN_ERROR_TEXT.slice(0, 20)));
    const card = replies.find((r) => /Casus CG-ARN-\d{4}-\d{4}/.test(r));
    const ok = status === 200 && replies.length === 1 && !error && card !== undefined;
    turns.push({
      phase,
      text: text.startsWith('casus nieuw') ? 'casus nieuw Arnhem' : 'casus <ref>',
      ms,
      status,
      ok,
      why: ok ? undefined : `HTTP ${status}, ${replies.length} replies${error ? ', "Er ging iets mis"' : ''}`,
    });
    return card ? /Casus (CG-ARN-\d{4}-\d{4})/.exec(card)?.[1] : undefined;
  };
  await Promise.all(
    PEOPLE.slice(0, USERS).map(async (p) => {
      while (performance.now() < deadline) {
        const ref = await one(p, 'casus nieuw Arnhem');
        if (performance.now() >= deadline) break;
        if (ref) await one(p, `casus ${ref}`); // after a failed `casus nieuw` there is no reference to look at
      }
    }),
  );
  return { turns, health: await health };
}

interface WriterStats {
  transactions: number;
  heldMs: number;
  waitedForLockMs: number;
  maxWaitForLockMs: number;
  errors: number;
  runMs: number;
}

/** bench/fault-second-writer.ts on `dbPath`; resolves once it has held the write lock the first time. */
async function startWriter(dbPath: string, seed: string): Promise<{ stop: () => Promise<WriterStats> }> {
  const writer = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/fault-second-writer.ts',
      '--db',
      dbPath,
      '--hold-min',
      HOLD_MIN,
      '--hold-max',
      HOLD_MAX,
      '--gap-min',
      GAP_MIN,
      '--gap-max',
      GAP_MAX,
      '--seed',
      seed,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const exited = new Promise<void>((r) => writer.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    writer.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('holding')) resolve();
    });
    writer.once('exit', (code) => reject(new Error(`second writer exited (${code})`)));
  });
  return {
    stop: async () => {
      writer.kill('SIGTERM');
      await exited;
      return JSON.parse(out.trim().split('\n').pop()!) as WriterStats;
    },
  };
}

const writerLine = (s: WriterStats) =>
  `${s.transactions} transactions, lock held ${(s.heldMs / 1000).toFixed(1)} s of ${(s.runMs / 1000).toFixed(1)} s (${((s.heldMs / s.runMs) * 100).toFixed(0)} % duty cycle), waited for the lock ${(s.waitedForLockMs / 1000).toFixed(1)} s in all (max ${fmtMs(s.maxWaitForLockMs)}), ${s.errors} errors`;

/** Part B: the outbox drains `messages` notices while the second writer holds the lock (a write that fails after a send is a duplicate). */
async function deliveryUnderContention(
  dir: string,
  messages: number,
): Promise<{
  rows: Array<Array<string | number>>;
  lost: number;
  duplicates: number;
  drainErrors: string[];
  stats: WriterStats;
}> {
  const dbPath = join(dir, 'fault-contention-delivery.sqlite');
  const connector = await startFaultConnector();
  try {
    const prepared = prepareOutbox({ dbPath, connectorUrl: connector.url, messages, recipients: 100 });
    const writer = await startWriter(dbPath, SEED + '-delivery');
    const t0 = performance.now();
    const bot = await spawnBot({ dbPath });
    let timedOut = false;
    for (;;) {
      await sleep(500);
      if (countPending(dbPath) === 0) break;
      if (performance.now() - t0 > DELIVERY_CAP_SECONDS * 1000 || bot.child.exitCode !== null) {
        timedOut = true;
        break;
      }
    }
    const took = (performance.now() - t0) / 1000;
    await sleep(300);
    await bot.terminate();
    const stats = await writer.stop();
    const copies = new Map<number, number>();
    for (const a of connector.accepted())
      if (a.marker !== undefined) copies.set(a.marker, (copies.get(a.marker) ?? 0) + 1);
    const lost = prepared.messages.filter((m) => !copies.has(m.n)).length;
    const duplicates = [...copies.values()].reduce((a, c) => a + c - 1, 0);
    const states: Record<string, number> = {};
    for (const r of readDeliveries(dbPath)) states[r.state] = (states[r.state] ?? 0) + 1;
    const drainErrors = bot.output.filter((l) => /"level":(50|60)/.test(l));
    return {
      rows: [
        [
          messages,
          `${took.toFixed(1)} s${timedOut ? ' (cap!)' : ''}`,
          `${(messages / took).toFixed(1)}/s`,
          lost,
          duplicates,
          JSON.stringify(states),
          drainErrors.length,
        ],
      ],
      lost,
      duplicates,
      drainErrors,
      stats,
    };
  } finally {
    await connector.close();
  }
}

async function main(): Promise<void> {
  console.log(
    `fault-contention: ${USERS} users, baseline ${BASELINE_SECONDS} s, then ${SECONDS} s with a second writer holding BEGIN IMMEDIATE ${HOLD_MIN}–${HOLD_MAX} ms, gaps ${GAP_MIN}–${GAP_MAX} ms; then ${DELIVERIES} outbox deliveries under the same writer; seed ${SEED}; ${machineLine()}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-fault-contention-'));
  const dbPath = join(dir, 'fault-contention.sqlite');
  openDatabase(dbPath).close(); // migrated before the writer opens it
  const connector = await startFaultConnector();
  const bot = await spawnBot({ dbPath });
  try {
    const readyMs = await waitReady(bot);
    if (readyMs === undefined) throw new Error(`the bot did not become ready: ${bot.output.join('\n')}`);
    console.log('A: chat turns …');
    const { turns: baseline, health: baselineHealth } = await runTurns(bot, connector, 'baseline', BASELINE_SECONDS);
    const writer = await startWriter(dbPath, SEED);
    const { turns: contended, health: contendedHealth } = await runTurns(bot, connector, 'second writer', SECONDS);
    const stats = await writer.stop();
    await bot.terminate();

    const rows = [baseline, contended].map((turns) => {
      const s = summarise(turns.map((x) => x.ms));
      const h = summarise(turns === baseline ? baselineHealth : contendedHealth);
      const failed = turns.filter((x) => !x.ok);
      return [
        turns[0]?.phase ?? '?',
        turns.length,
        failed.length,
        fmtMs(s.median),
        fmtMs(s.p95),
        fmtMs(s.max),
        (turns.length / (turns === baseline ? BASELINE_SECONDS : SECONDS)).toFixed(1) + '/s',
        `${fmtMs(h.median)} / ${fmtMs(h.p95)} / ${fmtMs(h.max)}`,
      ];
    });
    console.log(
      '\n' +
        table(
          ['phase', 'turns', 'failed', 'latency median', 'p95', 'max', 'turns/s', 'GET /healthz median / p95 / max'],
          rows,
        ),
    );
    for (const kind of ['casus nieuw Arnhem', 'casus <ref>']) {
      const s = summarise(contended.filter((x) => x.text === kind).map((x) => x.ms));
      console.log(
        `  with the second writer, ${kind}: n ${s.n}, median ${fmtMs(s.median)}, p95 ${fmtMs(s.p95)}, max ${fmtMs(s.max)}`,
      );
    }
    console.log(`  second writer: ${writerLine(stats)}`);
    const failures = contended.filter((x) => !x.ok);
    if (failures.length > 0)
      console.log(
        `  failed turns: ${failures
          .slice(0, 10)
          .map((x) => `${x.text}: ${x.why} after ${fmtMs(x.ms)}`)
          .join('; ')}`,
      );
    const logged = bot.output.filter((l) => /"level":(50|60)/.test(l));
    if (logged.length > 0)
      console.log(
        `  bot logged errors:\n    ${logged
          .slice(0, 10)
          .map((l) => l.slice(0, 600))
          .join('\n    ')}`,
      );

    let delivery: Awaited<ReturnType<typeof deliveryUnderContention>> | undefined;
    if (DELIVERIES > 0) {
      console.log(`\nB: ${DELIVERIES} outbox deliveries while the second writer holds the lock …`);
      delivery = await deliveryUnderContention(dir, DELIVERIES);
      console.log(
        table(['messages', 'drained in', 'rate', 'lost', 'duplicates', 'final rows', 'errors logged'], delivery.rows),
      );
      console.log(`  second writer: ${writerLine(delivery.stats)}`);
      if (delivery.drainErrors.length > 0)
        console.log(
          `  bot logged:\n    ${delivery.drainErrors
            .slice(0, 10)
            .map((l) => l.slice(0, 400))
            .join('\n    ')}`,
        );
    }

    console.log('\ngoals:');
    printGoals([
      {
        goal: 'no failed turn under contention',
        measured: `${failures.length} of ${contended.length} failed; ${logged.length} errors logged`,
        pass: failures.length === 0 && logged.length === 0,
      },
      {
        goal: 'the writer really contended',
        measured: `${stats.transactions} write transactions, ${((stats.heldMs / stats.runMs) * 100).toFixed(0)} % of the time holding the lock`,
        pass: stats.transactions > 0,
      },
      ...(delivery
        ? [
            {
              goal: 'delivery under contention: none lost, no duplicates',
              measured: `lost ${delivery.lost}, duplicates ${delivery.duplicates}, ${delivery.drainErrors.length} errors logged`,
              pass: delivery.lost === 0 && delivery.duplicates === 0,
            },
          ]
        : []),
    ]);
  } finally {
    await bot.terminate();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
