import { auditRefOf } from './escalation-pick.js';
import type { CaseRecord, TimerRecord } from '../../domain/records.js';
import type { MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';

/**
 * Timer cycles ended (completed, stopped, or replaced by a new cycle). An automatic escalation resolves by itself once
 * every cycle it holds has ended — outcome `resolved`, decision "afgerond: <what ended them>" — without a message of its
 * own: the cards already sent show "afgerond" when they are next looked at. Runs inside the caller's transaction.
 */
export function resolveWhenTermsEnd(
  ctx: AppContext,
  c: CaseRecord,
  ended: TimerRecord[],
  at: number,
  by: MemberId,
): void {
  const seen = new Set<number>();
  for (const t of ended) {
    for (const e of ctx.store.escalations.openByTimer(t.id)) {
      if (seen.has(e.id) || e.source !== 'timer') continue;
      seen.add(e.id);
      const held = ctx.store.escalations.timersOf(e.id).map((id) => ctx.store.timers.byId(id));
      if (held.some((h) => h?.state === 'open')) continue;
      const reasons = [...new Set(held.map((h) => h?.stopReason).filter((r): r is string => !!r))];
      const decision = `afgerond: ${reasons.join(', ')}`;
      ctx.store.escalations.update(e.id, {
        state: 'resolved',
        outcome: 'resolved',
        decision,
        closedAt: at,
        closedBy: by,
        nextAction: null,
        nextActionAt: null,
      });
      ctx.store.audit.append({
        at,
        actor: by,
        action: 'escalation.resolved',
        caseId: c.id,
        reason: decision,
        details: { ...auditRefOf(e), automatic: true },
      });
    }
  }
}
