import { auditRefOf, type EscalationPick } from './escalation-pick.js';
import { sortedUnique } from '../../domain/case-team.js';
import { DomainError } from '../../domain/domain-error.js';
import type { CaseRecord, EscalationRecord } from '../../domain/records.js';
import type { Member, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import type { LoadedCase } from '../case-access.js';
import { enqueueNotification } from '../enqueue-notification.js';
import { escalationPayload } from './escalation-payload.js';
import { currentParticipants } from './escalation-participants.js';
import { selectOpenEscalation } from './select-escalation.js';

// The regional expert team (RET) helps where care is scarce or complex. From L2 (management) on, a participant may
// bring in the RET member(s) of the case's region: they take part in that escalation until it closes, whatever level
// it reaches, and hear of it at once (docs/behaviour.md, "Flows between organisations").

export interface ExpertTeamToEngage {
  escalation: EscalationRecord;
  members: Member[];
}

/** L2 (management) or L3 (bestuur): the levels at which the RET may be brought in. */
const fromManagement = (e: EscalationRecord): boolean => e.level === 'L2' || e.level === 'L3';

/** The RET members who serve the region of a case's municipality. */
export function expertTeamOf(ctx: AppContext, c: CaseRecord): Member[] {
  return ctx.roster.expertTeam(ctx.municipalityCodes(c.municipality).region);
}

/** Whether the escalation card may offer "Regionaal Expertteam inschakelen": L2 or higher, a RET exists, not yet in. */
export function mayEngageExpertTeam(ctx: AppContext, c: CaseRecord, e: EscalationRecord): boolean {
  if (e.state !== 'open' || !fromManagement(e) || e.trigger === 'NEGLIGENT_CONDUCT') return false;
  return expertTeamOf(ctx, c).some((m) => !e.guests.includes(m.id));
}

/** Checks the request and says whom it brings in; writes nothing. */
export function expertTeamToEngage(
  ctx: AppContext,
  loaded: LoadedCase,
  actor: Member,
  pick: EscalationPick | undefined,
): ExpertTeamToEngage {
  const e = selectOpenEscalation(ctx, loaded, actor, pick);
  if (!e.participants.includes(actor.id) && actor.role !== 'pilot_coordinator') {
    throw new DomainError(
      'NOT_A_PARTICIPANT',
      'Alleen de deelnemers van deze escalatie kunnen het Regionaal Expertteam inschakelen.',
    );
  }
  if (!fromManagement(e)) {
    throw new DomainError(
      'RET_FROM_L2',
      'Het Regionaal Expertteam schakel je in vanaf L2 (management). Schaal eerst op als jullie er op dit niveau niet uitkomen.',
    );
  }
  if (e.trigger === 'NEGLIGENT_CONDUCT') {
    // About a professional's conduct, not about care: nobody outside the raiser's own line hears of it.
    throw new DomainError(
      'NOT_ALLOWED',
      'Bij een escalatie over zorgelijk handelen schakel je het Regionaal Expertteam niet in.',
    );
  }
  const all = expertTeamOf(ctx, loaded.record);
  if (all.length === 0) {
    throw new DomainError(
      'NO_EXPERT_TEAM',
      'Voor de regio van deze casus staat geen Regionaal Expertteam in het rooster.',
    );
  }
  const members = all.filter((m) => !e.guests.includes(m.id));
  if (members.length === 0) {
    throw new DomainError('ALREADY_ENGAGED', 'Het Regionaal Expertteam neemt al deel aan deze escalatie.');
  }
  return { escalation: e, members };
}

/** Adds the RET members to the escalation and tells them, at its current level. Runs inside a transaction. */
export function engageExpertTeam(
  ctx: AppContext,
  c: CaseRecord,
  engage: ExpertTeamToEngage,
  by: MemberId,
  at: number,
): void {
  const e = engage.escalation;
  const added = engage.members.map((m) => m.id);
  const withGuests = { ...e, guests: sortedUnique([...e.guests, ...added]) };
  const participants = currentParticipants(ctx, c, withGuests);
  ctx.store.escalations.update(e.id, { guests: withGuests.guests, participants });
  const updated = ctx.store.escalations.byId(e.id)!;
  enqueueNotification(ctx, {
    caseId: c.id,
    recipients: added,
    actor: by,
    payload: { ...escalationPayload(ctx, c, updated, at), expertTeam: true },
  });
  ctx.store.audit.append({
    at,
    actor: by,
    action: 'escalation.expert_team',
    caseId: c.id,
    reason: null,
    details: { ...auditRefOf(e), level: e.level, added, participants },
  });
}
