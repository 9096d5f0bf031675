import type { Roster } from './roster.js';
import type { CaseStage, MemberId, OrgType, TimerId } from './types.js';

// Who is who on a case: current members, the case professionals, the case coordinator, the organisation responsible
// for the stage, and who owns each term (docs/behaviour.md, "Who owns a term" and "Who is told").

export interface Membership {
  memberId: MemberId;
  org: OrgType;
  role: string;
  joinedAt: number;
  leftAt: number | null;
}

export interface CaseTeam {
  municipality: string;
  coordinatorId: MemberId | null;
  /** Current members only, in order of joining. */
  members: Membership[];
}

export function isCurrentMember(team: CaseTeam, id: MemberId): boolean {
  return team.members.some((m) => m.memberId === id);
}

/** The case professionals: current members with role `professional` (the people who do the work with the family). */
export function caseProfessionals(team: CaseTeam): MemberId[] {
  return team.members.filter((m) => m.role === 'professional').map((m) => m.memberId);
}

function latest(members: Membership[]): MemberId | undefined {
  return members.reduce<Membership | undefined>(
    (best, m) => (!best || m.joinedAt >= best.joinedAt ? m : best),
    undefined,
  )?.memberId;
}

/**
 * The case's member of an organisation: its most recently joined professional (an assigned jeugdbeschermer over the
 * fixed face). Without a professional of that organisation, its most recent other member, never a gedragswetenschapper
 * (who advises and does not own the case).
 */
export function memberOfOrg(team: CaseTeam, org: OrgType): MemberId | undefined {
  const ofOrg = team.members.filter((m) => m.org === org && m.role !== 'behavioural_scientist');
  return latest(ofOrg.filter((m) => m.role === 'professional')) ?? latest(ofOrg);
}

/** The most recently joined professional of an organisation, or nobody. */
export function professionalOfOrg(team: CaseTeam, org: OrgType): MemberId | undefined {
  return latest(team.members.filter((m) => m.org === org && m.role === 'professional'));
}

/**
 * An organisation's team lead for a municipality: the `lead` of the municipality's fixed face of that organisation.
 * A municipality without a fixed face of the organisation has none (the owner is then the coordinator).
 */
export function fixedFaceLead(roster: Roster, municipality: string, org: OrgType): MemberId | undefined {
  const face = roster.fixedTeam(municipality)?.[org];
  return face ? roster.leadOf(face)?.id : undefined;
}

/** The organisation that must keep a case moving at each stage (T13 measures its silence). */
const STAGE_ORG: Record<CaseStage, OrgType> = {
  SIGNAL: 'VT',
  VT_SAFETY_ASSESSMENT: 'VT',
  VT_FOLLOWUP: 'VT',
  LT_VOLUNTARY: 'LT',
  JBT_REQUESTED: 'LT',
  JBT_HELD: 'JBT',
  RVDK_INVESTIGATION: 'RVDK',
  COURT: 'GI',
  GI_ASSIGNMENT: 'GI',
  GI_EXECUTION: 'GI',
  AFSCHALEN: 'GI',
  CLOSED: 'LT',
};

/**
 * The organisation responsible for the case's current stage. At the table (JBT_HELD) that is the JBT, or the LT when the
 * case has no JBT member. An organisation with neither a member on the case nor a fixed face in the municipality cannot
 * be silent on this case: then the coordinator's organisation is measured.
 */
export function responsibleOrg(stage: CaseStage, team: CaseTeam, roster: Roster): OrgType {
  let org = STAGE_ORG[stage];
  if (org === 'JBT' && !team.members.some((m) => m.org === 'JBT')) org = 'LT';
  const present = team.members.some((m) => m.org === org) || roster.fixedTeam(team.municipality)?.[org] !== undefined;
  if (present) return org;
  const coordinator = team.coordinatorId ? roster.member(team.coordinatorId) : undefined;
  return coordinator?.org ?? org;
}

/** How each term finds its owner. Fixed by the team model, not a pilot setting. */
export type OwnerRule =
  | { kind: 'org'; org: OrgType }
  | { kind: 'coordinator' }
  /** Bound to a person: T3 (who recorded the JBT decision), T12 (the sender), T15 (the consulted), DECISION. */
  | { kind: 'person' }
  | { kind: 'responsible' }
  /** T16: the Lokaal Team of the case's own municipality decides on youth care. */
  | { kind: 'municipalityLT' };

