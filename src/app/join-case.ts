import { isCurrentMember } from '../domain/case-team.js';
import type { CaseRecord } from '../domain/records.js';
import type { Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { refreshParticipants } from './escalations/escalation-participants.js';
import { notifyTeam } from './notify-team.js';

/**
 * The one way onto a case team (a member added on the team card, the JBT secretary at a JBT stage, the assigned
 * jeugdbeschermer, a consulted colleague): the membership, its "member added" audit entry, and a message to the person
 * who joined ("Je bent toegevoegd aan casus …"), unless they added themselves. Runs inside the caller's transaction.
 * Returns false when they were on the team already.
 */
export function joinCase(
  ctx: AppContext,
  c: CaseRecord,
  member: Member,
  o: { by: MemberId; at: number; reason: string },
): boolean {
  const team = ctx.store.cases.currentMembers(c.id);
  if (isCurrentMember({ municipality: c.municipality, coordinatorId: c.coordinatorId, members: team }, member.id))
    return false;
  addToTeam(ctx, c.id, member, o);
  ctx.store.audit.append({
    at: o.at,
    actor: o.by,
    action: 'member.added',
    caseId: c.id,
    reason: o.reason,
    details: { member: member.id, org: member.org },
  });
  notifyTeam(ctx, c, 'member_added', [member.id], o.by, { member: member.id });
  refreshParticipants(ctx, c);
  return true;
}

/**
 * The membership row itself, the only place one is written: used by joinCase, and by the two steps that put people on a
 * team with an audit entry and message of their own (opening a case with its fixed faces, a successor replacing
 * someone). test/architecture/one-way-onto-a-team.test.ts keeps every other file from writing one.
 */
export function addToTeam(
  ctx: AppContext,
  caseId: number,
  member: Member,
  o: { by: MemberId; at: number; reason: string },
): void {
  ctx.store.cases.addMembership({
    caseId,
    memberId: member.id,
    org: member.org,
    role: member.role,
    joinedAt: o.at,
    joinedBy: o.by,
    joinReason: o.reason,
  });
}
