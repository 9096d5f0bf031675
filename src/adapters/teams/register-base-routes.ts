import { ActivityTypes } from 'botbuilder';
import type { AppContext } from '../../app/app-context.js';
import { HELP_TEXT, NOT_IN_ROSTER_TEXT } from './bot-texts.js';
import { commandSelector } from './command-selector.js';
import type { BotApplication } from './create-teams-bot.js';
import { identifyMember } from './identify-member.js';
import { sendInvokeMessage } from './send-invoke-message.js';

export { registerFallbackRoute } from './register-fallback-route.js';

export const HELP_COMMAND = /^(hulp|help)$/i;

/**
 * The routes every other route relies on, registered before the command routes:
 * (a) a gate: a message or invoke from someone who is not in the roster gets only the "not in the roster" answer and
 *     nothing else runs (a beforeTurn handler, so it also covers invokes, which teams-ai matches before messages);
 * (b) `hulp` / `help`, matched exactly (ignoring case and surrounding whitespace).
 */
export function registerBaseRoutes(app: BotApplication, ctx: Pick<AppContext, 'roster' | 'logger'>): void {
  app.turn('beforeTurn', async (context) => {
    const a = context.activity;
    if (a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Invoke) return true;
    if (identifyMember(a, ctx.roster)) return true;
    ctx.logger.info(
      { activityType: a.type, invokeName: a.name, activityId: a.id, outcome: 'not_in_roster' },
      'turn refused',
    );
    if (a.type === ActivityTypes.Message) await context.sendActivity(NOT_IN_ROSTER_TEXT);
    else if (a.name === 'adaptiveCard/action') await sendInvokeMessage(context, NOT_IN_ROSTER_TEXT);
    else await context.sendActivity({ type: 'invokeResponse', value: { status: 403 } });
    return false;
  });

  app.message(commandSelector(HELP_COMMAND), async (context) => {
    await context.sendActivity({ type: ActivityTypes.Message, text: HELP_TEXT, textFormat: 'plain' });
  });
}
