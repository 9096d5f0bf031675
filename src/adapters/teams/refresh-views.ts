import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { findCaseVersion } from '../../app/case-access.js';
import { getHandover } from '../../app/handovers/handover-actions.js';
import { recordView } from '../../app/record-view.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Member, MemberId } from '../../domain/types.js';
import { caseRefField, defineCardAction, type CardAction } from './card-action.js';
import type { CaseCardCache } from './case/case-card-cache.js';
import { caseCardFor } from './case/case-cards-for.js';
import type { AdaptiveCard } from './cards/card-kit.js';
import { handoverCard } from './handover/handover-card.js';
import {
  forSeveralReaders,
  neutralCard,
  NO_VIEW_TEXT,
  noView,
  refreshedView,
  type RefreshTarget,
} from './cards/user-specific-view.js';
import type { TeamsState } from './teams-state.js';
import { teamsUserIdsOf } from './teams-user-ids.js';
import { handoverViewFor } from './handover/handover-view-for.js';
import { idField } from './workflow-fields.js';

// The views behind the `refresh` of cards that several people see (cards/user-specific-view.ts): one per refresh verb,
// built for the person who asks through the same *CardFor functions as the card itself (need-to-know included).
// A press on "Vernieuwen" is a card action like any other; an automatic refresh is answered by the bot's own route
// (register-refresh-route.ts).

interface RefreshKind<S extends z.ZodTypeAny> {
  verb: string;
  schema: S;
  /** The card's reference, for the version stamp of the answers kept (case-card-cache.ts explains the stamp). */
  caseRef(data: z.output<S>): string;
  /** Who may see their own view of it: the members whose Teams ids go into `refresh.userIds`. */
  readers(ctx: AppContext, data: z.output<S>): MemberId[];
  /** The person's own view; a view that is on record writes its audit row here; throws a refusal as the card would. */
  build(ctx: AppContext, caseCards: CaseCardCache, actor: Member, data: z.output<S>): Promise<AdaptiveCard>;
}

const caseMembers = (ctx: AppContext, caseRef: string): MemberId[] => {
  const c = ctx.store.cases.byRef(caseRef);
  return c ? ctx.store.cases.currentMembers(c.id).map((m) => m.memberId) : [];
};

const caseKind: RefreshKind<z.ZodObject<{ caseRef: typeof caseRefField }>> = {
  verb: 'case.refresh',
  schema: z.object({ caseRef: caseRefField }),
  caseRef: (d) => d.caseRef,
  readers: (ctx, d) => caseMembers(ctx, d.caseRef),
  build: (ctx, caseCards, actor, d) => caseCardFor(ctx, caseCards, actor.id, d.caseRef),
};

const handoverSchema = z.object({ caseRef: caseRefField, handoverId: idField('overdracht') });
const handoverKind: RefreshKind<typeof handoverSchema> = {
  verb: 'handover.refresh',
  schema: handoverSchema,
  caseRef: (d) => d.caseRef,
  readers: (ctx, d) => {
    const h = ctx.store.handovers.byId(d.handoverId);
    return [...caseMembers(ctx, d.caseRef), ...(h ? [h.fromMember, h.toMember, h.openedBy] : [])];
  },
  build: async (ctx, _caseCards, actor, d) => {
    const h = getHandover(ctx, { by: actor.id, caseRef: d.caseRef, handoverId: d.handoverId });
    await recordView(ctx, actor.id, { what: 'handover', caseId: h.caseId, handover: h.id });
    return handoverCard(handoverViewFor(ctx, h, actor.id));
  },
};

const KINDS = [caseKind, handoverKind] as ReadonlyArray<RefreshKind<z.ZodTypeAny>>;

export const REFRESH_VERBS: ReadonlySet<string> = new Set(KINDS.map((k) => k.verb));

/** The `refresh` target of a case card / a handover checklist, for cards/user-specific-view.ts. */
export const caseRefreshTarget = (caseRef: string): RefreshTarget => ({ verb: caseKind.verb, data: { caseRef } });
export const handoverRefreshTarget = (caseRef: string, handoverId: number): RefreshTarget => ({
  verb: handoverKind.verb,
  data: { caseRef, handoverId },
});

/** The Teams user ids of whoever may see their own view of this card. */
export function refreshUserIds(ctx: AppContext, target: RefreshTarget): string[] {
  const kind = KINDS.find((k) => k.verb === target.verb);
  const parsed = kind?.schema.safeParse(target.data);
  return kind && parsed?.success ? teamsUserIdsOf(ctx, kind.readers(ctx, parsed.data)) : [];
}

/**
 * A card for a conversation: in a channel or group chat (several readers) with `refresh` for whoever may see their
 * own view; in a 1:1 chat as it is.
 */
export function cardForConversation(
  ctx: AppContext,
  conversationType: string | undefined,
  card: AdaptiveCard,
  target: RefreshTarget,
): AdaptiveCard {
  return conversationType === 'personal' ? card : severalReadersCard(ctx, card, target);
}

/** A card posted where several people read it (a channel thread, a group chat), with `refresh` for its readers. */
export function severalReadersCard(ctx: AppContext, card: AdaptiveCard, target: RefreshTarget): AdaptiveCard {
  return forSeveralReaders(card, target, refreshUserIds(ctx, target));
}

/** "Vernieuwen" pressed: the person's own view, or the refusal as for the card itself (a deliberate look). */
export const REFRESH_ACTIONS: readonly CardAction[] = KINDS.map((kind) =>
  defineCardAction(kind.verb, kind.schema, (_context, { actor, data }, { ctx, state }) =>
    kind.build(ctx, state.caseCards, actor, data),
  ),
);

/**
 * The answer to an automatic refresh (Teams asks whenever the card is shown to someone): the person's own view with
 * the card's `refresh`, or a card without case content for someone who may not see it (no refusal is recorded: the
 * person did not ask). The view is on record once per person and version of the case: a refresh of an unchanged case
 * is answered with the view already built for them (kept in `state.refreshAnswers`) and writes nothing. Writes no
 * other state.
 */
export async function automaticRefreshAnswer(
  ctx: AppContext,
  state: TeamsState,
  actor: Member,
  verb: string,
  data: unknown,
): Promise<AdaptiveCard> {
  const kind = KINDS.find((k) => k.verb === verb);
  const parsed = kind?.schema.safeParse(data);
  if (!kind || !parsed?.success) return neutralCard(NO_VIEW_TEXT);
  const d: unknown = parsed.data;
  const target: RefreshTarget = { verb: kind.verb, data: d as Record<string, unknown> };
  const version = findCaseVersion(ctx, kind.caseRef(d));
  const stamp = version && `${version.version}@${ctx.calendar.localDate(ctx.clock.now())}`;
  const key = `${kind.verb}\u0000${JSON.stringify(d)}\u0000${actor.id}`;
  const hit = stamp ? state.refreshAnswers.get(key) : undefined;
  let card: AdaptiveCard | null;
  if (hit && hit.stamp === stamp) card = hit.card;
  else {
    try {
      card = await kind.build(ctx, state.caseCards, actor, d);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      card = null;
    }
    if (stamp && card) state.refreshAnswers.set(key, { stamp, card });
  }
  return card ? refreshedView(card, target, refreshUserIds(ctx, target)) : noView(target);
}
