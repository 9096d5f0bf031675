import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/adapters/sqlite/audit-log.js';
import { closeCase } from '../../src/app/close-case.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { checkItem } from '../../src/app/handovers/handover-actions.js';
import { openCase } from '../../src/app/open-case.js';
import { findPurgeCandidates, purgeClosedCases } from '../../src/app/purge-closed-cases.js';
import { recordEvent } from '../../src/app/record-event.js';
import { runTick } from '../../src/app/run-tick.js';
import { type TestContext, closedAfterEach } from './test-context.js';

// Issue: "Retention: closed cases are purged a configurable number of months after closing (default 12) by a
// scheduled job; aggregates survive; `npm run purge -- --dry-run` shows what would go." docs/behaviour.md: "Bot case data is
// purged N months after CLOSED (default 12); KPIs are kept only aggregated/anonymised."

const context = closedAfterEach();

const CASE_REF = /CG-[A-Z]{3}-\d{4}-\d{4}/;

const count = (c: TestContext, sql: string, ...params: unknown[]) =>
  (c.database.sqlite.prepare(sql).get(...params) as { n: number }).n;

/** Row counts of every table (except the migration bookkeeping). */
function snapshot(c: TestContext): Record<string, number> {
  const tables = c.database.sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
    )
    .all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map((t) => [t.name, count(c, `SELECT count(*) AS n FROM "${t.name}"`)]));
}

/** A case with something in every table that hangs on it: members, events, timers and fired steps, a handover with ticks, an escalation with its level, outbox rows with deliveries and a channel-thread conversation reference. */
function richCase(c: TestContext, municipality: 'Arnhem' | 'Doesburg', by: string): { ref: string; id: number } {
  const p = municipality === 'Arnhem' ? 'arn' : 'doe';
  const ref = openCase(c.ctx, { by, municipality }).ref;
  const id = c.ctx.store.cases.byRef(ref)!.id;
  recordEvent(c.ctx, {
    by: `rvdk-${p}`,
    caseRef: ref,
    event: 'measure_pronounced',
    fields: { measure: 'OTS', months: 12 },
  });
  recordEvent(c.ctx, { by: `lt-${p}`, caseRef: ref, event: 'jeugdhulp_needed' });
  const h5 = c.ctx.store.handovers.ofCase(id).find((h) => h.moment === 'H5')!;
  checkItem(c.ctx, { by: `rvdk-${p}`, caseRef: ref, handoverId: h5.id, item: 'C2' });
  checkItem(c.ctx, { by: `rvdk-${p}`, caseRef: ref, handoverId: h5.id, item: 'C3', basis: 'statutory_task' });
  raiseEscalation(c.ctx, {
    by: `lt-${p}`,
    caseRef: ref,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Wie neemt de regie?',
  });
  c.ctx.conversations.save(
    `case:${id}`,
    { serviceUrl: 'https://smba.example/', conversation: { id: `19:thread-${id}@thread.tacv2` } },
    c.ctx.clock.now(),
  );
  return { ref, id };
}

