import { MessageFactory, type Activity } from 'botbuilder';
import { z } from 'zod';
import { CASE_REF, type ChatCommand } from '../commands/chat-command.js';
import { cardAttachment } from '../cards/card-kit.js';
import { reportAcute } from './acute-report.js';

/** `acuut <ref>` / `acute <ref>`: no form and no confirmation — the crisis routes come back at once. */
export const acuteCommand: ChatCommand = {
  pattern: /^(?:acuut|acute)(?:\s+(.*))?$/i,
  usage:
    'Gebruik: acuut <casusnummer>, bijvoorbeeld: acuut CG-ARN-2026-0001. Direct gevaar? Bel 112; Veilig Thuis: 0800-2000.',
  argument: z.string().regex(CASE_REF),
  async run(context, { actor, argument }, { ctx }) {
    const card = reportAcute(ctx, actor, argument);
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)) as Partial<Activity>);
  },
};
