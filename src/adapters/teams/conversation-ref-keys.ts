import { TurnContext, type Activity, type ChannelAccount, type ConversationReference } from 'botbuilder';
import { activityTenantId } from './activity-tenant.js';

/** The key of a person's 1:1 chat reference. Entra object ids are GUIDs: compared in lower case. */
export function userRefKey(aadObjectId: string): string {
  return `user:${aadObjectId.trim().toLowerCase()}`;
}

/** The key of a team's reference (its General channel); `teamId` as Teams sends it in channelData.team.id. */
export function teamRefKey(teamId: string): string {
  return `team:${teamId}`;
}

const INSTALL_ACTIONS = new Set(['add', 'add-upgrade']);

/** Strips a channel thread suffix: Teams sends `19:…@thread.tacv2;messageid=123` for replies in a thread. */
function rootConversationId(id: string): string {
  return id.split(';')[0] ?? id;
}

/**
 * Which conversation references an inbound activity gives us, by key:
 * - `user:<aadObjectId>` for a person's 1:1 (personal) chat with the bot, from any message, invoke, install or
 *   membersAdded there;
 * - `team:<teamId>` when the bot is installed in a team (installationUpdate `add`, or membersAdded naming the bot);
 *   the reference then points at the team's General channel.
 * Channel and group-chat messages give no `user:` reference: that conversation is not the person's own chat.
 * The reference carries ids only: no activity id (a proactive message is not a reply), no display name. It keeps the
 * person's own service URL and tenant (`conversation.tenantId`, taken from channelData when the conversation lacks
 * it): people of several tenants, and guests, are reached where they are (docs/tenants.md).
 */
export function conversationRefKeys(activity: Partial<Activity>): Map<string, Partial<ConversationReference>> {
  const refs = new Map<string, Partial<ConversationReference>>();
  const type = activity.type;
  const conversation = activity.conversation;
  if (!conversation?.id || !activity.serviceUrl) return refs;
  const isInstall = type === 'installationUpdate' && INSTALL_ACTIONS.has(String(activity.action ?? ''));
  const botAdded =
    type === 'conversationUpdate' && (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
  const personAdded = type === 'conversationUpdate' && (activity.membersAdded ?? []).length > 0;
  if (!(type === 'message' || type === 'invoke' || isInstall || personAdded)) return refs;

  const base = TurnContext.getConversationReference(activity);
  delete base.activityId;
  const tenantId = activityTenantId(activity);
  if (base.conversation && !base.conversation.tenantId && tenantId)
    base.conversation = { ...base.conversation, tenantId };
  const from = activity.from;
  const user = from ? ({ id: from.id, aadObjectId: from.aadObjectId, role: from.role } as ChannelAccount) : undefined;

  if (conversation.conversationType === 'personal' && from?.aadObjectId) {
    refs.set(userRefKey(from.aadObjectId), { ...base, user });
  }
  const teamId = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  if (conversation.conversationType === 'channel' && typeof teamId === 'string' && teamId && (isInstall || botAdded)) {
    refs.set(teamRefKey(teamId), {
      ...base,
      user: undefined,
      conversation: { ...conversation, id: rootConversationId(conversation.id) },
    });
  }
  return refs;
}
