import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_IN_ROSTER_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { DEFAULT_ROSTER_FILE } from '../../src/config.js';
import { personalConversationId, personalMessage } from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';

// The roster is re-read without a restart: when its file changes, and on SIGHUP. A valid file takes effect at the
// next turn and is in the audit log by member id; a file with errors never replaces the running roster, and every
// problem is logged with its JSON path.

type RosterJson = { members: Array<Record<string, unknown>>; fixedTeams: Record<string, unknown> };
const demo = (): RosterJson => JSON.parse(readFileSync(DEFAULT_ROSTER_FILE, 'utf8')) as RosterJson;
const NEWCOMER = {
  id: 'lt-arn-new',
  name: 'Nieuwe Collega (fictief)',
  org: 'LT',
  orgName: 'Stichting Wijkteams Arnhem',
  role: 'professional',
  lead: 'lead-lt-arn',
  aadObjectId: DEMO.stranger.aadObjectId,
};

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`test: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('roster care without a restart', () => {
  let t: TestBot;
  let file: string;
  const auditRows = () =>
    t.bot.database.sqlite
      .prepare(`SELECT actor, details FROM audit_log WHERE action = 'roster.reloaded' ORDER BY id`)
      .all() as Array<{ actor: string; details: string }>;
  const logged = (msg: string) => t.logger.records.filter((r) => r.msg === msg);
  const stranger = async () => {
    const conv = personalConversationId(DEMO.stranger);
    const before = t.repliesTo(conv).length;
    await t.post(personalMessage('hulp', { from: DEMO.stranger, serviceUrl: t.connector.url }));
    return t
      .repliesTo(conv)
      .slice(before)
      .map((a) => a.text);
  };

  beforeAll(async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    file = join(mkdtempSync(join(tmpdir(), 'teammodel-roster-')), 'roster.json');
    writeFileSync(file, JSON.stringify(demo()));
    t = await startTestBot({
      env: { ROSTER_FILE: file },
      scheduler: false,
      rosterWatch: { intervalMs: 50, sighup: true },
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a changed file takes effect at the next turn, and the audit log says which member ids changed', async () => {
    expect(await stranger()).toEqual([NOT_IN_ROSTER_TEXT]);
    const roster = demo();
    roster.members.push(NEWCOMER);
    writeFileSync(file, JSON.stringify(roster));
    await until(() => logged('roster reloaded').length === 1, 'the reload');
    expect(t.bot.ctx.roster.member('lt-arn-new')?.orgName).toBe('Stichting Wijkteams Arnhem');
    expect((await stranger())[0]).not.toBe(NOT_IN_ROSTER_TEXT);
    const [row] = auditRows();
    expect(row!.actor).toBe('teammodel-bot');
    expect(JSON.parse(row!.details)).toMatchObject({
      source: 'file',
      added: ['lt-arn-new'],
      removed: [],
      changed: [],
    });
    // Ids only: no name of anyone in the log line or the audit entry.
    expect(row!.details).not.toContain('Nieuwe Collega');
  });

  it('a file with errors keeps the running roster and logs every problem with its JSON path', async () => {
    const roster = demo();
    roster.members.push({ ...NEWCOMER, role: 'boss' });
    roster.members.push({ ...NEWCOMER, id: 'x', org: 'NOPE' });
    writeFileSync(file, JSON.stringify(roster));
    await until(() => logged('roster file has errors: the running roster stays').length === 1, 'the refusal');
    const problems = logged('roster not reloaded').map((r) => (r.obj as { problem: string }).problem);
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.every((p) => p.includes('members['))).toBe(true);
    expect(t.bot.ctx.roster.member('lt-arn-new')).toBeDefined();
    expect(auditRows()).toHaveLength(1);
    writeFileSync(file, 'not json');
    await until(() => logged('roster file has errors: the running roster stays').length === 2, 'the second refusal');
    expect(t.bot.ctx.roster.member('lt-arn-new')).toBeDefined();
  });

  it('SIGHUP re-reads the file; someone taken out of the roster is refused at once', async () => {
    writeFileSync(file, JSON.stringify(demo()));
    await until(() => logged('roster reloaded').length === 2, 'the reload after the fix');
    expect(await stranger()).toEqual([NOT_IN_ROSTER_TEXT]);
    expect(JSON.parse(auditRows().at(-1)!.details)).toMatchObject({ removed: ['lt-arn-new'] });

    // The same content again is no change: nothing is logged to the audit log.
    process.emit('SIGHUP');
    await until(() => logged('roster reloaded').length === 3, 'the SIGHUP reload');
    expect((logged('roster reloaded').at(-1)!.obj as { trigger: string }).trigger).toBe('sighup');
    expect(auditRows()).toHaveLength(2);
  });
});
