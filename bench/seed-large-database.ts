// Fills a SQLite file (created with the real migrations through openDatabase) with many open cases, their
// memberships, their timers and a valid audit chain, fast: raw prepared statements in one transaction.
//
// The rows are the app's own: every timer's due date, ladder and next step come from the same domain functions
// startTimer uses (dueDateFor, termInWorkingDays, ladderFor, planSteps, nextStep) on the real working calendar;
// memberships are a municipality's fixed faces as openCase forms them; references follow openCase's pattern.
//
// Reusable by benches:   import { seedLargeDatabase, benchSetup, openBenchContext } from './seed-large-database.js';
// or from the shell:     npx tsx bench/seed-large-database.ts --out /tmp/big.sqlite --cases 100000 --timers-per-case 10 --due 1000
//
// Time model: "today" is BENCH_DATE (a Tuesday). Nothing is due at `nowIdle` (08:29 that day). The `due` timers have
// their next step planned at today's office-hours start, so a tick at `nowDue` (08:30:01, the first cron tick of the
// working day) fires exactly those. Every other open timer's next step lies on a later day.

import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../src/app/app-context.js';
import type { Clock } from '../src/app/ports.js';
import { loadNormsFile } from '../src/adapters/files/load-norms-file.js';
import { loadRosterFile } from '../src/adapters/files/load-roster-file.js';
import { openDatabase, type OpenDatabase } from '../src/adapters/sqlite/open-database.js';
import { DEFAULT_NORMS_FILE, DEFAULT_ROSTER_FILE } from '../src/config.js';
import { createAppContext } from '../src/create-app-context.js';
import { auditHash, canonicalJson, GENESIS_HASH } from '../src/domain/audit-chain.js';
import { addDays, type LocalDate } from '../src/domain/local-date.js';
import type { Norms } from '../src/domain/norms.js';
import type { Roster } from '../src/domain/roster.js';
import {
  dueDateFor,
  ladderFor,
  nextStep,
  planSteps,
  termInWorkingDays,
  type PlannedStep,
} from '../src/domain/timer-plan.js';
import type { CaseStage, MemberId, TimerId, TimerStep } from '../src/domain/types.js';
import type { WorkingCalendar } from '../src/domain/working-calendar.js';

export const BENCH_TIMEZONE = 'Europe/Amsterdam';
/** A Tuesday without holidays around it. */
export const BENCH_DATE: LocalDate = '2026-03-10';

/**
 * Timers that need nothing beyond the case itself (T8/T9 need a measure end, T12 a handover, DECISION an escalation).
 * Ten of them, so 100 000 cases carry 1 000 000 timers.
 */
export const SEED_TIMERS: readonly TimerId[] = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T10', 'T11', 'T13'];

const STAGES: readonly CaseStage[] = [
  'SIGNAL',
  'VT_SAFETY_ASSESSMENT',
  'VT_FOLLOWUP',
  'LT_VOLUNTARY',
  'JBT_REQUESTED',
  'RVDK_INVESTIGATION',
  'GI_EXECUTION',
];

/** Order in which due timers cycle through their step: 40 % remind, 40 % overdue, 20 % escalate (escalate opens an escalation). */
const DUE_STEP_CYCLE: readonly TimerStep[] = ['remind', 'overdue', 'remind', 'overdue', 'escalate'];

export interface BenchSetup {
  roster: Roster;
  norms: Norms;
  timezone: string;
  calendar: WorkingCalendar;
  today: LocalDate;
  /** 08:29 on BENCH_DATE: nothing is due. */
  nowIdle: number;
  /** 08:30:01 on BENCH_DATE: exactly the seeded `due` timers are due. */
  nowDue: number;
}

