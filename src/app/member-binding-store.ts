import type { MemberId } from '../domain/types.js';

/**
 * A Teams user bound to their roster entry on first contact (docs/tenants.md): someone the roster names by e-mail or
 * UPN, or whose object id in this tenant is not the one in the roster (a B2B guest has another object id in the host
 * tenant than at home). Holds ids and where to reach them, never the address itself.
 */
export interface MemberBinding {
  /** The tenant of the conversation the person was seen in (a guest: the host tenant). */
  tenantId: string;
  /** Their Entra object id in that tenant, lower case. */
  aadObjectId: string;
  memberId: MemberId;
  /** The Bot Connector endpoint of that tenant's conversations (Teams' serviceUrl). */
  serviceUrl: string;
  /** addressFingerprint() of the roster address that matched: the binding lapses when the roster drops it. */
  addressFingerprint: string;
  boundAt: number;
}

export interface MemberBindingStore {
  find(tenantId: string, aadObjectId: string): MemberBinding | undefined;
  /** Every binding of a member, the newest first. */
  ofMember(memberId: MemberId): MemberBinding[];
  /** Inserts, or replaces the binding of the same tenant and object id. */
  save(binding: MemberBinding): void;
  remove(tenantId: string, aadObjectId: string): void;
}