export const OWNER_RULES: Record<TimerId, OwnerRule> = {
  T1: { kind: 'org', org: 'VT' },
  T2: { kind: 'org', org: 'VT' },
  T3: { kind: 'person' },
  T4: { kind: 'org', org: 'RVDK' },
  T5: { kind: 'org', org: 'RVDK' },
  T6: { kind: 'org', org: 'GI' },
  T7: { kind: 'org', org: 'GI' },
  T8: { kind: 'org', org: 'GI' },
  T9: { kind: 'org', org: 'GI' },
  T10: { kind: 'org', org: 'GI' },
  T11: { kind: 'coordinator' },
  T12: { kind: 'person' },
  T13: { kind: 'responsible' },
  T15: { kind: 'person' },
  T16: { kind: 'municipalityLT' },
  DECISION: { kind: 'person' },
};

export interface OwnerQuestion {
  timer: TimerId;
  team: CaseTeam;
  stage: CaseStage;
  /** The person a person-bound term is tied to (null: the coordinator). */
  ownerRef: MemberId | null;
}

/**
 * Who owns a term right now. Settled when a step fires, so a replaced member's terms pass to the successor. An
 * organisation's term falls to that organisation's lead for the municipality while the case has nobody of it, else to
 * the coordinator.
 */
export function ownerFor(q: OwnerQuestion, roster: Roster): MemberId | undefined {
  const { team } = q;
  const coordinator = team.coordinatorId ?? undefined;
  const ofOrg = (org: OrgType) =>
    memberOfOrg(team, org) ?? fixedFaceLead(roster, team.municipality, org) ?? coordinator;
  const rule = OWNER_RULES[q.timer];
  switch (rule.kind) {
    case 'org':
      return ofOrg(rule.org);
    case 'coordinator':
      return coordinator;
    case 'person':
      return q.ownerRef ?? coordinator;
    case 'responsible': {
      const org = responsibleOrg(q.stage, team, roster);
      return professionalOfOrg(team, org) ?? fixedFaceLead(roster, team.municipality, org) ?? coordinator;
    }
    case 'municipalityLT': {
      const face = roster.fixedTeam(team.municipality)?.LT;
      return face && isCurrentMember(team, face) ? face : ofOrg('LT');
    }
  }
}

/**
 * The coordinator (casusregisseur) when a case opens: its Lokaal Team member; else the opener when they joined; else
 * the first fixed face on the case (someone who is not on the team cannot hold regie).
 */
export function coordinatorAtOpen(team: CaseTeam, roster: Roster, openerId: MemberId): MemberId | null {
  const lt = memberOfOrg(team, 'LT');
  if (lt) return lt;
  if (isCurrentMember(team, openerId)) return openerId;
  return firstFixedFaceOnCase(team, roster);
}

function firstFixedFaceOnCase(team: CaseTeam, roster: Roster): MemberId | null {
  const faces = Object.values(roster.fixedTeam(team.municipality) ?? {});
  return faces.find((f) => isCurrentMember(team, f)) ?? team.members[0]?.memberId ?? null;
}

/**
 * Regie after the coordinator left the case: the most recently joined Lokaal Team professional, else the most recent
 * GI professional, else the member who removed them — and when that is someone who is not on the team, the first
 * fixed face on the case.
 */
export function coordinatorAfterRemoval(team: CaseTeam, roster: Roster, removedBy: MemberId): MemberId | null {
  const next = professionalOfOrg(team, 'LT') ?? professionalOfOrg(team, 'GI') ?? removedBy;
  return isCurrentMember(team, next) ? next : firstFixedFaceOnCase(team, roster);
}

export function leadOf(roster: Roster, id: MemberId | undefined | null): MemberId | undefined {
  return id ? roster.leadOf(id)?.id : undefined;
}

export function sortedUnique(ids: Iterable<MemberId | undefined | null>): MemberId[] {
  return [...new Set([...ids].filter((x): x is MemberId => typeof x === 'string'))].sort();
}
