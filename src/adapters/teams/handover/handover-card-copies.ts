import { MessageFactory, TurnContext, type Activity, type BotAdapter } from 'botbuilder';
import { z } from 'zod';
import type { AppContext } from '../../../app/app-context.js';
import type { Logger } from '../../../app/ports.js';
import { mayKnowHandover } from '../../../app/handovers/may-know-handover.js';
import { retryWhenBusy } from '../../../app/retry-when-busy.js';
import type { MemberId } from '../../../domain/types.js';
import { cardAttachment } from '../cards/card-kit.js';
import { handoverCard } from './handover-card.js';
import { handoverRefreshTarget, severalReadersCard } from '../refresh-views.js';
import { neutralCard, NO_VIEW_TEXT } from '../cards/user-specific-view.js';
import { handoverViewFor } from './handover-view-for.js';

// The checklist must show the same state to everyone after each change. The person who pressed gets the new card
// in the invoke response; every other copy (the other party's 1:1 chat, the case thread) is updated in place. Where
// each copy lives is kept in the conversation-reference store under `card:handover:<id>:<holder>`. The copy in the
// case thread, which several people read, carries `refresh` so that each of them sees their own buttons
// (refresh-views.ts); a card that a teams-ai action handler returns never does (docs/architecture.md, Teams facts).

export const caseThreadKey = (caseId: number): string => `case:${caseId}`;
export const handoverCopyKey = (handoverId: number, holder: MemberId | 'case'): string =>
  `card:handover:${handoverId}:${holder}`;

const copySchema = z.object({
  reference: z
    .object({ serviceUrl: z.string(), conversation: z.object({ id: z.string() }).passthrough() })
    .passthrough(),
  activityId: z.string().min(1),
});
type CardCopy = z.infer<typeof copySchema>;

export function rememberCopy(ctx: AppContext, key: string, reference: object, activityId: string): void {
  ctx.conversations.save(key, JSON.parse(JSON.stringify({ reference, activityId })) as object, ctx.clock.now());
}

export function readCopy(ctx: AppContext, key: string): CardCopy | undefined {
  const parsed = copySchema.safeParse(ctx.conversations.get(key));
  return parsed.success ? parsed.data : undefined;
}

/** The card the person pressed in their 1:1 chat is their copy from now on (its id is the invoke's replyToId). */
export function rememberPressedCopy(ctx: AppContext, context: TurnContext, handoverId: number, holder: MemberId): void {
  const a = context.activity;
  if (a.conversation?.conversationType !== 'personal' || !a.replyToId) return;
  const reference = TurnContext.getConversationReference(a);
  delete reference.activityId;
  rememberCopy(ctx, handoverCopyKey(handoverId, holder), reference, a.replyToId);
}

export interface SyncTools {
  adapter: BotAdapter;
  botAppId: string;
  ctx: AppContext;
  logger: Logger;
}

const describe = (err: unknown) => ({
  name: (err as Error)?.name,
  statusCode: (err as { statusCode?: unknown })?.statusCode,
});

/** Runs `fn` in the conversation; errors are caught inside the callback (botbuilder would hand them to app.error). */
export async function inConversation(
  t: SyncTools,
  reference: object,
  where: object,
  fn: (tc: TurnContext) => Promise<void>,
  failure = 'could not update a checklist card',
): Promise<void> {
  try {
    await t.adapter.continueConversationAsync(t.botAppId, reference as never, async (tc) => {
      try {
        await fn(tc);
      } catch (err) {
        t.logger.warn({ ...where, err: describe(err) }, failure);
      }
    });
  } catch (err) {
    t.logger.warn({ ...where, err: describe(err) }, failure);
  }
}

/**
 * Updates every other copy of the checklist; posts it in the case thread when the case has one and it is not there yet
 * (unless `postMissing` is false). A holder who may no longer look at it gets a card without case content. Never throws.
 */
export async function syncHandoverCards(
  t: SyncTools,
  handoverId: number,
  pressedBy: MemberId | null,
  postMissing = true,
): Promise<void> {
  const h = t.ctx.store.handovers.byId(handoverId);
  if (!h) return;
  const holders = [...new Set([h.fromMember, h.toMember, h.openedBy])].filter((m) => m !== pressedBy);
  for (const holder of [...holders, 'case' as const]) {
    const where = { handoverId, holder: holder === 'case' ? 'case' : 'member' };
    const own =
      holder !== 'case' && !mayKnowHandover(t.ctx, holder, h.id)
        ? neutralCard(NO_VIEW_TEXT)
        : handoverCard(handoverViewFor(t.ctx, h, holder === 'case' ? null : holder));
    const caseRef = t.ctx.store.cases.byId(h.caseId)?.ref ?? '';
    const card = holder === 'case' ? severalReadersCard(t.ctx, own, handoverRefreshTarget(caseRef, h.id)) : own;
    const activity: Partial<Activity> = MessageFactory.attachment(cardAttachment(card));
    const copy = readCopy(t.ctx, handoverCopyKey(h.id, holder));
    if (copy) {
      await inConversation(
        t,
        copy.reference,
        where,
        async (tc) => void (await tc.updateActivity({ ...activity, id: copy.activityId })),
      );
      continue;
    }
    const thread = holder === 'case' && postMissing ? t.ctx.conversations.get(caseThreadKey(h.caseId)) : undefined;
    if (thread) {
      await inConversation(t, thread, where, async (tc) => {
        const sent = await tc.sendActivity(activity);
        // Posted: a busy database is waited for, or the next change would post the checklist in the thread again.
        if (sent?.id) await retryWhenBusy(() => rememberCopy(t.ctx, handoverCopyKey(h.id, 'case'), thread, sent.id));
      });
    }
  }
}

/**
 * After the turn (the invoke response goes first), without touching the turn's context. Syncs of one checklist run
 * one after another, so an older state can never overwrite a newer one: `running` holds the one in flight per
 * handover (TeamsState.handoverSyncs).
 */
export function syncAfterTurn(
  running: Map<number, Promise<void>>,
  t: SyncTools,
  handoverId: number,
  pressedBy: MemberId | null,
  postMissing = true,
): void {
  const previous = running.get(handoverId) ?? Promise.resolve();
  const next = previous
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(() => syncHandoverCards(t, handoverId, pressedBy, postMissing))
    .catch((err: unknown) => t.logger.warn({ handoverId, err: describe(err) }, 'could not update the checklist cards'))
    .finally(() => {
      if (running.get(handoverId) === next) running.delete(handoverId);
    });
  running.set(handoverId, next);
}
