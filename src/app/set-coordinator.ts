import { isCurrentMember } from '../domain/case-team.js';
import { DomainError } from '../domain/domain-error.js';
import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadVisibleCase, requireMember, requireOpen } from './case-access.js';
import { guardText } from './guard-text.js';
import { recordActivity } from './record-activity.js';

// Handing the case coordinator role (casusregie) to another member from the team card (domain.md §4.1): only a
// current member may do it, only to a current member, always with a reason that lands in the audit log.

export interface SetCoordinatorInput {
  by: MemberId;
  caseRef: string;
  member: MemberId;
  reason: string;
}

export function setCoordinator(ctx: AppContext, input: SetCoordinatorInput): void {
  const loaded = loadVisibleCase(ctx, input.by, input.caseRef);
  requireOpen(loaded);
  requireMember(loaded, loaded.actor);
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
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
  });
}
