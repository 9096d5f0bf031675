import { DomainError } from '../domain/domain-error.js';
import { isLocalDate, type LocalDate } from '../domain/local-date.js';
import type { Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { actorOf } from './case-access.js';
import { deputyAwayDuring } from './stand-in.js';

export interface AbsenceRecorded {
  member: Member;
  from: LocalDate;
  until: LocalDate;
  /** Who stands in (the member's deputy in the roster), if anyone. */
  deputy: Member | null;
  /** The deputy is away on at least one of those days: on those days nobody stands in. */
  deputyAwaySomeDay: boolean;
  /** The member's absences that end today or later (this one included), soonest first. */
  absences: Array<{ from: LocalDate; until: LocalDate }>;
}

/**
 * Records that a member is away (both dates inclusive): their messages also go to their deputy meanwhile. The member
 * records it, or their team lead. Not a step on any case (it does not count against a case's silence).
 */
export function setAbsence(
  ctx: AppContext,
  input: { by: MemberId; member: MemberId; from: string; until: string },
): AbsenceRecorded {
  const actor = actorOf(ctx, input.by);
  const member = ctx.roster.member(input.member);
  if (!member) throw new DomainError('UNKNOWN_MEMBER', 'Die persoon staat niet in het rooster.');
  if (actor.id !== member.id && !ctx.roster.leads(actor.id, member.id))
    throw new DomainError('NOT_ALLOWED', 'Een afwezigheid leg je zelf vast, of je teamleider doet het.');
  if (!isLocalDate(input.from) || !isLocalDate(input.until) || input.until < input.from)
    throw new DomainError('BAD_DATE', 'Kies een begin- en einddatum; de einddatum valt niet vóór de begindatum.');
  const today = ctx.calendar.localDate(ctx.clock.now());
  if (input.until < today) throw new DomainError('BAD_DATE', 'Die afwezigheid ligt al in het verleden.');
  const now = ctx.clock.now();
  ctx.store.transaction(() => {
    ctx.store.absences.add({
      memberId: member.id,
      from: input.from,
      until: input.until,
      recordedBy: actor.id,
      recordedAt: now,
    });
    ctx.store.audit.append({
      at: now,
      actor: actor.id,
      action: 'member.absence',
      caseId: null,
      reason: null,
      details: { member: member.id, from: input.from, until: input.until, deputy: member.deputy ?? null },
    });
  });
  const deputy = (member.deputy && ctx.roster.member(member.deputy)) || null;
  return {
    member,
    from: input.from,
    until: input.until,
    deputy,
    deputyAwaySomeDay: deputy !== null && deputyAwayDuring(ctx, deputy.id, input.from, input.until),
    absences: ctx.store.absences.upcoming(member.id, today),
  };
}
