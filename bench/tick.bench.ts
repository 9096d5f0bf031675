// Scheduler tick at scale: `npx tsx bench/tick.bench.ts` (about a minute on 2 cores; most of it is seeding).
//
//  1. Seeds 100 000 open cases with 1 000 000 open timers (10 per case) in a child process; 1 000 of them have a step
//     planned at 08:30 today, every other one on a later day.
//  2. Idle tick: `runTick(ctx, now)` at 08:29 (nothing due), 200 times, interleaved with the baselines measured in the
//     same run on the same connection: `SELECT 1` and the bare indexed due query. Then again at 10:00, after the day's
//     first tick (in office hours the tick also checks whether the daily digest already ran).
//  3. Due tick: on fresh copies of the seeded file (each warmed by idle ticks, as the bot's connection is), one timed
//     `runTick` at 08:30:01 fires the 1 000 steps into the outbox.
//  4. Process RSS with the database open, after the ticks.
//  5. Informational: the daily digest's cost for one opted-in member (no member opts in by default).
// Figures are printed, with the goals they are compared against; nothing here fails on a miss.
//
// Options: --cases N --timers-per-case N --due N --ticks N --runs N --keep (keeps the temp dir)

import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliverOutbox } from '../src/app/deliver-outbox.js';
import { runTick } from '../src/app/run-tick.js';
import { digestItemsFor } from '../src/app/run-daily-digest.js';
import { runDueTimers } from '../src/app/run-due-timers.js';
import {
  fmtMs,
  machineLine,
  peakRssMb,
  printGoals,
  rssMb,
  summarise,
  table,
  timed,
  type Summary,
} from './bench-utils.js';
import { benchSetup, openBenchContext, seedInChildProcess, SEED_TIMERS } from './seed-large-database.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CASES = arg('--cases', 100_000);
const TIMERS_PER_CASE = arg('--timers-per-case', SEED_TIMERS.length);
const DUE = arg('--due', 1_000);
const TICKS = arg('--ticks', 200);
const RUNS = arg('--runs', 5);
const WARMUP = 20;

const GOAL_IDLE_MS = 5;
const GOAL_DUE_MS = 200;
const GOAL_RSS_MB = 250;

const BARE_DUE_SQL = 'SELECT id FROM timers WHERE next_step_at <= ? ORDER BY next_step_at LIMIT 250';
// What timers.due() runs (full rows, literal LIMIT: see src/adapters/sqlite/timer-repository.ts).
const APP_DUE_SQL =
  'SELECT * FROM timers WHERE next_step_at IS NOT NULL AND next_step_at <= ? ORDER BY next_step_at, id LIMIT 250';

const row = (name: string, s: Summary) => [name, s.n, fmtMs(s.median), fmtMs(s.p95), fmtMs(s.min), fmtMs(s.max)];

