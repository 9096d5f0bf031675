import type { AppContext } from '../../../app/app-context.js';
import { DomainError } from '../../../domain/domain-error.js';
import type { MemberId } from '../../../domain/types.js';
import { teamCardFor } from '../case/case-cards-for.js';
import type { AdaptiveCard } from '../cards/card-kit.js';

/**
 * The refreshed team card after a removal or replacement, or a short text when the person just took themselves off
 * the case and may no longer see it (need-to-know applies at once).
 */
export function answerAfterLeaving(
  ctx: AppContext,
  actorId: MemberId,
  caseRef: string,
  notice: string,
): AdaptiveCard | string {
  try {
    return teamCardFor(ctx, actorId, caseRef, notice);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND_OR_NO_ACCESS')
      return `${notice} Je zit niet meer in dit casusteam en ziet de casus daarom niet meer.`;
    throw err;
  }
}
