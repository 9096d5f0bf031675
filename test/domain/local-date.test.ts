import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  formatLocalDate,
  isLocalDate,
  parseLocalDate,
  weekday,
} from '../../src/domain/local-date.js';

// An independent oracle: JavaScript's own UTC calendar.
const jsDate = (d: string) => new Date(`${d}T00:00:00Z`);
const fromJs = (t: Date) => t.toISOString().slice(0, 10);

const anyDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((t) => fromJs(t));

describe('local dates (YYYY-MM-DD strings)', () => {
  it('recognises real calendar dates only', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true); // leap year
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2100-02-29')).toBe(false); // century, not a leap year
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-00-10')).toBe(false);
    expect(isLocalDate('2026-04-31')).toBe(false);
    expect(isLocalDate('2026-4-1')).toBe(false);
    expect(isLocalDate('2026-04-01T10:00')).toBe(false);
    expect(isLocalDate('')).toBe(false);
  });

  it('parses and formats with zero padding', () => {
    expect(parseLocalDate('2026-03-09')).toEqual({ year: 2026, month: 3, day: 9 });
    expect(formatLocalDate(2026, 3, 9)).toBe('2026-03-09');
    expect(formatLocalDate(987, 1, 1)).toBe('0987-01-01');
    expect(() => parseLocalDate('09-03-2026')).toThrow(/not a date/);
  });

  it('knows the length of every month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29'); // the DST night does not make a local day shorter
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-05-13', 0)).toBe('2026-05-13');
  });

  it('weekday: 0 = Sunday … 6 = Saturday', () => {
    expect(weekday('2026-12-17')).toBe(4); // Thu, docs/behaviour.md worked example
    expect(weekday('2026-05-13')).toBe(3); // Wed
    expect(weekday('2025-06-02')).toBe(1); // Mon
    expect(weekday('2026-09-24')).toBe(4); // Thu, §5 example
    expect(weekday('2026-03-29')).toBe(0); // Sun, spring forward
    expect(weekday('2026-10-25')).toBe(0); // Sun, autumn back
    expect(weekday('2025-04-26')).toBe(6); // Sat, Koningsdag moved from Sunday the 27th
    expect(weekday('1969-12-31')).toBe(3); // before the epoch
  });

  describe('addMonths (calendar terms and measure ends, docs/behaviour.md)', () => {
    it('keeps the day of the month: 2025-06-02 + 12 months = 2026-06-02', () => {
      expect(addMonths('2025-06-02', 12)).toBe('2026-06-02');
      expect(addMonths('2026-02-10', 3)).toBe('2026-05-10');
    });

    it('clamps to the end of a shorter month', () => {
      expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
      expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
      expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
      expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
      expect(addMonths('2026-08-31', 3)).toBe('2026-11-30');
    });

    it('crosses year boundaries both ways', () => {
      expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
      expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
      expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
      expect(addMonths('2026-05-10', 0)).toBe('2026-05-10');
    });

    it('property: result is a valid date, in the right month, never past the original day', () => {
      fc.assert(
        fc.property(anyDate, fc.integer({ min: -36, max: 120 }), (d, n) => {
          const r = addMonths(d, n);
          expect(isLocalDate(r)).toBe(true);
          const a = parseLocalDate(d);
          const b = parseLocalDate(r);
          expect(b.year * 12 + b.month - (a.year * 12 + a.month)).toBe(n);
          expect(b.day).toBe(Math.min(a.day, daysInMonth(b.year, b.month)));
        }),
      );
    });
  });

  it('property: addDays, weekday and daysBetween agree with the JavaScript UTC calendar', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -800, max: 800 }), (d, n) => {
        const expected = fromJs(new Date(jsDate(d).getTime() + n * 86_400_000));
        expect(addDays(d, n)).toBe(expected);
        expect(daysBetween(d, expected)).toBe(n);
        expect(weekday(d)).toBe(jsDate(d).getUTCDay());
        expect(isLocalDate(d)).toBe(true);
      }),
    );
  });

  it('dates compare correctly as strings', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(a < b).toBe(daysBetween(a, b) > 0);
      }),
    );
  });
});
