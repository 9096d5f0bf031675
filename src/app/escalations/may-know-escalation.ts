import { DomainError } from '../../domain/domain-error.js';
import type { EscalationRecord } from '../../domain/records.js';
import type { MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadVisibleCase } from '../case-access.js';
import type { EscalationPick } from './escalation-pick.js';
import { knownPick, visibleEscalationsOf } from './select-escalation.js';

/**
 * The escalation of a case that `pick` names, if the person may know of it now: they may see the case (member, lead,
 * pilot coordinator, or a participant still on it) and it is not a worrying-conduct escalation hidden from them.
 * Undefined otherwise, without saying why (as for a case that does not exist). Reads only.
 */
export function knownEscalation(
  ctx: AppContext,
  by: MemberId,
  caseRef: string,
  pick: EscalationPick | { id: number },
): EscalationRecord | undefined {
  try {
    const loaded = loadVisibleCase(ctx, by, caseRef);
    if (!('id' in pick)) return knownPick(ctx, loaded.record.id, loaded.actor, pick);
    return visibleEscalationsOf(ctx, loaded.record.id, loaded.actor).find((e) => e.id === pick.id);
  } catch (err) {
    if (err instanceof DomainError) return undefined;
    throw err;
  }
}

/**
 * Whether the person may know of this escalation now. A copy of its card they were sent earlier must not be updated
 * with what happened since once this is false (a removed member).
 */
export function mayKnowEscalation(ctx: AppContext, by: MemberId, escalationId: number): boolean {
  const e = ctx.store.escalations.byId(escalationId);
  const c = e && ctx.store.cases.byId(e.caseId);
  return c !== undefined && knownEscalation(ctx, by, c.ref, { id: escalationId }) !== undefined;
}
