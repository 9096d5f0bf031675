import { ActivityTypes } from 'botbuilder';
import { z } from 'zod';
import { setDigestPreference } from '../../../app/set-digest-preference.js';
import type { ChatCommand } from '../chat-command.js';
import { digestChangedText } from './digest-texts.js';

const ON = new Set(['aan', 'on']);

/** `digest aan|uit` / `digest on|off`: the person's own choice for the daily digest. */
export const digestCommand: ChatCommand = {
  pattern: /^digest\s+(.+)$/i,
  usage: "Gebruik: digest aan of digest uit (en 'digest' om te zien hoe het nu staat)",
  argument: z
    .string()
    .regex(/^(?:aan|uit|on|off)$/i)
    .transform((s) => s.toLowerCase()),
  async run(context, { actor, argument }, { ctx }) {
    const { on } = setDigestPreference(ctx, { by: actor.id, on: ON.has(argument) });
    await context.sendActivity({ type: ActivityTypes.Message, text: digestChangedText(ctx, on), textFormat: 'plain' });
  },
};
