import { ActivityTypes, MessageFactory, type Activity } from 'botbuilder';
import { recordView } from '../../../app/record-view.js';
import { digestItemsFor } from '../../../app/run-daily-digest.js';
import { digestPreferenceOf } from '../../../app/set-digest-preference.js';
import { cardAttachment } from '../cards/card-kit.js';
import { digestCardFor } from '../cards/render-outbound.js';
import type { ChatCommand } from '../chat-command.js';
import { digestStatusText } from './digest-texts.js';

/**
 * `digest`: whether the person gets the daily digest, and why (own choice, roster, pilot default), followed by what
 * today's digest holds right now — the same items and card as the daily run, without sending or using anything up.
 */
export const digestStatusCommand: ChatCommand = {
  pattern: /^digest$/i,
  usage: 'Gebruik: digest',
  async run(context, { actor }, { ctx }) {
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: digestStatusText(ctx, digestPreferenceOf(ctx, actor.id)),
      textFormat: 'plain',
    });
    const today = ctx.calendar.localDate(ctx.clock.now());
    const items = digestItemsFor(ctx, actor.id, today, { preview: true });
    await recordView(ctx, actor.id, { what: 'digest' });
    if (items.length === 0) {
      await context.sendActivity({
        type: ActivityTypes.Message,
        text: 'Er staat vandaag niets in je dagoverzicht: geen termijnen die bijna verlopen, geen open overdrachten en geen escalaties.',
        textFormat: 'plain',
      });
      return;
    }
    await context.sendActivity(
      MessageFactory.attachment(
        cardAttachment(digestCardFor(ctx, today, items, { preview: true })),
      ) as Partial<Activity>,
    );
  },
};
