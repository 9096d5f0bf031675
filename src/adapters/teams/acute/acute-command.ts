import { MessageFactory, type Activity } from 'botbuilder';
import { z } from 'zod';
import { CASE_REF, type ChatCommand } from '../chat-command.js';
import { cardAttachment } from '../cards/card-kit.js';
import { confirmAcute } from './acute-report.js';

/** `acuut <ref>` / `acute <ref>`: the crisis routes at once, and one confirmation before the team is alarmed. */
export const acuteCommand: ChatCommand = {
  pattern: /^(?:acuut|acute)(?:\s+(.*))?$/i,
  usage:
    'Gebruik: acuut <casusnummer>, bijvoorbeeld: acuut CG-ARN-2026-0001. Direct gevaar? Bel 112; Veilig Thuis: 0800-2000.',
  argument: z.string().regex(CASE_REF),
  async run(context, { actor, argument }, { ctx }) {
    const card = confirmAcute(ctx, actor, argument);
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)) as Partial<Activity>);
  },
};
