import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROSTER_FILE } from '../../../src/config.js';
import { loadRosterFile, RosterFileError } from '../../../src/adapters/files/load-roster-file.js';
import type { Roster } from '../../../src/domain/roster.js';
import type { Member } from '../../../src/domain/types.js';

const REGIONS = JSON.parse(readFileSync(join(import.meta.dirname, '../../../db/seed/regions.json'), 'utf8')) as {
  regions: Array<{ code: string; municipalities: Record<string, string> }>;
};
const CENTRAAL_GELDERLAND = REGIONS.regions.find((r) => r.code === 'CG')!.municipalities;

function leadChain(roster: Roster, member: Member): Member[] {
  const chain: Member[] = [];
  for (let lead = roster.leadOf(member.id); lead; lead = roster.leadOf(lead.id)) chain.push(lead);
  return chain;
}

describe('loadRosterFile: the demo roster', () => {
  const roster = loadRosterFile(DEFAULT_ROSTER_FILE);

  it('covers the 11 Centraal Gelderland municipalities', () => {
    expect(Object.keys(CENTRAAL_GELDERLAND)).toHaveLength(11);
    for (const municipality of Object.keys(CENTRAAL_GELDERLAND)) expect(roster.municipalities).toContain(municipality);
  });

  it.each(Object.keys(CENTRAAL_GELDERLAND))(
    '%s has LT, VT, GI and RVDK fixed faces whose lead chain reaches a team lead and a manager',
    (municipality) => {
      const team = roster.fixedTeam(municipality)!;
      for (const org of ['LT', 'VT', 'GI', 'RVDK'] as const) {
        const face = roster.member(team[org]!)!;
        expect(face, `${municipality} ${org}`).toBeDefined();
        expect(face.org).toBe(org);
        const roles = leadChain(roster, face).map((m) => m.role);
        expect(roles, `${face.id}`).toContain('team_lead');
        expect(roles, `${face.id}`).toContain('manager');
      }
    },
  );

  it.each(Object.entries(CENTRAAL_GELDERLAND))('%s has pilot coordinator coord-<code>', (_municipality, code) => {
    const coordinator = roster.member(`coord-${code.toLowerCase()}`);
    expect(coordinator?.role).toBe('pilot_coordinator');
  });

  it('gives every member a name marked fictional and an Entra object id', () => {
    for (const m of roster.members) {
      expect(m.name).toMatch(/\(fictief\)$/);
      expect(m.aadObjectId).toBeDefined();
      expect(roster.byAadObjectId(m.aadObjectId!)?.id).toBe(m.id);
    }
  });
});

describe('loadRosterFile: files that cannot be used', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-roster-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const errorOf = (path: string): RosterFileError => {
    try {
      loadRosterFile(path);
    } catch (err) {
      expect(err).toBeInstanceOf(RosterFileError);
      return err as RosterFileError;
    }
    throw new Error('expected a RosterFileError');
  };

  it('names a missing file and says how to fix it', () => {
    const path = join(dir, 'bestaat-niet.json');
    expect(errorOf(path).message).toContain(`${path}: file not found; set ROSTER_FILE`);
  });

  it('names a file that is not JSON', () => {
    const path = write('kapot.json', '{ "members": [ ');
    expect(errorOf(path).message).toContain(`${path}: not valid JSON`);
  });

  it('lists every problem as <file>: <json.path>: <message>', () => {
    const path = write(
      'fouten.json',
      JSON.stringify({
        members: [
          { id: 'lt-x', org: 'LT', orgName: 'Wijkteam X', role: 'professional', lead: 'lead-x' },
          { id: 'vt-x', org: 'VT', orgName: 'Veilig Thuis', role: 'professional', name: 'Vera (fictief)' },
          { id: 'vt-x', org: 'VT', orgName: 'Veilig Thuis', role: 'professional', name: 'Dubbel (fictief)' },
        ],
        fixedTeams: { Xdorp: { LT: 'lt-x', GI: 'vt-x', RVDK: 'niemand' } },
      }),
    );
    const problems = errorOf(path).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        `${path}: members[0].name: required in the roster file`,
        `${path}: members[0].lead: unknown member "lead-x"`,
        `${path}: members[2].id: duplicate member id "vt-x"`,
        `${path}: fixedTeams.Xdorp.GI: member "vt-x" belongs to VT, not GI`,
        `${path}: fixedTeams.Xdorp.RVDK: unknown member "niemand"`,
      ]),
    );
    expect(
      errorOf(path)
        .message.split('\n')
        .filter((l) => l.startsWith('  - ')),
    ).toHaveLength(problems.length);
  });

  it('reports schema errors with their JSON path', () => {
    const path = write(
      'schema.json',
      JSON.stringify({
        members: [{ id: 'a b', org: 'XX', orgName: '', role: 'professional', name: 'A' }],
        fixedTeams: {},
      }),
    );
    const problems = errorOf(path).problems;
    expect(problems.some((p) => p.startsWith(`${path}: members[0].id: `))).toBe(true);
    expect(problems.some((p) => p.startsWith(`${path}: members[0].org: `))).toBe(true);
    expect(problems.some((p) => p.startsWith(`${path}: members[0].orgName: `))).toBe(true);
  });
});
