import { describe, expect, it } from 'vitest';
import { CASE_NUMBER_KEY_ROW } from '../../src/adapters/sqlite/case-number-key.js';
import { closeCase } from '../../src/app/close-case.js';
import { openCase } from '../../src/app/open-case.js';
import { purgeClosedCases } from '../../src/app/purge-closed-cases.js';
import { caseNumbering } from '../../src/domain/case-number.js';
import { CaseRef } from '../../src/domain/case-ref.js';
import { type TestContext, aContext, closedAfterEach } from './test-context.js';

// Issue 15 item 7: a case reference must not tell how many cases a municipality has. docs/behaviour.md, "Case
// references": the number is a keyed permutation of the per-prefix sequence, with a key made once per database.

const context = closedAfterEach();

const open = (c: TestContext, municipality = 'Arnhem') => openCase(c.ctx, { by: 'lt-arn', municipality }).ref;
const numberOf = (ref: string) => CaseRef.parse(ref)!.number;
const keyRow = (c: TestContext) =>
  c.database.sqlite.prepare('SELECT value FROM bot_state WHERE key = ?').get(CASE_NUMBER_KEY_ROW) as
    { value: string } | undefined;
const storedKey = (c: TestContext) => Buffer.from((JSON.parse(keyRow(c)!.value) as { key: string }).key, 'base64');
const sequenceOf = (c: TestContext, prefix: string) =>
  (c.database.sqlite.prepare('SELECT last FROM case_sequences WHERE prefix = ?').get(prefix) as { last: number }).last;

describe('case numbers: random-looking, never reused', () => {
  it('makes the key at the first case opened, not when the store is made, and numbers cases with it', () => {
    const c = context();
    expect(keyRow(c)).toBeUndefined();
    const refs = Array.from({ length: 12 }, () => open(c));
    expect(storedKey(c)).toHaveLength(32);
    for (const ref of refs) expect(ref).toMatch(/^CG-ARN-2026-[1-9]\d{3}$/);
    // The numbers are the stored key's permutation of 1, 2, 3 …: nothing else decides them.
    const expected = caseNumbering(storedKey(c));
    expect(refs.map(numberOf)).toEqual(refs.map((_, i) => expected(i + 1)));
    expect(new Set(refs).size).toBe(refs.length);
    const steps = refs.slice(1).map((r, i) => numberOf(r) - numberOf(refs[i]!));
    expect(steps.filter((d) => Math.abs(d) === 1)).toEqual([]);
    expect(steps.some((d) => d < 0)).toBe(true);
  });

  it('keeps the key across a restart, and each database gets its own', () => {
    const c = context();
    const first = open(c);
    const key = storedKey(c);
    c.close();
    const again = context.track(c.reopen());
    const second = open(again);
    expect(storedKey(again)).toEqual(key);
    expect(numberOf(second)).toBe(caseNumbering(key)(2));
    expect(second).not.toBe(first);
    const other = context();
    open(other);
    expect(storedKey(other)).not.toEqual(key);
  });

  it('counts per municipality and year', () => {
    const c = context();
    open(c, 'Arnhem');
    open(c, 'Renkum');
    open(c, 'Arnhem');
    expect(sequenceOf(c, 'CG-ARN-2026')).toBe(2);
    expect(sequenceOf(c, 'CG-REN-2026')).toBe(1);
  });

  it('never gives a purged case’s number again: the purge leaves the counter alone', () => {
    const c = context();
    const before = [open(c), open(c)];
    for (const ref of before) closeCase(c.ctx, { by: 'lt-arn', caseRef: ref });
    c.setNow('2027-08-01T10:00');
    expect(
      purgeClosedCases(c.ctx, { dryRun: false })
        .map((p) => p.ref)
        .sort(),
    ).toEqual([...before].sort());
    expect(c.ctx.store.cases.byRef(before[0]!)).toBeUndefined();
    expect(sequenceOf(c, 'CG-ARN-2026')).toBe(2);
    // A case opened in 2026 again (the clock set back, as after a restore): the third number, not a purged one.
    c.setNow('2026-12-01T10:00');
    const after = open(c);
    expect(before).not.toContain(after);
    expect(numberOf(after)).toBe(caseNumbering(storedKey(c))(3));
  });

  it('passes over a number a reference already holds (one seeded by hand)', () => {
    const c = aContext();
    try {
      // Learn the key's third number, then seed a case that holds it, as a copy from before random numbers might.
      open(c);
      const third = caseNumbering(storedKey(c))(3);
      const taken = CaseRef.format({ region: 'CG', municipality: 'ARN', year: 2026, number: third });
      c.database.sqlite
        .prepare(
          `INSERT INTO cases (ref, municipality, stage, opened_at, opened_by, last_activity_at)
           VALUES (?, 'Arnhem', 'SIGNAL', 1000, 'lt-arn', 1000)`,
        )
        .run(taken);
      const second = open(c);
      const fourth = open(c);
      expect(numberOf(second)).toBe(caseNumbering(storedKey(c))(2));
      expect(fourth).not.toBe(taken);
      expect(numberOf(fourth)).toBe(caseNumbering(storedKey(c))(4));
      expect(sequenceOf(c, 'CG-ARN-2026')).toBe(4);
    } finally {
      c.close();
    }
  });

  it('refuses to number with a stored key that is not one (a damaged row), rather than making another', () => {
    const c = context();
    c.database.sqlite
      .prepare('INSERT INTO bot_state (key, value, etag) VALUES (?, \'{"key":"c2hvcnQ="}\', \'x\')')
      .run(CASE_NUMBER_KEY_ROW);
    expect(() => open(c)).toThrow(/32-byte key/);
    expect(c.database.sqlite.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
  });
});