describe('retention purge on real SQLite', () => {
  it('purges a case closed 12 months and a day ago, keeps one closed 11 months ago and never touches open cases', () => {
    const c = context('2026-03-02T09:00');
    const old = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const recent = openCase(c.ctx, { by: 'lt-doe', municipality: 'Doesburg' }).ref;
    const living = openCase(c.ctx, { by: 'lt-dui', municipality: 'Duiven' }).ref;
    c.setNow('2026-03-10T15:00');
    closeCase(c.ctx, { by: 'lt-arn', caseRef: old });
    c.setNow('2026-04-10T15:00');
    closeCase(c.ctx, { by: 'lt-doe', caseRef: recent });

    c.setNow('2027-03-09T02:15'); // one day short of 12 months
    expect(findPurgeCandidates(c.ctx)).toEqual([]);
    expect(purgeClosedCases(c.ctx, { dryRun: false })).toEqual([]);

    c.setNow('2027-03-11T02:15'); // 12 months + 1 day after `old`, 11 months + 1 day after `recent`
    const purged = purgeClosedCases(c.ctx, { dryRun: false });
    expect(purged).toEqual([{ caseId: expect.any(Number), ref: old, closedOn: '2026-03-10', purgeFrom: '2027-03-10' }]);
    expect(c.ctx.store.cases.byRef(old)).toBeUndefined();
    expect(c.ctx.store.cases.byRef(recent)).toBeDefined();
    expect(c.ctx.store.cases.byRef(living)).toBeDefined();

    // Years later the open case is still there; the other closed one goes once its own term has passed.
    c.setNow('2030-01-07T02:15');
    expect(purgeClosedCases(c.ctx, { dryRun: false }).map((p) => p.ref)).toEqual([recent]);
    expect(c.ctx.store.cases.byRef(living)).toBeDefined();
    expect(purgeClosedCases(c.ctx, { dryRun: false })).toEqual([]);
  });

  it('uses the configured retention term from the norms file', () => {
    const c = context('2026-03-02T09:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    closeCase(c.ctx, { by: 'lt-arn', caseRef: ref });
    const sixMonths = { ...c.ctx, norms: { ...c.ctx.norms, retentionMonths: 6 } };
    c.setNow('2026-09-01T02:15');
    expect(purgeClosedCases(sixMonths, { dryRun: true })).toEqual([]);
    c.setNow('2026-09-02T02:15');
    expect(purgeClosedCases(sixMonths, { dryRun: true }).map((p) => `${p.ref}:${p.purgeFrom}`)).toEqual([
      `${ref}:2026-09-02`,
    ]);
    expect(purgeClosedCases(c.ctx, { dryRun: true })).toEqual([]); // the default 12 months
  });

  it('a dry run lists the references and changes nothing', () => {
    const c = context('2026-03-02T09:00');
    const a = richCase(c, 'Arnhem', 'lt-arn');
    const b = richCase(c, 'Doesburg', 'lt-doe');
    c.setNow('2026-03-06T08:30');
    runTick(c.ctx);
    c.setNow('2026-03-10T15:00');
    closeCase(c.ctx, { by: 'lt-arn', caseRef: a.ref });
    closeCase(c.ctx, { by: 'lt-doe', caseRef: b.ref });
    c.setNow('2027-03-11T02:15');
    const before = snapshot(c);
    const audit = createAuditLog(c.database.db).verify();

    const listed = purgeClosedCases(c.ctx, { dryRun: true });
    expect(listed.map((p) => p.ref).sort()).toEqual([a.ref, b.ref].sort());
    expect(snapshot(c)).toEqual(before);
    expect(createAuditLog(c.database.db).verify()).toEqual(audit);
  });

  it('removes everything that hangs on the case, and nothing of another case', () => {
    const c = context('2026-03-02T09:00');
    const gone = richCase(c, 'Arnhem', 'lt-arn');
    const kept = richCase(c, 'Doesburg', 'lt-doe');
    c.setNow('2026-03-06T08:30'); // T6 remind step of both cases (due Mon 03-09)
    runTick(c.ctx);
    c.setNow('2026-03-10T15:00');
    closeCase(c.ctx, { by: 'lt-arn', caseRef: gone.ref });

    const per = (id: number) => ({
      case_members: count(c, 'SELECT count(*) AS n FROM case_members WHERE case_id = ?', id),
      case_events: count(c, 'SELECT count(*) AS n FROM case_events WHERE case_id = ?', id),
      timers: count(c, 'SELECT count(*) AS n FROM timers WHERE case_id = ?', id),
      timer_steps: count(c, 'SELECT count(*) AS n FROM timer_steps WHERE case_id = ?', id),
      handovers: count(c, 'SELECT count(*) AS n FROM handovers WHERE case_id = ?', id),
      handover_items: count(
        c,
        'SELECT count(*) AS n FROM handover_items WHERE handover_id IN (SELECT id FROM handovers WHERE case_id = ?)',
        id,
      ),
      escalations: count(c, 'SELECT count(*) AS n FROM escalations WHERE case_id = ?', id),
      escalation_levels: count(
        c,
        'SELECT count(*) AS n FROM escalation_levels WHERE escalation_id IN (SELECT id FROM escalations WHERE case_id = ?)',
        id,
      ),
      outbox: count(c, 'SELECT count(*) AS n FROM outbox WHERE case_id = ?', id),
      deliveries: count(
        c,
        'SELECT count(*) AS n FROM deliveries WHERE outbox_id IN (SELECT id FROM outbox WHERE case_id = ?)',
        id,
      ),
      conversation_refs: count(c, 'SELECT count(*) AS n FROM conversation_refs WHERE key = ?', `case:${id}`),
    });
    const goneBefore = per(gone.id);
    const keptBefore = per(kept.id);
    // The set-up really put something in every table.
    for (const [table, n] of Object.entries(goneBefore)) expect(n, table).toBeGreaterThan(0);
    const deliveriesBefore = count(c, 'SELECT count(*) AS n FROM deliveries');
    const orphanDeliveries = deliveriesBefore - goneBefore.deliveries;

    c.setNow('2027-03-11T02:15');
    expect(purgeClosedCases(c.ctx, { dryRun: false }).map((p) => p.ref)).toEqual([gone.ref]);

    expect(per(gone.id)).toEqual(Object.fromEntries(Object.keys(goneBefore).map((k) => [k, 0])));
    expect(count(c, 'SELECT count(*) AS n FROM cases WHERE id = ?', gone.id)).toBe(0);
    expect(count(c, 'SELECT count(*) AS n FROM deliveries')).toBe(orphanDeliveries);
    expect(per(kept.id)).toEqual(keptBefore);
  });

  it('the audit chain still verifies and records the purge; the KPI archive holds no member ids or references', () => {
    const c = context('2026-03-02T09:00');
    const gone = richCase(c, 'Arnhem', 'lt-arn');
    recordEvent(c.ctx, {
      by: 'gi-arn',
      caseRef: gone.ref,
      event: 'jeugdbeschermer_assigned',
      fields: { member: 'gi-arn-2' },
    });
    recordEvent(c.ctx, {
      by: 'lt-arn',
      caseRef: gone.ref,
      event: 'jbt_decision',
      fields: { outcome: 'report_back', reportBackBy: '2026-06-01' },
    });
    c.setNow('2026-03-10T15:00');
    closeCase(c.ctx, { by: 'lt-arn', caseRef: gone.ref, reason: 'hulp afgerond' });
    c.setNow('2027-03-11T02:15');
    purgeClosedCases(c.ctx, { dryRun: false, actor: 'beheer (npm run purge)' });

    const log = createAuditLog(c.database.db);
    expect(log.verify()).toMatchObject({ ok: true });
    // Not a row of the case (those are sealed under its destroyed key, test/app/purge-audit.test.ts): the purge's own
    // record stays readable and names the case by its internal id only.
    const purgedRows = c.database.sqlite
      .prepare("SELECT actor, case_id AS caseId, reason, details FROM audit_log WHERE action = 'case.purged'")
      .all() as Array<{ actor: string; caseId: number | null; reason: string; details: string }>;
    expect(purgedRows).toEqual([
      {
        actor: 'beheer (npm run purge)',
        caseId: null,
        reason: expect.stringContaining('12 maanden'),
        details: expect.stringContaining(`"purgedCase":${gone.id}`),
      },
    ]);

    const archive = c.database.sqlite
      .prepare('SELECT archive_key AS archiveKey, kind, data FROM kpi_archive')
      .all() as Array<{ archiveKey: string; kind: string; data: string }>;
    expect(new Set(archive.map((a) => a.kind))).toEqual(new Set(['case', 'event', 'timer', 'handover', 'escalation']));
    const memberIds = new Set(c.ctx.roster.members.map((m) => m.id));
    const strings = (v: unknown): string[] =>
      typeof v === 'string'
        ? [v]
        : Array.isArray(v)
          ? v.flatMap(strings)
          : v && typeof v === 'object'
            ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)])
            : [];
    for (const row of archive) {
      expect(row.data).not.toMatch(CASE_REF);
      expect(row.archiveKey).not.toMatch(CASE_REF);
      for (const s of strings(JSON.parse(row.data))) expect(memberIds.has(s), `${row.kind}: ${s}`).toBe(false);
      expect(row.data).not.toContain('teammodel-bot');
      expect(Object.keys(JSON.parse(row.data) as object)).not.toContain('caseId');
    }
    // The archive key does not carry the case's id.
    expect(new Set(archive.map((a) => a.archiveKey)).size).toBe(1);
    expect(archive[0]!.archiveKey).not.toBe(String(gone.id));
  });

  it('no outbox row keeps naming a purged case, not even a digest that listed it among other items', () => {
    // docs/behaviour.md: bot case data is purged N months after CLOSED. The daily digest is stored with case_id NULL but
    // its payload carries the case reference and id of every item it lists.
    const c = context('2026-03-02T09:00');
    c.ctx.store.preferences.setDigest('gi-arn', true);
    const gone = richCase(c, 'Arnhem', 'lt-arn');
    c.setNow('2026-03-06T08:30'); // T6 remind day: the remind goes into gi-arn's digest
    runTick(c.ctx);
    expect(count(c, "SELECT count(*) AS n FROM outbox WHERE kind = 'digest' AND payload LIKE ?", `%${gone.ref}%`)).toBe(
      1,
    );
    c.setNow('2026-03-10T15:00');
    closeCase(c.ctx, { by: 'lt-arn', caseRef: gone.ref });
    c.setNow('2027-03-11T02:15');
    purgeClosedCases(c.ctx, { dryRun: false });
    expect(c.database.sqlite.prepare('SELECT kind FROM outbox WHERE payload LIKE ?').all(`%${gone.ref}%`)).toEqual([]);
  });

  it('conversation references that belong to the case go too, including the stored copies of its handover cards', () => {
    // Issue: "everything hanging on the case is gone". The Teams adapter stores the case's channel thread under
    // `case:<id>` and every copy of a handover checklist card under `card:handover:<handoverId>:<holder>`
    // (src/adapters/teams/handover/handover-card-copies.ts); those copies belong to the case's handovers.
    const c = context('2026-03-02T09:00');
    const gone = richCase(c, 'Arnhem', 'lt-arn');
    const kept = richCase(c, 'Doesburg', 'lt-doe');
    const h5 = (id: number) => c.ctx.store.handovers.ofCase(id).find((h) => h.moment === 'H5')!.id;
    const copy = { reference: { serviceUrl: 'https://smba.example/', conversation: { id: 'a:1' } }, activityId: '1' };
    for (const holder of ['gi-arn', 'rvdk-arn', 'case'])
      c.ctx.conversations.save(`card:handover:${h5(gone.id)}:${holder}`, copy, c.ctx.clock.now());
    c.ctx.conversations.save(`card:handover:${h5(kept.id)}:gi-doe`, copy, c.ctx.clock.now());
    c.setNow('2026-03-10T15:00');
    closeCase(c.ctx, { by: 'lt-arn', caseRef: gone.ref });
    c.setNow('2027-03-11T02:15');
    purgeClosedCases(c.ctx, { dryRun: false });

    const keys = (
      c.database.sqlite.prepare('SELECT key FROM conversation_refs ORDER BY key').all() as Array<{ key: string }>
    ).map((r) => r.key);
    expect(keys).toEqual([`card:handover:${h5(kept.id)}:gi-doe`, `case:${kept.id}`].sort());
  });
});
