import type { LocalDate } from '../../domain/local-date.js';
import type { Member, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { actorOf } from '../case-access.js';

// The read side of the absence card: who stands in for the person, their current and future absences, and whom they
// may record an absence for (the people they lead, directly or further down).

export interface LedMember {
  member: Member;
  deputy: Member | null;
}

export interface AbsenceView {
  viewer: Member;
  today: LocalDate;
  /** The viewer's deputy in the roster, if any. */
  deputy: Member | null;
  /** The viewer's absences that end today or later, soonest first. */
  absences: Array<{ from: LocalDate; until: LocalDate }>;
  /** The people the viewer may record an absence for besides themselves, by name. */
  led: LedMember[];
}

function deputyOf(ctx: AppContext, m: Member): Member | null {
  return (m.deputy && ctx.roster.member(m.deputy)) || null;
}

export function getAbsenceView(ctx: AppContext, by: MemberId): AbsenceView {
  const viewer = actorOf(ctx, by);
  const today = ctx.calendar.localDate(ctx.clock.now());
  const led = ctx.roster
    .ledBy(viewer.id)
    .map((id) => ctx.roster.member(id))
    .filter((m): m is Member => m !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((member) => ({ member, deputy: deputyOf(ctx, member) }));
  return {
    viewer,
    today,
    deputy: deputyOf(ctx, viewer),
    absences: ctx.store.absences.upcoming(viewer.id, today),
    led,
  };
}
