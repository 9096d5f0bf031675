import { fixedFaceLead, ownerFor, type CaseTeam } from '../domain/case-team.js';
import { CaseRef } from '../domain/case-ref.js';
import { DomainError, notFoundOrNoAccess } from '../domain/domain-error.js';
import type { CaseRecord } from '../domain/records.js';
import type { Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';

// Need-to-know (docs/behaviour.md, "Who may see a case"): one rule for every command, card action, replay step and
// proactive delivery. Whoever may see a case may take the steps on it that their role allows; the use cases add the
// step's own rule (the owner acknowledges, the receiver accepts, …).

export interface LoadedCase {
  record: CaseRecord;
  team: CaseTeam;
}

export function loadTeam(ctx: AppContext, record: CaseRecord): CaseTeam {
  const members = ctx.store.cases.currentMembers(record.id).map((m) => ({
    memberId: m.memberId,
    org: m.org,
    role: m.role,
    joinedAt: m.joinedAt,
    leftAt: m.leftAt,
  }));
  return { municipality: record.municipality, coordinatorId: record.coordinatorId, members };
}

export function actorOf(ctx: AppContext, actorId: MemberId): Member {
  const actor = ctx.roster.member(actorId);
  if (!actor) throw new DomainError('UNKNOWN_MEMBER', 'Je staat niet in het rooster van vaste gezichten.');
  return actor;
}

/** Pilot coordinators coordinate the municipalities of their own pilot, and only those. */
export function coordinatesMunicipality(actor: Member, municipality: string): boolean {
  return actor.role === 'pilot_coordinator' && (actor.municipalities ?? []).includes(municipality);
}

/** The current owners of the case's open terms (T12 excepted where `withoutHandovers`). */
export function ownersOfOpenTimers(ctx: AppContext, loaded: LoadedCase, withoutHandovers = false): MemberId[] {
  const owners = ctx.store.timers
    .open(loaded.record.id)
    .filter((t) => !withoutHandovers || t.timer !== 'T12')
    .map((t) =>
      ownerFor({ timer: t.timer, team: loaded.team, stage: loaded.record.stage, ownerRef: t.ownerRef }, ctx.roster),
    );
  return owners.filter((o): o is MemberId => o !== undefined);
}

/**
 * Whether someone may see a case: its current members; a lead while someone they lead (directly or further down) is a
 * member, while they are the lead of a fixed face of an organisation that has or had a member on the case (the fallback
 * owner, who must be able to act on what they are nudged about), while they own one of its open terms, or while they
 * take part in one of its open escalations; a pilot coordinator for the municipalities of their pilot; a member's
 * deputy while the member is away. Leaving the case ends it at once: a removed member is none of these (their
 * escalation places were taken or dropped).
 */
export function maySee(ctx: AppContext, actor: Member, loaded: LoadedCase): boolean {
  const { team, record } = loaded;
  if (team.members.some((m) => m.memberId === actor.id)) return true;
  if (standsInFor(ctx, actor, team)) return true;
  if (actor.role === 'pilot_coordinator') return coordinatesMunicipality(actor, record.municipality);
  if (actor.role === 'professional' || actor.role === 'behavioural_scientist') {
    // A professional off the team sees the case only as a participant brought into one of its escalations (a regional
    // expert) or as the owner of one of its terms — never after leaving the team: then every right ends, also the place
    // a handover's sender keeps in the escalations of their own checklist's term (they only tick its items).
    const left = ctx.store.cases.memberships(record.id).some((m) => m.memberId === actor.id);
    return !left && ownsOrTakesPart(ctx, actor, loaded);
  }
  if (team.members.some((m) => ctx.roster.leads(actor.id, m.memberId))) return true;
  const orgsOnCase = new Set(ctx.store.cases.memberships(record.id).map((m) => m.org));
  for (const org of orgsOnCase) if (fixedFaceLead(ctx.roster, record.municipality, org) === actor.id) return true;
  return ownsOrTakesPart(ctx, actor, loaded);
}

/** A deputy stands in for an absent member of the team, on the days of the absence, with the member's access. */
function standsInFor(ctx: AppContext, actor: Member, team: CaseTeam): boolean {
  const today = ctx.calendar.localDate(ctx.clock.now());
  return team.members.some(
    (m) => ctx.roster.member(m.memberId)?.deputy === actor.id && ctx.store.absences.isAbsent(m.memberId, today),
  );
}

function ownsOrTakesPart(ctx: AppContext, actor: Member, loaded: LoadedCase): boolean {
  if (
    ctx.store.escalations.ofCase(loaded.record.id).some((e) => e.state === 'open' && e.participants.includes(actor.id))
  )
    return true;
  // A handover's sender keeps their checklist after leaving the case (H6/H8), and nothing else: T12 gives no access.
  return ownersOfOpenTimers(ctx, loaded, true).includes(actor.id);
}

export function findCase(ctx: AppContext, ref: string): CaseRecord | undefined {
  const parsed = CaseRef.parse(ref);
  return parsed === undefined ? undefined : ctx.store.cases.byRef(parsed.text);
}

/** The id and version of the case a reference names, without loading it or checking access (a cache key only). */
export function findCaseVersion(ctx: AppContext, ref: string): { id: number; version: number } | undefined {
  const parsed = CaseRef.parse(ref);
  return parsed === undefined ? undefined : ctx.store.cases.versionOf(parsed.text);
}

/** Loads a case the actor may see; otherwise the same "niet gevonden of geen toegang" whether it exists or not. */
export function loadVisibleCase(ctx: AppContext, actorId: MemberId, ref: string): LoadedCase & { actor: Member } {
  const actor = actorOf(ctx, actorId);
  const record = findCase(ctx, ref);
  if (!record) throw notFoundOrNoAccess();
  const loaded = { record, team: loadTeam(ctx, record) };
  if (!maySee(ctx, actor, loaded)) throw notFoundOrNoAccess();
  return { ...loaded, actor };
}

export function loadCaseById(ctx: AppContext, caseId: number): LoadedCase {
  const record = ctx.store.cases.byId(caseId);
  if (!record) throw notFoundOrNoAccess();
  return { record, team: loadTeam(ctx, record) };
}

/** Loads an open case the actor may act on: they may see it, and it is not closed. */
export function loadCaseToChange(ctx: AppContext, actorId: MemberId, ref: string): LoadedCase & { actor: Member } {
  const loaded = loadVisibleCase(ctx, actorId, ref);
  requireOpen(loaded);
  return loaded;
}

export function requireOpen(loaded: LoadedCase): void {
  if (loaded.record.closedAt !== null) throw new DomainError('CASE_CLOSED', 'Deze casus is gesloten.');
}
