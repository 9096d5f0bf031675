import { z } from 'zod';
import { setCoordinator } from '../../../app/set-coordinator.js';
import { teamCardFor } from '../case/case-cards-for.js';
import { caseRefField, defineCardAction, memberField, reasonField } from '../card-action.js';

const schema = z.object({
  caseRef: caseRefField,
  coordinatorMember: memberField('Kies de nieuwe casusregisseur.'),
  coordinatorReason: reasonField,
});

/** `team.setCoordinator` { caseRef, coordinatorMember, coordinatorReason }: hands the casusregie to another member. */
export const setCoordinatorAction = defineCardAction(
  'team.setCoordinator',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    setCoordinator(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      member: data.coordinatorMember,
      reason: data.coordinatorReason,
    });
    const name = ctx.roster.member(data.coordinatorMember)?.name ?? data.coordinatorMember;
    return teamCardFor(ctx, actor.id, data.caseRef, `${name} is nu casusregisseur.`);
  },
);
