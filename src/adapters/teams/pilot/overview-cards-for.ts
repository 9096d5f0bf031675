import type { AppContext } from '../../../app/app-context.js';
import { getOverview } from '../../../app/queries/get-overview.js';
import { recordView } from '../../../app/record-view.js';
import { DomainError } from '../../../domain/domain-error.js';
import type { MemberId } from '../../../domain/types.js';
import type { AdaptiveCard } from '../cards/card-kit.js';
import { overviewCard } from './overview-card.js';
import { stalledCasesCard } from './stalled-cases-card.js';

// Reads the overview through the query use case (which refuses anyone but coordinators and leads, and limits a lead
// to their own organisation) and hands it to the pure card builders.

export function overviewCardFor(ctx: AppContext, by: MemberId): AdaptiveCard {
  const overview = getOverview(ctx, { by });
  void recordView(ctx, by, { what: 'overview' });
  return overviewCard(overview);
}

export function stalledCasesCardFor(ctx: AppContext, by: MemberId, name: string): AdaptiveCard {
  const municipality = ctx.roster.findMunicipality(name);
  // The query first: someone who may not see the overview gets that refusal, whatever they typed.
  const overview = getOverview(ctx, { by, municipality: municipality ?? name });
  if (!municipality)
    throw new DomainError(
      'UNKNOWN_MUNICIPALITY',
      `Die gemeente staat niet in het rooster. Kies uit: ${ctx.roster.municipalities.join(', ')}.`,
    );
  void recordView(ctx, by, { what: 'overview', municipality });
  const timers = ctx.norms.timers as Record<string, { label: string } | undefined>;
  return stalledCasesCard({
    municipality,
    scope: overview.scope,
    overview: overview.municipalities.find((m) => m.municipality === municipality),
    timerLabel: (t) => `${timers[t]?.label ?? t} (${t})`,
  });
}
