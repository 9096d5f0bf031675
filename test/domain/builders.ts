// Small builders shared by the domain tests: the Dutch working calendar, the default norms and tiny rosters.
// Time is always an input here; nothing reads the real clock.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dutchPublicHolidays } from '../../src/domain/dutch-public-holidays.js';
import type { LocalDate } from '../../src/domain/local-date.js';
import { normsSchema, type Norms } from '../../src/domain/norms.js';
import { parseRoster, type Roster } from '../../src/domain/roster.js';
import type { OrgType, Role } from '../../src/domain/types.js';
import { createWorkingCalendar, type WorkingCalendar } from '../../src/domain/working-calendar.js';

export const TZ = 'Europe/Amsterdam';
export const ROOT = resolve(import.meta.dirname, '../..');

export function readSeed(name: string): unknown {
  return JSON.parse(readFileSync(resolve(ROOT, 'db/seed', name), 'utf8')) as unknown;
}

/** The calendar of docs/behaviour.md: Mon–Fri in Europe/Amsterdam minus the `public` NL holidays, office 08:30–17:00. */
export function dutchCalendar(closureDays: readonly LocalDate[] = []): WorkingCalendar {
  return createWorkingCalendar({
    timezone: TZ,
    holidaysOf: dutchPublicHolidays,
    closureDays,
    officeStartMinutes: 510,
    officeEndMinutes: 1020,
  });
}

/** db/seed/norms.json, parsed with the real schema. */
export function defaultNorms(): Norms {
  return normsSchema.parse(readSeed('norms.json'));
}

/** An instant from a UTC ISO string, e.g. utc('2026-03-30T06:30Z'). */
export function utc(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad ISO instant ${iso}`);
  return t;
}

export interface MemberSpec {
  id: string;
  org: OrgType;
  role: Role;
  lead?: string;
  name?: string;
  orgName?: string;
  municipalities?: string[];
  deputy?: string;
  regions?: string[];
}

export const prof = (id: string, org: OrgType, lead?: string): MemberSpec => ({ id, org, role: 'professional', lead });
export const teamLead = (id: string, org: OrgType, lead?: string): MemberSpec => ({ id, org, role: 'team_lead', lead });
export const manager = (id: string, org: OrgType, lead?: string): MemberSpec => ({ id, org, role: 'manager', lead });
export const director = (id: string, org: OrgType): MemberSpec => ({ id, org, role: 'director' });

export function rosterInput(members: MemberSpec[], fixedTeams: Record<string, Partial<Record<OrgType, string>>> = {}) {
  return {
    members: members.map((m) => ({
      id: m.id,
      org: m.org,
      orgName: m.orgName ?? `${m.org} Gelderland`,
      role: m.role,
      ...(m.lead !== undefined ? { lead: m.lead } : {}),
      ...(m.name !== undefined ? { name: m.name } : {}),
      ...(m.municipalities !== undefined ? { municipalities: m.municipalities } : {}),
      ...(m.deputy !== undefined ? { deputy: m.deputy } : {}),
      ...(m.regions !== undefined ? { regions: m.regions } : {}),
    })),
    fixedTeams,
  };
}

/** A roster that must be valid; throws with its problems otherwise (a broken builder, not a finding). */
export function rosterOf(
  members: MemberSpec[],
  fixedTeams: Record<string, Partial<Record<OrgType, string>>> = {},
): Roster {
  const result = parseRoster(rosterInput(members, fixedTeams));
  if ('problems' in result) throw new Error(`test roster invalid: ${JSON.stringify(result.problems)}`);
  return result.roster;
}

/**
 * The Arnhem team used across the tests: every org has a professional, a team lead, a manager and a director,
 * except RVDK whose team lead has no manager (a short chain) and OTHER, whose professional has no lead at all.
 */
export function arnhemRoster(): Roster {
  return rosterOf(
    [
      director('dir-lt', 'LT'),
      manager('mgr-lt', 'LT', 'dir-lt'),
      teamLead('lead-lt', 'LT', 'mgr-lt'),
      prof('lt-1', 'LT', 'lead-lt'),
      prof('lt-2', 'LT', 'lead-lt'),
      { id: 'gw-lt', org: 'LT', role: 'behavioural_scientist', lead: 'lead-lt' },
      director('dir-vt', 'VT'),
      manager('mgr-vt', 'VT', 'dir-vt'),
      teamLead('lead-vt', 'VT', 'mgr-vt'),
      prof('vt-1', 'VT', 'lead-vt'),
      director('dir-gi', 'GI'),
      manager('mgr-gi', 'GI', 'dir-gi'),
      teamLead('lead-gi', 'GI', 'mgr-gi'),
      prof('gi-1', 'GI', 'lead-gi'),
      prof('gi-2', 'GI', 'lead-gi'),
      { id: 'gw-gi', org: 'GI', role: 'behavioural_scientist', lead: 'lead-gi' },
      teamLead('lead-rvdk', 'RVDK'),
      prof('rvdk-1', 'RVDK', 'lead-rvdk'),
      prof('other-1', 'OTHER'),
      { id: 'coord', org: 'LT', role: 'pilot_coordinator', municipalities: ['Arnhem'] },
    ],
    { Arnhem: { LT: 'lt-1', VT: 'vt-1', GI: 'gi-1', RVDK: 'rvdk-1' } },
  );
}
