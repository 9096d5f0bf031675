import { describe, it, expect } from 'vitest';
import { parseRoster, type Roster, type RosterProblem } from '../../src/domain/roster.js';
import { director, manager, prof, readSeed, rosterInput, teamLead, type MemberSpec } from './builders.js';

// docs/scenario-format.md (roster): "Loading validates it and reports every error with its JSON path."
// scenario-format.md: members have id, org, orgName, role, lead; fixedTeams are the fixed faces per municipality.

const problemsOf = (input: unknown, options?: { requireNames?: boolean }): RosterProblem[] => {
  const r = parseRoster(input, options);
  return 'problems' in r ? r.problems : [];
};
const rosterFrom = (input: unknown, options?: { requireNames?: boolean }): Roster => {
  const r = parseRoster(input, options);
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r.roster;
};

/** The Tiel roster of scenario-format.md. */
const tielMembers = (): MemberSpec[] => [
  { ...prof('lt-tiel', 'LT', 'lead-lt-tiel'), orgName: 'Sociaal Team Tiel' },
  { ...teamLead('lead-lt-tiel', 'LT', 'mgr-lt-tiel'), orgName: 'Sociaal Team Tiel' },
  { ...manager('mgr-lt-tiel', 'LT'), orgName: 'Sociaal Team Tiel' },
  { ...prof('rvdk-1', 'RVDK', 'lead-rvdk'), orgName: 'Raad regio Nijmegen' },
  { ...teamLead('lead-rvdk', 'RVDK'), orgName: 'Raad regio Nijmegen' },
];
const tiel = () => rosterInput(tielMembers(), { Tiel: { LT: 'lt-tiel', RVDK: 'rvdk-1' } });

