import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { getRosterView } from '../../../app/queries/get-roster-view.js';
import { cardAttachment } from '../cards/card-kit.js';
import { buildRosterCard } from './roster-card.js';
import { MUNICIPALITY, type ChatCommand } from '../chat-command.js';

/** `rooster <gemeente>` / `roster <municipality>`: the fixed faces of a municipality. */
export const rosterCommand: ChatCommand = {
  pattern: /^(?:rooster|roster)(?:\s+(.*))?$/i,
  usage: 'Gebruik: rooster <gemeente>, bijvoorbeeld: rooster Arnhem',
  argument: z.string().regex(MUNICIPALITY),
  async run(context, { actor, argument }, { ctx }) {
    const view = getRosterView(ctx, actor.id, argument);
    await context.sendActivity(MessageFactory.attachment(cardAttachment(buildRosterCard(view))));
  },
};
