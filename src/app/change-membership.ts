import { coordinatorAfterRemoval, isCurrentMember } from '../domain/case-team.js';
import { DomainError, notFoundOrNoAccess } from '../domain/domain-error.js';
import type { CaseRecord } from '../domain/records.js';
import type { Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { actorOf, coordinatesMunicipality, findCase, loadTeam, maySee, requireOpen } from './case-access.js';
import { passParticipation } from './escalations/escalation-participants.js';
import { guardText } from './guard-text.js';
import { openHandover, passHandover } from './handovers/open-handover.js';
import { addToTeam, joinCase } from './join-case.js';
import { notifyTeam } from './notify-team.js';
import { recordActivity } from './record-activity.js';
import { stopTimers } from './timer-engine.js';

// Membership changes: whoever may see the case may add colleagues; replacing or removing someone needs that person,
// their team lead (up the chain) or the pilot coordinator. The affected person's lead may staff the case even when they
// see it through nobody else. Every change needs a reason, lands in the audit log, and the team hears of it.

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

function mayChangeSomeone(ctx: AppContext, actor: Member, affected: Member, municipality: string): boolean {
  return (
    actor.id === affected.id || ctx.roster.leads(actor.id, affected.id) || coordinatesMunicipality(actor, municipality)
  );
}

function prepare(ctx: AppContext, input: MembershipInput) {
  const actor = actorOf(ctx, input.by);
  const record = findCase(ctx, input.caseRef);
  if (!record) throw notFoundOrNoAccess();
  const team = loadTeam(ctx, record);
  const affected = ctx.roster.member(input.member);
  const leadOfAffected = affected !== undefined && ctx.roster.leads(actor.id, affected.id);
  if (!leadOfAffected && !maySee(ctx, actor, { record, team })) throw notFoundOrNoAccess();
  requireOpen({ record, team });
  const reason = guardText(ctx, input.reason, 'reden');
  return { record, team, actor, reason, affected: rosterMember(ctx, input.member), now: ctx.clock.now() };
}

export function addMember(ctx: AppContext, input: MembershipInput): void {
  const p = prepare(ctx, input);
  if (isCurrentMember(p.team, p.affected.id))
    throw new DomainError('ALREADY_MEMBER', 'Die persoon zit al in het casusteam.');
  ctx.store.transaction(() => {
    joinCase(ctx, p.record, p.affected, { by: p.actor.id, at: p.now, reason: p.reason });
    recordActivity(ctx, p.record, p.actor.id, p.now);
  });
}

/**
 * The person leaves the case: every right ends at once. Their place in open manual escalations is dropped, terms bound
 * to them pass to the coordinator, a checklist they were to receive is cancelled, and regie (if they held it) goes to the
 * most recent Lokaal Team professional, else the most recent GI professional, else whoever removed them.
 */
export function removeMember(ctx: AppContext, input: MembershipInput): void {
  const p = prepare(ctx, input);
  if (!isCurrentMember(p.team, p.affected.id))
    throw new DomainError('NOT_A_MEMBER', 'Die persoon zit niet in het casusteam.');
  if (!mayChangeSomeone(ctx, p.actor, p.affected, p.record.municipality))
    throw new DomainError(
      'NOT_ALLOWED',
      'Iemand verwijderen kan alleen die persoon zelf, diens teamleider of de pilotcoördinator.',
    );
  if (p.team.members.length === 1)
    throw new DomainError('LAST_MEMBER', 'Het laatste lid kan niet weg; sluit de casus of voeg eerst iemand toe.');
  ctx.store.transaction(() => {
    const by = p.actor.id;
    ctx.store.cases.endMembership(p.record.id, p.affected.id, p.now, by, p.reason);
    ctx.store.audit.append({
      at: p.now,
      actor: by,
      action: 'member.removed',
      caseId: p.record.id,
      reason: p.reason,
      details: { member: p.affected.id },
    });
    passPersonalTerms(ctx, p.record, p.affected.id, null);
    for (const h of ctx.store.handovers.ofCase(p.record.id)) {
      if (h.state !== 'open' || h.toMember !== p.affected.id) continue;
      ctx.store.handovers.update(h.id, { state: 'cancelled' });
      stopTimers(ctx, p.record, ['T12'], {
        at: p.now,
        by,
        reason: 'ontvanger verliet de casus',
        completing: false,
        filter: (t) => t.handoverId === h.id,
      });
    }
    let record = ctx.store.cases.byId(p.record.id)!;
    const stayed = loadTeam(ctx, record).members.map((m) => m.memberId);
    notifyTeam(ctx, record, 'member_removed', [...stayed, p.affected.id], by, { member: p.affected.id });
    if (record.coordinatorId === p.affected.id) {
      const coordinator = coordinatorAfterRemoval(loadTeam(ctx, record), ctx.roster, by);
      record = setCoordinatorTo(ctx, record, coordinator, by, p.now, 'casusregisseur verliet de casus');
      notifyTeam(ctx, record, 'coordinator_changed', stayed, by, {
        previousCoordinator: p.affected.id,
        coordinator: coordinator ?? undefined,
      });
    }
    passParticipation(ctx, record, p.affected.id, null);
    recordActivity(ctx, record, by, p.now);
  });
}

/**
 * The successor takes over: their place in open escalations, open checklists they were to receive, the terms bound to
 * them and regie. A GI or Lokaal Team member's replacement opens the H6 or H8 warm handover from leaver to successor
 * (both hear of it through that); the rest of the team hears who took over.
 */
export function replaceMember(
  ctx: AppContext,
  input: MembershipInput & { successor: MemberId },
): { handoverId?: number } {
  const p = prepare(ctx, input);
  const successor = rosterMember(ctx, input.successor);
  if (!isCurrentMember(p.team, p.affected.id))
    throw new DomainError('NOT_A_MEMBER', 'Die persoon zit niet in het casusteam.');
  if (!mayChangeSomeone(ctx, p.actor, p.affected, p.record.municipality))
    throw new DomainError(
      'NOT_ALLOWED',
      'Iemand vervangen kan alleen die persoon zelf, diens teamleider of de pilotcoördinator.',
    );
  if (isCurrentMember(p.team, successor.id))
    throw new DomainError('ALREADY_MEMBER', 'De opvolger zit al in het casusteam.');
  if (successor.org !== p.affected.org)
    throw new DomainError('OTHER_ORG', 'De opvolger moet van dezelfde soort organisatie zijn.');
  return ctx.store.transaction(() => {
    const by = p.actor.id;
    ctx.store.cases.endMembership(p.record.id, p.affected.id, p.now, by, p.reason);
    addToTeam(ctx, p.record.id, successor, { by, at: p.now, reason: `opvolger van ${p.affected.id}` });
    ctx.store.audit.append({
      at: p.now,
      actor: by,
      action: 'member.replaced',
      caseId: p.record.id,
      reason: p.reason,
      details: { member: p.affected.id, successor: successor.id },
    });
    let record = ctx.store.cases.byId(p.record.id)!;
    if (record.coordinatorId === p.affected.id) {
      record = setCoordinatorTo(ctx, record, successor.id, by, p.now, 'opvolger');
    }
    passPersonalTerms(ctx, record, p.affected.id, successor.id);
    for (const h of ctx.store.handovers.ofCase(record.id)) {
      if (h.state === 'open' && h.toMember === p.affected.id)
        passHandover(ctx, record, h, successor.id, { by, at: p.now, tell: false, restartTerm: false });
    }
    passParticipation(ctx, record, p.affected.id, successor.id);
    const moment = p.affected.org === 'GI' ? 'H6' : p.affected.org === 'LT' ? 'H8' : undefined;
    const handoverId = moment
      ? openHandover(ctx, record, { moment, from: p.affected.id, to: successor.id, by, at: p.now })
      : undefined;
    const current = loadTeam(ctx, record).members.map((m) => m.memberId);
    notifyTeam(ctx, record, 'member_replaced', moment ? current.filter((id) => id !== successor.id) : current, by, {
      member: p.affected.id,
      successor: successor.id,
    });
    recordActivity(ctx, record, by, p.now);
    return { handoverId };
  });
}

/** Terms bound to a person (T3, T15, DECISION) pass to the successor, or to the coordinator on removal; T12 keeps its sender. */
function passPersonalTerms(ctx: AppContext, c: CaseRecord, leaver: MemberId, successor: MemberId | null): void {
  for (const t of ctx.store.timers.open(c.id)) {
    if (t.ownerRef === leaver && t.timer !== 'T12') ctx.store.timers.update(t.id, { ownerRef: successor });
  }
}

function setCoordinatorTo(
  ctx: AppContext,
  c: CaseRecord,
  to: MemberId | null,
  by: MemberId,
  at: number,
  reason: string,
): CaseRecord {
  ctx.store.cases.update(c.id, { coordinatorId: to });
  ctx.store.audit.append({
    at,
    actor: by,
    action: 'case.coordinator',
    caseId: c.id,
    reason,
    details: { from: c.coordinatorId, to },
  });
  return ctx.store.cases.byId(c.id)!;
}
