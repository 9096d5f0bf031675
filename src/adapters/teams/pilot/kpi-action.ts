import { defineCardAction } from '../card-action.js';
import { kpiCardFor } from './kpi-cards-for.js';
import { KPI_VERB } from './learning-card.js';
import { periodCardSchema } from './period-argument.js';

/** `pilot.kpi` { municipality, from, to }: the KPIs of another period (or from the learning agenda). */
export const kpiAction = defineCardAction(KPI_VERB, periodCardSchema, async (_context, { actor, data }, { ctx }) =>
  kpiCardFor(ctx, actor.id, data),
);
