import { ActivityTypes } from 'botbuilder';
import { digestPreferenceOf } from '../../../app/set-digest-preference.js';
import type { ChatCommand } from '../commands/chat-command.js';
import { digestStatusText } from './digest-texts.js';

/** `digest`: whether the person gets the daily digest, and why (own choice, roster, pilot default). */
export const digestStatusCommand: ChatCommand = {
  pattern: /^digest$/i,
  usage: 'Gebruik: digest',
  async run(context, { actor }, { ctx }) {
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: digestStatusText(ctx, digestPreferenceOf(ctx, actor.id)),
      textFormat: 'plain',
    });
  },
};
