import { DomainError } from '../domain/domain-error.js';
import { isLocalDate } from '../domain/local-date.js';
import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { actorOf } from './case-access.js';

/**
 * Records that a member is away (both dates inclusive): their messages also go to their deputy meanwhile. The member
 * records it, or their team lead. Not a step on any case (it does not count against a case's silence).
 */
export function setAbsence(
  ctx: AppContext,
  input: { by: MemberId; member: MemberId; from: string; until: string },
): void {
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
}
