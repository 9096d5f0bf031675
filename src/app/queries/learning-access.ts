import { DomainError } from '../../domain/domain-error.js';
import { addDays, addMonths, isLocalDate, parseLocalDate, type LocalDate } from '../../domain/local-date.js';
import type { Member, MemberId } from '../../domain/types.js';
import { fromWallClock } from '../../domain/zoned-time.js';
import type { AppContext } from '../app-context.js';
import { actorOf, coordinatesMunicipality } from '../case-access.js';

// Who may read a municipality's learning agenda and KPIs (docs/behaviour.md, "Learning together"): the coordinators of
// a pilot that includes the municipality, and the team leads of an organisation that works there (one of the
// municipality's fixed faces belongs to it). Everyone else gets one and the same refusal.

export const LEARNING_REFUSAL =
  "De leeragenda en de KPI's van een gemeente zijn voor de pilotcoördinatoren van die gemeente en de teamleiders van de organisaties die er werken.";

const refuse = () => new DomainError('NOT_ALLOWED', LEARNING_REFUSAL);

/** A team lead whose organisation (type and name) has a fixed face in the municipality. */
function leadsOrganisationIn(ctx: AppContext, actor: Member, municipality: string): boolean {
  if (actor.role !== 'team_lead') return false;
  return Object.values(ctx.roster.fixedTeam(municipality) ?? {}).some((id) => {
    const face = id ? ctx.roster.member(id) : undefined;
    return face !== undefined && face.org === actor.org && face.orgName === actor.orgName;
  });
}

/** The person and the municipality as the roster spells it, or the refusal (an unknown municipality says so). */
export function requireLearningAccess(
  ctx: AppContext,
  by: MemberId,
  name: string,
): { actor: Member; municipality: string } {
  const actor = actorOf(ctx, by);
  if (actor.role !== 'pilot_coordinator' && actor.role !== 'team_lead') throw refuse();
  const municipality = ctx.roster.findMunicipality(name);
  if (!municipality)
    throw new DomainError(
      'UNKNOWN_MUNICIPALITY',
      `Die gemeente staat niet in het rooster. Kies uit: ${ctx.roster.municipalities.join(', ')}.`,
    );
  if (!coordinatesMunicipality(actor, municipality) && !leadsOrganisationIn(ctx, actor, municipality)) throw refuse();
  return { actor, municipality };
}

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/**
 * A period of whole days, both inclusive. Without `from`: the current month and the two before it, until today;
 * without `to`: until today.
 */
export function periodOf(ctx: AppContext, from?: LocalDate, to?: LocalDate): Period {
  const today = ctx.calendar.localDate(ctx.clock.now());
  const { year, month } = parseLocalDate(today);
  const start = from ?? addMonths(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`, -2);
  const end = to ?? today;
  if (!isLocalDate(start) || !isLocalDate(end))
    throw new DomainError('BAD_DATE', 'Kies een geldige begin- en einddatum.');
  if (start > end)
    throw new DomainError('BAD_DATE', 'De begindatum ligt na de einddatum; kies een begin vóór het einde.');
  return { from: start, to: end };
}

/** The period as instants, half-open: from the start of `from` to the start of the day after `to`. */
export function instantsOf(ctx: AppContext, p: Period): { from: number; to: number } {
  const tz = ctx.calendar.timezone;
  return { from: fromWallClock(p.from, 0, tz), to: fromWallClock(addDays(p.to, 1), 0, tz) };
}
