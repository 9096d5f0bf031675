import { adaptiveCard, execute, subtle, text, type AdaptiveCard, type CardElement } from './card-kit.js';

// Cards that several people see in one conversation (a channel thread, a group chat) carry `refresh` with the Teams
// user ids of those who may see their own view (Universal Actions user-specific views; docs/behaviour.md, "Cards
// several people see"). Teams refreshes the card automatically for at most 60 listed users; with more, the card shows
// a neutral view without case content and a "Vernieuwen" button, and each person asks for their own view.

/** Teams' limit on `refresh.userIds` (user-specific views). */
export const MAX_REFRESH_USER_IDS = 60;

/** What a refresh asks for: the verb (`<x>.refresh`) and the ids that name the card. */
export interface RefreshTarget {
  verb: string;
  data: Record<string, unknown>;
}

export const NEUTRAL_VIEW_TEXT =
  'Deze kaart van de teammodel-bot is voor de mensen die bij de casus horen. Druk op Vernieuwen om jouw weergave te zien.';
export const NO_VIEW_TEXT =
  'Deze kaart is voor de mensen die bij de casus horen. Je ziet hier geen gegevens van de casus.';

const refreshOf = (target: RefreshTarget, userIds: readonly string[] | undefined): CardElement => ({
  action: { type: 'Action.Execute', title: 'Vernieuwen', verb: target.verb, data: target.data },
  ...(userIds ? { userIds: [...userIds] } : {}),
});

/**
 * A card without case content: the view for more than 60 readers (with a "Vernieuwen" button for `target`), or for
 * someone who may not see the case (no button: pressing it could only be refused).
 */
export function neutralCard(message: string, target?: RefreshTarget): AdaptiveCard {
  return adaptiveCard(
    [text(message), subtle('Een bericht van de teammodel-bot (geautomatiseerd).')],
    target ? [execute('Vernieuwen', target.verb, target.data)] : [],
  );
}

/**
 * The answer to someone who may not see the card's case: no case content, and a `refresh` that lists nobody (the
 * card's own ids only, which the card they were shown carries already), so that they see their view once they join.
 */
export function noView(target: RefreshTarget): AdaptiveCard {
  return { ...neutralCard(NO_VIEW_TEXT), refresh: refreshOf(target, undefined) };
}

/**
 * The card as posted where several people read it: with `refresh` for the listed users (each gets their own view),
 * or, above 60 of them, the neutral view whose refresh lists nobody (Teams then offers a manual refresh).
 */
export function forSeveralReaders(card: AdaptiveCard, target: RefreshTarget, userIds: readonly string[]): AdaptiveCard {
  const ids = [...new Set(userIds)];
  if (ids.length > MAX_REFRESH_USER_IDS)
    return { ...neutralCard(NEUTRAL_VIEW_TEXT, target), refresh: refreshOf(target, undefined) };
  return { ...card, refresh: refreshOf(target, ids) };
}

/**
 * One person's view as the answer to a refresh: their card, with the same `refresh` so that it stays live (userIds
 * left out above 60). Only answered by the bot's own refresh route, never by a teams-ai action handler
 * (docs/architecture.md, Teams facts).
 */
export function refreshedView(card: AdaptiveCard, target: RefreshTarget, userIds: readonly string[]): AdaptiveCard {
  const ids = [...new Set(userIds)];
  return { ...card, refresh: refreshOf(target, ids.length > MAX_REFRESH_USER_IDS ? undefined : ids) };
}
