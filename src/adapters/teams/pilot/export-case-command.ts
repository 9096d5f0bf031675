import { ActivityTypes } from 'botbuilder';
import { z } from 'zod';
import { exportCaseHistory } from '../../../app/queries/export-case-history.js';
import { CASE_REF, type ChatCommand } from '../chat-command.js';
import {
  exportFileBytes,
  exportFileName,
  fileConsentAttachment,
  PERSONAL_CHAT_ONLY_TEXT,
} from './export-file-consent.js';
import { splitText } from './split-text.js';

/** A Teams message stays well under its ~28 KB limit with this many characters (header included). */
export const MAX_MESSAGE_CHARS = 20_000;
const HEADER_ROOM = 1_000;

/** Above the document in the chat, for the professional (the document itself speaks to the family). */
export function exportIntro(caseRef: string, parts: number): string {
  return [
    `Inzage-overzicht (AVG art. 15) van casus ${caseRef}, om aan het gezin te geven${parts > 1 ? ` (in ${parts} delen)` : ''}.`,
    'Ga ermee om volgens de inzageprocedure van je eigen organisatie.',
  ].join('\n');
}

export const FILE_OFFER_TEXT =
  'Wil je het overzicht als bestand, om te printen of te mailen? Sta het bestand hieronder toe; het komt in je OneDrive.';

/**
 * `casus <ref> export` / `case <ref> export`: the inzage document (AVG art. 15), for members and pilot coordinators
 * (the use case refuses others and audit-logs the export). Only in the person's own chat: there it comes as plain text,
 * split over several messages when long, followed by a file consent card that offers it as a .txt file
 * (export-file-consent.ts). In a channel or group chat the family's data would be read by everyone: the bot says where
 * to ask instead, and makes no document.
 */
export const exportCaseCommand: ChatCommand = {
  pattern: /^(?:casus|case)\s+(\S+)\s+export$/i,
  usage: 'Gebruik: casus <ref> export, bijvoorbeeld: casus CG-REN-2026-0007 export',
  argument: z
    .string()
    .regex(CASE_REF)
    .transform((s) => s.toUpperCase()),
  async run(context, { actor, argument }, { ctx }) {
    if (context.activity.conversation?.conversationType !== 'personal') {
      await context.sendActivity({ type: ActivityTypes.Message, text: PERSONAL_CHAT_ONLY_TEXT, textFormat: 'plain' });
      return;
    }
    const document = exportCaseHistory(ctx, { by: actor.id, caseRef: argument });
    const parts = splitText(document, MAX_MESSAGE_CHARS - HEADER_ROOM);
    for (const [i, part] of parts.entries()) {
      const header =
        i === 0
          ? exportIntro(argument, parts.length)
          : `Inzage-overzicht casus ${argument}, deel ${i + 1} van ${parts.length}`;
      await context.sendActivity({ type: ActivityTypes.Message, text: `${header}\n\n${part}`, textFormat: 'plain' });
    }
    // The file is made again when the person accepts (nothing is kept meanwhile); its size now is Teams' estimate.
    const name = exportFileName(argument, ctx.calendar.localDate(ctx.clock.now()));
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: FILE_OFFER_TEXT,
      textFormat: 'plain',
      attachments: [fileConsentAttachment(argument, name, exportFileBytes(document).length)],
    });
  },
};
