import type { AppContext } from '../../app/app-context.js';
import type { CardAction } from './actions/card-action.js';
import { commandSelector } from './command-selector.js';
import { commandText } from './command-text.js';
import { parseArgument, type ChatCommand } from './commands/chat-command.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';
import { currentMember } from './current-member.js';

/**
 * The one way a group of chat commands and card verbs is wired to teams-ai: an anchored pattern per command, its
 * argument parsed (guard + zod) before the handler runs, and the person resolved from the roster for both.
 */
export function registerCommandsAndActions(app: BotApplication, ctx: AppContext, tools: RouteTools, commands: readonly ChatCommand[], actions: readonly CardAction[]): void {
  for (const command of commands) {
    app.message(commandSelector(command.pattern), async (context) => {
      const actor = currentMember(context, ctx.roster);
      const raw = command.pattern.exec(commandText(context.activity) ?? '')?.[1];
      await command.run(context, { actor, argument: parseArgument(command, raw, ctx) }, tools);
    });
  }
  for (const action of actions) {
    app.adaptiveCards.actionExecute(action.verb, async (context, _state, data) => action.handle(context, { actor: currentMember(context, ctx.roster), data }, tools));
  }
}
