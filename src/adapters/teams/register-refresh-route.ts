import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { AppContext } from '../../app/app-context.js';
import type { BotApplication } from './create-teams-bot.js';
import { currentMember } from './current-member.js';
import type { AdaptiveCard } from './cards/card-kit.js';
import { neutralCard, NO_VIEW_TEXT } from './cards/user-specific-view.js';
import { automaticRefreshAnswer, REFRESH_VERBS } from './refresh-views.js';
import { retryTurnWhenBusy } from './retry-turn-when-busy.js';
import type { TeamsState } from './teams-state.js';

/** An automatic refresh of a card several people see: Teams asks for the person's own view (user-specific views). */
export function isAutomaticRefresh(context: Pick<TurnContext, 'activity'>): boolean {
  const a = context.activity;
  const value = a.value as { trigger?: unknown; action?: { type?: unknown; verb?: unknown } } | undefined;
  return (
    a.type === ActivityTypes.Invoke &&
    a.name === 'adaptiveCard/action' &&
    value?.trigger === 'automatic' &&
    value.action?.type === 'Action.Execute' &&
    typeof value.action.verb === 'string' &&
    REFRESH_VERBS.has(value.action.verb)
  );
}

async function answerWithCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({
    type: 'invokeResponse',
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
  });
}

/** Someone the roster does not know, in a conversation where such a card is shown: a card without case content. */
export function answerRefreshWithoutView(context: TurnContext): Promise<void> {
  return answerWithCard(context, neutralCard(NO_VIEW_TEXT));
}

/**
 * Answers automatic refreshes itself, before teams-ai's Action.Execute routes: an answer carrying `refresh` through
 * teams-ai would switch that verb to replace-for-everyone for good (docs/architecture.md, Teams facts). The answer is
 * the person's own current view, with the card's `refresh` (refresh-views.ts). "Vernieuwen" pressed by hand
 * (trigger `manual`) is an ordinary card action (REFRESH_ACTIONS).
 */
export function registerRefreshRoute(app: BotApplication, ctx: AppContext, state: TeamsState): void {
  app.addRoute(
    (context) => Promise.resolve(isAutomaticRefresh(context)),
    async (context) => {
      const value = context.activity.value as { action: { verb: string; data?: unknown } };
      const card = await retryTurnWhenBusy(ctx, context, () =>
        automaticRefreshAnswer(
          ctx,
          state,
          currentMember(context, ctx.roster),
          value.action.verb,
          value.action.data ?? {},
        ),
      );
      await answerWithCard(context, card);
    },
    true,
  );
}
