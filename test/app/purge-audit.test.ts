import { pickOf } from '../../src/app/escalations/escalation-pick.js';
import Database from 'better-sqlite3';
import { drizzle, migrate } from '../../src/adapters/sqlite/orm.js';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadNormsFile } from '../../src/adapters/files/load-norms-file.js';
import { loadRosterFile } from '../../src/adapters/files/load-roster-file.js';
import {
  checkpointFileFor,
  createCheckpointReader,
  startAuditCheckpoints,
} from '../../src/adapters/sqlite/audit-checkpoint.js';
import { createAuditLog, SEALED_ACTOR, signAuditRowsWith } from '../../src/adapters/sqlite/audit-log.js';
import { MIGRATIONS_FOLDER, openDatabase, type OpenDatabase } from '../../src/adapters/sqlite/open-database.js';
import * as schema from '../../src/adapters/sqlite/schema.js';
import type { AppContext } from '../../src/app/app-context.js';
import { setCoordinator } from '../../src/app/set-coordinator.js';
import { closeCase } from '../../src/app/close-case.js';
import { removeMember, replaceMember } from '../../src/app/change-membership.js';
import { recordDecision, withdrawEscalation } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { openCase } from '../../src/app/open-case.js';
import { purgeClosedCases } from '../../src/app/purge-closed-cases.js';
import { silentLogger } from '../../src/app/ports.js';
import { exportCaseHistory } from '../../src/app/queries/export-case-history.js';
import { recordEvent } from '../../src/app/record-event.js';
import { postponeTimer } from '../../src/app/timer-actions.js';
import { main as auditVerify } from '../../src/cli/audit-verify.js';
import { DEFAULT_NORMS_FILE, DEFAULT_ROSTER_FILE } from '../../src/config.js';
import { createAppContext } from '../../src/create-app-context.js';
import { at, TZ } from './test-context.js';

// Issue 15, item 4, "Retention that removes what it must": after the retention term nothing of a purged case remains
// readable — not its reference, its members or its free text — in any table, the audit log included, while the audit
// chain still verifies (`npm run audit:verify`, also with the MAC key and a checkpoint).
//
// "The members of the purged case" are the people tied to it: who acted on it and who is named in what was recorded
// about it. Roster members exist elsewhere legitimately (the roster tables, rows without a case, other cases), so the
// scan asks of every row that still belongs to the purged case (its audit rows, its key's tombstone) that it names no
// roster member at all, and of every other row that it holds neither the reference nor any of the case's texts.

const KEY = 'Vx3kq8N0fP2m+Rj7sT9wYc4bL1hD6gA5eZ0uQ2iK8oWnM3rS';
const roster = loadRosterFile(DEFAULT_ROSTER_FILE);
const norms = loadNormsFile(DEFAULT_NORMS_FILE);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const open: OpenDatabase[] = [];
afterEach(() => open.splice(0).forEach((o) => o.close()));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-purge-audit-'));
  dirs.push(dir);
  return dir;
}

interface Bot {
  ctx: AppContext;
  database: OpenDatabase;
  file: string;
  setNow(local: string): void;
}

/** The bot as src/main.ts composes it: a real file with the real migrations, signing every audit row with KEY. */
function bot(file = join(tempDir(), 'teammodel.sqlite'), database = openDatabase(file)): Bot {
  open.push(database);
  signAuditRowsWith(database.sqlite, KEY); // before anything writes an audit row
  let now = at('2026-03-02T09:00');
  const ctx = createAppContext({ database, roster, norms, timezone: TZ, clock: { now: () => now } });
  return { ctx, database, file, setNow: (local) => (now = at(local)) };
}

/** Free texts typed into the purged case; each must be gone (or unreadable) after the purge. */
const TEXTS = {
  question: 'Wie neemt de regie nu de hulp stokt?',
  decision: 'Het lokale team houdt de regie tot het volgende overleg.',
  withdrawn: 'De vraag is in het teamoverleg al opgelost.',
  postponed: 'Wacht op overleg met de gedragswetenschapper.',
  coordinator: 'Veilig Thuis pakt de regie op in deze fase.',
  removed: 'Geen rol meer in deze fase van de casus.',
  replaced: 'Een collega neemt het over wegens verlof.',
  closed: 'De hulp is afgerond en loopt goed.',
};