async function main(): Promise<void> {
  const setup = benchSetup();
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-bench-'));
  const seeded = join(dir, 'seeded.sqlite');
  console.log(`tick.bench: ${CASES} cases × ${TIMERS_PER_CASE} timers, ${DUE} due; ${machineLine()}`);
  console.log(`seeding ${seeded} (child process) …`);
  const seed = await seedInChildProcess({ path: seeded, cases: CASES, timersPerCase: TIMERS_PER_CASE, due: DUE });
  console.log(
    `seeded in ${seed.seconds.toFixed(1)} s: ${seed.cases} cases, ${seed.memberships} memberships, ${seed.timers} timers (all open, next step planned), ` +
      `${seed.timerSteps} earlier steps, ${seed.auditEntries} audit entries; due: ${JSON.stringify(seed.dueBySteps)}; file ${seed.fileMb.toFixed(0)} MB; ` +
      `seeding process peak RSS ${seed.childPeakRssMb.toFixed(0)} MB (256 MB bulk-load page cache)`,
  );

  try {
    const rssBeforeOpen = rssMb();
    // ---- Idle ticks on one long-lived connection, like the bot's -------------------------------------------------
    const workA = join(dir, 'work-0.sqlite');
    copyDurably(seeded, workA);
    const a = openBenchContext(workA, setup, setup.nowIdle);
    const rssAfterOpen = rssMb();
    const sqlite = a.database.sqlite;
    const one = sqlite.prepare('SELECT 1');
    const bare = sqlite.prepare(BARE_DUE_SQL);
    console.log(
      `\nquery plans:\n  bare: ${plan(sqlite, BARE_DUE_SQL, [setup.nowIdle])}\n  app:  ${plan(sqlite, APP_DUE_SQL, [setup.nowIdle])}`,
    );

    const idleAt = (now: number, label: string) => {
      a.clock.set(now);
      for (let i = 0; i < WARMUP; i++) {
        one.get();
        bare.all(now);
        runTick(a.ctx, now);
      }
      const tOne: number[] = [];
      const tBare: number[] = [];
      const tTick: number[] = [];
      let fired = 0;
      for (let i = 0; i < TICKS; i++) {
        tOne.push(timed(() => one.get()).ms);
        tBare.push(timed(() => bare.all(now)).ms);
        const t = timed(() => runTick(a.ctx, now));
        tTick.push(t.ms);
        fired += t.result.timerSteps + t.result.escalationSteps;
      }
      if (fired !== 0) console.log(`  WARNING: ${fired} steps fired during the ${label} idle ticks`);
      return { one: summarise(tOne), bare: summarise(tBare), tick: summarise(tTick) };
    };

    const before = idleAt(setup.nowIdle, '08:29');
    // The outbox kick that follows each tick in the bot (src/main.ts afterTick): an empty drain.
    const drainSamples: number[] = [];
    const noSender = { send: async () => ({ kind: 'sent' as const }) };
    for (let i = 0; i < TICKS; i++) {
      const s = process.hrtime.bigint();
      await deliverOutbox(a.ctx, {
        sender: noSender,
        sleep: async () => {},
        perRecipientGapMs: 1000,
        globalGapMs: 40,
        maxAttempts: 8,
        random: Math.random,
      });
      drainSamples.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    const rssAfterIdle = rssMb();

    // ---- Due ticks ---------------------------------------------------------------------------------------------
    const dueRuns: Array<{
      ms: number;
      cpuMs: number;
      fired: number;
      outbox: number;
      deliveries: number;
      escalations: number;
      steps: number;
      audit: number;
    }> = [];
    const timersOnly: number[] = [];
    const fireOn = (ctx: typeof a, only: 'tick' | 'timers') => {
      ctx.clock.set(setup.nowIdle);
      for (let i = 0; i < WARMUP; i++) runTick(ctx.ctx, setup.nowIdle);
      const count = (sql: string) => (ctx.database.sqlite.prepare(sql).get() as { n: number }).n;
      const base = {
        outbox: count('SELECT count(*) AS n FROM outbox'),
        deliveries: count('SELECT count(*) AS n FROM deliveries'),
        escalations: count('SELECT count(*) AS n FROM escalations'),
        steps: count('SELECT count(*) AS n FROM timer_steps'),
        audit: count('SELECT count(*) AS n FROM audit_log'),
      };
      ctx.clock.set(setup.nowDue);
      if (only === 'timers') {
        const t = timed(() => runDueTimers(ctx.ctx, setup.nowDue));
        timersOnly.push(t.ms);
        return;
      }
      const cpu0 = process.cpuUsage();
      const t = timed(() => runTick(ctx.ctx, setup.nowDue));
      const cpu = process.cpuUsage(cpu0);
      dueRuns.push({
        ms: t.ms,
        cpuMs: (cpu.user + cpu.system) / 1000,
        fired: t.result.timerSteps,
        outbox: count('SELECT count(*) AS n FROM outbox') - base.outbox,
        deliveries: count('SELECT count(*) AS n FROM deliveries') - base.deliveries,
        escalations: count('SELECT count(*) AS n FROM escalations') - base.escalations,
        steps: count('SELECT count(*) AS n FROM timer_steps') - base.steps,
        audit: count('SELECT count(*) AS n FROM audit_log') - base.audit,
      });
    };
    fireOn(a, 'tick'); // run 1 on the long-lived connection

    // ---- Idle again, in office hours after the day's first tick --------------------------------------------------
    const tenOClock = setup.calendar.officeStartOf(setup.today) + 90 * 60_000;
    const after = idleAt(tenOClock, '10:00');
    // Informational: what one daily-digest subscriber costs the 08:30 tick (digestItemsFor runs once per opted-in member).
    const digestMember = setup.roster.fixedTeam(setup.roster.municipalities[0]!)?.LT ?? setup.roster.members[0]!.id;
    const digestCases = a.ctx.store.cases.casesOfMember(digestMember).length;
    const digest = timed(() => digestItemsFor(a.ctx, digestMember, setup.today));
    const rssAfterTicks = rssMb();
    a.database.close();
    rmSync(workA);

    for (let r = 1; r < RUNS + 2; r++) {
      const path = join(dir, `work-${r}.sqlite`);
      copyDurably(seeded, path);
      const c = openBenchContext(path, setup, setup.nowIdle);
      fireOn(c, r < RUNS ? 'tick' : 'timers');
      c.database.close();
      rmSync(path);
      for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    }

    // ---- Report ------------------------------------------------------------------------------------------------
    console.log(`\nidle tick (nothing due), ${TICKS} samples each after ${WARMUP} warm-up, same connection:`);
    console.log(
      table(
        ['what', 'n', 'median', 'p95', 'min', 'max'],
        [
          row('SELECT 1 (baseline)', before.one),
          row('bare due query (baseline)', before.bare),
          row('runTick at 08:29', before.tick),
          row('runTick at 10:00 (after first tick)', after.tick),
          row('  bare due query at 10:00', after.bare),
          row('empty outbox drain (kick)', summarise(drainSamples)),
        ],
      ),
    );
    console.log(
      `  runTick / bare query (median): ${(before.tick.median / before.bare.median).toFixed(1)}× at 08:29, ${(after.tick.median / after.bare.median).toFixed(1)}× at 10:00`,
    );

    const due = summarise(dueRuns.map((d) => d.ms));
    console.log(
      `\ndue tick: ${DUE} steps due at 08:30:01, ${dueRuns.length} fresh copies (each warmed by ${WARMUP} idle ticks):`,
    );
    console.log(
      table(
        [
          'run',
          'runTick (wall)',
          'CPU',
          'steps fired',
          'outbox rows',
          'deliveries',
          'escalations',
          'timer_steps',
          'audit rows',
          'per step',
        ],
        dueRuns.map((d, i) => [
          String(i + 1),
          fmtMs(d.ms),
          fmtMs(d.cpuMs),
          d.fired,
          d.outbox,
          d.deliveries,
          d.escalations,
          d.steps,
          d.audit,
          fmtMs(d.ms / Math.max(1, d.fired)),
        ]),
      ),
    );
    console.log(
      `  median ${fmtMs(due.median)} wall, ${fmtMs(summarise(dueRuns.map((d) => d.cpuMs)).median)} CPU (min ${fmtMs(due.min)}, max ${fmtMs(due.max)}); CPU = this process over all threads (GC included), so it can exceed wall; wall well above CPU = waiting on I/O`,
    );
    console.log(
      `  runDueTimers alone (no escalation sweep, no digest) on further copies: ${timersOnly.map(fmtMs).join(', ')}`,
    );
    console.log(
      `  informational: digest items for one opted-in member (${digestMember}, on ${digestCases} open cases): ${fmtMs(digest.ms)} for ${digest.result.length} items — paid per subscriber inside the 08:30 tick`,
    );

    console.log(`\nmemory (this process, ${CASES} cases / ${seed.timers} timers open in SQLite):`);
    console.log(
      table(
        ['moment', 'RSS'],
        [
          ['before opening the database', `${rssBeforeOpen.toFixed(0)} MB`],
          ['database open (after seeding in a child)', `${rssAfterOpen.toFixed(0)} MB`],
          ['after idle ticks and empty drains', `${rssAfterIdle.toFixed(0)} MB`],
          ['after due tick + idle ticks', `${rssAfterTicks.toFixed(0)} MB`],
          ['peak RSS of this process', `${peakRssMb().toFixed(0)} MB`],
        ],
      ),
    );

    const firedOk = dueRuns.every((d) => d.fired === DUE);
    console.log('\ngoals:');
    printGoals([
      {
        goal: `idle tick under ${GOAL_IDLE_MS} ms (median, ${CASES} cases, ${seed.timers} timers)`,
        measured: `${fmtMs(before.tick.median)} (p95 ${fmtMs(before.tick.p95)}); in office hours ${fmtMs(after.tick.median)}`,
        pass: Math.max(before.tick.median, after.tick.median) < GOAL_IDLE_MS,
      },
      {
        goal: `${DUE} due steps into the outbox under ${GOAL_DUE_MS} ms (median)`,
        measured: `${fmtMs(due.median)}${firedOk ? '' : ' (NOT all steps fired!)'}`,
        pass: due.median < GOAL_DUE_MS && firedOk,
      },
      {
        goal: `RSS under ${GOAL_RSS_MB} MB with ${CASES} cases and their timers`,
        measured: `${rssAfterTicks.toFixed(0)} MB (peak ${peakRssMb().toFixed(0)} MB)`,
        pass: peakRssMb() < GOAL_RSS_MB,
      },
    ]);
  } finally {
    if (process.argv.includes('--keep')) console.log(`\nkept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies the seeded file and flushes the copy, so background write-back of the copy does not land inside a timing. */
function copyDurably(from: string, to: string): void {
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function plan(sqlite: import('better-sqlite3').Database, sql: string, params: unknown[]): string {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join('; ');
}

await main();
