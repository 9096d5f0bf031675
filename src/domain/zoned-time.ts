import { formatLocalDate, type LocalDate } from './local-date.js';

// Conversions between instants (epoch ms) and wall-clock time in an IANA zone, using Intl only (no I/O).

export interface WallClock {
  date: LocalDate;
  minutes: number; // minutes since local midnight
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(instant: number, timeZone: string) {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** Offset of the zone at an instant, in minutes east of UTC. */
export function offsetMinutes(instant: number, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

export function toWallClock(instant: number, timeZone: string): WallClock {
  const p = parts(instant, timeZone);
  return { date: formatLocalDate(p.year, p.month, p.day), minutes: p.hour * 60 + p.minute };
}

export function localDateOf(instant: number, timeZone: string): LocalDate {
  return toWallClock(instant, timeZone).date;
}

/**
 * The instant of a wall-clock time. In the spring-forward gap the time is moved forward by the gap
 * (02:30 becomes 03:30); in the autumn overlap the earlier instant is taken.
 */
export function fromWallClock(date: LocalDate, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, 0, minutes);
  // The offsets a day before and after cover both sides of a DST switch.
  const before = naive - offsetMinutes(naive - 86_400_000, timeZone) * 60_000;
  const after = naive - offsetMinutes(naive + 86_400_000, timeZone) * 60_000;
  const matching = [before, after].filter((c) => {
    const w = toWallClock(c, timeZone);
    return w.date === date && w.minutes === minutes;
  });
  if (matching.length > 0) return Math.min(...matching);
  // In the gap: the standard-time reading, which lands after the gap (02:30 → 03:30 summer time).
  return before;
}

/** ISO 8601 with the local offset, e.g. 2026-04-10T08:30:00+02:00. */
export function formatInstant(instant: number, timeZone: string): string {
  const p = parts(instant, timeZone);
  const off = offsetMinutes(instant, timeZone);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatLocalDate(p.year, p.month, p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function parseHhMm(value: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}
