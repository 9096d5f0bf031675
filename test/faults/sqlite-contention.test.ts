import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TURN_ERROR_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { REPO_ROOT } from '../../bench/fault-harness.js';
import { personalConversationId, personalMessage, type Person } from '../support/teams-activity.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

// SQLite contention from a second writer (issue "Faults"): while the bot serves chat turns, another process holds
// write transactions on the same database file (BEGIN IMMEDIATE, insert, hold 50–500 ms, commit, repeat). Every turn
// must still succeed: HTTP 200, one reply, and never the generic "Er ging iets mis" answer. No timing is asserted;
// the figures (latency, lock waits) are in bench/fault-contention.ts.

const ARNHEM: Person[] = [
  { aadObjectId: '00000000-0000-4000-8000-000000000016', name: 'Pien Meijer (fictief)' }, // lt-arn
  { aadObjectId: '00000000-0000-4000-8000-000000000018', name: 'Roos de Graaf (fictief)' }, // vt-arn
  { aadObjectId: '00000000-0000-4000-8000-000000000019', name: 'Sem Jansen (fictief)' }, // gi-arn
  { aadObjectId: '00000000-0000-4000-8000-000000000020', name: 'Tess de Groot (fictief)' }, // rvdk-arn
];
const ROUNDS = 2; // per person: casus nieuw Arnhem, then casus <ref>, twice

interface WriterStats {
  transactions: number;
  heldMs: number;
  errors: number;
}

function startSecondWriter(dbPath: string): { child: ChildProcess; holding: Promise<void>; stop: () => Promise<WriterStats> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fault-second-writer.ts', '--db', dbPath, '--hold-min', '50', '--hold-max', '500', '--gap-min', '5', '--gap-max', '50', '--seed', '7'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const holding = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('holding')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`second writer exited (${code}): ${err}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child,
    holding,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      const last = out.trim().split('\n').pop() ?? '{}';
      return JSON.parse(last) as WriterStats;
    },
  };
}

describe('SQLite contention from a second writer', () => {
  let t: TestBot;
  let writer: ReturnType<typeof startSecondWriter> | undefined;
  beforeAll(async () => {
    t = await startTestBot({ scheduler: false });
  });
  afterAll(async () => {
    if (writer && writer.child.exitCode === null) await writer.stop();
    await t?.stop();
  });

  it('every chat turn succeeds while another process holds write transactions on the same file', async () => {
    writer = startSecondWriter(join(t.dir, 'bot.sqlite'));
    await writer.holding;

    const turns: Array<{ who: string; text: string; status: number; replies: string[]; error?: string }> = [];
    const turn = async (p: Person, text: string) => {
      const conv = personalConversationId(p);
      const before = t.repliesTo(conv).length;
      let status = 0;
      let error: string | undefined;
      try {
        status = (await t.post(personalMessage(text, { from: p, serviceUrl: t.connector.url }))).status;
      } catch (err) {
        error = `${String(err)} ${String((err as { cause?: unknown }).cause ?? '')}`; // e.g. ECONNRESET: the request never got an answer
      }
      const replies = t.repliesTo(conv).slice(before).map((a) => JSON.stringify(a));
      turns.push({ who: p.name!, text, status, replies, error });
      return replies;
    };
    await Promise.all(
      ARNHEM.map(async (p) => {
        for (let round = 0; round < ROUNDS; round++) {
          const created = (await turn(p, 'casus nieuw Arnhem')).join('\n');
          const ref = /Casus (CG-ARN-\d{4}-\d{4})/.exec(created)?.[1];
          await turn(p, ref ? `casus ${ref}` : 'casus CG-ARN-0000-0000');
        }
      }),
    );
    const stats = await writer.stop();

    expect(stats.transactions).toBeGreaterThan(0); // the writer really held the lock during the turns
    expect(stats.errors).toBe(0);
    expect(turns).toHaveLength(ARNHEM.length * ROUNDS * 2);
    const failed = turns.filter((x) => x.status !== 200 || x.replies.length !== 1 || x.replies.some((r) => r.includes(TURN_ERROR_TEXT.slice(0, 20))));
    expect(failed.map((x) => `${x.who}: "${x.text}" → HTTP ${x.status}${x.error ? ` (${x.error})` : ''}, ${x.replies.length} replies ${x.replies.map((r) => r.slice(0, 120)).join(' | ')}`)).toEqual([]);
    for (const x of turns) expect(x.replies[0]).toMatch(/Casus CG-ARN-\d{4}-\d{4}/);
    const errors = t.logger.records.filter((r) => r.level === 'error');
    expect(errors.map((r) => JSON.stringify(r.obj).slice(0, 300))).toEqual([]);
    const cases = t.bot.database.sqlite.prepare(`SELECT count(*) AS n FROM cases`).get() as { n: number };
    expect(cases.n).toBe(ARNHEM.length * ROUNDS);
  }, 20_000);
});
