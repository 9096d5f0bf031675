import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { cardAttachment } from '../cards/card-kit.js';
import type { ChatCommand } from '../chat-command.js';
import { learningCardFor } from './learning-cards-for.js';
import { parsePeriodArgument, PERIOD_ARGUMENT } from './period-argument.js';

const USAGE =
  'Gebruik: leren <gemeente> [van] [tot], met van en tot als maand of jaar, bijvoorbeeld: leren Renkum 2026-09 2026-11 (zonder van: de afgelopen drie maanden).';

/** `leren <gemeente> [van] [tot]` / `learn …`: the anonymised agenda of a local learning group. */
export const learningCommand: ChatCommand = {
  pattern: /^(?:leren|learn)(?:\s+(.+))?$/i,
  usage: USAGE,
  argument: z.string().regex(PERIOD_ARGUMENT),
  async run(context, { actor, argument }, { ctx }) {
    const period = parsePeriodArgument(argument, USAGE);
    await context.sendActivity(MessageFactory.attachment(cardAttachment(learningCardFor(ctx, actor.id, period))));
  },
};
