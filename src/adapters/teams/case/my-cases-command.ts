import { MessageFactory } from 'botbuilder';
import { listMyCases } from '../../../app/queries/list-my-cases.js';
import { cardAttachment } from '../cards/card-kit.js';
import { buildMyCasesCard } from './my-cases-card.js';
import type { ChatCommand } from '../chat-command.js';

/** `mijn casussen` / `my cases`: the person's open cases (and, for a team lead, those of the people they lead). */
export const myCasesCommand: ChatCommand = {
  pattern: /^(?:mijn casussen|my cases)$/i,
  usage: 'Gebruik: mijn casussen',
  async run(context, { actor }, { ctx }) {
    await context.sendActivity(MessageFactory.attachment(cardAttachment(buildMyCasesCard(listMyCases(ctx, actor.id)))));
  },
};
