import { caseProfessionals, ownerFor, sortedUnique } from '../../domain/case-team.js';
import { participantsAt } from '../../domain/escalation-ladder.js';
import type { CaseRecord, EscalationRecord } from '../../domain/records.js';
import type { MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadTeam } from '../case-access.js';

// Who takes part in an escalation (docs/behaviour.md, "Escalations"). An automatic one is about collaboration between
// organisations: its people are worked out again from the case as it is now — every case professional, the owners of
// the terms it holds, the coordinator — each with their lead chain up to the level reached. A manual one keeps the
// people it was raised with; a successor takes a leaver's place and a removed member drops out.

/** The base people of an automatic escalation (before lead chains), from the case as it is now. */
export function automaticBase(ctx: AppContext, c: CaseRecord, escalationId: number | null): MemberId[] {
  const team = loadTeam(ctx, c);
  const held = escalationId === null ? [] : ctx.store.escalations.timersOf(escalationId);
  const owners = held.map((id) => {
    const t = ctx.store.timers.byId(id);
    return t ? ownerFor({ timer: t.timer, team, stage: c.stage, ownerRef: t.ownerRef }, ctx.roster) : undefined;
  });
  return sortedUnique([...caseProfessionals(team), ...owners, team.coordinatorId]);
}

/** The participants of an escalation at its current level, as they are now. */
export function currentParticipants(ctx: AppContext, c: CaseRecord, e: EscalationRecord): MemberId[] {
  const base = e.source === 'timer' ? automaticBase(ctx, c, e.id) : e.baseParticipants;
  return withGuests(participantsAt(e.level, base, ctx.roster), e);
}

/**
 * Who would join if the escalation went up to `level` (the escalation card's confirmation names them before anything
 * is sent): the participants at that level who do not take part yet.
 */
export function joinersAt(
  ctx: AppContext,
  c: CaseRecord,
  e: EscalationRecord,
  level: EscalationRecord['level'],
): MemberId[] {
  const now = new Set(e.participants);
  return currentParticipants(ctx, c, { ...e, level }).filter((id) => !now.has(id));
}

/** The lead chains' people plus those brought in (a regional expert team's member), who stay until it closes. */
function withGuests(participants: MemberId[], e: EscalationRecord): MemberId[] {
  return e.guests.length === 0 ? participants : sortedUnique([...participants, ...e.guests]);
}

/** Stores the current participants of every open escalation of the case (after a change to its team or terms). */
export function refreshParticipants(ctx: AppContext, c: CaseRecord): void {
  const record = ctx.store.cases.byId(c.id) ?? c;
  for (const e of ctx.store.escalations.ofCase(c.id)) {
    if (e.state !== 'open') continue;
    const base = e.source === 'timer' ? automaticBase(ctx, record, e.id) : e.baseParticipants;
    const participants = withGuests(participantsAt(e.level, base, ctx.roster), e);
    if (participants.join() !== e.participants.join() || base.join() !== e.baseParticipants.join()) {
      ctx.store.escalations.update(e.id, { participants, baseParticipants: base });
    }
  }
}

/** A successor takes the leaver's place in every open manual escalation (automatic ones follow the case by themselves). */
export function passParticipation(ctx: AppContext, c: CaseRecord, leaver: MemberId, successor: MemberId | null): void {
  for (const e of ctx.store.escalations.ofCase(c.id)) {
    if (e.state !== 'open' || e.source !== 'manual' || !e.baseParticipants.includes(leaver)) continue;
    const base = sortedUnique(e.baseParticipants.map((id) => (id === leaver ? successor : id)));
    ctx.store.escalations.update(e.id, { baseParticipants: base });
  }
  refreshParticipants(ctx, c);
}
