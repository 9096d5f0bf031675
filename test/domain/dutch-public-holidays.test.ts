import { describe, it, expect } from 'vitest';
import { dutchPublicHolidays } from '../../src/domain/dutch-public-holidays.js';
import { addDays, formatLocalDate, isLocalDate, weekday } from '../../src/domain/local-date.js';
import { dutchCalendar } from './builders.js';

// docs/behaviour.md: "Dutch public holidays (the `public` type of the NL calendar: Nieuwjaar, Pasen, Tweede paasdag,
// Koningsdag, Hemelvaartsdag, Pinksteren, Tweede pinksterdag, Kerstmis, Tweede kerstdag) … Good Friday and 5 May are
// working days by default."

/** Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher): an oracle independent of date-holidays. */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatLocalDate(year, month, day);
}

/** Koningsdag: 27 April, or Saturday 26 April when the 27th is a Sunday. */
const koningsdag = (year: number) =>
  weekday(formatLocalDate(year, 4, 27)) === 0 ? formatLocalDate(year, 4, 26) : formatLocalDate(year, 4, 27);

function expectedHolidays(year: number): string[] {
  const e = easter(year);
  return [
    formatLocalDate(year, 1, 1), // Nieuwjaar
    e, // Pasen
    addDays(e, 1), // Tweede paasdag
    koningsdag(year),
    addDays(e, 39), // Hemelvaartsdag
    addDays(e, 49), // Pinksteren
    addDays(e, 50), // Tweede pinksterdag
    formatLocalDate(year, 12, 25), // Kerstmis
    formatLocalDate(year, 12, 26), // Tweede kerstdag
  ].sort();
}

describe('Dutch public holidays (the `public` NL calendar)', () => {
  it('2026: exactly the nine public days of docs/behaviour.md', () => {
    expect([...dutchPublicHolidays(2026)].sort()).toEqual([
      '2026-01-01', // Nieuwjaar
      '2026-04-05', // Pasen
      '2026-04-06', // Tweede paasdag
      '2026-04-27', // Koningsdag
      '2026-05-14', // Hemelvaartsdag
      '2026-05-24', // Pinksteren
      '2026-05-25', // Tweede pinksterdag
      '2026-12-25', // Kerstmis
      '2026-12-26', // Tweede kerstdag
    ]);
  });

  it('2025: Koningsdag is Saturday 26 April because 27 April is a Sunday; Tweede pinksterdag is 9 June', () => {
    const h = dutchPublicHolidays(2025);
    expect(h).toContain('2025-04-26');
    expect(h).not.toContain('2025-04-27');
    expect(h).toContain('2025-06-09');
    expect(h).toContain('2025-05-29'); // Hemelvaartsdag
  });

  it('2024–2035 match an independent computation (Easter algorithm + Koningsdag rule)', () => {
    for (let year = 2024; year <= 2035; year++) {
      expect([...dutchPublicHolidays(year)].sort(), String(year)).toEqual(expectedHolidays(year));
    }
  });

  it('returns plain YYYY-MM-DD local dates of the requested year', () => {
    for (const d of dutchPublicHolidays(2027)) {
      expect(isLocalDate(d)).toBe(true);
      expect(d.startsWith('2027-')).toBe(true);
    }
  });

  it('Good Friday and 5 May (Bevrijdingsdag) are not public holidays, also in a lustrum year', () => {
    for (const year of [2025, 2026, 2030]) {
      const goodFriday = addDays(easter(year), -2);
      expect(dutchPublicHolidays(year)).not.toContain(goodFriday);
      expect(dutchPublicHolidays(year)).not.toContain(formatLocalDate(year, 5, 5));
    }
  });

  describe('as seen through the working calendar', () => {
    const cal = dutchCalendar();

    it('weekday holidays are not working days', () => {
      for (const d of [
        '2026-01-01',
        '2026-04-06',
        '2026-04-27',
        '2026-05-14',
        '2026-05-25',
        '2026-12-25',
        '2025-06-09',
        '2025-12-26',
        '2027-01-01',
      ]) {
        expect(cal.isWorkingDay(d), d).toBe(false);
      }
    });

    it('Good Friday (Fri 2026-04-03, Fri 2025-04-18) and Bevrijdingsdag (Mon 2025-05-05, Tue 2026-05-05) are working days', () => {
      expect(cal.isWorkingDay('2026-04-03')).toBe(true);
      expect(cal.isWorkingDay('2026-05-05')).toBe(true);
      expect(cal.isWorkingDay('2025-05-05')).toBe(true);
      expect(cal.isWorkingDay('2025-04-18')).toBe(true); // Good Friday 2025
    });

    it('a closure day from configuration (Bevrijdingsdag in a lustrum year) is not a working day', () => {
      const pilot = dutchCalendar(['2025-05-05', '2026-04-03']);
      expect(pilot.isWorkingDay('2025-05-05')).toBe(false);
      expect(pilot.isWorkingDay('2026-04-03')).toBe(false);
      expect(pilot.isWorkingDay('2026-05-05')).toBe(true); // only the configured year
      expect(pilot.addWorkingDays('2025-05-02', 1)).toBe('2025-05-06');
    });
  });
});
