import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../../app/app-context.js';
import { getHandover } from '../../../app/handovers/handover-actions.js';
import type { HandoverRecord } from '../../../domain/records.js';
import type { Member } from '../../../domain/types.js';
import type { RouteTools } from '../create-teams-bot.js';
import { rememberPressedCopy, syncAfterTurn } from './handover-card-copies.js';

/** A handover of the case `caseRef` that the actor may see (docs/behaviour.md, Handovers: the use case decides). */
export function visibleHandover(ctx: AppContext, actor: Member, caseRef: string, handoverId: number): HandoverRecord {
  return getHandover(ctx, { by: actor.id, caseRef, handoverId });
}

/** After a change: the pressed card becomes the actor's copy, and every other copy follows once the turn is done. */
export function afterHandoverChange(context: TurnContext, tools: RouteTools, actor: Member, handoverId: number): void {
  rememberPressedCopy(tools.ctx, context, handoverId, actor.id);
  // Pressed in the person's own chat: the invoke response already updates that copy. Pressed in the case thread:
  // their 1:1 copy (if any) still needs the update like everyone else's.
  const inOwnChat = context.activity.conversation?.conversationType === 'personal';
  syncAfterTurn(
    tools.state.handoverSyncs,
    { adapter: context.adapter, botAppId: tools.botAppId, ctx: tools.ctx, logger: tools.logger },
    handoverId,
    inOwnChat ? actor.id : null,
  );
}
