import type { Activity, ChannelAccount, ConversationAccount, ConversationReference } from 'botbuilder';
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
 * The reference fields a proactive message needs, and nothing else: ids, the tenant, the service URL, the kind of
 * conversation. Never a name: Teams puts the display names of people, of the bot, of group chats and of channels
 * ("Gezin Jansen - Kerkstraat 12") in `name`, and a group chat's or channel's name is typed by people and may name a
 * family. Nor `properties`, `locale` or an activity id (a proactive message is not a reply).
 */
function idsOnly(activity: Partial<Activity>, conversationId: string): Partial<ConversationReference> {
  const c = activity.conversation;
  const tenantId = c?.tenantId ?? activityTenantId(activity);
  const conversation = {
    id: conversationId,
    ...(c?.conversationType !== undefined ? { conversationType: c.conversationType } : {}),
    ...(c?.isGroup !== undefined ? { isGroup: c.isGroup } : {}),
    ...(tenantId ? { tenantId } : {}),
  } as ConversationAccount;
  const bot = activity.recipient?.id ? ({ id: activity.recipient.id } as ChannelAccount) : undefined;
  return {
    ...(activity.channelId !== undefined ? { channelId: activity.channelId } : {}),
    ...(activity.serviceUrl !== undefined ? { serviceUrl: activity.serviceUrl } : {}),
    ...(bot ? { bot } : {}),
    conversation,
  };
}

/**
 * Which conversation references an inbound activity gives us, by key:
 * - `user:<aadObjectId>` for a person's 1:1 (personal) chat with the bot, from any message, invoke, install or
 *   membersAdded there;
 * - `team:<teamId>` when the bot is installed in a team (installationUpdate `add`, or membersAdded naming the bot);
 *   the reference then points at the team's General channel.
 * Channel and group-chat messages give no `user:` reference: that conversation is not the person's own chat.
 * The reference carries ids only (idsOnly): no display name of a person, the bot, a chat, a channel or a team. It
 * keeps the person's own service URL and tenant (`conversation.tenantId`, taken from channelData when the
 * conversation lacks it): people of several tenants, and guests, are reached where they are (docs/tenants.md).
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

  const from = activity.from;
  if (conversation.conversationType === 'personal' && from?.aadObjectId) {
    const user = {
      id: from.id,
      aadObjectId: from.aadObjectId,
      ...(from.role !== undefined ? { role: from.role } : {}),
    } as ChannelAccount;
    refs.set(userRefKey(from.aadObjectId), { ...idsOnly(activity, conversation.id), user });
  }
  const teamId = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  if (conversation.conversationType === 'channel' && typeof teamId === 'string' && teamId && (isInstall || botAdded)) {
    refs.set(teamRefKey(teamId), idsOnly(activity, rootConversationId(conversation.id)));
  }
  return refs;
}
