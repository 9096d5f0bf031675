import type { EscalationRecord } from '../../domain/records.js';
import type { EscalationLevel, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import type { EscalationPick } from './escalation-pick.js';
import { knownEscalation } from './may-know-escalation.js';

export interface OutdatedEscalation {
  e: EscalationRecord;
  /** What happened since the card was shown: decided, closed without a decision (its terms ended), withdrawn, raised. */
  why: 'decided' | 'closed' | 'withdrawn' | 'raised';
}

/**
 * The escalation a pressed card names, when a change since the card was shown made it out of date: it was decided,
 * closed or withdrawn meanwhile, or (with `shownLevel`) it is on another level now. Reads only. Undefined while the
 * card still shows the escalation as it is, and when the person may not know of it (the action then refuses as
 * for any case or escalation they may not see).
 */
export function outdatedEscalation(
  ctx: AppContext,
  by: MemberId,
  caseRef: string,
  pick: EscalationPick,
  shownLevel?: EscalationLevel,
): OutdatedEscalation | undefined {
  const e = knownEscalation(ctx, by, caseRef, pick);
  if (!e) return undefined;
  if (e.state === 'withdrawn') return { e, why: 'withdrawn' };
  if (e.state === 'resolved') return { e, why: e.decision !== null ? 'decided' : 'closed' };
  if (shownLevel !== undefined && e.level !== shownLevel) return { e, why: 'raised' };
  return undefined;
}
