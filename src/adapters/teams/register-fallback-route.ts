import { ActivityTypes } from 'botbuilder';
import { SHORT_HELP_TEXT, UNKNOWN_CARD_ACTION_TEXT } from './bot-texts.js';
import type { BotApplication } from './create-teams-bot.js';
import { sendInvokeMessage } from './send-invoke-message.js';

/**
 * The catch-alls, registered LAST (teams-ai: first matching route wins): any message no command matched gets a short
 * pointer to `hulp`; a card action whose verb no handler knows gets a short text on the card instead of Teams'
 * generic error (teams-ai would answer 501).
 */
export function registerFallbackRoute(app: BotApplication): void {
  app.activity(ActivityTypes.Message, async (context) => {
    await context.sendActivity(SHORT_HELP_TEXT);
  });
  app.activity(ActivityTypes.Invoke, async (context) => {
    if (context.activity.name === 'adaptiveCard/action') await sendInvokeMessage(context, UNKNOWN_CARD_ACTION_TEXT);
    // Any other invoke the bot does not offer: a plain 404 instead of botbuilder's 501.
    else await context.sendActivity({ type: 'invokeResponse', value: { status: 404 } });
  });
}
