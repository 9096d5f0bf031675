import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { eventFormCardFor } from '../case/event-form-action.js';
import { cardAttachment } from '../cards/card-kit.js';
import { CASE_REF, type ChatCommand } from '../chat-command.js';

/**
 * `consult <ref>` / `consultatie <ref>`: the form to ask a colleague of another organisation for advice on the case,
 * for whoever may change it (others get "niet gevonden of geen toegang", whether the case exists or not).
 */
export const consultCommand: ChatCommand = {
  pattern: /^(?:consultatie|consult)(?:\s+(.*))?$/i,
  usage: 'Gebruik: consult <ref>, bijvoorbeeld: consult CG-REN-2026-0007',
  argument: z
    .string()
    .regex(CASE_REF)
    .transform((s) => s.toUpperCase()),
  async run(context, { actor, argument }, { ctx }) {
    const card = eventFormCardFor(ctx, actor.id, argument, 'consult_requested');
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
  },
};
