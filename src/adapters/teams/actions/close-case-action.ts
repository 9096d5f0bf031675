import { z } from 'zod';
import { closeCase } from '../../../app/close-case.js';
import { guardText } from '../../../app/guard-text.js';
import { caseCardFor } from '../case-cards-for.js';
import { caseRefField, defineCardAction, reasonField, submittedCaseRef } from './card-action.js';
import { closeCaseFormFor } from './request-close-case-action.js';

/** `case.closeConfirm` { caseRef, closeReason }: closes the case after the confirmation card. */
export const closeCaseAction = defineCardAction(
  'case.closeConfirm',
  z.object({ caseRef: caseRefField, closeReason: reasonField }),
  async (_context, { actor, data }, { ctx }) => {
    // closeCase stores the reason as given: the personal-data guard runs here first.
    const reason = guardText(ctx, data.closeReason, 'reden');
    closeCase(ctx, { by: actor.id, caseRef: data.caseRef, reason });
    return caseCardFor(ctx, actor.id, data.caseRef, 'Casus gesloten. Alle termijnen zijn gestopt.');
  },
  {
    refill: ({ actor, data }, { ctx }) => {
      const ref = submittedCaseRef(data);
      return ref === undefined ? undefined : closeCaseFormFor(ctx, actor.id, ref);
    },
  },
);
