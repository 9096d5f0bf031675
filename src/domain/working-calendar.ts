import { addDays, weekday, type LocalDate } from './local-date.js';
import { fromWallClock, localDateOf, toWallClock } from './zoned-time.js';

export interface CalendarSettings {
  timezone: string;
  /** Public holidays of a year as local dates (injected: the domain does not know where they come from). */
  holidaysOf: (year: number) => readonly LocalDate[];
  /** Extra closure days a pilot configures (e.g. Bevrijdingsdag in lustrum years). */
  closureDays?: readonly LocalDate[];
  officeStartMinutes: number; // 08:30 = 510
  officeEndMinutes: number; // 17:00 = 1020
}

export interface WorkingCalendar {
  readonly timezone: string;
  readonly officeStartMinutes: number;
  isWorkingDay(date: LocalDate): boolean;
  /** The date n working days after `date` (n >= 0; n = 0 returns `date` itself). */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** The date n working days before `date` (n >= 1), never `date` itself. */
  subtractWorkingDays(date: LocalDate, n: number): LocalDate;
  /** Working days d with from < d <= to. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
  nextWorkingDay(date: LocalDate): LocalDate;
  /** The office-hours start (instant) of a date. */
  officeStartOf(date: LocalDate): number;
  isOfficeTime(instant: number): boolean;
  /** The first instant at or after `instant` inside office hours. */
  nextOfficeMoment(instant: number): number;
  /** The next office-hours start strictly after `instant`. */
  nextOfficeStart(instant: number): number;
  localDate(instant: number): LocalDate;
}

export function createWorkingCalendar(settings: CalendarSettings): WorkingCalendar {
  const holidayCache = new Map<number, Set<LocalDate>>();
  const closures = new Set(settings.closureDays ?? []);
  const tz = settings.timezone;

  const isHoliday = (date: LocalDate): boolean => {
    const year = Number(date.slice(0, 4));
    let set = holidayCache.get(year);
    if (!set) {
      set = new Set(settings.holidaysOf(year));
      holidayCache.set(year, set);
    }
    return set.has(date) || closures.has(date);
  };

  const isWorkingDay = (date: LocalDate): boolean => {
    const wd = weekday(date);
    return wd !== 0 && wd !== 6 && !isHoliday(date);
  };

  const nextWorkingDay = (date: LocalDate): LocalDate => {
    let d = addDays(date, 1);
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };

  const addWorkingDays = (date: LocalDate, n: number): LocalDate => {
    let d = date;
    for (let i = 0; i < n; i++) d = nextWorkingDay(d);
    return d;
  };

  const subtractWorkingDays = (date: LocalDate, n: number): LocalDate => {
    let d = date;
    for (let i = 0; i < n; i++) {
      d = addDays(d, -1);
      while (!isWorkingDay(d)) d = addDays(d, -1);
    }
    return d;
  };

  const workingDaysBetween = (from: LocalDate, to: LocalDate): number => {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
    return count;
  };

  const officeStartOf = (date: LocalDate): number => fromWallClock(date, settings.officeStartMinutes, tz);

  const isOfficeTime = (instant: number): boolean => {
    const w = toWallClock(instant, tz);
    return isWorkingDay(w.date) && w.minutes >= settings.officeStartMinutes && w.minutes < settings.officeEndMinutes;
  };

  const nextOfficeStart = (instant: number): number => {
    const w = toWallClock(instant, tz);
    if (isWorkingDay(w.date) && w.minutes < settings.officeStartMinutes) return officeStartOf(w.date);
    return officeStartOf(nextWorkingDay(w.date));
  };

  const nextOfficeMoment = (instant: number): number => (isOfficeTime(instant) ? instant : nextOfficeStart(instant));

  return {
    timezone: tz,
    officeStartMinutes: settings.officeStartMinutes,
    isWorkingDay,
    addWorkingDays,
    subtractWorkingDays,
    workingDaysBetween,
    nextWorkingDay,
    officeStartOf,
    isOfficeTime,
    nextOfficeMoment,
    nextOfficeStart,
    localDate: (instant) => localDateOf(instant, tz),
  };
}
