import type { OwnerRule } from './norms.js';
import type { Roster } from './roster.js';
import type { MemberId, OrgType } from './types.js';

// Who is who on a case: current members, the case coordinator, timer owners and their leads (domain.md §4.1).

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

const WORKER_ROLES = new Set(['professional', 'behavioural_scientist']);

/** The case's member of an organisation: its most recently joined professional (the assigned jeugdbeschermer over the fixed face). */
export function memberOfOrg(team: CaseTeam, org: OrgType): MemberId | undefined {
  // A gedragswetenschapper advises and does not own the case (domain.md §1.2).
  const ofOrg = team.members.filter((m) => m.org === org && m.role !== 'behavioural_scientist');
  const pool = ofOrg.some((m) => m.role === 'professional') ? ofOrg.filter((m) => m.role === 'professional') : ofOrg;
  return pool.reduce<Membership | undefined>((best, m) => (!best || m.joinedAt >= best.joinedAt ? m : best), undefined)
    ?.memberId;
}

/** An organisation's team lead for this municipality when the case has nobody of that organisation (T6 before a jeugdbeschermer is assigned). */
export function teamLeadOfOrg(roster: Roster, municipality: string, org: OrgType): MemberId | undefined {
  const face = roster.fixedTeam(municipality)?.[org];
  const lead = face ? roster.leadOf(face) : undefined;
  if (lead) return lead.id;
  return roster.members.find((m) => m.org === org && m.role === 'team_lead')?.id;
}

/** Default coordinator: the Lokaal Team member; under a court measure the GI member (domain.md §4.1). */
export function defaultCoordinator(team: CaseTeam, measureActive: boolean): MemberId | null {
  const order: OrgType[] = measureActive ? ['GI', 'LT', 'VT', 'RVDK'] : ['LT', 'GI', 'VT', 'RVDK'];
  for (const org of order) {
    const id = memberOfOrg(team, org);
    if (id) return id;
  }
  return team.members.find((m) => WORKER_ROLES.has(m.role))?.memberId ?? team.members[0]?.memberId ?? null;
}

export function ownerFor(
  rule: OwnerRule,
  team: CaseTeam,
  roster: Roster,
  ownerRef: MemberId | null,
): MemberId | undefined {
  switch (rule) {
    case 'VT':
    case 'RVDK':
    case 'GI':
      return (
        memberOfOrg(team, rule) ?? teamLeadOfOrg(roster, team.municipality, rule) ?? team.coordinatorId ?? undefined
      );
    case 'coordinator':
      return team.coordinatorId ?? undefined;
    case 'recorder':
    case 'sender':
    case 'decisionOwner':
      return ownerRef ?? team.coordinatorId ?? undefined;
  }
}

export function leadOf(roster: Roster, id: MemberId | undefined): MemberId | undefined {
  return id ? roster.leadOf(id)?.id : undefined;
}

export function sortedUnique(ids: Iterable<MemberId | undefined | null>): MemberId[] {
  return [...new Set([...ids].filter((x): x is MemberId => typeof x === 'string'))].sort();
}

export function isCurrentMember(team: CaseTeam, id: MemberId): boolean {
  return team.members.some((m) => m.memberId === id);
}
