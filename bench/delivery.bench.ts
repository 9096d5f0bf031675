// Outbox delivery against Teams' rate limits: `npx tsx bench/delivery.bench.ts` (about 2 minutes on 2 cores).
//
// A local connector on 127.0.0.1 (bench/teams-limits-connector.ts) enforces 7/1 s, 8/2 s, 60/30 s per conversation
// and 50 requests/s per app, answering 429 + Retry-After beyond them. The real delivery code drains the outbox into
// it: createOutboxWorker → deliverOutbox → the real Teams sender (src/adapters/teams/create-teams-sender.ts, through
// botbuilder's adapter in local mode, conversation references pointing at the connector) — or, with --sender http or
// while that sender is not implemented, a minimal HTTP sender in this file.
//
// Scenarios, each on a fresh copy of one seeded database and a fresh connector:
//   A  uniform: N nudges to R recipients (N/R each, round-robin order), the worker's default pacing
//   B  the same load with pacing disabled: the comparison baseline (it runs into 429s and retries)
//   C  the mix a real 08:30 tick produces (demo roster: a few team leads get many messages), default pacing
// For each: achieved messages/s against the fastest any sender could go for that mix without a 429 (per-conversation
// and per-app limits), 429s seen, lost (must be 0) and duplicates.
//
// Options: --messages N --recipients R --tick-due K --latency-ms L (0) --sender teams|http --in-flight K (worker default)
//          --only A,B,C   (defaults: 1000 messages, 200 recipients, 100 due steps)

import { TeamsAdapter } from '@microsoft/teams-ai';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboxWorker, type OutboxWorkerOptions } from '../src/adapters/outbox/create-outbox-worker.js';
import { openDatabase } from '../src/adapters/sqlite/open-database.js';
import { createTeamsSender } from '../src/adapters/teams/create-teams-sender.js';
import type { CaseStage } from '../src/domain/types.js';
import type { AppContext } from '../src/app/app-context.js';
import { enqueueNotification } from '../src/app/enqueue-notification.js';
import type { MessageSender, SendOutcome } from '../src/app/ports.js';
import { runTick } from '../src/app/run-tick.js';
import { DEFAULT_ROSTER_FILE } from '../src/config.js';
import { createAppContext } from '../src/create-app-context.js';
import { parseRoster, type Roster } from '../src/domain/roster.js';
import type { TimerId } from '../src/domain/types.js';
import { argOf, fmtMs, machineLine, printGoals, summarise, table } from './bench-utils.js';
import { benchSetup, seedLargeDatabase, type BenchSetup } from './seed-large-database.js';
import {
  idealDrainSeconds,
  startLimitsConnector,
  TEAMS_PER_APP,
  type LimitsConnector,
} from './teams-limits-connector.js';

const MESSAGES = Number(argOf('--messages') ?? 1_000);
const RECIPIENTS = Number(argOf('--recipients') ?? 200);
const TICK_DUE = Number(argOf('--tick-due') ?? 100);
const LATENCY_MS = Number(argOf('--latency-ms') ?? 0);
const IN_FLIGHT = argOf('--in-flight') === undefined ? undefined : Number(argOf('--in-flight'));
const ONLY = (argOf('--only') ?? 'A,B,C').split(',');
const BOT_APP_ID = '00000000-0000-0000-0000-000000000b07'; // LOCAL_BOT_APP_ID's default
const TENANT = '00000000-0000-4000-8000-00000000beef';
const GOAL_SHARE = 0.9;

const teamsSenderImplemented = !createTeamsSender.toString().includes('not implemented');
const SENDER = (argOf('--sender') ?? (teamsSenderImplemented ? 'teams' : 'http')) as 'teams' | 'http';

/** The demo roster plus R bench recipients (professionals with a Teams account and no lead). */
function benchRoster(recipients: number): Roster {
  const input = JSON.parse(readFileSync(DEFAULT_ROSTER_FILE, 'utf8')) as {
    members: Array<Record<string, unknown>>;
    fixedTeams: unknown;
  };
  for (let i = 0; i < recipients; i++) {
    const n = String(i + 1).padStart(4, '0');
    input.members.push({
      id: `bench-${n}`,
      name: `Bench ontvanger ${n}`,
      org: 'LT',
      orgName: 'Bench',
      role: 'professional',
      aadObjectId: `bench-aad-${n}`,
    });
  }
  const parsed = parseRoster(input, { requireNames: true });
  if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
  return parsed.roster;
}

