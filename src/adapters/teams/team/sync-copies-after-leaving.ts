import type { TurnContext } from 'botbuilder';
import type { RouteTools } from '../create-teams-bot.js';
import { queueEscalationSync } from '../escalation/escalation-card-copies.js';
import { syncAfterTurn, type SyncTools } from '../handover/handover-card-copies.js';

/**
 * After someone left a case (removed or replaced): every copy of its checklists and escalation cards in 1:1 chats is
 * brought up to date once the turn is done. The person who left gets a card without case content in place of theirs
 * (their rights end at once, so their old copies must not keep live buttons nor learn what happens next); the others
 * see the current state, e.g. a checklist cancelled because its receiver left. Nothing new is posted.
 */
export function syncCopiesAfterLeaving(context: TurnContext, tools: RouteTools, caseRef: string): void {
  const c = tools.ctx.store.cases.byRef(caseRef);
  if (!c) return;
  const t: SyncTools = { adapter: context.adapter, botAppId: tools.botAppId, ctx: tools.ctx, logger: tools.logger };
  for (const h of tools.ctx.store.handovers.ofCase(c.id))
    syncAfterTurn(tools.state.handoverSyncs, t, h.id, null, false);
  for (const e of tools.ctx.store.escalations.ofCase(c.id))
    queueEscalationSync(tools.state.escalationSyncs, t, e.id, null);
}
