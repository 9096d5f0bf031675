import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../../src/adapters/sqlite/open-database.js';
import { createAuditLog, SEALED_ACTOR, type AuditLog } from '../../../src/adapters/sqlite/audit-log.js';
import { auditHash, GENESIS_HASH, verifyAuditChain, type AuditEntry } from '../../../src/domain/audit-chain.js';

const at = Date.UTC(2026, 2, 2, 9, 0);
const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  at,
  actor: 'ivo.gi',
  action: 'case.read',
  caseId: 1,
  reason: null,
  details: {},
  ...over,
});

describe('audit log', () => {
  let open: OpenDatabase;
  let log: AuditLog;

  beforeEach(() => {
    open = openDatabase(':memory:');
    log = createAuditLog(open.db);
    log.append(entry({ action: 'case.created', details: { municipality: 'Arnhem', stage: 'NEW' } }));
    log.append(
      entry({ actor: 'sanne.wt', action: 'handover.started', reason: 'warme overdracht', details: { to: 'GI' } }),
    );
    log.append(entry({ actor: 'system', action: 'timer.fired', caseId: 2, details: { timer: 'T6', level: 'L1' } }));
  });
  afterEach(() => open.close());

  const sql = (statement: string) => open.sqlite.prepare(statement).run();

  it('chains three entries from the genesis hash and verifies them', () => {
    expect(log.verify()).toEqual({ ok: true, count: 3 });
    const rows = open.sqlite.prepare('SELECT prev_hash AS prevHash, hash FROM audit_log ORDER BY id').all() as {
      prevHash: string;
      hash: string;
    }[];
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
  });

  it('hashes details the same whatever the key order', () => {
    expect(auditHash(GENESIS_HASH, entry({ details: { a: 1, b: { c: 2, d: 3 } } }))).toBe(
      auditHash(GENESIS_HASH, entry({ details: { b: { d: 3, c: 2 }, a: 1 } })),
    );
  });

  it.each([
    ['reason', "UPDATE audit_log SET reason = 'iets anders' WHERE id = 2"],
    ['details', `UPDATE audit_log SET details = '{"to":"VT"}' WHERE id = 2`],
    ['actor', "UPDATE audit_log SET actor = 'iemand' WHERE id = 2"],
    ['details (invalid JSON)', "UPDATE audit_log SET details = '{kapot' WHERE id = 2"],
  ])('names the row whose %s was changed', (_field, statement) => {
    sql(statement);
    expect(log.verify()).toEqual({
      ok: false,
      firstBrokenId: 2,
      problem: expect.stringContaining('inhoud gewijzigd'),
      count: 1,
    });
  });

  it('reports the row after a deleted one', () => {
    sql('DELETE FROM audit_log WHERE id = 2');
    expect(log.verify()).toMatchObject({ ok: false, firstBrokenId: 3, count: 1 });
  });

  it('notices a rewritten row whose own hash was recomputed, at the next row', () => {
    const row = open.sqlite.prepare('SELECT prev_hash AS prevHash FROM audit_log WHERE id = 2').get() as {
      prevHash: string;
    };
    const forged = entry({
      actor: 'iemand',
      action: 'handover.started',
      reason: 'warme overdracht',
      details: { to: 'GI' },
    });
    open.sqlite
      .prepare("UPDATE audit_log SET actor = 'iemand', hash = ? WHERE id = 2")
      .run(auditHash(row.prevHash, forged));
    expect(log.verify()).toMatchObject({ ok: false, firstBrokenId: 3 });
  });

  it('reports a removed first row', () => {
    sql('DELETE FROM audit_log WHERE id = 1');
    expect(log.verify()).toMatchObject({ ok: false, firstBrokenId: 2, count: 0 });
  });

  it('lists a case its entries in order, without the hashes', () => {
    expect(log.forCase(1)).toEqual([
      { id: 1, ...entry({ action: 'case.created', details: { municipality: 'Arnhem', stage: 'NEW' } }) },
      {
        id: 2,
        ...entry({ actor: 'sanne.wt', action: 'handover.started', reason: 'warme overdracht', details: { to: 'GI' } }),
      },
    ]);
    expect(log.forCase(99)).toEqual([]);
  });

  it('appends inside the caller transaction and disappears with its rollback', () => {
    const failing = open.sqlite.transaction(() => {
      log.append(entry({ action: 'case.closed' }));
      throw new Error('use case failed');
    });
    expect(() => failing()).toThrow('use case failed');
    open.sqlite.transaction(() => log.append(entry({ action: 'case.closed' })))();
    expect(log.verify()).toEqual({ ok: true, count: 4 });
  });

  it('stores details as they read back, so a Date or an undefined does not break the chain', () => {
    log.append(entry({ details: { when: new Date(at), gone: undefined } }));
    expect(log.verify()).toEqual({ ok: true, count: 4 });
    expect(log.forCase(1).at(-1)!.details).toEqual({ when: '2026-03-02T09:00:00.000Z' });
  });

  describe('rows of a case: sealed under the case key (case-keys.ts)', () => {
    const addCase = (id: number) =>
      sql(
        `INSERT INTO cases (id, ref, municipality, stage, opened_at, opened_by, last_activity_at) VALUES (${id}, 'CG-ARN-2026-00${id}', 'Arnhem', 'SIGNAL', 1, 'lt-arn', 1)`,
      );
    const given = entry({
      actor: 'lt-arn',
      action: 'case.closed',
      caseId: 10,
      reason: 'hulp afgerond',
      details: { ref: 'CG-ARN-2026-0010', members: ['lt-arn', 'vt-arn'] },
    });

    it('stores who, why and the details as one ciphertext that forCase opens; the chain covers it as stored', () => {
      addCase(10);
      log.append(given);
      const stored = open.sqlite
        .prepare('SELECT actor, action, case_id AS caseId, reason, details FROM audit_log WHERE id = 4')
        .get() as Record<string, unknown>;
      expect(stored).toMatchObject({ actor: SEALED_ACTOR, action: 'case.closed', caseId: 10, reason: null });
      expect(Object.keys(JSON.parse(stored.details as string) as object)).toEqual(['sealed']);
      for (const plain of ['lt-arn', 'vt-arn', 'hulp afgerond', 'CG-ARN-2026-0010'])
        expect(JSON.stringify(stored)).not.toContain(plain);
      expect(log.forCase(10)).toEqual([{ id: 4, ...given }]);
      expect(log.verify()).toEqual({ ok: true, count: 4 });
      // One key per case, made with its first row.
      expect(open.sqlite.prepare('SELECT case_id FROM case_keys').pluck().all()).toEqual([10]);
    });

    it('a ciphertext moved to another row of the case does not open there (and the chain breaks)', () => {
      addCase(10);
      log.append(given);
      log.append({ ...given, action: 'case.viewed', reason: null, details: {} });
      sql('UPDATE audit_log SET details = (SELECT details FROM audit_log WHERE id = 4) WHERE id = 5');
      expect(log.forCase(10)[1]).toMatchObject({ action: 'case.viewed', actor: SEALED_ACTOR, reason: null });
      expect(log.verify()).toMatchObject({ ok: false, firstBrokenId: 5 });
    });

    it('without the key (destroyed by the purge) nothing opens, and a later row is sealed under a key thrown away', () => {
      addCase(10);
      log.append(given);
      sql('UPDATE case_keys SET key = NULL, destroyed_at = 2 WHERE case_id = 10');
      sql('DELETE FROM cases WHERE id = 10');
      log.append({ ...given, action: 'case.viewed' });
      expect(log.forCase(10).map((r) => [r.actor, r.reason])).toEqual([
        [SEALED_ACTOR, null],
        [SEALED_ACTOR, null],
      ]);
      expect(log.verify()).toEqual({ ok: true, count: 5 });
    });
  });

  it('verifies an empty log', () => {
    expect(verifyAuditChain([])).toEqual({ ok: true, count: 0 });
  });
});