/** A minimal Bot Connector client: one POST per delivery, the delivery id in the body so the connector can count it. */
function createHttpSender(url: string): MessageSender {
  return {
    async send(m): Promise<SendOutcome> {
      const res = await fetch(`${url}v3/conversations/${encodeURIComponent(`a:bench-${m.recipientId}`)}/activities`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          deliveryId: m.deliveryId,
          summary: String(m.payload.caseRef ?? m.kind),
        }),
      });
      await res.arrayBuffer();
      if (res.ok) return { kind: 'sent' };
      if (res.status === 429 || res.status === 412 || res.status >= 500) {
        const after = Number(res.headers.get('retry-after'));
        return Number.isFinite(after) && after > 0
          ? { kind: 'retry', status: res.status, retryAfterMs: after * 1000 }
          : { kind: 'retry', status: res.status };
      }
      return { kind: 'final', status: res.status, reason: `status ${res.status}` };
    },
  };
}

interface ScenarioResult {
  name: string;
  pacing: string;
  deliveries: number;
  recipients: number;
  maxPerRecipient: number;
  idealSeconds: number;
  allowedRate: number;
  bound: string;
  elapsedSeconds: number;
  achievedRate: number;
  share: number;
  requests: number;
  throttledConversation: number;
  throttledApp: number;
  workerRetries: number;
  failed: number;
  lost: number;
  duplicates: number;
  violations: number;
  timedOut: boolean;
  sendMedianMs: number;
  sendP95Ms: number;
  sendMaxMs: number;
}

