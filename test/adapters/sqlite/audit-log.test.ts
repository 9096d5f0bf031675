import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../../src/adapters/sqlite/open-database.js';
import { createAuditLog, type AuditLog } from '../../../src/adapters/sqlite/audit-log.js';
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

  it('verifies an empty log', () => {
    expect(verifyAuditChain([])).toEqual({ ok: true, count: 0 });
  });
});
