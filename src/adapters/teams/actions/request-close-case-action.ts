import { z } from 'zod';
import { viewCaseOnRecord } from '../../../app/queries/get-case-view.js';
import { DomainError } from '../../../domain/domain-error.js';
import { buildCloseCaseCard } from '../cards/close-case-card.js';
import { caseRefField, defineCardAction } from './card-action.js';

/** `case.close` { caseRef }: the first press only asks for confirmation and a reason (closing cannot be undone). */
export const requestCloseCaseAction = defineCardAction(
  'case.close',
  z.object({ caseRef: caseRefField }),
  async (_context, { actor, data }, { ctx }) => {
    const view = viewCaseOnRecord(ctx, actor.id, data.caseRef); // need-to-know first: the same answer for unknown and hidden cases
    if (view.record.closedAt !== null) throw new DomainError('CASE_CLOSED', 'Deze casus is al gesloten.');
    return buildCloseCaseCard(view.record.ref);
  },
);
