import { MessageFactory, TeamsInfo, type Activity, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { openCase } from '../../../app/open-case.js';
import { errorFields } from '../../../app/error-fields.js';
import { retryWhenBusy } from '../../../app/retry-when-busy.js';
import { caseCardFor } from './case-cards-for.js';
import { cardAttachment } from '../cards/card-kit.js';
import type { RouteTools } from '../create-teams-bot.js';
import { cardForConversation, caseRefreshTarget } from '../refresh-views.js';
import { MUNICIPALITY, type ChatCommand } from '../chat-command.js';

/** The conversation-reference key of a case's own channel thread (ConversationRefStore). */
export const caseRefKey = (caseId: number): string => `case:${caseId}`;

function channelOf(context: TurnContext): string | undefined {
  const a = context.activity;
  const data = a.channelData as
    { team?: { id?: unknown }; channel?: { id?: unknown }; teamsChannelId?: unknown } | undefined;
  if (a.conversation?.conversationType !== 'channel' || typeof data?.team?.id !== 'string' || !data.team.id)
    return undefined;
  const channel = data.channel?.id ?? data.teamsChannelId;
  return typeof channel === 'string' && channel ? channel : undefined;
}

/**
 * In a team channel the case gets its own thread (a new conversation in the channel, started with the case card);
 * its reference is kept so the case's messages can go there later. The person gets a short line where they asked.
 * Returns false when the thread could not be started (the case exists already; the caller shows the card instead).
 */
async function startCaseThread(
  context: TurnContext,
  channelId: string,
  caseId: number,
  card: Activity,
  tools: RouteTools,
): Promise<boolean> {
  let reference: object;
  try {
    [reference] = await TeamsInfo.sendMessageToTeamsChannel(context, card, channelId, tools.botAppId);
  } catch (err) {
    tools.logger.warn(
      { caseId, err: { name: (err as Error).name, statusCode: (err as { statusCode?: unknown }).statusCode } },
      'could not start a case thread',
    );
    return false;
  }
  // The thread exists now, whatever happens to its reference: a busy database is waited for here (the turn cannot
  // run again: the case is open and the thread started); a lost reference only means no checklist cards there.
  try {
    const json = JSON.parse(JSON.stringify(reference)) as object;
    await retryWhenBusy(() => tools.ctx.conversations.save(caseRefKey(caseId), json, tools.ctx.clock.now()));
  } catch (err) {
    tools.logger.warn({ caseId, err: errorFields(err) }, 'could not store the case thread reference');
  }
  return true;
}

/** `casus nieuw <gemeente>` / `case new <municipality>`: opens the case at once with the municipality's fixed team. */
export const newCaseCommand: ChatCommand = {
  pattern: /^(?:casus nieuw|case new)(?:\s+(.*))?$/i,
  usage: 'Gebruik: casus nieuw <gemeente>, bijvoorbeeld: casus nieuw Renkum',
  argument: z.string().regex(MUNICIPALITY),
  async run(context, { actor, argument }, tools) {
    const record = openCase(tools.ctx, { by: actor.id, municipality: argument });
    // Asked in a channel or group chat, several people see the card: each case-team member gets their own view.
    const own = await caseCardFor(tools.ctx, tools.state.caseCards, actor.id, record.ref);
    const shown = cardForConversation(
      tools.ctx,
      context.activity.conversation?.conversationType,
      own,
      caseRefreshTarget(record.ref),
    );
    const card = MessageFactory.attachment(cardAttachment(shown)) as Activity;
    const channelId = channelOf(context);
    if (channelId && (await startCaseThread(context, channelId, record.id, card, tools))) {
      await context.sendActivity(`Casus ${record.ref} is aangemaakt; ik heb een draad voor deze casus gestart.`);
      return;
    }
    if (channelId)
      await context.sendActivity(
        `Casus ${record.ref} is aangemaakt, maar een eigen draad starten lukte niet. Hier is de casuskaart.`,
      );
    await context.sendActivity(card);
  },
};
