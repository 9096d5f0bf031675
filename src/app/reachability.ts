import type { Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { bindingsOf } from './bind-member.js';
import type { EndedDelivery } from './store.js';

// Who the bot can reach on its own (a reminder, an escalation, an acute alert in their 1:1 chat), and why not
// (docs/behaviour.md, "Who cannot be reached"). Teams lets a bot start a 1:1 chat only with someone who has the app
// installed; the bot learns of a person's chat when Teams tells it of the install or when they first write. So a person
// is not reachable yet while no chat is known for any of their Teams accounts, and no longer reachable once a delivery
// to them failed for good (403: the bot blocked or removed; 404: the chat is gone), until a later message reaches them.

/** Why a delivery failed for good, read from the reason recorded with it. */
export type FailureKind =
  /** Teams refused to start the 1:1 chat (403): the app is not installed for the person, or blocked. */
  | 'not_installed'
  /** Teams refused the message (403): the person blocked or removed the bot. */
  | 'refused'
  /** Teams no longer knows the chat (404). */
  | 'unknown_chat'
  /** Teams kept failing (5xx, network) until the attempts ran out. */
  | 'gave_up'
  /** No Teams account, or nowhere to start a chat with the one known. */
  | 'no_account'
  | 'other';

export type Reachability =
  | { reachable: true }
  /** The roster names no Teams account (e-mail or UPN only) and the person was never seen by the bot. */
  | { reachable: false; why: 'no_account' }
  /** A Teams account is known, but no 1:1 chat: the app is not installed for them, or they never wrote. */
  | { reachable: false; why: 'no_chat' }
  /** The last message to them failed for good; `since`: when that message was written. */
  | { reachable: false; why: 'failed'; failure: FailureKind; since: number };

export type Unreachable = Exclude<Reachability, { reachable: true }>;

export interface ReachabilityFacts {
  /** The Entra object ids (lower case) the person is known by: bindings that still hold, then the roster's. */
  identities: readonly string[];
  /** One of those has a 1:1 chat with the bot. */
  hasPersonalChat: boolean;
  /** The last 1:1 delivery to them that ended. */
  last: EndedDelivery | undefined;
}

/** `(403)` in "Teams weigert (403): …", `(status 502)` in "gaf op na 8 pogingen (status 502)". */
const STATUS = /\((?:status )?(\d{1,3})\)/;

/**
 * The failure a recorded reason describes (the reasons the delivery loop and the Teams sender write), or undefined
 * when the failure was not about reaching the person at all (the message could not be rendered, or its recipient left
 * the roster): such a failure says nothing about their chat.
 */
export function failureKindOf(reason: string | null): FailureKind | undefined {
  if (reason === null) return 'other';
  if (reason.startsWith('gaf op na')) return 'gave_up';
  const status = STATUS.exec(reason)?.[1];
  if (status === '403') return reason.startsWith('1:1-gesprek starten') ? 'not_installed' : 'refused';
  if (status === '404') return 'unknown_chat';
  if (status !== undefined) return 'other';
  if (/Teams-account|Teams-gesprek/.test(reason)) return 'no_account';
  return undefined;
}

/** The rule, pure: a failure for good counts until a later message reaches the person; then a known chat is needed. */
export function judgeReachability(f: ReachabilityFacts): Reachability {
  if (f.last?.state === 'failed') {
    const failure = failureKindOf(f.last.lastError);
    if (failure !== undefined) return { reachable: false, why: 'failed', failure, since: f.last.createdAt };
  }
  if (f.last?.state === 'sent') return { reachable: true };
  if (f.identities.length === 0) return { reachable: false, why: 'no_account' };
  if (!f.hasPersonalChat) return { reachable: false, why: 'no_chat' };
  return { reachable: true };
}

/** The person's Entra object ids the bot can reach them by: their bindings that still hold (newest first), the roster's. */
export function teamsIdentitiesOf(ctx: Pick<AppContext, 'roster' | 'store'>, member: Member): string[] {
  const bound = bindingsOf(ctx, { ofMember: (id) => ctx.store.reachability.bindingsOf(id) }, member.id).map(
    (b) => b.aadObjectId,
  );
  const listed = member.aadObjectId?.trim().toLowerCase();
  return [...new Set(listed ? [...bound, listed] : bound)];
}

export interface MemberReachability {
  member: Member;
  facts: ReachabilityFacts;
  reachability: Reachability;
}

/** Whether each of these people can be reached now, in three queries whatever their number. */
export function reachabilityOf(
  ctx: Pick<AppContext, 'roster' | 'store'>,
  members: readonly Member[],
): Map<MemberId, MemberReachability> {
  const identities = new Map(members.map((m) => [m.id, teamsIdentitiesOf(ctx, m)]));
  const chats = ctx.store.reachability.withPersonalChat([...identities.values()].flat());
  const last = ctx.store.reachability.lastEndedDeliveries(members.map((m) => m.id));
  const result = new Map<MemberId, MemberReachability>();
  for (const member of members) {
    const ids = identities.get(member.id) ?? [];
    const facts: ReachabilityFacts = {
      identities: ids,
      hasPersonalChat: ids.some((id) => chats.has(id)),
      last: last.get(member.id),
    };
    result.set(member.id, { member, facts, reachability: judgeReachability(facts) });
  }
  return result;
}
