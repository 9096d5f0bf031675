import { z } from 'zod';
import { caseCardFor } from './case-cards-for.js';
import { caseRefField, defineCardAction } from '../card-action.js';

/** `case.show` { caseRef }: the (refreshed) case card. */
export const showCaseAction = defineCardAction(
  'case.show',
  z.object({ caseRef: caseRefField }),
  async (_context, { actor, data }, { ctx, state }) => caseCardFor(ctx, state.caseCards, actor.id, data.caseRef),
);
