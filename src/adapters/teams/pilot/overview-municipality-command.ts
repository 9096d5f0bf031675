import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { cardAttachment } from '../cards/card-kit.js';
import { MUNICIPALITY, type ChatCommand } from '../chat-command.js';
import { stalledCasesCardFor } from './overview-cards-for.js';

/** `overzicht <gemeente>` / `overview <municipality>`: straight to the drill-down of one municipality. */
export const overviewMunicipalityCommand: ChatCommand = {
  pattern: /^(?:overzicht|overview)\s+(.+)$/i,
  usage: 'Gebruik: overzicht <gemeente>, bijvoorbeeld: overzicht Renkum',
  argument: z.string().regex(MUNICIPALITY),
  async run(context, { actor, argument }, { ctx }) {
    await context.sendActivity(MessageFactory.attachment(cardAttachment(stalledCasesCardFor(ctx, actor.id, argument))));
  },
};
