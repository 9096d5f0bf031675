import { z } from 'zod';
import { normaliseAddress } from './member-identity.js';
import { ORG_TYPES, ROLES, type Member, type MemberId, type OrgType } from './types.js';

// The roster of fixed faces (vaste gezichten) per municipality: docs/scenario-format.md, `roster`.

const memberSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'use letters, digits, dot, underscore or hyphen (max 64)'),
    name: z.string().min(1).max(100).optional(),
    org: z.enum(ORG_TYPES),
    orgName: z.string().min(1).max(120),
    role: z.enum(ROLES),
    lead: z.string().min(1).optional(),
    aadObjectId: z.string().min(1).max(64).optional(),
    /** E-mail address and user principal name: how a Teams user is recognised on first contact (docs/tenants.md). */
    email: z.string().email().max(254).optional(),
    upn: z.string().email('a user principal name looks like an e-mail address').max(254).optional(),
    digest: z.boolean().optional(),
    /** pilot_coordinator only, required: the municipalities of their pilot. */
    municipalities: z.array(z.string().min(1)).min(1).optional(),
    /** RET members: the region codes they serve (e.g. "CG"). */
    regions: z.array(z.string().min(1).max(10)).min(1).optional(),
    /** Who stands in while this member is away (a member id). */
    deputy: z.string().min(1).optional(),
  })
  .strict();

export const rosterSchema = z
  .object({
    members: z.array(memberSchema).min(1),
    fixedTeams: z.record(z.string().min(1), z.record(z.enum(ORG_TYPES), z.string().min(1))),
  })
  .strict();

export type RosterInput = z.infer<typeof rosterSchema>;

export interface Roster {
  readonly members: readonly Member[];
  readonly municipalities: readonly string[];
  member(id: MemberId): Member | undefined;
  byAadObjectId(aadObjectId: string): Member | undefined;
  /** The member whose `email` or `upn` is this address (case-insensitive). */
  byAddress(address: string): Member | undefined;
  leadOf(id: MemberId): Member | undefined;
  /** The fixed faces of a municipality, keyed by organisation type. */
  fixedTeam(municipality: string): Partial<Record<OrgType, MemberId>> | undefined;
  /** Case-insensitive municipality lookup; returns the roster's own spelling. */
  findMunicipality(name: string): string | undefined;
  pilotCoordinators(): Member[];
  /** The youth protectors: professionals of a certified institution (GI), whom "jeugdbeschermer toegewezen" names. */
  jeugdbeschermers(): Member[];
  /** The regional expert team's members who serve `region` (a region code such as "CG"). */
  expertTeam(region: string): Member[];
  /** Whether `id` has a digest preference in the roster (undefined = follow the pilot default). */
  digestPreference(id: MemberId): boolean | undefined;
  /** The members whose lead chain passes through `id` (the people they lead, directly or further down). */
  ledBy(id: MemberId): MemberId[];
  /** True when `leadId` is somewhere up the lead chain of `id`. */
  leads(leadId: MemberId, id: MemberId): boolean;
}

export interface RosterProblem {
  path: string;
  message: string;
}

