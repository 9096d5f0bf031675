import { addDays, type LocalDate } from '../domain/local-date.js';
import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';

// Deputies (docs/behaviour.md, "Who is told what", Deputies): while a member is away, their deputy stands in. One rule
// for the outbox (who else gets a message), the team card (who is away today, who stands in) and the absence card.

/**
 * Who also gets a member's messages on `day`: their deputy, while the member is away that day — not when the deputy is
 * away too, and never the deputy's own deputy. Undefined when nobody stands in.
 */
export function standInOn(ctx: AppContext, memberId: MemberId, day: LocalDate): MemberId | undefined {
  const deputy = ctx.roster.member(memberId)?.deputy;
  if (!deputy || !ctx.store.absences.isAbsent(memberId, day) || ctx.store.absences.isAbsent(deputy, day))
    return undefined;
  return deputy;
}

export interface AwayPeriod {
  /** The last day of the absence that includes `day` (absences that overlap or follow on without a gap run as one). */
  until: LocalDate;
  /** The member's deputy in the roster, if any. */
  deputy: MemberId | null;
  /** Who stands in on `day`: the deputy, unless the deputy is away too. */
  standIn: MemberId | null;
}

/** Whether a member is away on `day`; if so until when, and who stands in that day. */
export function awayOn(ctx: AppContext, memberId: MemberId, day: LocalDate): AwayPeriod | null {
  const absences = ctx.store.absences.upcoming(memberId, day); // ending on or after `day`, soonest start first
  if (!absences.some((a) => a.from <= day)) return null;
  let until = day;
  for (const a of absences) {
    if (a.from > addDays(until, 1)) break;
    if (a.until > until) until = a.until;
  }
  return {
    until,
    deputy: ctx.roster.member(memberId)?.deputy ?? null,
    standIn: standInOn(ctx, memberId, day) ?? null,
  };
}

/** Whether the deputy is away on at least one day from `from` to `until` (both inclusive): then nobody stands in. */
export function deputyAwayDuring(ctx: AppContext, deputy: MemberId, from: LocalDate, until: LocalDate): boolean {
  return ctx.store.absences.upcoming(deputy, from).some((a) => a.from <= until);
}
