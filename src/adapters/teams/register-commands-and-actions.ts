import type { AppContext } from '../../app/app-context.js';
import type { CardAction } from './card-action.js';
import { commandSelector } from './command-selector.js';
import { commandText } from './command-text.js';
import { parseArgument, type ChatCommand } from './chat-command.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';
import { currentMember } from './current-member.js';
import { retryTurnWhenBusy } from './retry-turn-when-busy.js';

/**
 * The one way a group of chat commands and card verbs is wired to teams-ai: an anchored pattern per command, its
 * argument parsed (guard + zod) before the handler runs, and the person resolved from the roster for both. A handler
 * that meets a database held by another process runs again once it is free (retryTurnWhenBusy).
 */
export function registerCommandsAndActions(
  app: BotApplication,
  ctx: AppContext,
  tools: RouteTools,
  commands: readonly ChatCommand[],
  actions: readonly CardAction[],
): void {
  for (const command of commands) {
    app.message(commandSelector(command.pattern), async (context) => {
      const actor = currentMember(context, ctx.roster);
      const raw = command.pattern.exec(commandText(context.activity) ?? '')?.[1];
      const argument = parseArgument(command, raw, ctx);
      await retryTurnWhenBusy(ctx, context, () => command.run(context, { actor, argument }, tools));
    });
  }
  for (const action of actions) {
    app.adaptiveCards.actionExecute(action.verb, async (context, _state, data) =>
      retryTurnWhenBusy(ctx, context, () =>
        action.handle(context, { actor: currentMember(context, ctx.roster), data }, tools),
      ),
    );
  }
}
