import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadVisibleCase, requireMember, requireOpen } from './case-access.js';
import { stopTimers } from './timer-engine.js';
import { guardText } from './guard-text.js';

/** Stops every timer, withdraws every open escalation ("casus gesloten") and starts the retention clock. */
export function closeCase(ctx: AppContext, input: { by: MemberId; caseRef: string; reason?: string }): void {
  const loaded = loadVisibleCase(ctx, input.by, input.caseRef);
  requireOpen(loaded);
  if (loaded.actor.role !== 'pilot_coordinator') requireMember(loaded, loaded.actor);
  const reason = input.reason ? guardText(ctx, input.reason, 'reden') : null;
  const now = ctx.clock.now();
  const by = loaded.actor.id;
  ctx.store.transaction(() => {
    const c = loaded.record;
    stopTimers(ctx, c, 'all', { at: now, by, reason: 'casus gesloten', completing: false });
    for (const e of ctx.store.escalations.ofCase(c.id).filter((x) => x.state === 'open')) {
      ctx.store.escalations.update(e.id, {
        state: 'withdrawn',
        outcome: 'withdrawn',
        reason: 'casus gesloten',
        closedAt: now,
        closedBy: by,
        nextAction: null,
        nextActionAt: null,
      });
    }
    for (const h of ctx.store.handovers.ofCase(c.id).filter((x) => x.state === 'open'))
      ctx.store.handovers.update(h.id, { state: 'cancelled' });
    ctx.store.cases.update(c.id, { stage: 'CLOSED', closedAt: now });
    ctx.store.cases.addEvent(c.id, 'case_closed', { from: c.stage }, now, by);
    ctx.store.audit.append({ at: now, actor: by, action: 'case.closed', caseId: c.id, reason, details: {} });
  });
}
