import type { AppContext } from '../../app/app-context.js';
import { teamsIdentitiesOf } from '../../app/reachability.js';
import type { MemberId } from '../../domain/types.js';
import { userRefKey } from './conversation-ref-keys.js';

/**
 * The Teams user ids of roster members, for `refresh.userIds` (one per person, in order, unknown members left out):
 * the `29:` id Teams sent as `from.id` in the person's 1:1 chat (kept in its stored reference), or else the id Teams
 * accepts for an Entra user, `8:orgid:<object id>`.
 */
export function teamsUserIdsOf(ctx: AppContext, memberIds: readonly MemberId[]): string[] {
  const ids: string[] = [];
  for (const memberId of new Set(memberIds)) {
    const member = ctx.roster.member(memberId);
    if (!member) continue;
    const identities = teamsIdentitiesOf(ctx, member);
    const chatId = identities
      .map((aad) => (ctx.conversations.get(userRefKey(aad)) as { user?: { id?: unknown } } | undefined)?.user?.id)
      .find((id): id is string => typeof id === 'string' && id.startsWith('29:'));
    const first = identities[0];
    if (chatId) ids.push(chatId);
    else if (first) ids.push(`8:orgid:${first}`);
  }
  return ids;
}
