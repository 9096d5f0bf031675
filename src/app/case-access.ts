import type { CaseTeam } from '../domain/case-team.js';
import { DomainError, notFoundOrNoAccess } from '../domain/domain-error.js';
import type { CaseRecord } from '../domain/records.js';
import type { Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';

// Need-to-know (issue 2 §9, domain.md §7): who may see and who may act on a case.

export interface LoadedCase {
  record: CaseRecord;
  team: CaseTeam;
}

export function loadTeam(ctx: AppContext, record: CaseRecord): CaseTeam {
  const members = ctx.store.cases
    .currentMembers(record.id)
    .map((m) => ({ memberId: m.memberId, org: m.org, role: m.role, joinedAt: m.joinedAt, leftAt: m.leftAt }));
  return { municipality: record.municipality, coordinatorId: record.coordinatorId, members };
}

export function actorOf(ctx: AppContext, actorId: MemberId): Member {
  const actor = ctx.roster.member(actorId);
  if (!actor) throw new DomainError('UNKNOWN_MEMBER', 'Je staat niet in het rooster van vaste gezichten.');
  return actor;
}

/** Members see their cases; so do their direct team leads, the participants of the case's escalations and pilot coordinators. */
export function maySee(ctx: AppContext, actor: Member, loaded: LoadedCase): boolean {
  if (actor.role === 'pilot_coordinator') return true;
  if (loaded.team.members.some((m) => m.memberId === actor.id)) return true;
  if (loaded.team.members.some((m) => ctx.roster.member(m.memberId)?.lead === actor.id)) return true;
  return ctx.store.escalations.ofCase(loaded.record.id).some((e) => e.participants.includes(actor.id));
}

function normaliseRef(ref: string): string | undefined {
  const normalised = ref.trim().toUpperCase();
  return /^[A-Z]{2}-[A-Z]{3}-\d{4}-\d{4,}$/.test(normalised) ? normalised : undefined;
}

export function findCase(ctx: AppContext, ref: string): CaseRecord | undefined {
  const normalised = normaliseRef(ref);
  return normalised === undefined ? undefined : ctx.store.cases.byRef(normalised);
}

/** The id and version of the case a reference names, without loading it or checking access (a cache key only). */
export function findCaseVersion(ctx: AppContext, ref: string): { id: number; version: number } | undefined {
  const normalised = normaliseRef(ref);
  return normalised === undefined ? undefined : ctx.store.cases.versionOf(normalised);
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

/** Acting on a case (events, handovers, escalations): current members only, and only while the case is open. */
export function requireMember(loaded: LoadedCase, actor: Member): void {
  if (!loaded.team.members.some((m) => m.memberId === actor.id)) {
    throw new DomainError('NOT_A_MEMBER', 'Alleen leden van het casusteam kunnen dit doen.');
  }
}

export function requireOpen(loaded: LoadedCase): void {
  if (loaded.record.closedAt !== null) throw new DomainError('CASE_CLOSED', 'Deze casus is gesloten.');
}
