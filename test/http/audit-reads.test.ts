import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/adapters/sqlite/audit-log.js';
import { startHandover } from '../../src/app/handovers/handover-actions.js';
import type { TestBot } from '../support/start-test-bot.js';
import { arnhemCase, press, say, startCaseBot } from '../teams/case-test-kit.js';

// Every read is on record, and every refused attempt: who, which command or card verb, the refusal's code — never the
// text typed, nor the case reference tried (docs/behaviour.md, "Who may see a case").

type Row = { actor: string; action: string; case_id: number | null; details: string };

describe('reads and refused attempts in the audit log', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startCaseBot();
  });
  afterAll(async () => {
    await t?.stop();
  });
  // A case's rows are stored sealed under the case's key (src/adapters/sqlite/case-keys.ts): read through the log.
  const rows = (action: string): Row[] => {
    const log = createAuditLog(t.bot.database.db);
    const stored = t.bot.database.sqlite
      .prepare('SELECT id, actor, action, case_id, details FROM audit_log WHERE action = ? ORDER BY id')
      .all(action) as Array<Row & { id: number }>;
    return stored.map(({ id, ...r }) => {
      const opened = r.case_id === null ? undefined : log.forCase(r.case_id).find((e) => e.id === id);
      return opened ? { ...r, actor: opened.actor, details: JSON.stringify(opened.details) } : r;
    });
  };
  const settle = () => new Promise((r) => setTimeout(r, 50)); // views are committed with the other entries of the moment

  it('a refused chat command and a refused card press are logged with the command, never the reference', async () => {
    const c = arnhemCase(t);
    await say(t, 'lt-doe', `casus ${c.ref}`);
    await press(t, 'lt-doe', 'team.show', { caseRef: c.ref });
    await settle();
    const refused = rows('access.refused').map((r) => ({
      actor: r.actor,
      caseId: r.case_id,
      ...JSON.parse(r.details),
    }));
    expect(refused).toEqual([
      { actor: 'lt-doe', caseId: null, via: 'message', command: 'casus', code: 'NOT_FOUND_OR_NO_ACCESS' },
      { actor: 'lt-doe', caseId: null, via: 'card', command: 'team.show', code: 'NOT_FOUND_OR_NO_ACCESS' },
    ]);
    for (const r of rows('access.refused')) expect(r.details).not.toContain(c.ref);
  });

  it('a text the personal-data guard refused is logged, in chat and in a form, with the code and never the text', async () => {
    const c = arnhemCase(t);
    await say(t, 'coord-arn', 'rooster Moeder Fatima el Amrani');
    await press(t, 'lt-arn', 'escalation.start', {
      caseRef: c.ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      orgs: 'LT,VT',
      question: 'Moeder Fatima el Amrani wil niet meewerken',
    });
    await settle();
    const refused = rows('personal-data.refused');
    expect(refused.map((r) => ({ actor: r.actor, caseId: r.case_id, ...JSON.parse(r.details) }))).toEqual([
      { actor: 'coord-arn', caseId: null, via: 'message', command: 'rooster', code: 'PERSONAL_DATA' },
      { actor: 'lt-arn', caseId: null, via: 'card', command: 'escalation.start', code: 'PERSONAL_DATA' },
    ]);
    for (const r of refused) expect(r.details).not.toMatch(/Amrani|Fatima|Moeder/);
    expect(t.bot.database.sqlite.prepare('SELECT count(*) AS n FROM escalations').get()).toEqual({ n: 0 });
  });

  it('a team card is logged as a look at the case', async () => {
    const c = arnhemCase(t);
    await say(t, 'lt-arn', `team ${c.ref}`);
    await press(t, 'vt-arn', 'team.show', { caseRef: c.ref });
    await settle();
    expect(
      rows('case.viewed')
        .filter((r) => r.case_id === c.id)
        .map((r) => r.actor),
    ).toEqual(['lt-arn', 'vt-arn']);
  });

  it('the overview, a municipality drill-down and a handover checklist are logged as views', async () => {
    await say(t, 'coord-arn', 'overzicht');
    await say(t, 'coord-arn', 'overzicht Arnhem');
    const c = arnhemCase(t);
    const h = startHandover(t.bot.ctx, { by: 'lt-arn', caseRef: c.ref, moment: 'H1', from: 'lt-arn', to: 'vt-arn' });
    const handoverId = h;
    await press(t, 'vt-arn', 'handover.view', { caseRef: c.ref, handoverId });
    await settle();
    expect(rows('overview.viewed').map((r) => [r.actor, JSON.parse(r.details)])).toEqual([
      ['coord-arn', {}],
      ['coord-arn', { municipality: 'Arnhem' }],
    ]);
    expect(rows('handover.viewed').map((r) => [r.actor, r.case_id, JSON.parse(r.details)])).toEqual([
      ['vt-arn', c.id, { handover: handoverId }],
    ]);
  });
});
