import {
  addressFingerprint,
  hasAddressFingerprint,
  matchAccount,
  type AccountAddresses,
  type AddressKind,
} from '../domain/member-identity.js';
import type { Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import type { MemberBinding, MemberBindingStore } from './member-binding-store.js';
import { BOT_ACTOR } from './notifications.js';

// Binding a Teams user to their roster entry (docs/tenants.md): on first contact the Teams adapter asks Teams who the
// person is (e-mail, UPN) and calls bindMember; from then on their object id in that tenant identifies them.

export interface BindMemberInput {
  /** The tenant of the conversation (a guest: the host tenant); '' when the activity names none. */
  tenantId: string;
  aadObjectId: string;
  serviceUrl: string;
  /** What Teams says about the person; only compared with the roster, never stored or logged. */
  account: AccountAddresses;
}

export type BindMemberOutcome =
  { kind: 'bound'; member: Member; via: AddressKind } | { kind: 'no_match' } | { kind: 'ambiguous' };

type Ctx = Pick<AppContext, 'roster' | 'store' | 'clock'>;

const key = (aadObjectId: string) => aadObjectId.trim().toLowerCase();

/** A binding counts while its member is in the roster with the address it was bound by. */
function memberOf(ctx: Pick<AppContext, 'roster'>, b: MemberBinding): Member | undefined {
  const member = ctx.roster.member(b.memberId);
  return member && hasAddressFingerprint(member, b.addressFingerprint) ? member : undefined;
}

/** The roster member bound to this object id in this tenant, if the binding still holds. */
export function boundMember(
  ctx: Pick<AppContext, 'roster'>,
  bindings: MemberBindingStore,
  tenantId: string,
  aadObjectId: string,
): Member | undefined {
  const b = bindings.find(tenantId, key(aadObjectId));
  return b ? memberOf(ctx, b) : undefined;
}

/** The member's bindings that still hold, the newest first (where proactive messages can reach them). */
export function bindingsOf(
  ctx: Pick<AppContext, 'roster'>,
  bindings: Pick<MemberBindingStore, 'ofMember'>,
  memberId: MemberId,
): MemberBinding[] {
  return bindings.ofMember(memberId).filter((b) => memberOf(ctx, b) !== undefined);
}

/**
 * Binds the person to the roster entry whose `email` or `upn` is one of their addresses (a guest's home address in
 * its `#EXT#` UPN included), in one transaction with its audit entry `member.bound` (member id, tenant, how it
 * matched; never the address). No match, or addresses of two different members: nothing is bound, and a binding of
 * this object id that no longer holds is removed (`member.unbound`).
 */
export function bindMember(ctx: Ctx, bindings: MemberBindingStore, input: BindMemberInput): BindMemberOutcome {
  const aad = key(input.aadObjectId);
  const match = matchAccount(ctx.roster, input.account);
  const at = ctx.clock.now();
  if (match.kind !== 'matched') {
    const stale = bindings.find(input.tenantId, aad);
    if (stale)
      ctx.store.transaction(() => {
        bindings.remove(input.tenantId, aad);
        ctx.store.audit.append({
          at,
          actor: BOT_ACTOR,
          action: 'member.unbound',
          caseId: null,
          reason: null,
          details: { member: stale.memberId, tenant: input.tenantId },
        });
      });
    return match;
  }
  const before = bindings.find(input.tenantId, aad);
  ctx.store.transaction(() => {
    bindings.save({
      tenantId: input.tenantId,
      aadObjectId: aad,
      memberId: match.member.id,
      serviceUrl: input.serviceUrl,
      addressFingerprint: addressFingerprint(match.address),
      boundAt: at,
    });
    ctx.store.audit.append({
      at,
      actor: BOT_ACTOR,
      action: 'member.bound',
      caseId: null,
      reason: null,
      details: {
        member: match.member.id,
        tenant: input.tenantId,
        via: match.via,
        ...(before && before.memberId !== match.member.id ? { replaces: before.memberId } : {}),
      },
    });
  });
  return { kind: 'bound', member: match.member, via: match.via };
}
