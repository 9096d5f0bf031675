import { DomainError } from '../../domain/domain-error.js';
import { ORG_TYPES, ROLES, type Member, type MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { actorOf, coordinatesMunicipality } from '../case-access.js';
import { reachabilityOf, type Unreachable } from '../reachability.js';

// "bereikbaarheid [gemeente]": whom the bot cannot reach on its own yet among the people of a municipality, and why —
// for the pilot coordinators of that municipality, so they can ask for the app to be installed before a reminder or
// an acute alert is lost. Roster data only (names, roles and organisations of professionals), never a case.

export interface UnreachablePerson {
  member: Member;
  why: Unreachable;
}

export interface MunicipalityReachability {
  municipality: string;
  /** How many people of the municipality were looked at. */
  people: number;
  /** Those the bot cannot reach now: professionals first, then their leads up the chain, then coordinators. */
  unreachable: UnreachablePerson[];
}

const NOT_ALLOWED = 'Wie de bot niet kan bereiken, zien alleen de pilotcoördinatoren, voor de gemeenten van hun pilot.';

const ROLE_RANK = new Map(ROLES.map((r, i) => [r, i]));
const ORG_RANK = new Map(ORG_TYPES.map((o, i) => [o, i]));
const byRoleOrgName = (a: Member, b: Member) =>
  ROLE_RANK.get(a.role)! - ROLE_RANK.get(b.role)! ||
  ORG_RANK.get(a.org)! - ORG_RANK.get(b.org)! ||
  a.name.localeCompare(b.name, 'nl');

/**
 * The people the bot messages about a municipality's cases: its fixed faces, the members of its open cases and their
 * deputies, everyone up their lead chains (leads, managers, directors take part in escalations), the regional expert
 * team of its region and its pilot coordinators.
 */
export function peopleOfMunicipality(ctx: AppContext, municipality: string): Member[] {
  const ids = new Set<MemberId>(Object.values(ctx.roster.fixedTeam(municipality) ?? {}));
  for (const c of ctx.store.cases.openCasesIn([municipality]))
    for (const m of ctx.store.cases.currentMembers(c.id)) ids.add(m.memberId);
  for (const id of [...ids]) {
    const deputy = ctx.roster.member(id)?.deputy;
    if (deputy) ids.add(deputy);
  }
  for (const id of [...ids])
    for (let lead = ctx.roster.leadOf(id); lead !== undefined; lead = ctx.roster.leadOf(lead.id)) {
      if (ids.has(lead.id)) break;
      ids.add(lead.id);
    }
  for (const m of ctx.roster.expertTeam(ctx.municipalityCodes(municipality).region)) ids.add(m.id);
  for (const m of ctx.roster.pilotCoordinators()) if (coordinatesMunicipality(m, municipality)) ids.add(m.id);
  return [...ids].map((id) => ctx.roster.member(id)).filter((m): m is Member => m !== undefined);
}

/**
 * Per municipality (the one asked for, or every municipality of the coordinator's pilot): whom the bot cannot reach,
 * and why. Refused for anyone but a pilot coordinator, and for a municipality outside their pilot.
 */
export function listUnreachable(
  ctx: AppContext,
  input: { by: MemberId; municipality?: string },
): MunicipalityReachability[] {
  const actor = actorOf(ctx, input.by);
  if (actor.role !== 'pilot_coordinator') throw new DomainError('REACHABILITY_NOT_ALLOWED', NOT_ALLOWED);
  let municipalities = [...(actor.municipalities ?? [])];
  if (input.municipality !== undefined) {
    const found = ctx.roster.findMunicipality(input.municipality);
    if (!found)
      throw new DomainError(
        'UNKNOWN_MUNICIPALITY',
        `Die gemeente staat niet in het rooster. Kies uit: ${municipalities.join(', ')}.`,
      );
    if (!coordinatesMunicipality(actor, found))
      throw new DomainError(
        'REACHABILITY_NOT_ALLOWED',
        `Dat kun je alleen zien voor de gemeenten van je pilot: ${municipalities.join(', ')}.`,
      );
    municipalities = [found];
  }
  return municipalities.map((municipality) => {
    const people = peopleOfMunicipality(ctx, municipality);
    const judged = reachabilityOf(ctx, people);
    const unreachable = people.sort(byRoleOrgName).flatMap((member) => {
      const r = judged.get(member.id)!.reachability;
      return r.reachable ? [] : [{ member, why: r }];
    });
    return { municipality, people: people.length, unreachable };
  });
}
