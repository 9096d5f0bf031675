import { afterEach, describe, expect, it } from 'vitest';
import { closeCase } from '../../src/app/close-case.js';
import { openCase } from '../../src/app/open-case.js';
import { recordEvent } from '../../src/app/record-event.js';
import { main } from '../../src/cli/purge.js';
import { aContext, type TestContext } from '../app/test-context.js';

// Issue: "closed cases are purged a configurable number of months after closing (default 12) by a scheduled job;
// aggregates survive; `npm run purge -- --dry-run` shows what would go."
// The script runs on the real clock (Date.now()), so the history is placed relative to it.

const DAY = 86_400_000;
const open: TestContext[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

function run(file: string, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { DATABASE_PATH: file }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

function history() {
  const c = aContext();
  open.push(c);
  const now = Date.now();
  c.setNow(now - 420 * DAY);
  const old = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  recordEvent(c.ctx, {
    by: 'rvdk-arn',
    caseRef: old,
    event: 'measure_pronounced',
    fields: { measure: 'OTS', months: 12 },
  });
  const recent = openCase(c.ctx, { by: 'lt-doe', municipality: 'Doesburg' }).ref;
  const living = openCase(c.ctx, { by: 'lt-dui', municipality: 'Duiven' }).ref;
  c.setNow(now - 400 * DAY);
  closeCase(c.ctx, { by: 'lt-arn', caseRef: old });
  c.setNow(now - 30 * DAY);
  closeCase(c.ctx, { by: 'lt-doe', caseRef: recent });
  c.setNow(now);
  const closedOn = c.ctx.calendar.localDate(now - 400 * DAY);
  return { c, old, recent, living, closedOn };
}

const tableCounts = (c: TestContext) =>
  Object.fromEntries(
    (
      c.database.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as Array<{ name: string }>
    ).map((t) => [
      t.name,
      (c.database.sqlite.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n,
    ]),
  );

describe('npm run purge', () => {
  it('--dry-run prints the references that would go and deletes nothing', () => {
    const { c, old, recent, living, closedOn } = history();
    const before = tableCounts(c);
    const r = run(c.file, ['--dry-run']);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out[0]).toBe('Zou 1 gesloten casus(sen) verwijderen (bewaartermijn 12 maanden):');
    expect(r.out.slice(1)).toHaveLength(1);
    expect(r.out[1]).toContain(old);
    expect(r.out[1]).toContain(`gesloten ${closedOn}`);
    const joined = r.out.join('\n');
    expect(joined).not.toContain(recent);
    expect(joined).not.toContain(living);
    expect(tableCounts(c)).toEqual(before);
    expect(c.ctx.store.cases.byRef(old)).toBeDefined();
  });

  it('without --dry-run removes the case, keeps the others and logs who did it', () => {
    const { c, old, recent, living } = history();
    const r = run(c.file, []);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('1 gesloten casus(sen) verwijderd.');
    expect(r.out[1]).toContain(old);
    expect(c.ctx.store.cases.byRef(old)).toBeUndefined();
    expect(c.ctx.store.cases.byRef(recent)).toBeDefined();
    expect(c.ctx.store.cases.byRef(living)).toBeDefined();
    expect(c.database.sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'case.purged'").all()).toEqual([
      { actor: 'beheer (npm run purge)' },
    ]);
    // A second run has nothing left to do.
    expect(run(c.file, []).out).toEqual(['0 gesloten casus(sen) verwijderd.']);
  });

  it('an unknown flag exits with 2 and changes nothing', () => {
    const { c, old } = history();
    const before = tableCounts(c);
    for (const argv of [['--dryrun'], ['--dry-run', '--force'], ['nu']]) {
      const r = run(c.file, argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.join('\n')).toContain('Gebruik: npm run purge -- [--dry-run]');
      expect(r.out).toEqual([]);
    }
    expect(tableCounts(c)).toEqual(before);
    expect(c.ctx.store.cases.byRef(old)).toBeDefined();
  });
});