function pathOf(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** Validates a parsed roster (from the roster file or a scenario) and reports every problem with its JSON path. */
export function parseRoster(
  input: unknown,
  options: {
    requireNames?: boolean;
    /**
     * The roster file: every member needs a way to be recognised in Teams (aadObjectId, email or upn), and an address
     * may belong to one member only. Elsewhere (scenario rosters) a shared address simply identifies nobody.
     */
    requireTeamsIdentity?: boolean;
  } = {},
): { roster: Roster } | { problems: RosterProblem[] } {
  const parsed = rosterSchema.safeParse(input);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })) };
  }
  const data = parsed.data;
  const problems: RosterProblem[] = [];
  const byId = new Map<MemberId, Member>();
  const byAad = new Map<string, Member>();
  const byAddress = new Map<string, Member>();
  const sharedAddresses = new Set<string>();
  data.members.forEach((m, i) => {
    if (byId.has(m.id)) problems.push({ path: `members[${i}].id`, message: `duplicate member id "${m.id}"` });
    if (options.requireNames && !m.name)
      problems.push({ path: `members[${i}].name`, message: 'required in the roster file' });
    if (options.requireTeamsIdentity && !m.aadObjectId && !m.email && !m.upn)
      problems.push({
        path: `members[${i}]`,
        message: 'needs aadObjectId, email or upn: otherwise the bot cannot recognise this member in Teams',
      });
    const member: Member = { ...m, name: m.name ?? m.id };
    byId.set(m.id, member);
    if (m.aadObjectId) {
      if (byAad.has(m.aadObjectId))
        problems.push({ path: `members[${i}].aadObjectId`, message: 'used by two members' });
      byAad.set(m.aadObjectId, member);
    }
    // One address, one person: an address shared by two entries would let either person act as the other.
    for (const field of ['email', 'upn'] as const) {
      const value = m[field];
      if (value === undefined) continue;
      const key = normaliseAddress(value);
      const holder = byAddress.get(key);
      if (!holder || holder.id === m.id) byAddress.set(key, member);
      else if (options.requireTeamsIdentity)
        problems.push({ path: `members[${i}].${field}`, message: `address also used by member "${holder.id}"` });
      else sharedAddresses.add(key);
    }
  });
  data.members.forEach((m, i) => {
    if (m.lead === undefined) return;
    if (!byId.has(m.lead)) problems.push({ path: `members[${i}].lead`, message: `unknown member "${m.lead}"` });
    else if (m.lead === m.id)
      problems.push({ path: `members[${i}].lead`, message: 'a member cannot be their own lead' });
  });
  data.members.forEach((m, i) => {
    const seen = new Set<string>([m.id]);
    let cur = m.lead ? byId.get(m.lead) : undefined;
    while (cur) {
      if (seen.has(cur.id)) {
        problems.push({ path: `members[${i}].lead`, message: 'the lead chain loops back' });
        break;
      }
      seen.add(cur.id);
      cur = cur.lead ? byId.get(cur.lead) : undefined;
    }
  });
  data.members.forEach((m, i) => {
    if (m.deputy === undefined) return;
    if (!byId.has(m.deputy)) problems.push({ path: `members[${i}].deputy`, message: `unknown member "${m.deputy}"` });
    else if (m.deputy === m.id)
      problems.push({ path: `members[${i}].deputy`, message: 'a member cannot be their own deputy' });
  });
  data.members.forEach((m, i) => {
    if (m.role === 'pilot_coordinator' && m.municipalities === undefined) {
      problems.push({
        path: `members[${i}].municipalities`,
        message: `pilot coordinator "${m.id}" needs the municipalities of their pilot`,
      });
    }
    if (m.role !== 'pilot_coordinator' && m.municipalities !== undefined) {
      problems.push({ path: `members[${i}].municipalities`, message: 'only a pilot_coordinator has municipalities' });
    }
    (m.municipalities ?? []).forEach((name, j) => {
      if (!(name in data.fixedTeams))
        problems.push({ path: `members[${i}].municipalities[${j}]`, message: `unknown municipality "${name}"` });
    });
  });
  const municipalityNames = new Map<string, string>();
  for (const [municipality, team] of Object.entries(data.fixedTeams)) {
    municipalityNames.set(municipality.toLowerCase(), municipality);
    for (const [org, id] of Object.entries(team)) {
      const m = byId.get(id);
      if (!m) problems.push({ path: `fixedTeams.${municipality}.${org}`, message: `unknown member "${id}"` });
      else if (m.org !== org)
        problems.push({
          path: `fixedTeams.${municipality}.${org}`,
          message: `member "${id}" belongs to ${m.org}, not ${org}`,
        });
    }
  }
  if (problems.length > 0) return { problems };
  const members = [...byId.values()];
  const chains = new Map<MemberId, MemberId[]>();
  /** The lead chain above `id`, nearest first (loops were refused above). */
  const chainOf = (id: MemberId): MemberId[] => {
    let chain = chains.get(id);
    if (chain === undefined) {
      chain = [];
      for (let cur = byId.get(id)?.lead; cur !== undefined; cur = byId.get(cur)?.lead) chain.push(cur);
      chains.set(id, chain);
    }
    return chain;
  };
  const roster: Roster = {
    members,
    municipalities: Object.keys(data.fixedTeams),
    member: (id) => byId.get(id),
    byAadObjectId: (aad) => byAad.get(aad),
    byAddress: (address) => {
      const key = normaliseAddress(address);
      return sharedAddresses.has(key) ? undefined : byAddress.get(key);
    },
    leadOf: (id) => {
      const lead = byId.get(id)?.lead;
      return lead ? byId.get(lead) : undefined;
    },
    fixedTeam: (municipality) => data.fixedTeams[municipality],
    findMunicipality: (name) => municipalityNames.get(name.trim().toLowerCase()),
    pilotCoordinators: () => members.filter((m) => m.role === 'pilot_coordinator'),
    jeugdbeschermers: () => members.filter((m) => m.org === 'GI' && m.role === 'professional'),
    expertTeam: (region) => members.filter((m) => m.org === 'RET' && (m.regions ?? []).includes(region)),
    digestPreference: (id) => data.members.find((m) => m.id === id)?.digest,
    ledBy: (id) => members.filter((m) => m.id !== id && chainOf(m.id).includes(id)).map((m) => m.id),
    leads: (leadId, id) => leadId !== id && chainOf(id).includes(leadId),
  };
  return { roster };
}
