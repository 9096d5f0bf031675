import { ActivityTypes, MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AppContext } from '../../../app/app-context.js';
import { listUnreachable } from '../../../app/queries/list-unreachable.js';
import { recordView } from '../../../app/record-view.js';
import { dutchDateLong } from '../../../domain/dutch-date.js';
import { ROLE_LABELS, type MemberId } from '../../../domain/types.js';
import { cardAttachment, type AdaptiveCard } from '../cards/card-kit.js';
import { unreachableText } from './reachability-labels.js';
import { MUNICIPALITY, type ChatCommand } from '../chat-command.js';
import { PERSONAL_CHAT_ONLY_TEXT } from './export-file-consent.js';
import { reachabilityCard } from './reachability-card.js';

// `bereikbaarheid [gemeente]` / `reachability`: whom the bot cannot reach on its own, per municipality of the pilot
// coordinator's pilot (the query refuses anyone else). It names colleagues who blocked the bot or never installed it:
// asked in the personal chat only, not in a channel the whole team reads. Looking is on record (reachability.viewed).

/** The query's answer as the card shows it; the view is audit-logged with the municipality asked for, if any. */
export function reachabilityCardFor(ctx: AppContext, by: MemberId, municipality?: string): AdaptiveCard {
  const result = listUnreachable(ctx, { by, ...(municipality !== undefined ? { municipality } : {}) });
  void recordView(ctx, by, {
    what: 'reachability',
    ...(municipality !== undefined ? { municipality: result[0]!.municipality } : {}),
  });
  return reachabilityCard({
    municipalities: result.map((m) => ({
      municipality: m.municipality,
      people: m.people,
      unreachable: m.unreachable.map(({ member, why }) => ({
        who: `${member.name}, ${ROLE_LABELS[member.role]}, ${member.orgName}`,
        why: unreachableText(why, why.why === 'failed' ? dutchDateLong(ctx.calendar.localDate(why.since)) : undefined),
      })),
    })),
  });
}

async function answer(context: TurnContext, ctx: AppContext, by: MemberId, municipality?: string): Promise<void> {
  if (context.activity.conversation?.conversationType !== 'personal') {
    await context.sendActivity({ type: ActivityTypes.Message, text: PERSONAL_CHAT_ONLY_TEXT, textFormat: 'plain' });
    return;
  }
  await context.sendActivity(MessageFactory.attachment(cardAttachment(reachabilityCardFor(ctx, by, municipality))));
}

/** `bereikbaarheid`: every municipality of the coordinator's pilot. */
export const reachabilityCommand: ChatCommand = {
  pattern: /^(?:bereikbaarheid|reachability)$/i,
  usage: 'Gebruik: bereikbaarheid of bereikbaarheid <gemeente>',
  async run(context, { actor }, { ctx }) {
    await answer(context, ctx, actor.id);
  },
};

/** `bereikbaarheid <gemeente>`: one municipality of the pilot. */
export const reachabilityMunicipalityCommand: ChatCommand = {
  pattern: /^(?:bereikbaarheid|reachability)\s+(.+)$/i,
  usage: 'Gebruik: bereikbaarheid <gemeente>, bijvoorbeeld: bereikbaarheid Arnhem',
  argument: z.string().regex(MUNICIPALITY),
  async run(context, { actor, argument }, { ctx }) {
    await answer(context, ctx, actor.id, argument);
  },
};
