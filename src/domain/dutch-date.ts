import { parseLocalDate, weekday, type LocalDate } from './local-date.js';

// Working dates in Dutch sentences and cards (never a birth date: the bot stores none).

const MONTHS_SHORT = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];
const DAYS = ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'];

/** 2026-05-21 → "do 21 mei 2026" (cards: short, with the weekday). */
export function dutchDate(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${DAYS[weekday(date)]} ${day} ${MONTHS_SHORT[month - 1]} ${year}`;
}

/** 2022-09-19 → "19 september 2022" (sentences and documents). */
export function dutchDateLong(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}
