import type { AppContext } from '../../../app/app-context.js';
import { mayAddReflection, reflectable } from '../../../app/escalations/add-reflection.js';
import { mayEngageExpertTeam } from '../../../app/escalations/engage-expert-team.js';
import { escalationPayload } from '../../../app/escalations/escalation-payload.js';
import { joinersAt } from '../../../app/escalations/escalation-participants.js';
import { mayRaiseTo, nextLevel } from '../../../domain/escalation-ladder.js';
import type { EscalationRecord } from '../../../domain/records.js';
import type { Member } from '../../../domain/types.js';
import { ORG_LABELS, ROLE_LABELS } from '../../../domain/types.js';
import { dutchDate } from '../cards/card-kit.js';
import type { EscalationView } from './escalation-card.js';
import { familyInformedText } from '../team/team-message-view-for.js';

/** The escalation card's model for one viewer: participants (and pilot coordinators) act, others read. */
export function escalationViewFor(
  ctx: AppContext,
  e: EscalationRecord,
  viewer: Member,
  o: { reminder?: boolean; notice?: string } = {},
): EscalationView {
  const c = ctx.store.cases.byId(e.caseId)!;
  const p = escalationPayload(ctx, c, e, ctx.clock.now());
  const isParticipant = e.participants.includes(viewer.id);
  const canAct = e.state === 'open' && (isParticipant || viewer.role === 'pilot_coordinator');
  const next = nextLevel(e.level);
  const mayRaise = next !== undefined && mayRaiseTo(next, viewer.role, isParticipant);
  const name = (id: string) => ctx.roster.member(id)?.name ?? id;
  const ownerChoices = ctx.store.cases
    .currentMembers(c.id)
    .map((m): [string, string] => [
      m.memberId,
      `${name(m.memberId)} (${ctx.roster.member(m.memberId)?.orgName ?? ORG_LABELS[m.org]})`,
    ]);
  return {
    caseRef: c.ref,
    municipality: c.municipality,
    stage: c.stage,
    escalation: e.seq,
    level: e.level,
    trigger: e.trigger,
    question: e.question,
    orgs: e.orgs.map((org) => ORG_LABELS[org]),
    workingDaysStalled: typeof p.workingDaysStalled === 'number' ? p.workingDaysStalled : 0,
    state: e.state,
    meetingDate: e.meetingDate,
    decision:
      e.decision && e.decisionOwner && e.deadline
        ? {
            text: e.decision,
            ownerName: name(e.decisionOwner),
            deadline: e.deadline,
            familyInformed: familyInformedText(e),
          }
        : null,
    // Reflections are read in the municipality's learning agenda, without author: here only the viewer's own, and how many.
    reflection: reflectable(e) ? (ctx.store.learning.reflectionOf(e.id, viewer.id) ?? null) : null,
    reflections: reflectable(e) ? ctx.store.learning.reflectionAuthors(e.id).length : 0,
    reminder: o.reminder ?? false,
    canAct,
    canWithdraw: e.state === 'open' && (canAct || e.raisedBy === viewer.id),
    canReflect: mayAddReflection(ctx, e, viewer),
    raiseTo: canAct && mayRaise && next ? next : null,
    raiseJoiners:
      canAct && mayRaise && next
        ? joinersAt(ctx, c, e, next).map((id) => {
            const m = ctx.roster.member(id);
            return m ? `${m.name} (${ROLE_LABELS[m.role]}, ${m.orgName})` : id;
          })
        : [],
    raiseNote:
      canAct && next === 'L3' && !mayRaise
        ? 'Opschalen naar L3 (bestuur) kan alleen een manager, bestuurder of pilotcoördinator.'
        : null,
    ownerChoices,
    canEngageExpertTeam: canAct && mayEngageExpertTeam(ctx, c, e),
    expertTeamIn: e.guests.some((id) => ctx.roster.member(id)?.org === 'RET'),
    terms: ctx.store.escalations.timersOf(e.id).flatMap((id) => {
      const t = ctx.store.timers.byId(id);
      if (!t) return [];
      const state = t.state === 'open' ? 'nog niet afgerond' : 'afgerond';
      return [`${ctx.norms.timers[t.timer].label} (${t.timer}), uiterlijk ${dutchDate(t.dueDate)}: ${state}`];
    }),
    ...(o.notice ? { notice: o.notice } : {}),
  };
}
