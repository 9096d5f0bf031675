import { MessageFactory } from 'botbuilder';
import { cardAttachment } from '../cards/card-kit.js';
import type { ChatCommand } from '../chat-command.js';
import { overviewCardFor } from './overview-cards-for.js';

/** `overzicht` / `overview`: cases per municipality, for pilot coordinators and (limited to their organisation) leads. */
export const overviewCommand: ChatCommand = {
  pattern: /^(?:overzicht|overview)$/i,
  usage: 'Gebruik: overzicht of overzicht <gemeente>',
  async run(context, { actor }, { ctx }) {
    await context.sendActivity(MessageFactory.attachment(cardAttachment(overviewCardFor(ctx, actor.id))));
  },
};