/** The demo roster, the default norms and the real working calendar (built exactly as createAppContext builds it). */
export function benchSetup(): BenchSetup {
  const roster = loadRosterFile(DEFAULT_ROSTER_FILE);
  const norms = loadNormsFile(DEFAULT_NORMS_FILE);
  const scratch = openDatabase(':memory:');
  try {
    const ctx = createAppContext({
      database: scratch,
      roster,
      norms,
      timezone: BENCH_TIMEZONE,
      clock: { now: () => 0 },
    });
    const calendar = ctx.calendar;
    const start = calendar.officeStartOf(BENCH_DATE);
    return {
      roster,
      norms,
      timezone: BENCH_TIMEZONE,
      calendar,
      today: BENCH_DATE,
      nowIdle: start - 60_000,
      nowDue: start + 1_000,
    };
  } finally {
    scratch.close();
  }
}

export interface SeedOptions {
  /** Target file; replaced if it exists (with its -wal/-shm). */
  path: string;
  cases: number;
  /** 1..10 timers per case, taken from SEED_TIMERS in order. Default 10. */
  timersPerCase?: number;
  /** Number of timers whose next step is due at `nowDue` (spread evenly over the cases). Default 0. */
  due?: number;
  /** One case.opened audit entry per case, hash-chained like the app's. Default true. */
  audit?: boolean;
  setup?: BenchSetup;
}

export interface SeedResult {
  path: string;
  cases: number;
  memberships: number;
  timers: number;
  openTimersWithNextStep: number;
  timerSteps: number;
  auditEntries: number;
  due: number;
  dueBySteps: Record<TimerStep, number>;
  nowIdle: number;
  nowDue: number;
  seconds: number;
  fileMb: number;
}

interface Template {
  startDate: LocalDate;
  dueDate: LocalDate;
  remindBefore: number;
  escalateAfter: number;
  remindEnabled: boolean;
  next: PlannedStep;
  /** Steps of this cycle that fired before `next` (they get timer_steps rows, as the app would have written). */
  fired: PlannedStep[];
}

/** The cycle startTimer would create for `timer` started at `startedAt` on `startDate`. */
function cycleFor(s: BenchSetup, timer: TimerId, startDate: LocalDate, startedAt: number) {
  const norm = s.norms.timers[timer];
  const dueDate = dueDateFor(s.calendar, norm.term, startDate);
  if (!dueDate) throw new Error(`${timer} needs more than a case to start`);
  const n = termInWorkingDays(s.calendar, norm.term, startDate, dueDate);
  const ladder = ladderFor(s.norms, n, { remindBefore: norm.remindBefore, escalateAfter: norm.escalateAfter });
  const steps = planSteps(s.calendar, { timer, dueDate, ...ladder, remindEnabled: norm.remind });
  return { dueDate, ...ladder, remindEnabled: norm.remind, steps, first: nextStep(steps, undefined, startedAt) };
}

const START_OFFSET_MINUTES = 15; // cycles start a quarter past the office-hours start of their day

/** Previous working days, newest first. */
function workingDaysBefore(s: BenchSetup, count: number): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = addDays(s.today, -1); out.length < count; d = addDays(d, -1))
    if (s.calendar.isWorkingDay(d)) out.push(d);
  return out;
}

/** Start dates (recent working days) whose first step lies after today: the timer is open and not due. */
function idleTemplates(s: BenchSetup, timer: TimerId): Template[] {
  const out: Template[] = [];
  for (const startDate of workingDaysBefore(s, 15)) {
    const startedAt = s.calendar.officeStartOf(startDate) + START_OFFSET_MINUTES * 60_000;
    const c = cycleFor(s, timer, startDate, startedAt);
    if (c.first && c.first.date > s.today)
      out.push({
        startDate,
        dueDate: c.dueDate,
        remindBefore: c.remindBefore,
        escalateAfter: c.escalateAfter,
        remindEnabled: c.remindEnabled,
        next: c.first,
        fired: [],
      });
  }
  if (out.length === 0) throw new Error(`no idle start date for ${timer}`);
  return out;
}