async function runScenario(o: {
  name: string;
  seeded: string;
  dir: string;
  setup: BenchSetup;
  pacing: Partial<Omit<OutboxWorkerOptions, 'ctx' | 'sender'>>;
  /** Fills the outbox (enqueues, or runs a real tick). */
  fill: (ctx: AppContext) => void;
  capSeconds: number;
}): Promise<ScenarioResult> {
  const path = join(o.dir, `scenario-${o.name}.sqlite`);
  copyFileSync(o.seeded, path);
  const connector: LimitsConnector = await startLimitsConnector({ latencyMs: LATENCY_MS });
  // Simulated time runs at real speed from 08:30:01 on the bench day, so office hours hold and pacing/backoff are real.
  const startedReal = Date.now();
  const clock = { now: () => o.setup.nowDue + (Date.now() - startedReal) };
  const database = openDatabase(path);
  const ctx = createAppContext({
    database,
    roster: o.setup.roster,
    norms: o.setup.norms,
    timezone: o.setup.timezone,
    clock,
  });
  try {
    // Everyone has talked to the bot before: their 1:1 conversation references point at the connector.
    for (const m of o.setup.roster.members) {
      if (!m.aadObjectId) continue;
      ctx.conversations.save(
        `user:${m.aadObjectId}`,
        {
          serviceUrl: connector.url,
          channelId: 'msteams',
          bot: { id: `28:${BOT_APP_ID}`, name: 'teammodel-bot' },
          user: { id: `29:${m.id}`, aadObjectId: m.aadObjectId, name: '' },
          conversation: { id: `a:bench-${m.id}`, conversationType: 'personal', tenantId: TENANT, isGroup: false },
        },
        clock.now(),
      );
    }
    o.fill(ctx);
    const sqlite = database.sqlite;
    const perRecipient = sqlite
      .prepare(`SELECT recipient_id AS r, count(*) AS n FROM deliveries WHERE state = 'pending' GROUP BY recipient_id`)
      .all() as Array<{ r: string; n: number }>;
    const deliveries = perRecipient.reduce((a, b) => a + b.n, 0);
    const ideal = idealDrainSeconds(perRecipient.map((x) => x.n));

    const inner =
      SENDER === 'teams'
        ? createTeamsSender({ adapter: new TeamsAdapter({}), botAppId: BOT_APP_ID, ctx, tenantId: TENANT })
        : createHttpSender(connector.url);
    const sendMs: number[] = [];
    const sender: MessageSender = {
      async send(m) {
        const t = performance.now();
        try {
          return await inner.send(m);
        } finally {
          sendMs.push(performance.now() - t);
        }
      },
    };
    const worker = createOutboxWorker({
      ctx,
      sender,
      ...o.pacing,
      ...(IN_FLIGHT === undefined ? {} : { maxInFlight: IN_FLIGHT }),
    });
    const pending = sqlite.prepare(`SELECT count(*) AS n FROM deliveries WHERE state = 'pending'`);
    const start = performance.now();
    worker.kick();
    let timedOut = false;
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      if ((pending.get() as { n: number }).n === 0) break;
      if (performance.now() - start > o.capSeconds * 1000) {
        timedOut = true;
        break;
      }
    }
    await worker.stop();

    const states = Object.fromEntries(
      (
        sqlite.prepare(`SELECT state, count(*) AS n FROM deliveries GROUP BY state`).all() as Array<{
          state: string;
          n: number;
        }>
      ).map((r) => [r.state, r.n]),
    );
    const keys = new Map<string, number>();
    for (const a of connector.accepted)
      keys.set(`${a.conversationId} ${a.key}`, (keys.get(`${a.conversationId} ${a.key}`) ?? 0) + 1);
    const duplicates = [...keys.values()].reduce((a, n) => a + (n - 1), 0);
    const last = connector.accepted.reduce((m, a) => Math.max(m, a.at), start);
    const elapsedSeconds = (last - start) / 1000;
    const unique = keys.size;
    const allowedRate = deliveries / ideal.seconds;
    const achievedRate = unique / elapsedSeconds;
    return {
      name: o.name,
      pacing: o.pacing.globalGapMs === 0 ? 'off (8 in flight)' : 'default (48/s, Teams windows, 8 in flight)',
      deliveries,
      recipients: perRecipient.length,
      maxPerRecipient: Math.max(...perRecipient.map((x) => x.n)),
      idealSeconds: ideal.seconds,
      allowedRate,
      bound: ideal.conversationBound > ideal.appBound ? 'per-conversation' : `per-app ${TEAMS_PER_APP[0]!.count}/s`,
      elapsedSeconds,
      achievedRate,
      share: achievedRate / allowedRate,
      requests: connector.requests,
      throttledConversation: connector.throttled.perConversation,
      throttledApp: connector.throttled.perApp,
      workerRetries: worker.totals.retried,
      failed: states.failed ?? 0,
      lost: Math.max(0, deliveries - unique),
      duplicates,
      violations: connector.verify().length,
      timedOut,
      sendMedianMs: summarise(sendMs).median,
      sendP95Ms: summarise(sendMs).p95,
      sendMaxMs: summarise(sendMs).max,
    };
  } finally {
    database.close();
    await connector.close();
    rmSync(path, { force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}

interface TimerRef {
  id: number;
  caseId: number;
  caseRef: string;
  municipality: string;
  stage: CaseStage;
  timer: TimerId;
  dueDate: string;
}

/** N nudges about N distinct real timers (so the Teams sender renders real cards), to R recipients round-robin. */
function enqueueUniform(ctx: AppContext, setup: BenchSetup, timers: readonly TimerRef[]): void {
  if (timers.length < MESSAGES) throw new Error(`only ${timers.length} timers to refer to`);
  ctx.store.transaction(() => {
    timers.slice(0, MESSAGES).forEach((t, i) => {
      const recipient = `bench-${String((i % RECIPIENTS) + 1).padStart(4, '0')}`;
      // A message is checked again at delivery: its recipient must still be on the case it is about.
      ctx.store.cases.addMembership({
        caseId: t.caseId,
        memberId: recipient,
        org: 'LT',
        role: 'professional',
        joinedAt: ctx.clock.now(),
        joinedBy: recipient,
        joinReason: 'bench',
      });
      enqueueNotification(ctx, {
        caseId: t.caseId,
        recipients: [recipient],
        payload: {
          kind: 'nudge',
          caseId: t.caseId,
          caseRef: t.caseRef,
          municipality: t.municipality,
          stage: t.stage,
          timerId: t.id,
          timer: t.timer,
          timerLabel: setup.norms.timers[t.timer].label,
          cycle: 1,
          step: 'overdue',
          dueDate: t.dueDate,
          owner: recipient,
          postponed: false,
        },
      });
    });
  });
}

async function main(): Promise<void> {
  console.log(
    `delivery.bench: sender=${SENDER}${teamsSenderImplemented ? '' : ' (the Teams sender is not implemented yet)'}, connector latency ${LATENCY_MS} ms; ${machineLine()}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-delivery-'));
  try {
    const base = benchSetup();
    const setup: BenchSetup = { ...base, roster: benchRoster(RECIPIENTS) };
    const seeded = join(dir, 'seeded.sqlite');
    const seed = seedLargeDatabase({ path: seeded, cases: Math.max(MESSAGES, 2_000), due: TICK_DUE, setup });
    console.log(
      `seeded ${seed.cases} cases / ${seed.timers} timers (${TICK_DUE} due at 08:30) in ${seed.seconds.toFixed(1)} s`,
    );

    const probe = openDatabase(seeded);
    const timers = probe.sqlite
      .prepare(
        `SELECT t.id, t.case_id AS caseId, c.ref AS caseRef, c.municipality, c.stage, t.timer, t.due_date AS dueDate FROM timers t JOIN cases c ON c.id = t.case_id WHERE t.timer = 'T1' ORDER BY t.case_id LIMIT ?`,
      )
      .all(MESSAGES) as TimerRef[];
    probe.close();

    const results: ScenarioResult[] = [];
    const common = { seeded, dir, setup };
    if (ONLY.includes('A')) {
      console.log(`\nA: ${MESSAGES} nudges to ${RECIPIENTS} recipients, default pacing …`);
      results.push(
        await runScenario({
          ...common,
          name: 'A uniform',
          pacing: {},
          fill: (ctx) => enqueueUniform(ctx, setup, timers),
          capSeconds: 150,
        }),
      );
    }
    if (ONLY.includes('B')) {
      console.log(`B: the same load, pacing disabled (baseline) …`);
      results.push(
        await runScenario({
          ...common,
          name: 'B uniform, no pacing',
          pacing: { perRecipientGapMs: 0, globalGapMs: 0, globalPerSecond: 0, perRecipientWindows: [] },
          fill: (ctx) => enqueueUniform(ctx, setup, timers),
          capSeconds: 120,
        }),
      );
    }
    if (ONLY.includes('C')) {
      console.log(`C: what a real 08:30 tick with ${TICK_DUE} due steps enqueues (demo roster), default pacing …`);
      results.push(
        await runScenario({
          ...common,
          name: 'C real tick mix',
          pacing: {},
          fill: (ctx) => {
            const r = runTick(ctx, ctx.clock.now());
            if (r.timerSteps !== TICK_DUE) console.log(`  note: tick fired ${r.timerSteps} steps`);
          },
          capSeconds: 90,
        }),
      );
    }

    console.log(
      '\n' +
        table(
          [
            'scenario',
            'pacing',
            'deliveries',
            'recipients',
            'max/recipient',
            'ideal drain',
            'allowed rate',
            'bound by',
            'took',
            'achieved',
            '% of allowed',
            'requests',
            '429 conv',
            '429 app',
            'worker retries',
            'failed',
            'lost',
            'dupes',
            'limit violations',
            'send() median / p95 / max',
          ],
          results.map((r) => [
            r.name,
            r.pacing,
            r.deliveries,
            r.recipients,
            r.maxPerRecipient,
            `${r.idealSeconds.toFixed(1)} s`,
            `${r.allowedRate.toFixed(1)}/s`,
            r.bound,
            `${r.elapsedSeconds.toFixed(1)} s${r.timedOut ? ' (cap!)' : ''}`,
            `${r.achievedRate.toFixed(1)}/s`,
            `${(r.share * 100).toFixed(0)} %`,
            r.requests,
            r.throttledConversation,
            r.throttledApp,
            r.workerRetries,
            r.failed,
            r.lost,
            r.duplicates,
            r.violations,
            `${fmtMs(r.sendMedianMs)} / ${fmtMs(r.sendP95Ms)} / ${fmtMs(r.sendMaxMs)}`,
          ]),
        ),
    );
    console.log(
      '  ideal drain: the fastest first-to-last schedule without any 429 for this mix (greedy under the per-app window and the busiest',
    );
    console.log(
      "  conversation's windows); allowed rate = deliveries / ideal drain; achieved = delivered / (last accepted − kick).",
    );
    console.log(
      '  429s are counted at the connector; with the Teams sender botbuilder retries a 429 itself (Retry-After) before the worker sees it.',
    );

    console.log('\ngoals:');
    printGoals(
      results
        .filter((r) => r.pacing.startsWith('default'))
        .flatMap((r) => [
          {
            goal: `${r.name}: delivery at ≥ ${GOAL_SHARE * 100} % of the allowed rate`,
            measured: `${r.achievedRate.toFixed(1)}/s of ${r.allowedRate.toFixed(1)}/s = ${(r.share * 100).toFixed(0)} %`,
            pass: r.share >= GOAL_SHARE,
          },
          {
            goal: `${r.name}: nothing lost, no duplicates`,
            measured: `lost ${r.lost}, duplicates ${r.duplicates}, failed ${r.failed}${r.timedOut ? ', hit the time cap' : ''}`,
            pass: r.lost === 0 && r.duplicates === 0 && !r.timedOut,
          },
        ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
