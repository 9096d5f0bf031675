import type { AppContext } from '../../../app/app-context.js';
import { municipalityKpis } from '../../../app/queries/compute-kpis.js';
import { recordView } from '../../../app/record-view.js';
import type { MemberId } from '../../../domain/types.js';
import type { AdaptiveCard } from '../cards/card-kit.js';
import { kpiCard } from './kpi-card.js';

/** The KPIs of one municipality through the use case (the same people as the learning agenda). */
export function kpiCardFor(
  ctx: AppContext,
  by: MemberId,
  p: { municipality: string; from: string; to: string },
): AdaptiveCard {
  const kpis = municipalityKpis(ctx, { by, ...p });
  void recordView(ctx, by, { what: 'kpi', municipality: kpis.municipality });
  return kpiCard(kpis);
}
