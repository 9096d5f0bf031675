import { createHash } from 'node:crypto';
import type { Roster } from './roster.js';
import type { Member } from './types.js';

// Recognising a Teams user who is not in the roster by Entra object id: by the e-mail address or user principal name
// (UPN) Teams gives for them, matched case-insensitively against the roster's `email` and `upn` (docs/tenants.md).
// A B2B guest has a UPN of the host tenant, `jan_gemeente.nl#EXT#@host.onmicrosoft.com`: the address before `#EXT#`
// is their home address with its `@` written as `_`.

/** How an account was matched to its roster entry (recorded in the audit log; never the address itself). */
export type AddressKind = 'email' | 'upn' | 'guest_upn';

export interface AccountAddresses {
  email?: string | null;
  userPrincipalName?: string | null;
}

/** Addresses are compared trimmed and in lower case (Entra treats them case-insensitively). */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

const GUEST_UPN = /^(.+)#ext#@[^@\s]+$/i;

/**
 * The home address behind a guest's UPN: `jan_gemeente.nl#EXT#@host.onmicrosoft.com` → `jan@gemeente.nl`. The last
 * `_` stands for the `@` (a domain name has no underscore; a local part may: `jan_de_vries_gemeente.nl#EXT#@…` is
 * `jan_de_vries@gemeente.nl`). Undefined when the UPN is not a guest's.
 */
export function guestHomeAddress(upn: string): string | undefined {
  const m = GUEST_UPN.exec(upn.trim());
  if (!m) return undefined;
  const local = m[1]!;
  const at = local.lastIndexOf('_');
  if (at <= 0 || at === local.length - 1) return undefined;
  const domain = local.slice(at + 1);
  if (!domain.includes('.') || domain.startsWith('.') || domain.endsWith('.')) return undefined;
  return normaliseAddress(`${local.slice(0, at)}@${domain}`);
}

/** The addresses an account can be recognised by, each once, in the order they are tried. */
export function accountAddresses(account: AccountAddresses): Array<{ address: string; kind: AddressKind }> {
  const out: Array<{ address: string; kind: AddressKind }> = [];
  const add = (value: string | null | undefined, kind: AddressKind) => {
    if (typeof value !== 'string' || !value.includes('@')) return;
    const address = normaliseAddress(value);
    if (!out.some((a) => a.address === address)) out.push({ address, kind });
  };
  add(account.email, 'email');
  const upn = account.userPrincipalName;
  if (typeof upn === 'string') {
    add(guestHomeAddress(upn), 'guest_upn');
    add(upn, 'upn');
  }
  return out;
}

export type AccountMatch =
  | { kind: 'matched'; member: Member; address: string; via: AddressKind }
  | { kind: 'no_match' }
  /** The account's addresses lead to two different roster members: nobody is bound. */
  | { kind: 'ambiguous' };

/** Which roster member an account is, by its e-mail address, its UPN or (a guest) the home address in its UPN. */
export function matchAccount(roster: Roster, account: AccountAddresses): AccountMatch {
  let found: { member: Member; address: string; via: AddressKind } | undefined;
  for (const { address, kind } of accountAddresses(account)) {
    const member = roster.byAddress(address);
    if (!member) continue;
    if (found && found.member.id !== member.id) return { kind: 'ambiguous' };
    found ??= { member, address, via: kind };
  }
  return found ? { kind: 'matched', ...found } : { kind: 'no_match' };
}

/**
 * A one-way fingerprint of a roster address, stored with a binding instead of the address: a binding counts only while
 * its member's roster entry still has that address, so correcting a wrong e-mail in the roster undoes the binding.
 */
export function addressFingerprint(address: string): string {
  return createHash('sha256')
    .update(`teammodel-member-address:${normaliseAddress(address)}`)
    .digest('hex');
}

/** Whether `fingerprint` is of one of the member's current roster addresses (`email`, `upn`). */
export function hasAddressFingerprint(member: Member, fingerprint: string): boolean {
  return [member.email, member.upn].some((a) => a !== undefined && addressFingerprint(a) === fingerprint);
}
