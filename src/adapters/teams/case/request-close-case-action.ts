import { z } from 'zod';
import type { AppContext } from '../../../app/app-context.js';
import { viewCaseOnRecord } from '../../../app/queries/get-case-view.js';
import { DomainError } from '../../../domain/domain-error.js';
import type { MemberId } from '../../../domain/types.js';
import type { AdaptiveCard } from '../cards/card-kit.js';
import { buildCloseCaseCard } from './close-case-card.js';
import { caseRefField, defineCardAction } from '../card-action.js';

/** The confirmation to close an open case, for whoever may see it (need-to-know first: the same answer for unknown and hidden cases). */
export function closeCaseFormFor(ctx: AppContext, actorId: MemberId, caseRef: string): AdaptiveCard {
  const view = viewCaseOnRecord(ctx, actorId, caseRef);
  if (view.record.closedAt !== null) throw new DomainError('CASE_CLOSED', 'Deze casus is al gesloten.');
  return buildCloseCaseCard(view.record.ref);
}

/** `case.close` { caseRef }: the first press only asks for confirmation and a reason (closing cannot be undone). */
export const requestCloseCaseAction = defineCardAction(
  'case.close',
  z.object({ caseRef: caseRefField }),
  async (_context, { actor, data }, { ctx }) => closeCaseFormFor(ctx, actor.id, data.caseRef),
);
