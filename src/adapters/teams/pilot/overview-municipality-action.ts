import { z } from 'zod';
import { defineCardAction, nl, says } from '../card-action.js';
import { MUNICIPALITY } from '../chat-command.js';
import { MUNICIPALITY_VERB } from './overview-card.js';
import { stalledCasesCardFor } from './overview-cards-for.js';

/** `pilot.overview.municipality` { municipality }: the drill-down card of one municipality. */
export const overviewMunicipalityAction = defineCardAction(
  MUNICIPALITY_VERB,
  z.object({
    municipality: z
      .string(says('Deze kaart hoort niet bij een gemeente.'))
      .trim()
      .regex(MUNICIPALITY, nl('Deze kaart hoort niet bij een gemeente.')),
  }),
  async (_context, { actor, data }, { ctx }) => stalledCasesCardFor(ctx, actor.id, data.municipality),
);
