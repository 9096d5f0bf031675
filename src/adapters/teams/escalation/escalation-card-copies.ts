import { MessageFactory, TurnContext, type Activity } from 'botbuilder';
import type { AppContext } from '../../../app/app-context.js';
import { mayKnowEscalation } from '../../../app/escalations/may-know-escalation.js';
import type { Member, MemberId } from '../../../domain/types.js';
import { cardAttachment } from '../cards/card-kit.js';
import { escalationCard } from './escalation-card.js';
import type { RouteTools } from '../create-teams-bot.js';
import { neutralCard, NO_VIEW_TEXT } from '../cards/user-specific-view.js';
import { escalationViewFor } from './escalation-view-for.js';
import { inConversation, readCopy, rememberCopy, type SyncTools } from '../handover/handover-card-copies.js';

// Every copy of an escalation card the bot sent (each participant's 1:1 chat) shows the current state after a decision,
// a level raised or a withdrawal, each with that person's own buttons. The person who pressed gets the new card in the
// invoke response; the other copies are updated in place. Where each copy lives is kept in the conversation-reference
// store under `card:escalation:<id>:<holder>` (the newest card the person got; render-outbound.ts, create-teams-sender.ts).

export const escalationCopyKey = (escalationId: number, holder: MemberId): string =>
  `card:escalation:${escalationId}:${holder}`;

/** The card the person pressed in their 1:1 chat is their copy from now on (its id is the invoke's replyToId). */
function rememberPressedCopy(ctx: AppContext, context: TurnContext, escalationId: number, holder: MemberId): void {
  const a = context.activity;
  if (a.conversation?.conversationType !== 'personal' || !a.replyToId) return;
  const reference = TurnContext.getConversationReference(a);
  delete reference.activityId;
  rememberCopy(ctx, escalationCopyKey(escalationId, holder), reference, a.replyToId);
}

/** Everyone who may hold a copy: the participants of every level it reached, its guests and the person who raised it. */
function holdersOf(ctx: AppContext, escalationId: number): MemberId[] {
  const e = ctx.store.escalations.byId(escalationId);
  if (!e) return [];
  const levels = ctx.store.escalations.levels(e.id).flatMap((l) => l.participants);
  return [...new Set([...e.baseParticipants, ...levels, ...e.participants, ...e.guests, e.raisedBy])];
}

/** Updates every copy but the pressing person's to the current card, each with its holder's view. Never throws. */
export async function syncEscalationCards(
  t: SyncTools,
  escalationId: number,
  pressedBy: MemberId | null,
): Promise<void> {
  for (const holder of holdersOf(t.ctx, escalationId).filter((m) => m !== pressedBy)) {
    const e = t.ctx.store.escalations.byId(escalationId);
    const member = t.ctx.roster.member(holder);
    const copy = readCopy(t.ctx, escalationCopyKey(escalationId, holder));
    if (!e || !member || !copy) continue;
    // Someone who may no longer know of it (removed from the case meanwhile) gets a card without case content.
    const card = mayKnowEscalation(t.ctx, holder, e.id)
      ? escalationCard(escalationViewFor(t.ctx, e, member))
      : neutralCard(NO_VIEW_TEXT);
    const activity: Partial<Activity> = MessageFactory.attachment(cardAttachment(card));
    await inConversation(
      t,
      copy.reference,
      { escalationId },
      async (tc) => void (await tc.updateActivity({ ...activity, id: copy.activityId })),
      'could not update an escalation card',
    );
  }
}

/**
 * After a change pressed on the card: the pressed card becomes the actor's copy, and every other copy follows once the
 * turn is done (the invoke response goes first), without touching the turn's context. Syncs of one escalation run one
 * after another, so an older state can never overwrite a newer one (TeamsState.escalationSyncs: the one in flight).
 */
export function afterEscalationChange(
  context: TurnContext,
  tools: RouteTools,
  actor: Member,
  escalationId: number,
): void {
  rememberPressedCopy(tools.ctx, context, escalationId, actor.id);
  const inOwnChat = context.activity.conversation?.conversationType === 'personal';
  const t: SyncTools = { adapter: context.adapter, botAppId: tools.botAppId, ctx: tools.ctx, logger: tools.logger };
  queueEscalationSync(tools.state.escalationSyncs, t, escalationId, inOwnChat ? actor.id : null);
}

/** Queues a sync of every copy but `pressedBy`'s, after the one in flight for this escalation (if any). */
export function queueEscalationSync(
  running: Map<number, Promise<void>>,
  t: SyncTools,
  escalationId: number,
  pressedBy: MemberId | null,
): void {
  const previous = running.get(escalationId) ?? Promise.resolve();
  const next = previous
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(() => syncEscalationCards(t, escalationId, pressedBy))
    .catch((err: unknown) =>
      t.logger.warn({ escalationId, err: { name: (err as Error)?.name } }, 'could not update the escalation cards'),
    )
    .finally(() => {
      if (running.get(escalationId) === next) running.delete(escalationId);
    });
  running.set(escalationId, next);
}
