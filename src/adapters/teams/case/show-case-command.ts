import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { caseCardFor } from './case-cards-for.js';
import { cardAttachment } from '../cards/card-kit.js';
import { cardForConversation, caseRefreshTarget } from '../refresh-views.js';
import { CASE_REF, type ChatCommand } from '../chat-command.js';

/** `casus <ref>` / `case <ref>`: the case card, for its members, their team leads and pilot coordinators only. */
export const showCaseCommand: ChatCommand = {
  pattern: /^(?:casus|case)(?:\s+(.*))?$/i,
  usage: 'Gebruik: casus <ref>, bijvoorbeeld: casus CG-REN-2026-0007',
  argument: z
    .string()
    .regex(CASE_REF)
    .transform((s) => s.toUpperCase()),
  async run(context, { actor, argument }, { ctx, state }) {
    const card = await caseCardFor(ctx, state.caseCards, actor.id, argument);
    const type = context.activity.conversation?.conversationType;
    const shown = cardForConversation(ctx, type, card, caseRefreshTarget(argument));
    await context.sendActivity(MessageFactory.attachment(cardAttachment(shown)));
  },
};
