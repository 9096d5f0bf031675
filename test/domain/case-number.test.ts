import { describe, expect, it } from 'vitest';
import { CASE_NUMBER_KEY_BYTES, caseNumbering, keyedPermutation } from '../../src/domain/case-number.js';
import { CaseRef } from '../../src/domain/case-ref.js';

/** Fixed test keys: 32 bytes each, derived from one byte so that a failure names the key. */
const keyOf = (seed: number) =>
  Uint8Array.from({ length: CASE_NUMBER_KEY_BYTES }, (_, i) => (seed * 31 + i * 7) & 0xff);
const KEYS = [keyOf(1), keyOf(2), keyOf(3)];

const numbers = (key: Uint8Array, from: number, to: number) => {
  const numberOf = caseNumbering(key);
  return Array.from({ length: to - from + 1 }, (_, i) => numberOf(from + i));
};

describe('caseNumbering: the number in a case reference', () => {
  it.each(KEYS.map((k, i) => [i + 1, k] as const))(
    'gives the first 9 000 cases of a prefix every four-digit number 1000–9999 exactly once (key %i)',
    (_, key) => {
      const all = numbers(key, 1, 9000);
      expect(new Set(all).size).toBe(9000);
      expect(Math.min(...all)).toBe(1000);
      expect(Math.max(...all)).toBe(9999);
    },
  );

  it('is the same number for the same key and sequence, every time', () => {
    const key = keyOf(7);
    const numberOf = caseNumbering(key);
    const first = numbers(key, 1, 50);
    expect(numbers(Uint8Array.from(key), 1, 50)).toEqual(first);
    expect([...first.keys()].reverse().map((i) => numberOf(i + 1))).toEqual([...first].reverse());
    key.fill(0); // the numbering keeps its own copy of the key
    expect(numberOf(1)).toBe(first[0]);
  });

  it('gives another key another order', () => {
    const [a, b, c] = KEYS.map((k) => numbers(k, 1, 20));
    expect(a).not.toEqual(b);
    expect(b).not.toEqual(c);
    // Not merely shifted: most positions differ.
    expect(a!.filter((n, i) => n === b![i]).length).toBeLessThan(3);
  });

  it('does not count: consecutive cases get numbers that are neither consecutive nor rising', () => {
    for (const key of KEYS) {
      const first = numbers(key, 1, 200);
      const steps = first.slice(1).map((n, i) => n - first[i]!);
      expect(steps.filter((d) => Math.abs(d) <= 1).length).toBeLessThan(3);
      expect(steps.filter((d) => d > 0).length).toBeGreaterThan(50);
      expect(steps.filter((d) => d < 0).length).toBeGreaterThan(50);
      // The first case is not the smallest number.
      expect(first[0]).not.toBe(1000);
    }
  });

  it('fits the reference format: four digits, accepted by the parser, no leading zero', () => {
    for (const n of numbers(KEYS[0]!, 1, 100)) {
      const text = CaseRef.format({ region: 'CG', municipality: 'ARN', year: 2026, number: n });
      expect(text).toMatch(/^CG-ARN-2026-[1-9]\d{3}$/);
      expect(CaseRef.parse(text)?.number).toBe(n);
    }
  });

  it('widens to five digits after the 9 000th case, and those numbers are all different too', () => {
    const key = KEYS[0]!;
    const fourDigits = new Set(numbers(key, 1, 9000));
    const next = numbers(key, 9001, 9001 + 2999);
    expect(next.filter((n) => n < 10_000 || n > 99_999 || fourDigits.has(n))).toEqual([]);
    expect(new Set(next).size).toBe(next.length);
    // The last five-digit case and the first six-digit one.
    const numberOf = caseNumbering(key);
    expect(numberOf(9000 + 90_000)).toBeLessThanOrEqual(99_999);
    expect(numberOf(9000 + 90_000 + 1)).toBeGreaterThanOrEqual(100_000);
    expect(
      CaseRef.parse(CaseRef.format({ region: 'CG', municipality: 'ARN', year: 2026, number: next[0]! }))?.number,
    ).toBe(next[0]);
  });

  it('refuses a key of the wrong length and a sequence number that is not one', () => {
    expect(() => caseNumbering(new Uint8Array(16))).toThrow(RangeError);
    expect(() => caseNumbering(KEYS[0]!)(0)).toThrow(RangeError);
    expect(() => caseNumbering(KEYS[0]!)(1.5)).toThrow(RangeError);
  });
});

describe('keyedPermutation: the keyed permutation with cycle-walking', () => {
  it.each([1, 2, 3, 10, 97, 1000, 9000, 90_000])('maps [0, %i) onto itself one to one', (size) => {
    const seen = new Uint8Array(size);
    const permute = keyedPermutation(KEYS[1]!, 'test', size);
    let outside = 0;
    for (let x = 0; x < size; x++) {
      const y = permute(x);
      if (Number.isInteger(y) && y >= 0 && y < size) seen[y] = seen[y]! + 1;
      else outside++;
    }
    expect(outside).toBe(0);
    expect(seen.every((n) => n === 1)).toBe(true);
  });

  it('keeps the widths apart: another domain is another permutation', () => {
    const [pa, pb] = [keyedPermutation(KEYS[0]!, 'a', 9000), keyedPermutation(KEYS[0]!, 'b', 9000)];
    const a = Array.from({ length: 20 }, (_, x) => pa(x));
    const b = Array.from({ length: 20 }, (_, x) => pb(x));
    expect(a).not.toEqual(b);
  });

  it('refuses a value outside the range', () => {
    expect(() => keyedPermutation(KEYS[0]!, 'test', 10)(10)).toThrow(RangeError);
    expect(() => keyedPermutation(KEYS[0]!, 'test', 10)(-1)).toThrow(RangeError);
    expect(() => keyedPermutation(KEYS[0]!, 'test', 0)).toThrow(RangeError);
  });
});
