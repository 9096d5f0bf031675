import { MessageFactory, type Activity } from 'botbuilder';
import { getAbsenceView } from '../../../app/queries/get-absence-view.js';
import { absenceFormCard } from './absence-card.js';
import { cardAttachment } from '../cards/card-kit.js';
import { commandText } from '../command-text.js';
import type { ChatCommand } from '../chat-command.js';

const PATTERN = /^(?:afwezig|afwezigheid|absence)(?:\s.*)?$/i;

/**
 * `afwezig` / `absence`: the absence card (who stands in, the absences recorded, two date pickers). Dates are picked on
 * the card, never typed: anything typed after the command is not read (and not kept), only pointed at the card.
 */
export const absenceCommand: ChatCommand = {
  pattern: PATTERN,
  usage: 'Gebruik: afwezig',
  async run(context, { actor }, { ctx }) {
    const typedMore = /\s\S/.test(commandText(context.activity) ?? '');
    const notice = typedMore ? 'Kies de datums hieronder in de kalender; typ ze niet in de chat.' : undefined;
    const card = absenceFormCard(getAbsenceView(ctx, actor.id), notice);
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)) as Partial<Activity>);
  },
};
