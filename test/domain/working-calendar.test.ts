import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { dutchPublicHolidays } from '../../src/domain/dutch-public-holidays.js';
import { addDays, formatLocalDate, weekday } from '../../src/domain/local-date.js';
import { createWorkingCalendar } from '../../src/domain/working-calendar.js';
import { formatInstant } from '../../src/domain/zoned-time.js';
import { dutchCalendar, TZ, utc } from './builders.js';

// docs/behaviour.md: "Working day (wd): Monday–Friday in Europe/Amsterdam, except Dutch public holidays …, plus extra
// closure days a pilot configures". "Office hours: notifications are only delivered on working days between 08:30 and
// 17:00 local time … Anything that becomes due outside office hours is delivered at the next office-hours start."

const cal = dutchCalendar();
const MINUTE = 60_000;

// ---- independent oracles ---------------------------------------------------------------------------------------
const holidaySet = new Set<string>();
for (let y = 2023; y <= 2033; y++) for (const d of dutchPublicHolidays(y)) holidaySet.add(d);
const oracleWorkingDay = (d: string) => {
  const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6 && !holidaySet.has(d);
};
const wallFmt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const oracleWall = (t: number) => {
  const s = wallFmt.format(new Date(t)); // "2026-03-30 08:30"
  return { date: s.slice(0, 10), minutes: Number(s.slice(11, 13)) * 60 + Number(s.slice(14, 16)) };
};
const oracleOfficeTime = (t: number) => {
  const w = oracleWall(t);
  return oracleWorkingDay(w.date) && w.minutes >= 510 && w.minutes < 1020;
};

// ---- generators: year boundaries (Dec/Jan 2024–2031) and both DST switch weeks -----------------------------------
const lastSunday = (year: number, month: number) => {
  const last = formatLocalDate(year, month, 31);
  return addDays(last, -weekday(last));
};
const edgeDate = fc
  .tuple(
    fc.integer({ min: 2024, max: 2031 }),
    fc.constantFrom('dec', 'jan', 'spring', 'autumn'),
    fc.integer({ min: 0, max: 20 }),
  )
  .map(([y, window, offset]) => {
    const base =
      window === 'dec'
        ? formatLocalDate(y, 12, 12)
        : window === 'jan'
          ? formatLocalDate(y, 1, 1)
          : addDays(lastSunday(y, window === 'spring' ? 3 : 10), -10);
    return addDays(base, offset);
  });
const edgeInstant = fc
  .tuple(edgeDate, fc.integer({ min: 0, max: 24 * 60 * 60 * 1000 - 1 }))
  .map(([d, ms]) => utc(`${d}T00:00Z`) - 2 * 3_600_000 + ms); // spans local midnight on both sides
const anyInstant = fc.integer({ min: utc('2024-01-01T00:00Z'), max: utc('2031-12-31T00:00Z') });

