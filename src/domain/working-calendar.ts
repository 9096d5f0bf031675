import { addDays, weekday, type LocalDate } from './local-date.js';
import { fromWallClock, toWallClock, type WallClock } from './zoned-time.js';

const MINUTE = 60_000;
const CACHE_LIMIT = 20_000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

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

  // Pure memoisation: a calendar is immutable once built, and the scheduler asks about the same few hundred dates (and
  // the same instants) over and over. Each cache is bounded; when full it starts again.
  const workingDays = new Map<LocalDate, boolean>();
  const isWorkingDay = (date: LocalDate): boolean => {
    let known = workingDays.get(date);
    if (known === undefined) {
      const wd = weekday(date);
      known = wd !== 0 && wd !== 6 && !isHoliday(date);
      remember(workingDays, date, known);
    }
    return known;
  };

  const nextWorkingDay = (date: LocalDate): LocalDate => {
    let d = addDays(date, 1);
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };

  const added = new Map<string, LocalDate>();
  const addWorkingDays = (date: LocalDate, n: number): LocalDate => {
    const key = `${date}|${n}`;
    let d = added.get(key);
    if (d !== undefined) return d;
    d = date;
    for (let i = 0; i < n; i++) d = nextWorkingDay(d);
    remember(added, key, d);
    return d;
  };

  const subtracted = new Map<string, LocalDate>();
  const subtractWorkingDays = (date: LocalDate, n: number): LocalDate => {
    const key = `${date}|${n}`;
    const known = subtracted.get(key);
    if (known !== undefined) return known;
    const result = walkBack(date, n);
    remember(subtracted, key, result);
    return result;
  };

  const walkBack = (date: LocalDate, n: number): LocalDate => {
    let d = date;
    for (let i = 0; i < n; i++) {
      d = addDays(d, -1);
      while (!isWorkingDay(d)) d = addDays(d, -1);
    }
    return d;
  };

  const between = new Map<string, number>();
  const workingDaysBetween = (from: LocalDate, to: LocalDate): number => {
    const key = `${from}|${to}`;
    let count = between.get(key);
    if (count !== undefined) return count;
    count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
    remember(between, key, count);
    return count;
  };

  const officeStarts = new Map<LocalDate, number>();
  const officeStartOf = (date: LocalDate): number => {
    let at = officeStarts.get(date);
    if (at === undefined) {
      at = fromWallClock(date, settings.officeStartMinutes, tz);
      remember(officeStarts, date, at);
    }
    return at;
  };

  // Wall-clock readings cached per UTC minute, but only for a minute that reads as one local minute from its first to
  // its last millisecond (a whole-minute offset, no switch inside it): then every instant in it has the same reading.
  const wallClocks = new Map<number, WallClock>();
  const wallClock = (instant: number): WallClock => {
    const minute = Math.floor(instant / MINUTE);
    const known = wallClocks.get(minute);
    if (known) return known;
    const w = toWallClock(instant, tz);
    const first = toWallClock(minute * MINUTE, tz);
    const last = toWallClock(minute * MINUTE + MINUTE - 1, tz);
    if (
      first.date === last.date &&
      first.minutes === last.minutes &&
      first.date === w.date &&
      first.minutes === w.minutes
    )
      remember(wallClocks, minute, w);
    return w;
  };

  const isOfficeTime = (instant: number): boolean => {
    const w = wallClock(instant);
    return isWorkingDay(w.date) && w.minutes >= settings.officeStartMinutes && w.minutes < settings.officeEndMinutes;
  };

  const nextOfficeStart = (instant: number): number => {
    const w = wallClock(instant);
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
    localDate: (instant) => wallClock(instant).date,
  };
}
