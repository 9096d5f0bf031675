import { z } from 'zod';
import { closeCase } from '../../../app/close-case.js';
import { guardText } from '../../../app/guard-text.js';
import { DomainError } from '../../../domain/domain-error.js';
import { caseCardFor } from './case-cards-for.js';
import { caseRefField, defineCardAction, reasonField, submittedCaseRef } from '../card-action.js';
import { closeCaseFormFor } from './request-close-case-action.js';

/** `case.closeConfirm` { caseRef, closeReason }: closes the case after the confirmation card. */
export const closeCaseAction = defineCardAction(
  'case.closeConfirm',
  z.object({ caseRef: caseRefField, closeReason: reasonField }),
  async (_context, { actor, data }, { ctx, state }) => {
    // closeCase stores the reason as given: the personal-data guard runs here first.
    const reason = guardText(ctx, data.closeReason, 'reden');
    closeCase(ctx, { by: actor.id, caseRef: data.caseRef, reason });
    const notice = 'Casus gesloten. Alle termijnen zijn gestopt.';
    try {
      return await caseCardFor(ctx, state.caseCards, actor.id, data.caseRef, notice);
    } catch (err) {
      // Whoever saw the case only through an open escalation or term (a regional expert) loses it with the close.
      if (err instanceof DomainError && err.code === 'NOT_FOUND_OR_NO_ACCESS')
        return `Casus ${data.caseRef} gesloten. Alle termijnen zijn gestopt. Je ziet de casus niet meer: je toegang liep via een escalatie of termijn, en die zijn met de casus gestopt.`;
      throw err;
    }
  },
  {
    refill: ({ actor, data }, { ctx }) => {
      const ref = submittedCaseRef(data);
      return ref === undefined ? undefined : closeCaseFormFor(ctx, actor.id, ref);
    },
  },
);
