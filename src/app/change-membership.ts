import { defaultCoordinator, isCurrentMember } from '../domain/case-team.js';
import { DomainError } from '../domain/domain-error.js';
import type { Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadCaseById, loadTeam, loadVisibleCase, requireOpen, type LoadedCase } from './case-access.js';
import { guardText } from './guard-text.js';
import { openHandover } from './handovers/open-handover.js';
import { recordActivity } from './record-activity.js';

// Membership changes (issue 2 §9): a member may add colleagues; replacing or removing someone needs that person,
// their team lead or a pilot coordinator. Every change needs a reason and lands in the audit log.

export interface MembershipInput {
  by: MemberId;
  caseRef: string;
  member: MemberId;
  reason: string;
}

function rosterMember(ctx: AppContext, id: MemberId): Member {
  const m = ctx.roster.member(id);
  if (!m) throw new DomainError('UNKNOWN_MEMBER', 'Die persoon staat niet in het rooster.');
  return m;
}

function mayChangeSomeone(actor: Member, affected: Member): boolean {
  return actor.id === affected.id || affected.lead === actor.id || actor.role === 'pilot_coordinator';
}

function prepare(ctx: AppContext, input: MembershipInput) {
  const loaded = loadVisibleCase(ctx, input.by, input.caseRef);
  requireOpen(loaded);
  const reason = guardText(ctx, input.reason, 'reden');
  return { ...loaded, reason, affected: rosterMember(ctx, input.member), now: ctx.clock.now() };
}

function refreshCoordinator(ctx: AppContext, loaded: LoadedCase, leaving: MemberId, successor?: MemberId): void {
  if (loaded.record.coordinatorId !== leaving) return;
  const team = loadTeam(ctx, ctx.store.cases.byId(loaded.record.id)!);
  const coordinatorId = successor ?? defaultCoordinator(team, loaded.record.measure !== null);
  ctx.store.cases.update(loaded.record.id, { coordinatorId });
}

export function addMember(ctx: AppContext, input: MembershipInput): void {
  const p = prepare(ctx, input);
  const isMember = isCurrentMember(p.team, p.actor.id);
  if (!isMember && !mayChangeSomeone(p.actor, p.affected))
    throw new DomainError('NOT_ALLOWED', 'Alleen leden van het casusteam kunnen collega’s toevoegen.');
  if (isCurrentMember(p.team, p.affected.id))
    throw new DomainError('ALREADY_MEMBER', 'Die persoon zit al in het casusteam.');
  ctx.store.transaction(() => {
    ctx.store.cases.addMembership({
      caseId: p.record.id,
      memberId: p.affected.id,
      org: p.affected.org,
      role: p.affected.role,
      joinedAt: p.now,
      joinedBy: p.actor.id,
      joinReason: p.reason,
    });
    ctx.store.audit.append({
      at: p.now,
      actor: p.actor.id,
      action: 'member.added',
      caseId: p.record.id,
      reason: p.reason,
      details: { member: p.affected.id, org: p.affected.org },
    });
    recordActivity(ctx, p.record, p.actor.id, p.now);
  });
}

export function removeMember(ctx: AppContext, input: MembershipInput): void {
  const p = prepare(ctx, input);
  if (!isCurrentMember(p.team, p.affected.id))
    throw new DomainError('NOT_A_MEMBER', 'Die persoon zit niet in het casusteam.');
  if (!mayChangeSomeone(p.actor, p.affected))
    throw new DomainError(
      'NOT_ALLOWED',
      'Iemand verwijderen kan alleen die persoon zelf, diens teamleider of een pilotcoördinator.',
    );
  if (p.team.members.length === 1)
    throw new DomainError('LAST_MEMBER', 'Het laatste lid kan niet weg; sluit de casus of voeg eerst iemand toe.');
  ctx.store.transaction(() => {
    ctx.store.cases.endMembership(p.record.id, p.affected.id, p.now, p.actor.id, p.reason);
    refreshCoordinator(ctx, p, p.affected.id);
    ctx.store.audit.append({
      at: p.now,
      actor: p.actor.id,
      action: 'member.removed',
      caseId: p.record.id,
      reason: p.reason,
      details: { member: p.affected.id },
    });
    recordActivity(ctx, loadCaseById(ctx, p.record.id).record, p.actor.id, p.now);
  });
}

/** The successor takes over; for a GI or Lokaal Team member this opens the H6 or H8 warm handover from leaver to successor. */
export function replaceMember(
  ctx: AppContext,
  input: MembershipInput & { successor: MemberId },
): { handoverId?: number } {
  const p = prepare(ctx, input);
  const successor = rosterMember(ctx, input.successor);
  if (!isCurrentMember(p.team, p.affected.id))
    throw new DomainError('NOT_A_MEMBER', 'Die persoon zit niet in het casusteam.');
  if (!mayChangeSomeone(p.actor, p.affected))
    throw new DomainError(
      'NOT_ALLOWED',
      'Iemand vervangen kan alleen die persoon zelf, diens teamleider of een pilotcoördinator.',
    );
  if (isCurrentMember(p.team, successor.id))
    throw new DomainError('ALREADY_MEMBER', 'De opvolger zit al in het casusteam.');
  return ctx.store.transaction(() => {
    ctx.store.cases.endMembership(p.record.id, p.affected.id, p.now, p.actor.id, p.reason);
    ctx.store.cases.addMembership({
      caseId: p.record.id,
      memberId: successor.id,
      org: successor.org,
      role: successor.role,
      joinedAt: p.now,
      joinedBy: p.actor.id,
      joinReason: `opvolger van ${p.affected.id}`,
    });
    refreshCoordinator(ctx, p, p.affected.id, successor.id);
    ctx.store.audit.append({
      at: p.now,
      actor: p.actor.id,
      action: 'member.replaced',
      caseId: p.record.id,
      reason: p.reason,
      details: { member: p.affected.id, successor: successor.id },
    });
    const record = ctx.store.cases.byId(p.record.id)!;
    const moment = p.affected.org === 'GI' ? 'H6' : p.affected.org === 'LT' ? 'H8' : undefined;
    const handoverId = moment
      ? openHandover(ctx, record, { moment, from: p.affected.id, to: successor.id, by: p.actor.id, at: p.now })
      : undefined;
    recordActivity(ctx, record, p.actor.id, p.now);
    return { handoverId };
  });
}