describe('working calendar (Europe/Amsterdam, NL public holidays, 08:30–17:00)', () => {
  describe('working days', () => {
    it('Monday–Friday are working days, weekends are not', () => {
      expect(['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'].map(cal.isWorkingDay)).toEqual([
        true,
        true,
        true,
        true,
        true,
      ]);
      expect(cal.isWorkingDay('2026-06-06')).toBe(false);
      expect(cal.isWorkingDay('2026-06-07')).toBe(false);
    });

    it('nextWorkingDay skips weekends and holidays', () => {
      expect(cal.nextWorkingDay('2026-12-24')).toBe('2026-12-28'); // Fri 25 Kerstmis, weekend
      expect(cal.nextWorkingDay('2026-05-13')).toBe('2026-05-15'); // Hemelvaartsdag
      expect(cal.nextWorkingDay('2026-05-22')).toBe('2026-05-26'); // weekend + Tweede pinksterdag
      expect(cal.nextWorkingDay('2026-04-24')).toBe('2026-04-28'); // weekend + Koningsdag (Mon 27)
      expect(cal.nextWorkingDay('2026-12-31')).toBe('2027-01-04'); // Nieuwjaar on Friday
      expect(cal.nextWorkingDay('2026-04-02')).toBe('2026-04-03'); // Good Friday is a working day
    });

    it('addWorkingDays: docs/behaviour.md example, T6 = 5 wd from Mon 2025-06-02 is Tue 2025-06-10 (Mon 9 = Tweede pinksterdag)', () => {
      expect(cal.addWorkingDays('2025-06-02', 5)).toBe('2025-06-10');
    });

    it('addWorkingDays: n = 0 is the date itself, even on a weekend', () => {
      expect(cal.addWorkingDays('2026-06-03', 0)).toBe('2026-06-03');
      expect(cal.addWorkingDays('2026-06-06', 0)).toBe('2026-06-06');
    });

    it('addWorkingDays from a weekend or holiday counts from the next working day', () => {
      expect(cal.addWorkingDays('2026-06-06', 1)).toBe('2026-06-08'); // Sat → Mon
      expect(cal.addWorkingDays('2026-12-25', 1)).toBe('2026-12-28'); // Kerstmis → Mon
    });

    it('subtractWorkingDays never returns the date itself and skips holidays', () => {
      expect(cal.subtractWorkingDays('2026-12-24', 1)).toBe('2026-12-23');
      expect(cal.subtractWorkingDays('2026-12-28', 1)).toBe('2026-12-24');
      expect(cal.subtractWorkingDays('2027-01-04', 1)).toBe('2026-12-31');
      expect(cal.subtractWorkingDays('2026-04-28', 1)).toBe('2026-04-24'); // Koningsdag Mon 27
      expect(cal.subtractWorkingDays('2026-06-06', 1)).toBe('2026-06-05'); // from a Saturday
      expect(cal.subtractWorkingDays('2025-06-10', 3)).toBe('2025-06-04'); // Fri 6, Thu 5, Wed 4 (Mon 9 holiday)
    });

    it('workingDaysBetween counts d with from < d <= to', () => {
      expect(cal.workingDaysBetween('2026-12-17', '2026-12-24')).toBe(5);
      expect(cal.workingDaysBetween('2026-04-20', '2026-04-30')).toBe(7); // Koningsdag Mon 27 not counted
      expect(cal.workingDaysBetween('2026-06-03', '2026-06-03')).toBe(0);
      expect(cal.workingDaysBetween('2026-06-05', '2026-06-07')).toBe(0); // Fri → Sun
      expect(cal.workingDaysBetween('2026-06-05', '2026-06-01')).toBe(0); // reversed range
      expect(cal.workingDaysBetween('2026-12-31', '2027-01-04')).toBe(1);
    });

    it('year boundaries: 2027-12-24 + 1 wd = Mon 2027-12-27 (Tweede kerstdag is a Sunday, no substitute day)', () => {
      expect(cal.addWorkingDays('2027-12-24', 1)).toBe('2027-12-27');
      expect(cal.addWorkingDays('2025-12-24', 1)).toBe('2025-12-29');
      expect(cal.addWorkingDays('2025-12-24', 4)).toBe('2026-01-02'); // 29, 30, 31, (1 Jan), Fri 2
    });

    it('closure days count like holidays in every operation', () => {
      const pilot = dutchCalendar(['2026-06-03']);
      expect(pilot.isWorkingDay('2026-06-03')).toBe(false);
      expect(pilot.addWorkingDays('2026-06-01', 3)).toBe('2026-06-05');
      expect(pilot.subtractWorkingDays('2026-06-04', 1)).toBe('2026-06-02');
      expect(pilot.workingDaysBetween('2026-06-01', '2026-06-05')).toBe(3);
      expect(pilot.isOfficeTime(utc('2026-06-03T08:00Z'))).toBe(false);
      expect(pilot.nextOfficeMoment(utc('2026-06-02T16:00Z'))).toBe(utc('2026-06-04T06:30Z'));
    });
  });

  describe('working-day properties (Dec/Jan 2024–2031 and both DST switch weeks)', () => {
    it('addWorkingDays(d, n), n >= 1: a working day, strictly after d, exactly n working days later', () => {
      fc.assert(
        fc.property(edgeDate, fc.integer({ min: 1, max: 30 }), (d, n) => {
          const r = cal.addWorkingDays(d, n);
          expect(oracleWorkingDay(r)).toBe(true);
          expect(r > d).toBe(true);
          expect(cal.workingDaysBetween(d, r)).toBe(n);
          // and it is the first such day: the day before has only n - 1
          expect(cal.workingDaysBetween(d, addDays(r, -1))).toBe(n - 1);
        }),
        { numRuns: 300 },
      );
    });

    it('addWorkingDays composes: add(add(d, a), b) = add(d, a + b)', () => {
      fc.assert(
        fc.property(edgeDate, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), (d, a, b) => {
          expect(cal.addWorkingDays(cal.addWorkingDays(d, a), b)).toBe(cal.addWorkingDays(d, a + b));
        }),
      );
    });

    it('subtractWorkingDays(d, n): a working day strictly before d; the n-th one', () => {
      fc.assert(
        fc.property(edgeDate, fc.integer({ min: 1, max: 30 }), (d, n) => {
          const r = cal.subtractWorkingDays(d, n);
          expect(oracleWorkingDay(r)).toBe(true);
          expect(r < d).toBe(true);
          expect(cal.workingDaysBetween(r, d)).toBe(oracleWorkingDay(d) ? n : n - 1);
        }),
        { numRuns: 300 },
      );
    });

    it('subtract is the inverse of add on working days, and rounds up to the next working day otherwise', () => {
      fc.assert(
        fc.property(edgeDate, fc.integer({ min: 1, max: 30 }), (d, n) => {
          const w = oracleWorkingDay(d) ? d : cal.nextWorkingDay(d);
          expect(cal.subtractWorkingDays(cal.addWorkingDays(w, n), n)).toBe(w);
          expect(cal.addWorkingDays(cal.subtractWorkingDays(d, n), n)).toBe(w);
        }),
        { numRuns: 300 },
      );
    });

    it('isWorkingDay agrees with Mon–Fri minus the public holidays', () => {
      fc.assert(
        fc.property(edgeDate, (d) => {
          expect(cal.isWorkingDay(d)).toBe(oracleWorkingDay(d));
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('office hours across DST', () => {
    it('office start on the Friday before and the Monday after the spring switch (Sun 2026-03-29)', () => {
      expect(cal.officeStartOf('2026-03-27')).toBe(utc('2026-03-27T07:30Z'));
      expect(cal.officeStartOf('2026-03-30')).toBe(utc('2026-03-30T06:30Z'));
      expect(formatInstant(cal.officeStartOf('2026-03-27'), TZ)).toBe('2026-03-27T08:30:00+01:00');
      expect(formatInstant(cal.officeStartOf('2026-03-30'), TZ)).toBe('2026-03-30T08:30:00+02:00');
    });

    it('office start around the autumn switch (Sun 2026-10-25)', () => {
      expect(cal.officeStartOf('2026-10-23')).toBe(utc('2026-10-23T06:30Z'));
      expect(cal.officeStartOf('2026-10-26')).toBe(utc('2026-10-26T07:30Z'));
      expect(formatInstant(cal.officeStartOf('2026-10-26'), TZ)).toBe('2026-10-26T08:30:00+01:00');
    });

    it('the weekend of the spring switch is one hour shorter: Fri 17:00 → Mon 08:30 is 62.5 h', () => {
      const friEnd = utc('2026-03-27T16:00Z'); // 17:00 CET
      expect(cal.nextOfficeMoment(friEnd)).toBe(utc('2026-03-30T06:30Z'));
      expect((cal.nextOfficeMoment(friEnd) - friEnd) / 3_600_000).toBe(62.5);
    });

    it('Saturday of the autumn switch weekend → Monday 08:30 CET', () => {
      expect(cal.nextOfficeMoment(utc('2026-10-24T10:00Z'))).toBe(utc('2026-10-26T07:30Z'));
    });

    it('isOfficeTime: [08:30, 17:00) local on working days', () => {
      expect(cal.isOfficeTime(utc('2026-03-30T06:30Z'))).toBe(true); // 08:30 CEST
      expect(cal.isOfficeTime(utc('2026-03-30T06:29Z'))).toBe(false);
      expect(cal.isOfficeTime(utc('2026-03-27T07:30Z'))).toBe(true); // 08:30 CET
      expect(cal.isOfficeTime(utc('2026-03-27T06:30Z'))).toBe(false); // 07:30 CET
      expect(cal.isOfficeTime(utc('2026-03-30T14:59Z'))).toBe(true); // 16:59 CEST
      expect(cal.isOfficeTime(utc('2026-03-30T15:00Z'))).toBe(false); // 17:00 CEST
      expect(cal.isOfficeTime(utc('2026-03-28T10:00Z'))).toBe(false); // Saturday
      expect(cal.isOfficeTime(utc('2026-12-25T10:00Z'))).toBe(false); // Kerstmis
      expect(cal.isOfficeTime(utc('2026-04-03T10:00Z'))).toBe(true); // Good Friday
    });

    it('nextOfficeMoment returns the instant itself during office hours', () => {
      const t = utc('2026-06-03T09:17:23.456Z');
      expect(cal.nextOfficeMoment(t)).toBe(t);
    });

    it('nextOfficeMoment before office hours on a working day is today 08:30', () => {
      expect(cal.nextOfficeMoment(utc('2026-06-03T04:00Z'))).toBe(utc('2026-06-03T06:30Z'));
    });

    it('nextOfficeMoment after hours before Christmas is Monday 2026-12-28 08:30', () => {
      expect(cal.nextOfficeMoment(utc('2026-12-24T16:30Z'))).toBe(utc('2026-12-28T07:30Z'));
    });

    it('nextOfficeStart is strictly after the instant, also when it is exactly an office start', () => {
      expect(cal.nextOfficeStart(utc('2026-06-03T06:30Z'))).toBe(utc('2026-06-04T06:30Z'));
      expect(cal.nextOfficeStart(utc('2026-06-03T06:29:59.999Z'))).toBe(utc('2026-06-03T06:30Z'));
      expect(cal.nextOfficeStart(utc('2026-06-03T12:00Z'))).toBe(utc('2026-06-04T06:30Z'));
      expect(cal.nextOfficeStart(utc('2026-06-05T12:00Z'))).toBe(utc('2026-06-08T06:30Z'));
    });

    it('localDate is the local calendar date (an event at 22:00 on a Monday starts on that Monday)', () => {
      expect(cal.localDate(utc('2026-06-01T20:00Z'))).toBe('2026-06-01');
      expect(cal.localDate(utc('2026-06-01T22:00Z'))).toBe('2026-06-02');
      expect(cal.localDate(utc('2026-12-31T23:30Z'))).toBe('2027-01-01');
    });

    it('configurable office hours and time zone are honoured', () => {
      const custom = createWorkingCalendar({
        timezone: TZ,
        holidaysOf: dutchPublicHolidays,
        officeStartMinutes: 540,
        officeEndMinutes: 960,
      });
      expect(custom.timezone).toBe(TZ);
      expect(custom.officeStartMinutes).toBe(540);
      expect(custom.isOfficeTime(utc('2026-06-03T06:45Z'))).toBe(false); // 08:45
      expect(custom.isOfficeTime(utc('2026-06-03T07:00Z'))).toBe(true); // 09:00
      expect(custom.isOfficeTime(utc('2026-06-03T14:00Z'))).toBe(false); // 16:00
      expect(custom.officeStartOf('2026-06-03')).toBe(utc('2026-06-03T07:00Z'));
    });

    it('asks the holiday source once per year (cached) and only for the years it needs', () => {
      const asked: number[] = [];
      const counting = createWorkingCalendar({
        timezone: TZ,
        holidaysOf: (y) => (asked.push(y), dutchPublicHolidays(y)),
        officeStartMinutes: 510,
        officeEndMinutes: 1020,
      });
      counting.addWorkingDays('2026-12-20', 15);
      counting.workingDaysBetween('2026-12-01', '2027-01-31');
      expect([...asked].sort()).toEqual([2026, 2027]);
    });
  });

  describe('office-time properties', () => {
    it('isOfficeTime agrees with an independent wall-clock oracle', () => {
      fc.assert(
        fc.property(fc.oneof(edgeInstant, anyInstant), (t) => {
          expect(cal.isOfficeTime(t)).toBe(oracleOfficeTime(t));
        }),
        { numRuns: 1000 },
      );
    });

    it('isOfficeTime is never true on weekends or holidays', () => {
      const nonWorkingInstant = fc
        .tuple(fc.oneof(edgeDate, fc.constantFrom(...holidaySet)), fc.integer({ min: 0, max: 1439 }))
        .filter(([d]) => !oracleWorkingDay(d))
        .map(([d, m]) => utc(`${d}T00:00Z`) + m * MINUTE - 60 * MINUTE); // roughly local day (CET); checked via the oracle below
      fc.assert(
        fc.property(nonWorkingInstant, (t) => {
          fc.pre(!oracleWorkingDay(oracleWall(t).date));
          expect(cal.isOfficeTime(t)).toBe(false);
        }),
        { numRuns: 500 },
      );
    });

    it('nextOfficeMoment(t) >= t, is office time, and no office minute lies strictly between (minute resolution)', () => {
      fc.assert(
        fc.property(edgeInstant, (t) => {
          const r = cal.nextOfficeMoment(t);
          expect(r).toBeGreaterThanOrEqual(t);
          expect(oracleOfficeTime(r)).toBe(true);
          if (r > t) {
            // r is an office start: the minute before it is outside office hours
            expect(oracleOfficeTime(r - MINUTE)).toBe(false);
            for (let m = Math.floor(t / MINUTE) * MINUTE + MINUTE; m < r; m += MINUTE) {
              if (oracleOfficeTime(m))
                throw new Error(
                  `office minute ${formatInstant(m, TZ)} between ${formatInstant(t, TZ)} and ${formatInstant(r, TZ)}`,
                );
            }
            expect(oracleOfficeTime(t)).toBe(false);
          }
        }),
        { numRuns: 60 },
      );
    });

    it('nextOfficeStart(t) is the first 08:30 on a working day strictly after t', () => {
      fc.assert(
        fc.property(fc.oneof(edgeInstant, anyInstant), (t) => {
          const r = cal.nextOfficeStart(t);
          expect(r).toBeGreaterThan(t);
          const w = oracleWall(r);
          expect(w.minutes).toBe(510);
          expect(oracleWorkingDay(w.date)).toBe(true);
          // no earlier office start in (t, r)
          for (let d = oracleWall(t).date; d < w.date; d = addDays(d, 1)) {
            if (oracleWorkingDay(d)) expect(cal.officeStartOf(d)).toBeLessThanOrEqual(t);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('officeStartOf every working day in the switch weeks is 08:30 local with the right offset', () => {
      fc.assert(
        fc.property(edgeDate, (d) => {
          const t = cal.officeStartOf(d);
          expect(oracleWall(t)).toEqual({ date: d, minutes: 510 });
          expect(formatInstant(t, TZ)).toMatch(new RegExp(`^${d}T08:30:00\\+0[12]:00$`));
        }),
        { numRuns: 300 },
      );
    });
  });
});
