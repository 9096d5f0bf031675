import { z } from 'zod';
import { defineCardAction } from '../card-action.js';
import { OVERVIEW_VERB } from './overview-card.js';
import { overviewCardFor } from './overview-cards-for.js';

/** `pilot.overview` {}: back from a drill-down to the (refreshed) overview card. */
export const overviewAction = defineCardAction(
  OVERVIEW_VERB,
  z.object({}).passthrough(),
  async (_context, { actor }, { ctx }) => overviewCardFor(ctx, actor.id),
);