/**
 * An Arnhem case with every kind of audit row that carries a member or a text: opened, a measure (H5 and T6), a
 * postponement, a new coordinator, a replacement and a removal, an escalation decided and one withdrawn, closed with a
 * reason.
 */
function fullCase(b: Bot): { ref: string; id: number } {
  b.setNow('2026-03-02T09:00');
  const ref = openCase(b.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  const id = b.ctx.store.cases.byRef(ref)!.id;
  recordEvent(b.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
  postponeTimer(b.ctx, { by: 'gi-arn', caseRef: ref, timer: 'T6', until: '2026-03-11', reason: TEXTS.postponed });
  setCoordinator(b.ctx, { by: 'lt-arn', caseRef: ref, member: 'vt-arn', reason: TEXTS.coordinator });
  replaceMember(b.ctx, { by: 'lt-arn', caseRef: ref, member: 'lt-arn', successor: 'lt-arn-2', reason: TEXTS.replaced });
  const first = raiseEscalation(b.ctx, {
    by: 'vt-arn',
    caseRef: ref,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: TEXTS.question,
  });
  recordDecision(b.ctx, {
    by: 'vt-arn',
    caseRef: ref,
    escalation: pickOf(first),
    decision: TEXTS.decision,
    owner: 'vt-arn',
    deadline: '2026-03-20',
    familyInformed: { informed: 'no' },
  });
  const second = raiseEscalation(b.ctx, {
    by: 'vt-arn',
    caseRef: ref,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Is er een tweede overleg nodig?',
  });
  withdrawEscalation(b.ctx, { by: 'vt-arn', caseRef: ref, escalation: pickOf(second), reason: TEXTS.withdrawn });
  removeMember(b.ctx, { by: 'rvdk-arn', caseRef: ref, member: 'rvdk-arn', reason: TEXTS.removed });
  exportCaseHistory(b.ctx, { by: 'vt-arn', caseRef: ref });
  b.setNow('2026-03-10T15:00');
  closeCase(b.ctx, { by: 'vt-arn', caseRef: ref, reason: TEXTS.closed });
  return { ref, id };
}

type Row = Record<string, unknown>;

/** Every row of every table of the database (sqlite_master), the migration bookkeeping included. */
function everyRow(sqlite: Database.Database): Array<{ table: string; row: Row }> {
  const tables = (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((t) => t.name);
  expect(tables).toEqual(expect.arrayContaining(['audit_log', 'case_keys', 'cases', 'conversation_refs', 'outbox']));
  return tables.flatMap((table) =>
    (sqlite.prepare(`SELECT * FROM "${table}"`).all() as Row[]).map((row) => ({ table, row })),
  );
}

/** The text values of a row (blobs as UTF-8, so a text hidden in one is found too). */
const textsOf = (row: Row): string[] =>
  Object.values(row).flatMap((v) =>
    typeof v === 'string' ? [v] : Buffer.isBuffer(v) ? [v.toString('utf8'), v.toString('latin1')] : [],
  );

/** Whether `text` names roster member `id` (as a whole token: `lt-arn` is not named by `lead-lt-arn`). */
const names = (text: string, id: string) =>
  new RegExp(`(^|[^A-Za-z0-9._-])${id.replace(/\./g, '\\.')}($|[^A-Za-z0-9._-])`).test(text);

describe('the purge leaves nothing of the case readable, the audit log included', () => {
  it('no table holds the reference, the texts or (tied to the case) its members; the chain, MACs and checkpoint verify', () => {
    const b = bot();
    const gone = fullCase(b);
    // A second case that lives on, with texts of its own.
    b.setNow('2026-03-03T10:00');
    const kept = openCase(b.ctx, { by: 'lt-doe', municipality: 'Doesburg' }).ref;
    setCoordinator(b.ctx, { by: 'lt-doe', caseRef: kept, member: 'vt-doe', reason: 'Veilig Thuis neemt de regie.' });
    // The case's channel thread, as the Teams adapter stores it.
    b.ctx.conversations.save(
      `case:${gone.id}`,
      { serviceUrl: 'https://smba.example/', conversation: { id: `19:thread-${gone.id}@thread.tacv2` } },
      b.ctx.clock.now(),
    );

    // Before the purge the case is in the audit log, sealed: the texts are not readable there even now.
    const sealedBefore = b.database.sqlite
      .prepare('SELECT actor, action, reason, details FROM audit_log WHERE case_id = ?')
      .all(gone.id) as Row[];
    expect(new Set(sealedBefore.map((r) => r.action))).toEqual(
      new Set([
        'case.opened',
        'case.stage',
        'event.recorded',
        'handover.opened',
        'timer.postponed',
        'case.coordinator',
        'member.replaced',
        'escalation.raised',
        'escalation.resolved',
        'escalation.withdrawn',
        'member.removed',
        'case.exported',
        'case.closed',
      ]),
    );
    for (const row of sealedBefore) {
      expect(row).toMatchObject({ actor: SEALED_ACTOR, reason: null });
      expect(Object.keys(JSON.parse(row.details as string) as object)).toEqual(['sealed']);
    }
    // … while the inzage export of the live case reads every one of them.
    const before = exportCaseHistory(b.ctx, { by: 'vt-arn', caseRef: gone.ref });
    for (const text of Object.values(TEXTS)) expect(before).toContain(text);

    const checkpoints = startAuditCheckpoints({
      sqlite: b.database.sqlite,
      file: checkpointFileFor(b.file),
      logger: silentLogger,
      now: () => b.ctx.clock.now(),
      signing: true,
    });
    checkpoints.writeNow();
    const checkpointBefore = createCheckpointReader(b.database.sqlite).current(b.ctx.clock.now())!;

    const caseRows = b.database.sqlite.prepare('SELECT count(*) FROM audit_log WHERE case_id = ?').pluck();
    const rowsBeforePurge = caseRows.get(gone.id) as number;
    b.setNow('2027-03-11T02:15');
    expect(purgeClosedCases(b.ctx, { dryRun: false }).map((p) => p.ref)).toEqual([gone.ref]);

    const rows = everyRow(b.database.sqlite);
    const memberIds = roster.members.map((m) => m.id);
    for (const { table, row } of rows) {
      const texts = textsOf(row);
      const where = `${table} ${JSON.stringify(row).slice(0, 200)}`;
      for (const text of texts) {
        expect(text, where).not.toContain(gone.ref);
        for (const typed of Object.values(TEXTS)) expect(text, where).not.toContain(typed);
      }
      // Still tied to the purged case: only its audit rows (sealed) and its key's tombstone, naming nobody.
      const tiedToCase = row.case_id === gone.id || texts.some((t) => t === `case:${gone.id}`);
      if (!tiedToCase) continue;
      expect(['audit_log', 'case_keys'], where).toContain(table);
      for (const text of texts) for (const id of memberIds) expect(names(text, id), `${where}: ${id}`).toBe(false);
    }
    expect(b.database.sqlite.prepare('SELECT key, destroyed_at FROM case_keys WHERE case_id = ?').get(gone.id)).toEqual(
      {
        key: null,
        destroyed_at: at('2027-03-11T02:15'),
      },
    );
    // The case's audit rows are all still there (append-only), now unreadable: the export has nothing to open.
    const log = createAuditLog(b.database.db, { macKey: KEY });
    expect(log.forCase(gone.id)).toHaveLength(rowsBeforePurge);
    for (const row of log.forCase(gone.id)) expect(row).toMatchObject({ actor: SEALED_ACTOR, reason: null });
    // The purge itself stays on record, readable, naming only the internal id.
    const purged = b.database.sqlite
      .prepare("SELECT actor, case_id AS caseId, reason, details FROM audit_log WHERE action = 'case.purged'")
      .all();
    expect(purged).toEqual([
      {
        actor: 'teammodel-bot',
        caseId: null,
        reason: 'bewaartermijn van 12 maanden na sluiting verstreken',
        details: JSON.stringify({ closedOn: '2026-03-10', purgedCase: gone.id, unsealedAuditRows: 0 }),
      },
    ]);

    // The chain, every MAC and the checkpoint from before the purge verify; so does a checkpoint taken after it.
    expect(log.verify({ checkpoint: checkpointBefore })).toMatchObject({
      ok: true,
      macs: { checked: true, firstMacId: 1 },
    });
    checkpoints.stop();
    const cli = { out: [] as string[], err: [] as string[] };
    const code = auditVerify(
      [b.file],
      { AUDIT_MAC_KEY: KEY },
      { out: (l) => cli.out.push(l), err: (l) => cli.err.push(l) },
    );
    expect({ code, err: cli.err }).toEqual({ code: 0, err: [] });
    expect(cli.out.join('\n')).toContain("MAC's kloppen: elke regel is ondertekend");
    expect(cli.out.join('\n')).toContain('(naast de database gevonden) klopt');

    // The live case's export still shows its reason.
    expect(exportCaseHistory(b.ctx, { by: 'lt-doe', caseRef: kept })).toContain('Veilig Thuis neemt de regie.');
  });

  it('the destroyed key, the reference and the texts are not left in the database file or its write-ahead log', () => {
    const b = bot();
    const gone = fullCase(b);
    const key = (
      b.database.sqlite.prepare('SELECT key FROM case_keys WHERE case_id = ?').get(gone.id) as { key: Buffer }
    ).key;
    expect(key).toHaveLength(32);
    const onDisk = () => [b.file, `${b.file}-wal`].filter(existsSync).map((f) => readFileSync(f));
    expect(onDisk().some((bytes) => bytes.includes(key))).toBe(true); // the test can see it while it exists

    b.setNow('2027-03-11T02:15');
    purgeClosedCases(b.ctx, { dryRun: false });
    for (const bytes of onDisk()) {
      expect(bytes.includes(key)).toBe(false);
      expect(bytes.includes(Buffer.from(gone.ref))).toBe(false);
      for (const typed of Object.values(TEXTS)) expect(bytes.includes(Buffer.from(typed)), typed).toBe(false);
    }
  });

  it('a row written for the case after its purge (a read recorded a moment late) is unreadable from the start', () => {
    const b = bot();
    const gone = fullCase(b);
    b.setNow('2027-03-11T02:15');
    purgeClosedCases(b.ctx, { dryRun: false });
    b.ctx.store.audit.append({
      at: b.ctx.clock.now(),
      actor: 'gi-arn',
      action: 'case.viewed',
      caseId: gone.id,
      reason: null,
      details: {},
    });
    const last = b.database.sqlite
      .prepare('SELECT actor, action, case_id AS caseId, reason, details FROM audit_log ORDER BY id DESC LIMIT 1')
      .get() as Row;
    expect(last).toMatchObject({ actor: SEALED_ACTOR, action: 'case.viewed', caseId: gone.id, reason: null });
    expect(last.details).not.toContain('gi-arn');
    expect(createAuditLog(b.database.db).forCase(gone.id).at(-1)).toMatchObject({ actor: SEALED_ACTOR });
    expect(createAuditLog(b.database.db, { macKey: KEY }).verify()).toMatchObject({ ok: true });
  });
});

describe('migration 0009 on a database of the previous release', () => {
  /** A database of the previous release: the migrations up to 0008. */
  function previousRelease(): {
    file: string;
    sqlite: Database.Database;
    db: ReturnType<typeof drizzle<typeof schema>>;
  } {
    const dir = tempDir();
    const before = join(dir, 'migrations');
    cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
    const journalFile = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string; idx: number }> };
    // drizzle skips a migration older than the newest one applied: every one from 0009 on is left out.
    for (const e of journal.entries.filter((x) => x.idx >= 9)) rmSync(join(before, `${e.tag}.sql`));
    journal.entries = journal.entries.filter((x) => x.idx < 9);
    writeFileSync(journalFile, JSON.stringify(journal));
    const file = join(dir, 'teammodel.sqlite');
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: before });
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'case_keys'").get()).toBeUndefined();
    return { file, sqlite, db };
  }

  it('keeps the old rows as they were (they verify), seals the new ones, and the purge says how many stay readable', () => {
    const { file, sqlite, db } = previousRelease();
    // The code of today stands in for the previous release, and it prepares its statements against today's escalations
    // table: the column migration 0011 adds is lent for that release's turn and taken back before the upgrade.
    sqlite.exec('ALTER TABLE escalations ADD series text');

    // The previous release at work: a case opened and given a new coordinator, its rows written as given.
    const old = bot(file, { db, sqlite, close: () => sqlite.close(), isIntact: () => true });
    const ref = openCase(old.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const id = old.ctx.store.cases.byRef(ref)!.id;
    setCoordinator(old.ctx, { by: 'lt-arn', caseRef: ref, member: 'vt-arn', reason: TEXTS.coordinator });
    const oldRows = sqlite.prepare('SELECT count(*) FROM audit_log WHERE case_id = ?').pluck().get(id) as number;
    expect(
      sqlite.prepare('SELECT reason FROM audit_log WHERE case_id = ? AND reason IS NOT NULL').pluck().all(id),
    ).toEqual([TEXTS.coordinator]);
    open.splice(open.indexOf(old.database), 1);
    sqlite.exec('ALTER TABLE escalations DROP COLUMN series');
    sqlite.close();

    // The new release opens it: 0009 runs, the old rows stay as they are and still verify.
    const b = bot(file);
    expect(createAuditLog(b.database.db, { macKey: KEY }).verify()).toMatchObject({ ok: true });
    b.setNow('2026-03-09T10:00');
    closeCase(b.ctx, { by: 'vt-arn', caseRef: ref, reason: TEXTS.closed });
    const rows = b.database.sqlite
      .prepare('SELECT actor, reason FROM audit_log WHERE case_id = ? ORDER BY id')
      .all(id) as Array<{ actor: string; reason: string | null }>;
    expect(rows.slice(0, oldRows).every((r) => r.actor !== SEALED_ACTOR)).toBe(true);
    expect(rows.slice(oldRows)).toEqual([{ actor: SEALED_ACTOR, reason: null }]);
    // The export reads both: the old rows as they are, the new one opened with the case's key.
    const doc = exportCaseHistory(b.ctx, { by: 'vt-arn', caseRef: ref });
    expect(doc).toContain(TEXTS.coordinator);
    expect(doc).toContain(TEXTS.closed);

    b.setNow('2027-03-10T02:15');
    purgeClosedCases(b.ctx, { dryRun: false });
    expect(createAuditLog(b.database.db, { macKey: KEY }).verify()).toMatchObject({ ok: true });
    // What the purge cannot do without breaking the chain: the rows from before 0009 keep what they said. The purge's
    // own row counts them, so an administrator can see it.
    const purged = b.database.sqlite
      .prepare("SELECT details FROM audit_log WHERE action = 'case.purged'")
      .pluck()
      .get() as string;
    expect(JSON.parse(purged)).toMatchObject({ purgedCase: id, unsealedAuditRows: oldRows });
    expect(
      b.database.sqlite
        .prepare('SELECT reason FROM audit_log WHERE case_id = ? AND reason IS NOT NULL')
        .pluck()
        .all(id),
    ).toEqual([TEXTS.coordinator]);
    expect(
      b.database.sqlite
        .prepare('SELECT count(*) FROM audit_log WHERE case_id = ? AND reason = ?')
        .pluck()
        .get(id, TEXTS.closed),
    ).toBe(0);
  });
  it('takes the display names out of the conversation references stored before it', () => {
    const { file, sqlite } = previousRelease();
    const insert = sqlite.prepare('INSERT INTO conversation_refs (key, reference, updated_at) VALUES (?, ?, 1)');
    insert.run(
      'team:19:team@thread.tacv2',
      JSON.stringify({
        channelId: 'msteams',
        serviceUrl: 'https://smba.example/',
        bot: { id: '28:bot', name: 'Teammodel' },
        conversation: { id: '19:team@thread.tacv2', conversationType: 'channel', name: 'Gezin Jansen - Kerkstraat 12' },
      }),
    );
    insert.run(
      'card:handover:1:lt-arn',
      JSON.stringify({
        reference: {
          serviceUrl: 'https://smba.example/',
          user: { id: '29:x', aadObjectId: 'aad-1', name: 'Pien Meijer (fictief)' },
          conversation: { id: 'a:1', conversationType: 'personal' },
        },
        activityId: '1',
      }),
    );
    insert.run('case:7', 'geen json');
    sqlite.close();

    const b = bot(file);
    const stored = Object.fromEntries(
      (b.database.sqlite.prepare('SELECT key, reference FROM conversation_refs').all() as Row[]).map((r) => [
        r.key,
        r.reference,
      ]),
    );
    expect(JSON.parse(stored['team:19:team@thread.tacv2'] as string)).toEqual({
      channelId: 'msteams',
      serviceUrl: 'https://smba.example/',
      bot: { id: '28:bot' },
      conversation: { id: '19:team@thread.tacv2', conversationType: 'channel' },
    });
    expect(JSON.parse(stored['card:handover:1:lt-arn'] as string)).toEqual({
      reference: {
        serviceUrl: 'https://smba.example/',
        user: { id: '29:x', aadObjectId: 'aad-1' },
        conversation: { id: 'a:1', conversationType: 'personal' },
      },
      activityId: '1',
    });
    expect(stored['case:7']).toBe('geen json'); // not JSON: left alone rather than failing the upgrade
  });
});
