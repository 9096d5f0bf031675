import { isCurrentMember } from '../domain/case-team.js';
import { DomainError } from '../domain/domain-error.js';
import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadCaseToChange } from './case-access.js';
import { refreshParticipants } from './escalations/escalation-participants.js';
import { guardText } from './guard-text.js';
import { notifyTeam } from './notify-team.js';
import { recordActivity } from './record-activity.js';

// Handing the case coordinator role (casusregie) to another member from the team card: only to a current member,
// always with a reason that lands in the audit log; the whole team hears who holds regie now.

export interface SetCoordinatorInput {
  by: MemberId;
  caseRef: string;
  member: MemberId;
  reason: string;
}

export function setCoordinator(ctx: AppContext, input: SetCoordinatorInput): void {
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const reason = guardText(ctx, input.reason, 'reden');
  if (!isCurrentMember(loaded.team, input.member))
    throw new DomainError('NOT_A_MEMBER', 'Die persoon zit niet in het casusteam.');
  const previous = loaded.record.coordinatorId;
  if (previous === input.member) throw new DomainError('ALREADY_COORDINATOR', 'Die persoon is al casusregisseur.');
  const now = ctx.clock.now();
  ctx.store.transaction(() => {
    ctx.store.cases.update(loaded.record.id, { coordinatorId: input.member });
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'case.coordinator',
      caseId: loaded.record.id,
      reason,
      details: { from: previous, to: input.member },
    });
    const record = ctx.store.cases.byId(loaded.record.id)!;
    notifyTeam(
      ctx,
      record,
      'coordinator_changed',
      loaded.team.members.map((m) => m.memberId),
      loaded.actor.id,
      { previousCoordinator: previous, coordinator: input.member },
    );
    refreshParticipants(ctx, record);
    recordActivity(ctx, record, loaded.actor.id, now);
  });
}
