import { DomainError } from '../../domain/domain-error.js';
import type { MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { getHandover } from './handover-actions.js';

/**
 * Whether the person may look at this checklist now (by the same rule as opening it: getHandover). Reads only. A copy
 * of the checklist they were sent earlier must not be updated with what happened since once this is false.
 */
export function mayKnowHandover(ctx: AppContext, by: MemberId, handoverId: number): boolean {
  const h = ctx.store.handovers.byId(handoverId);
  const c = h && ctx.store.cases.byId(h.caseId);
  if (!h || !c) return false;
  try {
    getHandover(ctx, { by, caseRef: c.ref, handoverId });
    return true;
  } catch (err) {
    if (err instanceof DomainError) return false;
    throw err;
  }
}
