import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { teamCardFor } from '../case/case-cards-for.js';
import { cardAttachment } from '../cards/card-kit.js';
import { CASE_REF, type ChatCommand } from '../chat-command.js';

/** `team <ref>`: the team card (name, organisation and role of each member, and the forms to change the team). */
export const teamCommand: ChatCommand = {
  pattern: /^team(?:\s+(.*))?$/i,
  usage: 'Gebruik: team <ref>, bijvoorbeeld: team CG-REN-2026-0007',
  argument: z
    .string()
    .regex(CASE_REF)
    .transform((s) => s.toUpperCase()),
  async run(context, { actor, argument }, { ctx }) {
    await context.sendActivity(MessageFactory.attachment(cardAttachment(teamCardFor(ctx, actor.id, argument))));
  },
};
