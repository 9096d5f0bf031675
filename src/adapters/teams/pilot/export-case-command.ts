import { ActivityTypes } from 'botbuilder';
import { z } from 'zod';
import { exportCaseHistory } from '../../../app/queries/export-case-history.js';
import { CASE_REF, type ChatCommand } from '../commands/chat-command.js';
import { splitText } from './split-text.js';

/** A Teams message stays well under its ~28 KB limit with this many characters (header included). */
export const MAX_MESSAGE_CHARS = 20_000;
const HEADER_ROOM = 1_000;

export function exportIntro(caseRef: string, parts: number): string {
  return [
    `Inzage-overzicht (AVG art. 15) van casus ${caseRef}: alles wat de teammodel-bot over deze casus vastlegde — wie wat wanneer vastlegde, en waarom${parts > 1 ? ` (in ${parts} delen)` : ''}.`,
    'Let op: dit overzicht bevat geen gegevens over het gezin, alleen de coördinatie in de bot. Ga ermee om volgens de inzageprocedure van je eigen organisatie.',
  ].join('\n');
}

/**
 * `casus <ref> export` / `case <ref> export`: the case history for an inzageverzoek, for members and pilot coordinators
 * (the use case refuses others and audit-logs the export). Plain text, split over several messages when long.
 */
export const exportCaseCommand: ChatCommand = {
  pattern: /^(?:casus|case)\s+(\S+)\s+export$/i,
  usage: 'Gebruik: casus <ref> export, bijvoorbeeld: casus CG-REN-2026-0007 export',
  argument: z
    .string()
    .regex(CASE_REF)
    .transform((s) => s.toUpperCase()),
  async run(context, { actor, argument }, { ctx }) {
    const parts = splitText(
      exportCaseHistory(ctx, { by: actor.id, caseRef: argument }),
      MAX_MESSAGE_CHARS - HEADER_ROOM,
    );
    for (const [i, part] of parts.entries()) {
      const header =
        i === 0
          ? exportIntro(argument, parts.length)
          : `Inzage-overzicht casus ${argument}, deel ${i + 1} van ${parts.length}`;
      await context.sendActivity({ type: ActivityTypes.Message, text: `${header}\n\n${part}`, textFormat: 'plain' });
    }
  },
};