describe('roster', () => {
  describe('a valid roster', () => {
    it('parses the Tiel roster of scenario-format.md', () => {
      const r = rosterFrom(tiel());
      expect(r.members.map((m) => m.id)).toEqual(['lt-tiel', 'lead-lt-tiel', 'mgr-lt-tiel', 'rvdk-1', 'lead-rvdk']);
      expect(r.municipalities).toEqual(['Tiel']);
      expect(r.fixedTeam('Tiel')).toEqual({ LT: 'lt-tiel', RVDK: 'rvdk-1' });
      expect(r.fixedTeam('Arnhem')).toBeUndefined();
    });

    it('member lookups and lead chains', () => {
      const r = rosterFrom(tiel());
      expect(r.member('rvdk-1')).toMatchObject({ org: 'RVDK', orgName: 'Raad regio Nijmegen', role: 'professional' });
      expect(r.member('nobody')).toBeUndefined();
      expect(r.leadOf('lt-tiel')?.id).toBe('lead-lt-tiel');
      expect(r.leadOf('lead-lt-tiel')?.id).toBe('mgr-lt-tiel');
      expect(r.leadOf('mgr-lt-tiel')).toBeUndefined();
      expect(r.leadOf('nobody')).toBeUndefined();
    });

    it('a missing name defaults to the id when names are not required (scenario rosters)', () => {
      expect(rosterFrom(tiel()).member('lt-tiel')?.name).toBe('lt-tiel');
    });

    it('finds a municipality case-insensitively and returns the roster spelling', () => {
      const r = rosterFrom(rosterInput(tielMembers(), { Tiel: { LT: 'lt-tiel' }, 'Berg en Dal': { LT: 'lt-tiel' } }));
      expect(r.findMunicipality('tiel')).toBe('Tiel');
      expect(r.findMunicipality('  TIEL ')).toBe('Tiel');
      expect(r.findMunicipality('berg en dal')).toBe('Berg en Dal');
      expect(r.findMunicipality('Arnhem')).toBeUndefined();
    });

    it('Entra object ids, pilot coordinators and digest preferences', () => {
      const input = rosterInput(tielMembers(), { Tiel: { LT: 'lt-tiel' } });
      input.members.push({
        id: 'coord',
        org: 'LT',
        orgName: 'Pilot',
        role: 'pilot_coordinator',
        aadObjectId: 'aad-1',
        digest: true,
        municipalities: ['Tiel'],
      } as (typeof input.members)[number]);
      const r = rosterFrom(input);
      expect(r.byAadObjectId('aad-1')?.id).toBe('coord');
      expect(r.byAadObjectId('aad-2')).toBeUndefined();
      expect(r.pilotCoordinators().map((m) => m.id)).toEqual(['coord']);
      expect(r.digestPreference('coord')).toBe(true);
      expect(r.digestPreference('lt-tiel')).toBeUndefined();
    });

    it('the demo roster in db/seed is valid with names required and covers the 11 Centraal Gelderland municipalities (docs/scenario-format.md)', () => {
      const r = rosterFrom(readSeed('demo-roster.json'), { requireNames: true });
      expect([...r.municipalities].sort()).toEqual(
        [
          'Arnhem',
          'Doesburg',
          'Duiven',
          'Lingewaard',
          'Overbetuwe',
          'Renkum',
          'Rheden',
          'Rozendaal',
          'Wageningen',
          'Westervoort',
          'Zevenaar',
        ].sort(),
      );
      for (const m of r.municipalities) {
        const team = r.fixedTeam(m)!;
        for (const [org, id] of Object.entries(team)) {
          expect(r.member(id)?.org, `${m}.${org}`).toBe(org);
          expect(r.leadOf(id)?.role, `${m}.${org} lead`).toBe('team_lead'); // every fixed face has a team lead
        }
      }
    });
  });

  describe('problems, each with its JSON path', () => {
    it('a pilot coordinator without municipalities is refused, naming the member', () => {
      const input = rosterInput([{ id: 'coord-x', org: 'LT', role: 'pilot_coordinator' }], { Tiel: {} });
      expect(problemsOf(input)).toEqual([
        { path: 'members[0].municipalities', message: expect.stringContaining('coord-x') },
      ]);
    });

    it("a coordinator's municipality must be in the roster; only coordinators have municipalities", () => {
      const input = rosterInput(
        [
          { id: 'coord-x', org: 'LT', role: 'pilot_coordinator', municipalities: ['Tiel', 'Atlantis'] },
          { id: 'lt-1', org: 'LT', role: 'professional', municipalities: ['Tiel'] },
        ],
        { Tiel: { LT: 'lt-1' } },
      );
      expect(problemsOf(input)).toEqual([
        { path: 'members[0].municipalities[1]', message: expect.stringContaining('Atlantis') },
        { path: 'members[1].municipalities', message: expect.stringContaining('pilot_coordinator') },
      ]);
    });

    it('a deputy must be another roster member', () => {
      const input = rosterInput([
        { id: 'a', org: 'LT', role: 'professional', deputy: 'ghost' },
        { id: 'b', org: 'LT', role: 'professional', deputy: 'b' },
      ]);
      expect(problemsOf(input)).toEqual([
        { path: 'members[0].deputy', message: expect.stringContaining('ghost') },
        { path: 'members[1].deputy', message: expect.stringContaining('own deputy') },
      ]);
    });

    it('unknown lead → members[i].lead', () => {
      const input = rosterInput([prof('a', 'LT', 'ghost')]);
      expect(problemsOf(input)).toEqual([{ path: 'members[0].lead', message: expect.stringContaining('ghost') }]);
    });

    it('duplicate id → members[i].id of the second occurrence', () => {
      const input = rosterInput([prof('a', 'LT'), prof('b', 'VT'), prof('a', 'GI')]);
      expect(problemsOf(input)).toEqual([{ path: 'members[2].id', message: expect.stringMatching(/duplicate.*"a"/) }]);
    });

    it('fixed face of the wrong org → fixedTeams.<municipality>.<org>', () => {
      const input = rosterInput([prof('lt-1', 'LT'), prof('gi-1', 'GI')], { Arnhem: { LT: 'lt-1', GI: 'lt-1' } });
      expect(problemsOf(input)).toEqual([{ path: 'fixedTeams.Arnhem.GI', message: expect.stringContaining('LT') }]);
    });

    it('unknown fixed face → fixedTeams.<municipality>.<org>', () => {
      const input = rosterInput([prof('lt-1', 'LT')], { Arnhem: { VT: 'vt-x' } });
      expect(problemsOf(input)).toEqual([{ path: 'fixedTeams.Arnhem.VT', message: expect.stringContaining('vt-x') }]);
    });

    it('lead cycle → reported on the members in the loop', () => {
      const input = rosterInput([prof('p', 'LT', 'a'), teamLead('a', 'LT', 'b'), manager('b', 'LT', 'a')]);
      const problems = problemsOf(input);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((p) => p.path.endsWith('.lead') && /loop/.test(p.message))).toBe(true);
      expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['members[1].lead', 'members[2].lead']));
    });

    it('own lead → members[i].lead', () => {
      const problems = problemsOf(rosterInput([prof('a', 'LT', 'a')]));
      expect(problems.map((p) => p.path)).toContain('members[0].lead');
      expect(problems.some((p) => /own lead/.test(p.message))).toBe(true);
    });

    it('missing name when requireNames (the roster file) → members[i].name', () => {
      const input = rosterInput([{ ...prof('a', 'LT'), name: 'Anna (fictief)' }, prof('b', 'LT')]);
      expect(problemsOf(input)).toEqual([]);
      expect(problemsOf(input, { requireNames: true })).toEqual([
        { path: 'members[1].name', message: expect.any(String) },
      ]);
    });

    it('an Entra object id used twice → members[i].aadObjectId', () => {
      const input = rosterInput([prof('a', 'LT'), prof('b', 'LT')]);
      const members = input.members.map((m) => ({ ...m, aadObjectId: 'same' }));
      expect(problemsOf({ ...input, members })).toEqual([
        { path: 'members[1].aadObjectId', message: expect.any(String) },
      ]);
    });

    it('reports every semantic problem at once, not just the first', () => {
      const input = rosterInput(
        [
          prof('lt-1', 'LT', 'ghost'), // unknown lead
          prof('lt-1', 'LT'), // duplicate id
          prof('gi-1', 'GI'), // no name
          teamLead('a', 'VT', 'b'),
          manager('b', 'VT', 'a'), // cycle a ↔ b
        ],
        { Arnhem: { VT: 'gi-1', RVDK: 'nobody' } }, // wrong org, unknown face
      );
      const paths = problemsOf(input, { requireNames: true }).map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'members[0].lead',
          'members[1].id',
          'members[2].name',
          'members[3].lead',
          'members[4].lead',
          'fixedTeams.Arnhem.VT',
          'fixedTeams.Arnhem.RVDK',
        ]),
      );
    });

    describe('schema problems', () => {
      it('unknown org or role → members[i].org / members[i].role', () => {
        const input = {
          members: [
            { id: 'a', org: 'POLITIE', orgName: 'x', role: 'professional' },
            { id: 'b', org: 'LT', orgName: 'x', role: 'boss' },
          ],
          fixedTeams: {},
        };
        const paths = problemsOf(input).map((p) => p.path);
        expect(paths).toEqual(expect.arrayContaining(['members[0].org', 'members[1].role']));
      });

      it('a bad id, a missing orgName, an unknown field and a bad email', () => {
        const input = {
          members: [
            { id: 'has space', org: 'LT', orgName: 'x', role: 'professional' },
            { id: 'b', org: 'LT', role: 'professional' },
            { id: 'c', org: 'LT', orgName: 'x', role: 'professional', bsn: '123' },
            { id: 'd', org: 'LT', orgName: 'x', role: 'professional', email: 'not-an-email' },
          ],
          fixedTeams: {},
        };
        const paths = problemsOf(input).map((p) => p.path);
        expect(paths).toEqual(
          expect.arrayContaining(['members[0].id', 'members[1].orgName', 'members[2]', 'members[3].email']),
        );
      });

      it('a fixed team keyed by an unknown org → fixedTeams.<municipality>.<key>', () => {
        const input = rosterInput([prof('a', 'LT')], { Arnhem: { LT: 'a' } });
        const bad = { ...input, fixedTeams: { Arnhem: { LT: 'a', POLITIE: 'a' } } };
        expect(problemsOf(bad).map((p) => p.path)).toContain('fixedTeams.Arnhem.POLITIE');
      });

      it('an empty member list, or no object at all', () => {
        expect(problemsOf({ members: [], fixedTeams: {} }).map((p) => p.path)).toEqual(['members']);
        expect(problemsOf(null).length).toBeGreaterThan(0);
        expect(problemsOf({ members: rosterInput([director('d', 'GI')]).members }).map((p) => p.path)).toEqual([
          'fixedTeams',
        ]);
      });
    });
  });
});
