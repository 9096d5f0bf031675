import { z } from 'zod';
import { teamCardFor } from '../case/case-cards-for.js';
import { caseRefField, defineCardAction } from '../card-action.js';

/** `team.show` { caseRef }: the team card ("Team" on the case card). */
export const showTeamAction = defineCardAction(
  'team.show',
  z.object({ caseRef: caseRefField }),
  async (_context, { actor, data }, { ctx }) => teamCardFor(ctx, actor.id, data.caseRef),
);