/** The latest start date whose `step` is planned for today (and whose following step is not), with the steps before it fired. */
function dueTemplate(s: BenchSetup, timer: TimerId, step: TimerStep): Template | undefined {
  for (const startDate of workingDaysBefore(s, 400)) {
    const startedAt = s.calendar.officeStartOf(startDate) + START_OFFSET_MINUTES * 60_000;
    const c = cycleFor(s, timer, startDate, startedAt);
    const live = c.steps.filter((p) => !(p.step === 'remind' && p.at < startedAt));
    const i = live.findIndex((p) => p.step === step);
    if (i < 0) return undefined; // e.g. T13 has no reminder
    if (live[i]!.date !== s.today) continue;
    if (live[i + 1] && live[i + 1]!.date <= s.today) continue;
    return {
      startDate,
      dueDate: c.dueDate,
      remindBefore: c.remindBefore,
      escalateAfter: c.escalateAfter,
      remindEnabled: c.remindEnabled,
      next: live[i]!,
      fired: live.slice(0, i),
    };
  }
  return undefined;
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(path + suffix)) rmSync(path + suffix);
}

/** Seeds a fresh database file and closes it (checkpointed: the single file can be copied). */
export function seedLargeDatabase(o: SeedOptions): SeedResult {
  const started = Date.now();
  const s = o.setup ?? benchSetup();
  const timersPerCase = o.timersPerCase ?? SEED_TIMERS.length;
  if (timersPerCase < 1 || timersPerCase > SEED_TIMERS.length)
    throw new Error(`timersPerCase must be 1..${SEED_TIMERS.length}`);
  const kinds = SEED_TIMERS.slice(0, timersPerCase);
  const dueCount = o.due ?? 0;
  if (dueCount > o.cases * timersPerCase) throw new Error('more due timers than timers');

  // Which (case, timer) pairs are due, and at which step: spread evenly over cases, cycling timer kinds and steps.
  const idle = new Map(kinds.map((k) => [k, idleTemplates(s, k)] as const));
  const dueTemplates = new Map<string, Template>();
  const dueAt = new Map<number, Map<TimerId, Template>>();
  const dueBySteps: Record<TimerStep, number> = { remind: 0, checkin: 0, overdue: 0, escalate: 0 };
  for (let k = 0; k < dueCount; k++) {
    const caseIndex = Math.floor((k * o.cases) / dueCount);
    let perCase = dueAt.get(caseIndex);
    if (!perCase) dueAt.set(caseIndex, (perCase = new Map()));
    let template: Template | undefined;
    for (let attempt = 0; attempt < kinds.length * DUE_STEP_CYCLE.length && !template; attempt++) {
      const timer = kinds[(k + attempt) % kinds.length]!;
      const step = DUE_STEP_CYCLE[(k + Math.floor(attempt / kinds.length)) % DUE_STEP_CYCLE.length]!;
      if (perCase.has(timer)) continue;
      const key = `${timer}/${step}`;
      if (!dueTemplates.has(key)) {
        const t = dueTemplate(s, timer, step);
        if (t) dueTemplates.set(key, t);
      }
      const t = dueTemplates.get(key);
      if (t) {
        perCase.set(timer, t);
        template = t;
      }
    }
    if (!template) throw new Error(`could not place due timer ${k}`);
    dueBySteps[template.next.step]++;
  }

  removeDatabaseFiles(o.path);
  const database = openDatabase(o.path);
  const sqlite = database.sqlite;
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144'); // 256 MB for the bulk load only; the app's connection keeps the default

  const insertCase = sqlite.prepare(
    `INSERT INTO cases (id, ref, municipality, stage, coordinator_id, measure, measure_start, measure_end, opened_at, opened_by, closed_at, last_activity_at)
     VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, NULL, ?)`,
  );
  const insertMember = sqlite.prepare(
    `INSERT INTO case_members (case_id, member_id, org_type, role, joined_at, joined_by, join_reason, left_at, left_by, leave_reason)
     VALUES (?, ?, ?, ?, ?, ?, 'vast gezicht', NULL, NULL, NULL)`,
  );
  const insertTimer = sqlite.prepare(
    `INSERT INTO timers (case_id, timer, cycle, started_at, start_date, due_date, original_due_date, remind_before, escalate_after, remind_enabled,
                         owner_ref, handover_id, escalation_id, state, stopped_at, stop_reason, next_step, next_step_at, postpone_count, acknowledged_at, acknowledged_by)
     VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 'open', NULL, NULL, ?, ?, 0, NULL, NULL)`,
  );
  const insertStep = sqlite.prepare(
    `INSERT INTO timer_steps (case_id, timer, cycle, step, planned_at, fired_at) VALUES (?, ?, 1, ?, ?, ?)`,
  );
  const insertAudit = sqlite.prepare(
    `INSERT INTO audit_log (at, actor, action, case_id, reason, details, prev_hash, hash) VALUES (?, ?, 'case.opened', ?, NULL, ?, ?, ?)`,
  );
  const upsertSequence = sqlite.prepare(
    `INSERT INTO case_sequences (prefix, last) VALUES (?, ?) ON CONFLICT(prefix) DO UPDATE SET last = excluded.last`,
  );

  // Per municipality: fixed faces (LT, VT, GI, RVDK) in the order openCase adds them, and the reference prefix.
  const prefixes = new Map<string, string>();
  const municipalities = s.roster.municipalities.map((name) => {
    const faces = Object.values(s.roster.fixedTeam(name) ?? {}).map((id) => s.roster.member(id)!);
    const lt = faces.find((m) => m.org === 'LT') ?? faces[0]!;
    return { name, faces, lt };
  });
  const scratch = openDatabase(':memory:');
  const codesCtx: AppContext = createAppContext({
    database: scratch,
    roster: s.roster,
    norms: s.norms,
    timezone: s.timezone,
    clock: { now: () => 0 },
  });
  for (const m of municipalities) {
    const c = codesCtx.municipalityCodes(m.name);
    prefixes.set(m.name, `${c.region}-${c.municipality}-${s.today.slice(0, 4)}`);
  }
  scratch.close();
  const openingDays = workingDaysBefore(s, 15);

  let memberships = 0;
  let timers = 0;
  let withNext = 0;
  let steps = 0;
  let audits = 0;
  const sequences = new Map<string, number>();
  let prevHash = GENESIS_HASH;

  sqlite.transaction(() => {
    for (let i = 0; i < o.cases; i++) {
      const id = i + 1;
      const m = municipalities[i % municipalities.length]!;
      const prefix = prefixes.get(m.name)!;
      const seq = (sequences.get(prefix) ?? 0) + 1;
      sequences.set(prefix, seq);
      const ref = `${prefix}-${String(seq).padStart(4, '0')}`;
      const stage = STAGES[i % STAGES.length]!;
      const openedAt = s.calendar.officeStartOf(openingDays[openingDays.length - 1]!) + (i % 400) * 60_000;
      insertCase.run(id, ref, m.name, stage, m.lt.id, openedAt, m.lt.id, openedAt);
      for (const f of m.faces) {
        insertMember.run(id, f.id, f.org, f.role, openedAt, m.lt.id);
        memberships++;
      }
      if (o.audit ?? true) {
        const details = { coordinatorId: m.lt.id, members: m.faces.map((f) => f.id), municipality: m.name, ref, stage };
        const entry = { at: openedAt, actor: m.lt.id, action: 'case.opened', caseId: id, reason: null, details };
        const hash = auditHash(prevHash, entry);
        insertAudit.run(openedAt, m.lt.id, id, canonicalJson(details), prevHash, hash);
        prevHash = hash;
        audits++;
      }
      const due = dueAt.get(i);
      for (let k = 0; k < kinds.length; k++) {
        const timer = kinds[k]!;
        const dueTemplate = due?.get(timer);
        const choices = idle.get(timer)!;
        const t = dueTemplate ?? choices[(i + k) % choices.length]!;
        const startedAt = s.calendar.officeStartOf(t.startDate) + START_OFFSET_MINUTES * 60_000;
        const ownerRef: MemberId | null = timer === 'T3' ? m.lt.id : null; // T3's owner is the JBT recorder
        insertTimer.run(
          id,
          timer,
          startedAt,
          t.startDate,
          t.dueDate,
          t.dueDate,
          t.remindBefore,
          t.escalateAfter,
          t.remindEnabled ? 1 : 0,
          ownerRef,
          t.next.step,
          t.next.at,
        );
        timers++;
        withNext++;
        for (const f of t.fired) {
          insertStep.run(id, timer, f.step, f.at, f.at + 30_000);
          steps++;
        }
      }
    }
    for (const [prefix, last] of sequences) upsertSequence.run(prefix, last);
  })();

  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('optimize');
  database.close();
  const size = statSync(o.path).size;
  return {
    path: o.path,
    cases: o.cases,
    memberships,
    timers,
    openTimersWithNextStep: withNext,
    timerSteps: steps,
    auditEntries: audits,
    due: dueCount,
    dueBySteps,
    nowIdle: s.nowIdle,
    nowDue: s.nowDue,
    seconds: (Date.now() - started) / 1000,
    fileMb: size / (1024 * 1024),
  };
}

