import { describe, expect, it } from 'vitest';
import {
  accountAddresses,
  addressFingerprint,
  guestHomeAddress,
  hasAddressFingerprint,
  matchAccount,
} from '../../src/domain/member-identity.js';
import { parseRoster, type Roster } from '../../src/domain/roster.js';

type Extra = { name?: string; email?: string; upn?: string; aadObjectId?: string };
const prof = (id: string, org: string, lead: string) => ({
  id,
  org,
  orgName: `${org} Tiel`,
  role: 'professional',
  lead,
});
const teamLead = (id: string, org: string) => ({ id, org, orgName: `${org} Tiel`, role: 'team_lead' });
const rosterInput = (members: Array<ReturnType<typeof teamLead> & Extra>, fixedTeams: Record<string, object>) => ({
  members,
  fixedTeams,
});

// docs/tenants.md: a Teams user whom the roster does not know by Entra object id is recognised by the e-mail address
// or UPN Teams gives for them, case-insensitively; a B2B guest by the home address inside their #EXT# UPN.

function roster(extra: Record<string, Extra> = {}): Roster {
  const input = rosterInput(
    [
      { ...prof('vt-1', 'VT', 'lead-vt'), ...extra['vt-1'] },
      { ...prof('gi-1', 'GI', 'lead-vt'), ...extra['gi-1'] },
      teamLead('lead-vt', 'VT'),
    ],
    { Tiel: { VT: 'vt-1' } },
  );
  const r = parseRoster(input);
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r.roster;
}

describe("a guest's home address from their UPN", () => {
  it.each([
    ['jan_gemeente.nl#EXT#@host.onmicrosoft.com', 'jan@gemeente.nl'],
    ['Jan.Jansen_Gemeente.NL#EXT#@Host.onmicrosoft.com', 'jan.jansen@gemeente.nl'],
    ['jan_de_vries_raad.example.nl#ext#@host.onmicrosoft.com', 'jan_de_vries@raad.example.nl'],
    ['  jan_gemeente.nl#EXT#@host.onmicrosoft.com ', 'jan@gemeente.nl'],
  ])('%s → %s', (upn, home) => {
    expect(guestHomeAddress(upn)).toBe(home);
  });

  it.each([
    'jan@gemeente.nl', // a member's own UPN, not a guest's
    'jan#EXT#@host.onmicrosoft.com', // no underscore: no home address inside
    '_gemeente.nl#EXT#@host.onmicrosoft.com', // nothing before the @
    'jan_#EXT#@host.onmicrosoft.com', // nothing after it
    'jan_localhost#EXT#@host.onmicrosoft.com', // not a domain name
    'jan_gemeente.nl#EXT#', // no host tenant part
    '',
  ])('%j is not a guest UPN with a home address', (upn) => {
    expect(guestHomeAddress(upn)).toBeUndefined();
  });
});

describe('the addresses an account is tried by', () => {
  it('e-mail first, then the home address in a guest UPN, then the UPN itself; each once, in lower case', () => {
    expect(
      accountAddresses({ email: 'Jan@Gemeente.nl', userPrincipalName: 'jan_gemeente.nl#EXT#@host.onmicrosoft.com' }),
    ).toEqual([
      { address: 'jan@gemeente.nl', kind: 'email' },
      { address: 'jan_gemeente.nl#ext#@host.onmicrosoft.com', kind: 'upn' },
    ]);
    expect(accountAddresses({ userPrincipalName: 'jan_gemeente.nl#EXT#@host.onmicrosoft.com' })).toEqual([
      { address: 'jan@gemeente.nl', kind: 'guest_upn' },
      { address: 'jan_gemeente.nl#ext#@host.onmicrosoft.com', kind: 'upn' },
    ]);
    expect(accountAddresses({ email: null, userPrincipalName: 'J.Jansen@Gemeente.nl' })).toEqual([
      { address: 'j.jansen@gemeente.nl', kind: 'upn' },
    ]);
    expect(accountAddresses({ email: '', userPrincipalName: 'not-an-address' })).toEqual([]);
  });
});

describe('matching an account to the roster', () => {
  const r = roster({
    'vt-1': { email: 'Vera.Tiel@VeiligThuis.example' },
    'gi-1': { email: 'sem@gi.example', upn: 's.jansen@gi.example' },
  });

  it('by e-mail, ignoring case', () => {
    expect(matchAccount(r, { email: 'vera.tiel@veiligthuis.EXAMPLE' })).toMatchObject({
      kind: 'matched',
      member: { id: 'vt-1' },
      via: 'email',
    });
  });

  it("by the roster's upn when the e-mail Teams gives is another one", () => {
    expect(matchAccount(r, { email: 'other@gi.example', userPrincipalName: 'S.Jansen@gi.example' })).toMatchObject({
      kind: 'matched',
      member: { id: 'gi-1' },
      via: 'upn',
    });
  });

  it('a guest by the home address in their #EXT# UPN, when Teams gives no e-mail', () => {
    expect(
      matchAccount(r, { userPrincipalName: 'vera.tiel_veiligthuis.example#EXT#@gastheer.onmicrosoft.com' }),
    ).toMatchObject({
      kind: 'matched',
      member: { id: 'vt-1' },
      via: 'guest_upn',
      address: 'vera.tiel@veiligthuis.example',
    });
  });

  it('nobody, for an address the roster does not have (a look-alike domain included)', () => {
    expect(matchAccount(r, { email: 'vera.tiel@veiligthuis.example.evil' })).toEqual({ kind: 'no_match' });
    expect(matchAccount(r, { userPrincipalName: 'vera.tiel_veiligthuis.examp1e#EXT#@x.onmicrosoft.com' })).toEqual({
      kind: 'no_match',
    });
    expect(matchAccount(r, {})).toEqual({ kind: 'no_match' });
  });

  it('nobody, when the e-mail is one member and the UPN another', () => {
    expect(matchAccount(r, { email: 'sem@gi.example', userPrincipalName: 'vera.tiel@veiligthuis.example' })).toEqual({
      kind: 'ambiguous',
    });
  });
});

