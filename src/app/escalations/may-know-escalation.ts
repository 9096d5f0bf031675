import { DomainError } from '../../domain/domain-error.js';
import type { MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadVisibleCase } from '../case-access.js';
import { visibleEscalationsOf } from './select-escalation.js';

/**
 * Whether the person may know of this escalation now: they may see its case (member, lead, pilot coordinator, or a
 * participant still on it) and it is not a worrying-conduct escalation hidden from them. Reads only. A copy of its
 * card they were sent earlier must not be updated with what happened since once this is false (a removed member).
 */
export function mayKnowEscalation(ctx: AppContext, by: MemberId, escalationId: number): boolean {
  const e = ctx.store.escalations.byId(escalationId);
  const c = e && ctx.store.cases.byId(e.caseId);
  if (!e || !c) return false;
  try {
    const loaded = loadVisibleCase(ctx, by, c.ref);
    return visibleEscalationsOf(ctx, c.id, loaded.actor).some((x) => x.id === e.id);
  } catch (err) {
    if (err instanceof DomainError) return false;
    throw err;
  }
}