/** An AppContext on an existing (seeded) file with a settable simulated clock, as the scenario replayer builds one. */
export function openBenchContext(
  path: string,
  setup: BenchSetup,
  startAt: number,
): { ctx: AppContext; database: OpenDatabase; clock: Clock & { set(t: number): void } } {
  let now = startAt;
  const clock = { now: () => now, set: (t: number) => (now = t) };
  const database = openDatabase(path);
  const ctx = createAppContext({ database, roster: setup.roster, norms: setup.norms, timezone: setup.timezone, clock });
  return { ctx, database, clock };
}

/** Seeds in a child process (so the caller's RSS reflects only opening and using the database) and returns its report. */
/** The references of the open cases `memberId` currently sits on, in case order (what the chat benches ask for). */
export function openCaseRefsOf(path: string, memberId: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT c.ref FROM cases c JOIN case_members m ON m.case_id = c.id
         WHERE m.member_id = ? AND m.left_at IS NULL AND c.closed_at IS NULL ORDER BY c.id`,
      )
      .pluck()
      .all(memberId) as string[];
  } finally {
    db.close();
  }
}

export async function seedInChildProcess(
  o: Omit<SeedOptions, 'setup'>,
): Promise<SeedResult & { childPeakRssMb: number }> {
  const { spawn } = await import('node:child_process');
  const args = [
    '--import',
    'tsx',
    fileURLToPath(import.meta.url),
    '--out',
    o.path,
    '--cases',
    String(o.cases),
    '--timers-per-case',
    String(o.timersPerCase ?? SEED_TIMERS.length),
    '--due',
    String(o.due ?? 0),
  ];
  if (o.audit === false) args.push('--no-audit');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('SEED_RESULT '));
      if (code !== 0 || !line) return reject(new Error(`seeding failed (exit ${code}):\n${out}`));
      resolvePromise(JSON.parse(line.slice('SEED_RESULT '.length)) as SeedResult & { childPeakRssMb: number });
    });
  });
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const path = argValue('--out');
  if (!path) {
    console.error(
      'usage: npx tsx bench/seed-large-database.ts --out FILE [--cases 100000] [--timers-per-case 10] [--due 0] [--no-audit]',
    );
    process.exit(2);
  }
  const result = seedLargeDatabase({
    path,
    cases: Number(argValue('--cases') ?? 100_000),
    timersPerCase: Number(argValue('--timers-per-case') ?? SEED_TIMERS.length),
    due: Number(argValue('--due') ?? 0),
    audit: !process.argv.includes('--no-audit'),
  });
  const report = { ...result, childPeakRssMb: process.resourceUsage().maxRSS / 1024 };
  console.log(`SEED_RESULT ${JSON.stringify(report)}`);
}