describe('the address fingerprint of a binding', () => {
  it('is the same for the same address in any case, and not the address', () => {
    const f = addressFingerprint('Sem@GI.example');
    expect(f).toBe(addressFingerprint(' sem@gi.example'));
    expect(f).toMatch(/^[0-9a-f]{64}$/);
    expect(f).not.toContain('sem');
  });

  it("holds only while the member's roster entry has that address", () => {
    const r = roster({ 'gi-1': { email: 'sem@gi.example', upn: 's.jansen@gi.example' } });
    const gi = r.member('gi-1')!;
    expect(hasAddressFingerprint(gi, addressFingerprint('sem@gi.example'))).toBe(true);
    expect(hasAddressFingerprint(gi, addressFingerprint('s.jansen@gi.example'))).toBe(true);
    expect(hasAddressFingerprint(gi, addressFingerprint('someone.else@gi.example'))).toBe(false);
  });
});

describe('roster validation of addresses', () => {
  const problemsOf = (input: unknown, options?: Parameters<typeof parseRoster>[1]) => {
    const r = parseRoster(input, options);
    return 'problems' in r ? r.problems : [];
  };

  it('in the roster file, refuses one address for two members, whatever its case, in email or upn', () => {
    const input = rosterInput(
      [
        { ...prof('vt-1', 'VT', 'lead-vt'), email: 'Vera@vt.example' },
        { ...prof('gi-1', 'GI', 'lead-vt'), upn: 'vera@VT.example' },
        { ...teamLead('lead-vt', 'VT'), aadObjectId: 'aad-lead' },
      ],
      { Tiel: { VT: 'vt-1' } },
    );
    expect(problemsOf(input, { requireTeamsIdentity: true })).toEqual([
      { path: 'members[1].upn', message: 'address also used by member "vt-1"' },
    ]);
    // A scenario roster loads, and the shared address identifies nobody.
    const r = parseRoster(input);
    expect('roster' in r && r.roster.byAddress('vera@vt.example')).toBeUndefined();
    expect('roster' in r && matchAccount(r.roster, { email: 'vera@vt.example' })).toEqual({ kind: 'no_match' });
  });

  it("allows a member's e-mail and upn to be the same address", () => {
    const input = rosterInput(
      [
        { ...prof('vt-1', 'VT', 'lead-vt'), email: 'vera@vt.example', upn: 'Vera@vt.example' },
        teamLead('lead-vt', 'VT'),
      ],
      { Tiel: { VT: 'vt-1' } },
    );
    expect(problemsOf(input)).toEqual([]);
  });

  it('in the roster file, every member needs aadObjectId, email or upn', () => {
    const input = rosterInput(
      [
        { ...prof('vt-1', 'VT', 'lead-vt'), name: 'Vera (fictief)', email: 'vera@vt.example' },
        { ...prof('gi-1', 'GI', 'lead-vt'), name: 'Sem (fictief)', aadObjectId: 'aad-gi' },
        { ...prof('rvdk-1', 'RVDK', 'lead-vt'), name: 'Tess (fictief)', upn: 'tess@raad.example' },
        { ...teamLead('lead-vt', 'VT'), name: 'Carla (fictief)' },
      ],
      { Tiel: { VT: 'vt-1' } },
    );
    expect(problemsOf(input, { requireNames: true, requireTeamsIdentity: true })).toEqual([
      {
        path: 'members[3]',
        message: 'needs aadObjectId, email or upn: otherwise the bot cannot recognise this member in Teams',
      },
    ]);
    // Scenario rosters replay without Teams: no such rule there.
    expect(problemsOf(input)).toEqual([]);
  });

  it('byAddress finds a member by email or upn, ignoring case and spaces', () => {
    const r = roster({ 'gi-1': { email: 'sem@gi.example', upn: 's.jansen@gi.example' } });
    expect(r.byAddress(' SEM@gi.example ')?.id).toBe('gi-1');
    expect(r.byAddress('s.jansen@GI.example')?.id).toBe('gi-1');
    expect(r.byAddress('nobody@gi.example')).toBeUndefined();
  });
});
