import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../src/adapters/sqlite/audit-log.js';
import { openDatabase, type OpenDatabase } from '../../../src/adapters/sqlite/open-database.js';
import type { AuditEntry } from '../../../src/domain/audit-chain.js';

// appendSoon: the case.viewed entries of many turns at once are committed together, and a turn only goes on once its
// entry is on disk (visible to another connection), or hears why not.
const entry = (n: number): AuditEntry => ({
  at: Date.UTC(2026, 2, 2, 9, n),
  actor: `m${n}`,
  action: 'case.viewed',
  caseId: 1,
  reason: null,
  details: {},
});

describe('audit appendSoon', () => {
  const opened: OpenDatabase[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    opened.splice(0).forEach((o) => o.close());
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const open = (file: string, busyTimeoutMs?: number) => {
    const o = openDatabase(file, busyTimeoutMs === undefined ? {} : { busyTimeoutMs });
    opened.push(o);
    return o;
  };
  const file = () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-soon-'));
    dirs.push(dir);
    return join(dir, 'a.sqlite');
  };
  const count = (o: OpenDatabase) => o.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

  it('commits the entries of one moment in one transaction, in order, chained, before any of them resolves', async () => {
    const f = file();
    const db = open(f);
    const other = open(f);
    const log = createAuditLog(db.db);
    log.append(entry(0));
    const commits: number[] = [];
    const pending = [1, 2, 3].map((n) => log.appendSoon(entry(n)).then(() => commits.push(count(other))));
    expect(count(other)).toBe(1); // nothing yet: the batch waits for the end of this turn of the event loop
    await Promise.all(pending);
    expect(commits).toEqual([4, 4, 4]); // each turn saw all three on disk: one commit
    expect(db.sqlite.prepare('SELECT actor FROM audit_log ORDER BY id').pluck().all()).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
    ]);
    expect(log.verify()).toEqual({ ok: true, count: 4 });
    await log.appendSoon(entry(4)); // a later moment: a batch of its own
    expect(count(other)).toBe(5);
  });

  it('on a locked database every waiting turn hears the error and nothing of the batch is written', async () => {
    const f = file();
    const db = open(f, 20);
    const other = open(f);
    const log = createAuditLog(db.db);
    other.sqlite.prepare('BEGIN IMMEDIATE').run();
    const results = await Promise.allSettled([log.appendSoon(entry(1)), log.appendSoon(entry(2))]);
    other.sqlite.prepare('COMMIT').run();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(results.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY']);
    expect(count(other)).toBe(0);
    await log.appendSoon(entry(3)); // and the next moment works again
    expect(log.verify()).toEqual({ ok: true, count: 1 });
  });
});
