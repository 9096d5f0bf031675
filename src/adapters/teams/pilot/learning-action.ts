import { defineCardAction } from '../card-action.js';
import { LEARNING_VERB } from './learning-card.js';
import { learningCardFor } from './learning-cards-for.js';
import { periodCardSchema } from './period-argument.js';

/** `pilot.learning` { municipality, from, to }: the learning agenda of another period (or from the KPI card). */
export const learningAction = defineCardAction(
  LEARNING_VERB,
  periodCardSchema,
  async (_context, { actor, data }, { ctx }) => learningCardFor(ctx, actor.id, data),
);
