import { MessageFactory, type Activity } from 'botbuilder';
import type { AppContext } from '../../app/app-context.js';
import { cardAttachment } from './cards/card-kit.js';
import { welcomeCard } from './cards/help-cards.js';
import type { BotApplication } from './create-teams-bot.js';
import { memberOfTurn } from './current-member.js';

/**
 * The welcome on install: Teams sends `installationUpdate` (action `add`) once when a person installs the app, or
 * when it is added to a team or a group chat (it also sends `conversationUpdate`, which is not answered, so the
 * welcome comes once). An upgrade or a removal gets nothing. The conversation reference is saved before this runs,
 * for every activity (create-teams-bot.ts).
 */
export function registerWelcomeRoute(app: BotApplication, ctx: Pick<AppContext, 'roster' | 'logger'>): void {
  app.activity('installationUpdate', async (context) => {
    const a = context.activity;
    if (a.action !== 'add') return;
    const scope = a.conversation?.conversationType === 'personal' ? 'personal' : 'team';
    const card = welcomeCard(scope, memberOfTurn(context, ctx.roster) !== undefined);
    await context.sendActivity(
      MessageFactory.attachment(cardAttachment(card), undefined, undefined, undefined) as Partial<Activity>,
    );
    ctx.logger.info({ scope, activityId: a.id }, 'welcome sent');
  });
}
