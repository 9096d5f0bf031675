import type { AppContext } from '../../../app/app-context.js';
import { learningAgenda } from '../../../app/queries/learning-agenda.js';
import { recordView } from '../../../app/record-view.js';
import type { MemberId } from '../../../domain/types.js';
import type { AdaptiveCard } from '../cards/card-kit.js';
import { learningCard } from './learning-card.js';

/** The learning agenda through its query use case (which refuses anyone but the municipality's coordinators and leads). */
export function learningCardFor(
  ctx: AppContext,
  by: MemberId,
  p: { municipality: string; from?: string; to?: string },
): AdaptiveCard {
  const agenda = learningAgenda(ctx, { by, ...p });
  void recordView(ctx, by, { what: 'learning', municipality: agenda.municipality });
  return learningCard(agenda);
}
