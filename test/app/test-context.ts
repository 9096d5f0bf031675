import { afterAll, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../src/app/app-context.js';
import type { AcutePayload, NudgePayload } from '../../src/app/notifications.js';
import { loadNormsFile } from '../../src/adapters/files/load-norms-file.js';
import { loadRosterFile } from '../../src/adapters/files/load-roster-file.js';
import { openDatabase, type OpenDatabase } from '../../src/adapters/sqlite/open-database.js';
import { DEFAULT_NORMS_FILE, DEFAULT_ROSTER_FILE } from '../../src/config.js';
import { createAppContext } from '../../src/create-app-context.js';
import { readFileSync } from 'node:fs';
import { parseRoster, type Roster, type RosterInput } from '../../src/domain/roster.js';
import { fromWallClock } from '../../src/domain/zoned-time.js';

export const TZ = 'Europe/Amsterdam';

/** Local wall-clock time in Amsterdam as an instant: at('2026-05-13T10:00'). */
export function at(local: string): number {
  const [date, time] = local.split('T') as [string, string];
  const [h, m] = time.split(':').map(Number) as [number, number];
  return fromWallClock(date, h * 60 + m, TZ);
}

export interface TestContext {
  ctx: AppContext;
  database: OpenDatabase;
  file: string;
  setNow(local: string | number): void;
  reopen(): TestContext;
  close(): void;
}

// The directories aContext made, removed when the test file is done (a context can be reopened within the file).
const madeDirs: string[] = [];
afterAll(() => {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A real SQLite file with the real migrations, the demo roster, default norms and a clock the test moves. */
export function aContext(options: { file?: string; now?: string | number; roster?: Roster } = {}): TestContext {
  const file = options.file ?? join(madeDir(), 'test.sqlite');
  const database = openDatabase(file);
  let now = typeof options.now === 'number' ? options.now : at(options.now ?? '2026-05-13T10:00');
  const ctx = createAppContext({
    database,
    roster: options.roster ?? loadRosterFile(DEFAULT_ROSTER_FILE),
    norms: loadNormsFile(DEFAULT_NORMS_FILE),
    timezone: TZ,
    clock: { now: () => now },
  });
  const self: TestContext = {
    ctx,
    database,
    file,
    setNow: (v) => {
      now = typeof v === 'number' ? v : at(v);
    },
    reopen: () => aContext({ file, now: undefined, ...(options.roster ? { roster: options.roster } : {}) }),
    close: () => database.close(),
  };
  return self;
}

/** The demo roster with a change, e.g. without the table's secretary: `demoRosterWith((r) => …)`. */
export function demoRosterWith(patch: (roster: RosterInput) => void): Roster {
  const json = JSON.parse(readFileSync(DEFAULT_ROSTER_FILE, 'utf8')) as RosterInput;
  patch(json);
  const parsed = parseRoster(json, { requireNames: true });
  if ('problems' in parsed) throw new Error(`test: patched roster invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.roster;
}

/** The demo roster without any Jeugdbeschermingstafel fixed face. */
export const withoutTable = (r: RosterInput): void => {
  for (const team of Object.values(r.fixedTeams)) delete team.JBT;
};

function madeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-app-'));
  madeDirs.push(dir);
  return dir;
}

/** A context factory whose contexts are closed after each test: `const context = closedAfterEach();`. */
export function closedAfterEach(): ((now?: string) => TestContext) & { track(c: TestContext): TestContext } {
  const open: TestContext[] = [];
  afterEach(() => open.splice(0).forEach((c) => c.close()));
  const track = (c: TestContext) => (open.push(c), c);
  return Object.assign((now?: string) => track(aContext({ now })), { track });
}

/** A nudge payload for tests that only need some message in the outbox; `n` tells messages apart (its cycle). */
export function aNudge(n = 1, caseRef = 'CG-ARN-2026-0001'): NudgePayload {
  return {
    kind: 'nudge',
    caseId: 0,
    caseRef,
    municipality: 'Arnhem',
    stage: 'SIGNAL',
    timerId: 0,
    timer: 'T1',
    timerLabel: 'Veiligheidsbeoordeling Veilig Thuis',
    cycle: n,
    step: 'remind',
    dueDate: '2026-05-20',
    owner: null,
    postponed: false,
  };
}

/** An acute payload for outbox tests. */
export function anAcute(raisedBy = 'lt-arn'): AcutePayload {
  return {
    kind: 'acute',
    caseId: 0,
    caseRef: 'CG-ARN-2026-0001',
    municipality: 'Arnhem',
    stage: 'SIGNAL',
    acuteId: 0,
    raisedBy,
  };
}
