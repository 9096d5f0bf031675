import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadCaseToChange } from './case-access.js';
import { withdrawOpenEscalation } from './escalations/decide-escalation.js';
import { guardText } from './guard-text.js';
import { stopTimers } from './timer-engine.js';

/**
 * Closes a case: every open escalation is withdrawn ("casus gesloten", each telling its own participants), every term
 * stops, open checklists are cancelled, and the retention clock starts.
 */
export function closeCase(ctx: AppContext, input: { by: MemberId; caseRef: string; reason?: string }): void {
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const reason = input.reason ? guardText(ctx, input.reason, 'reden') : null;
  const now = ctx.clock.now();
  const by = loaded.actor.id;
  ctx.store.transaction(() => {
    const c = loaded.record;
    for (const e of ctx.store.escalations.ofCase(c.id).filter((x) => x.state === 'open')) {
      withdrawOpenEscalation(ctx, c, e, by, 'casus gesloten', now);
    }
    stopTimers(ctx, c, 'all', { at: now, by, reason: 'casus gesloten', completing: false });
    for (const h of ctx.store.handovers.ofCase(c.id).filter((x) => x.state === 'open'))
      ctx.store.handovers.update(h.id, { state: 'cancelled' });
    ctx.store.cases.update(c.id, { stage: 'CLOSED', closedAt: now });
    ctx.store.cases.addEvent(c.id, 'case_closed', { from: c.stage }, now, by);
    ctx.store.audit.append({ at: now, actor: by, action: 'case.closed', caseId: c.id, reason, details: {} });
  });
}
