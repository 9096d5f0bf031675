import Holidays from 'date-holidays';
import type { LocalDate } from './local-date.js';

// The `public` holidays of the Dutch calendar (docs/behaviour.md, Working days and office hours): Good Friday and 5 May are `school` there, so they
// stay working days unless a pilot adds them as closure days. date-holidays is a pure table, not I/O.
const nl = new Holidays('NL');

export function dutchPublicHolidays(year: number): LocalDate[] {
  return nl
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => h.date.slice(0, 10));
}
