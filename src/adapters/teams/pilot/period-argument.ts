import { z } from 'zod';
import { DomainError } from '../../../domain/domain-error.js';
import { daysInMonth, formatLocalDate, isLocalDate, type LocalDate } from '../../../domain/local-date.js';
import { nl, says } from '../card-action.js';

// "<gemeente> [van] [tot]" of `leren` and `kpi`. A period is typed as a month (2026-09) or a year (2026): a full date
// typed in chat is refused by the personal-data guard (it may be a birth date), so precise days are chosen on the card
// ("Andere periode", two date pickers).

const TOKEN = /^(\d{4})(?:-(\d{1,2}))?$/;

/** The command's argument: a municipality name, then at most two months or years. */
export const PERIOD_ARGUMENT = /^[\p{L}][\p{L} .'-]{1,59}(?: \d{4}(?:-\d{1,2})?){0,2}$/u;

export interface PeriodArgument {
  municipality: string;
  from?: LocalDate;
  to?: LocalDate;
}

/** The first and the last day of a month or year token, or undefined when it is none. */
function rangeOf(token: string): { first: LocalDate; last: LocalDate } | undefined {
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] === undefined) return { first: formatLocalDate(year, 1, 1), last: formatLocalDate(year, 12, 31) };
  const month = Number(m[2]);
  const first = formatLocalDate(year, month, 1);
  if (!isLocalDate(first)) return undefined;
  return { first, last: formatLocalDate(year, month, daysInMonth(year, month)) };
}

/** Splits "Berg en Dal 2026-01 2026-06": `van` from the start of its month or year, `tot` to its end. */
export function parsePeriodArgument(argument: string, usage: string): PeriodArgument {
  const words = argument.split(' ');
  let n = words.length;
  while (n > 1 && words.length - n < 2 && TOKEN.test(words[n - 1]!)) n--;
  const [van, tot] = words.slice(n);
  const from = van === undefined ? undefined : rangeOf(van);
  const to = tot === undefined ? undefined : rangeOf(tot);
  if ((van !== undefined && !from) || (tot !== undefined && !to)) throw new DomainError('USAGE', usage);
  return {
    municipality: words.slice(0, n).join(' '),
    ...(from ? { from: from.first } : {}),
    ...(to ? { to: to.last } : {}),
  };
}

/** What "Andere periode" on the learning agenda and the KPI card sends: the municipality and two dates. */
export const periodCardSchema = z.object({
  municipality: z
    .string(says('Deze kaart hoort niet bij een gemeente.'))
    .regex(/^[\p{L}][\p{L} .'-]{1,59}$/u, nl('Deze kaart hoort niet bij een gemeente.')),
  from: z.string(says('Kies een begindatum.')).refine((s) => isLocalDate(s), nl('Kies een begindatum (JJJJ-MM-DD).')),
  to: z.string(says('Kies een einddatum.')).refine((s) => isLocalDate(s), nl('Kies een einddatum (JJJJ-MM-DD).')),
});
