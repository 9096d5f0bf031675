/** The part of an activity that names its tenant (an inbound one as parsed, or botbuilder's Activity). */
export interface TenantFields {
  channelData?: unknown;
  conversation?: { tenantId?: string | null } | null;
}

/**
 * The tenant ids an activity names: Teams puts the tenant in `channelData.tenant.id` and, for most activities, also
 * in `conversation.tenantId`. Each once, in lower case (tenant ids are GUIDs); empty when it names none.
 */
export function activityTenantIds(activity: TenantFields): string[] {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation = activity.conversation?.tenantId;
  const ids: string[] = [];
  for (const value of [fromChannelData, fromConversation]) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const id = value.trim().toLowerCase();
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The tenant of the activity's conversation (channelData first), or '' when it names none (e.g. some local tools). */
export function activityTenantId(activity: TenantFields): string {
  return activityTenantIds(activity)[0] ?? '';
}
