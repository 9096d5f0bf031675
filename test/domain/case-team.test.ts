import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  defaultCoordinator,
  isCurrentMember,
  leadOf,
  memberOfOrg,
  ownerFor,
  sortedUnique,
  teamLeadOfOrg,
  type CaseTeam,
  type Membership,
} from '../../src/domain/case-team.js';
import type { OrgType } from '../../src/domain/types.js';
import { arnhemRoster, prof, rosterOf, teamLead } from './builders.js';

// domain.md §4.1 "Owner" and "Case coordinator"; §1.2 roles.

const roster = arnhemRoster();
const T0 = Date.UTC(2026, 0, 5, 9, 0);
const HOUR = 3_600_000;

/** A scenario-style team builder: members join in the order given, one hour apart unless `at` says otherwise. */
function caseTeam(spec: {
  municipality?: string;
  coordinator?: string | null;
  members: Array<[id: string, org: OrgType, role?: string, at?: number]>;
}): CaseTeam {
  const members: Membership[] = spec.members.map(([memberId, org, role = 'professional', at], i) => ({
    memberId,
    org,
    role,
    joinedAt: at ?? T0 + i * HOUR,
    leftAt: null,
  }));
  return {
    municipality: spec.municipality ?? 'Arnhem',
    coordinatorId: spec.coordinator === undefined ? 'lt-1' : spec.coordinator,
    members,
  };
}

/** The Arnhem case as formed from the fixed faces. */
const fixedFaces = (): Array<[string, OrgType]> => [
  ['lt-1', 'LT'],
  ['vt-1', 'VT'],
  ['gi-1', 'GI'],
  ['rvdk-1', 'RVDK'],
];

describe('case team', () => {
  describe('memberOfOrg: the case member of an organisation', () => {
    it('is the fixed face when nobody else of that org joined', () => {
      const team = caseTeam({ members: fixedFaces() });
      expect(memberOfOrg(team, 'GI')).toBe('gi-1');
      expect(memberOfOrg(team, 'LT')).toBe('lt-1');
    });

    it('prefers the most recently joined professional (the assigned jeugdbeschermer over the fixed face)', () => {
      const team = caseTeam({ members: [...fixedFaces(), ['gi-2', 'GI']] });
      expect(memberOfOrg(team, 'GI')).toBe('gi-2');
    });

    it('join time decides, not list order', () => {
      const team = caseTeam({
        members: [
          ['gi-2', 'GI', 'professional', T0 + 5 * HOUR],
          ['gi-1', 'GI', 'professional', T0 + 9 * HOUR],
        ],
      });
      expect(memberOfOrg(team, 'GI')).toBe('gi-1');
    });

    it('a gedragswetenschapper or team lead who joined later does not replace the professional', () => {
      const team = caseTeam({
        members: [...fixedFaces(), ['gw-gi', 'GI', 'behavioural_scientist'], ['lead-gi', 'GI', 'team_lead']],
      });
      expect(memberOfOrg(team, 'GI')).toBe('gi-1');
    });

    it('falls back to a non-professional of that org when there is no professional', () => {
      const team = caseTeam({
        members: [
          ['lt-1', 'LT'],
          ['lead-gi', 'GI', 'team_lead'],
        ],
      });
      expect(memberOfOrg(team, 'GI')).toBe('lead-gi');
    });

    it('is undefined when the case has nobody of that org', () => {
      const team = caseTeam({ members: [['lt-1', 'LT']] });
      expect(memberOfOrg(team, 'GI')).toBeUndefined();
      expect(memberOfOrg(caseTeam({ members: [] }), 'LT')).toBeUndefined();
    });

    it('property: always the professional of that org with the latest join time', () => {
      const orgs = fc.constantFrom<OrgType>('LT', 'VT', 'GI', 'RVDK');
      const member = fc.record({
        org: orgs,
        role: fc.constantFrom('professional', 'behavioural_scientist', 'team_lead'),
        at: fc.integer({ min: 0, max: 1000 }),
      });
      fc.assert(
        fc.property(fc.uniqueArray(member, { minLength: 0, maxLength: 12, selector: (m) => m.at }), orgs, (ms, org) => {
          const team = caseTeam({ members: ms.map((m, i) => [`m${i}`, m.org, m.role, T0 + m.at * 60_000]) });
          const picked = memberOfOrg(team, org);
          // A gedragswetenschapper never owns (domain.md §1.2).
          const ofOrg = team.members.filter((m) => m.org === org && m.role !== 'behavioural_scientist');
          const profs = ofOrg.filter((m) => m.role === 'professional');
          const pool = profs.length > 0 ? profs : ofOrg;
          if (pool.length === 0) {
            expect(picked).toBeUndefined();
            return;
          }
          const latest = pool.reduce((a, b) => (b.joinedAt > a.joinedAt ? b : a));
          expect(picked).toBe(latest.memberId);
        }),
      );
    });
  });

  describe('teamLeadOfOrg', () => {
    it("is the lead of the municipality's fixed face of that org", () => {
      expect(teamLeadOfOrg(roster, 'Arnhem', 'GI')).toBe('lead-gi');
      expect(teamLeadOfOrg(roster, 'Arnhem', 'RVDK')).toBe('lead-rvdk');
    });

    it('without a fixed face falls back to a team lead of that org in the roster', () => {
      expect(teamLeadOfOrg(roster, 'Tiel', 'GI')).toBe('lead-gi');
    });

    it('is undefined when the roster has no team lead of that org', () => {
      expect(teamLeadOfOrg(roster, 'Arnhem', 'OTHER')).toBeUndefined();
    });
  });

  describe('ownerFor (domain.md §4.1 "Owner")', () => {
    it("T6 → the case's GI member", () => {
      const team = caseTeam({ members: fixedFaces() });
      expect(ownerFor('GI', team, roster, null)).toBe('gi-1');
    });

    it('T6 → the GI team lead while the case has no GI member, then the assigned jeugdbeschermer', () => {
      const before = caseTeam({
        members: [
          ['lt-1', 'LT'],
          ['rvdk-1', 'RVDK'],
        ],
      });
      expect(ownerFor('GI', before, roster, null)).toBe('lead-gi');
      const after = caseTeam({
        members: [
          ['lt-1', 'LT'],
          ['rvdk-1', 'RVDK'],
          ['gi-2', 'GI'],
        ],
      });
      expect(ownerFor('GI', after, roster, null)).toBe('gi-2');
    });

    it('T6 in a municipality without a GI fixed face (scenario roster like Tiel) → a GI team lead of the roster', () => {
      const tiel = rosterOf(
        [
          prof('lt-tiel', 'LT', 'lead-lt-tiel'),
          teamLead('lead-lt-tiel', 'LT'),
          prof('gi-x', 'GI', 'lead-gi-x'),
          teamLead('lead-gi-x', 'GI'),
        ],
        {
          Tiel: { LT: 'lt-tiel' },
        },
      );
      const team = caseTeam({ municipality: 'Tiel', coordinator: 'lt-tiel', members: [['lt-tiel', 'LT']] });
      expect(ownerFor('GI', team, tiel, null)).toBe('lead-gi-x');
    });

    it('a GI gedragswetenschapper alone is not the T6 owner: the GI team lead is', () => {
      // domain.md §1.2: "`behavioural_scientist` (gedragswetenschapper, GW): advises and does not own the case."
      // domain.md §4.1: "T6 → the case's GI member (the GI team lead only while the case has no GI member)".
      // Expected 'lead-gi'; memberOfOrg falls back to any member of the org, so the code returns 'gw-gi'.
      const team = caseTeam({
        members: [
          ['lt-1', 'LT'],
          ['gw-gi', 'GI', 'behavioural_scientist'],
        ],
      });
      expect(ownerFor('GI', team, roster, null)).toBe('lead-gi');
    });

    it('T1/T2 → VT member; T4/T5 → RvdK member', () => {
      const team = caseTeam({ members: fixedFaces() });
      expect(ownerFor('VT', team, roster, null)).toBe('vt-1');
      expect(ownerFor('RVDK', team, roster, null)).toBe('rvdk-1');
    });

    it('an org timer with neither a member nor a team lead of that org falls back to the coordinator', () => {
      const bare = rosterOf([prof('lt-1', 'LT')]);
      const team = caseTeam({ members: [['lt-1', 'LT']] });
      expect(ownerFor('GI', team, bare, null)).toBe('lt-1');
    });

    it('T11 and T13 → the case coordinator (undefined if none)', () => {
      const team = caseTeam({ coordinator: 'gi-2', members: [...fixedFaces(), ['gi-2', 'GI']] });
      expect(ownerFor('coordinator', team, roster, null)).toBe('gi-2');
      expect(ownerFor('coordinator', caseTeam({ coordinator: null, members: [] }), roster, null)).toBeUndefined();
    });

    it('T3 → the recorder of the JBT decision; T12 → the handover sender (even when leaving); decision deadline → its owner', () => {
      const team = caseTeam({ members: fixedFaces() });
      expect(ownerFor('recorder', team, roster, 'vt-1')).toBe('vt-1');
      expect(ownerFor('sender', team, roster, 'lt-2')).toBe('lt-2'); // lt-2 is no longer on the team
      expect(ownerFor('decisionOwner', team, roster, 'gi-1')).toBe('gi-1');
    });

    it('without a recorded reference those rules fall back to the coordinator', () => {
      const team = caseTeam({ members: fixedFaces() });
      expect(ownerFor('recorder', team, roster, null)).toBe('lt-1');
      expect(ownerFor('sender', team, roster, null)).toBe('lt-1');
    });
  });

  describe('defaultCoordinator (domain.md §4.1 "Case coordinator")', () => {
    it('is the Lokaal Team member by default', () => {
      expect(defaultCoordinator(caseTeam({ members: fixedFaces() }), false)).toBe('lt-1');
    });

    it('is the GI member under a court measure (the assigned jeugdbeschermer when there is one)', () => {
      expect(defaultCoordinator(caseTeam({ members: fixedFaces() }), true)).toBe('gi-1');
      expect(defaultCoordinator(caseTeam({ members: [...fixedFaces(), ['gi-2', 'GI']] }), true)).toBe('gi-2');
    });

    it('is the LT successor after an LT replacement', () => {
      expect(
        defaultCoordinator(
          caseTeam({
            members: [
              ['vt-1', 'VT'],
              ['lt-2', 'LT'],
            ],
          }),
          false,
        ),
      ).toBe('lt-2');
    });

    it('under a measure without a GI member stays with the Lokaal Team', () => {
      expect(
        defaultCoordinator(
          caseTeam({
            members: [
              ['lt-1', 'LT'],
              ['rvdk-1', 'RVDK'],
            ],
          }),
          true,
        ),
      ).toBe('lt-1');
    });

    it('without LT falls back to GI, then VT, then RvdK', () => {
      expect(
        defaultCoordinator(
          caseTeam({
            members: [
              ['rvdk-1', 'RVDK'],
              ['vt-1', 'VT'],
            ],
          }),
          false,
        ),
      ).toBe('vt-1');
      expect(defaultCoordinator(caseTeam({ members: [['rvdk-1', 'RVDK']] }), false)).toBe('rvdk-1');
      expect(
        defaultCoordinator(
          caseTeam({
            members: [
              ['rvdk-1', 'RVDK'],
              ['gi-1', 'GI'],
            ],
          }),
          false,
        ),
      ).toBe('gi-1');
    });

    it('with only other orgs takes the first worker, then anybody; an empty team has none', () => {
      expect(
        defaultCoordinator(
          caseTeam({
            members: [
              ['lead-x', 'OTHER', 'team_lead'],
              ['other-1', 'OTHER'],
            ],
          }),
          false,
        ),
      ).toBe('other-1');
      expect(defaultCoordinator(caseTeam({ members: [['lead-x', 'OTHER', 'team_lead']] }), false)).toBe('lead-x');
      expect(defaultCoordinator(caseTeam({ members: [] }), false)).toBeNull();
    });
  });

  describe('helpers', () => {
    it('leadOf follows the roster', () => {
      expect(leadOf(roster, 'gi-1')).toBe('lead-gi');
      expect(leadOf(roster, 'lead-gi')).toBe('mgr-gi');
      expect(leadOf(roster, 'other-1')).toBeUndefined();
      expect(leadOf(roster, undefined)).toBeUndefined();
      expect(leadOf(roster, 'nobody')).toBeUndefined();
    });

    it('sortedUnique drops empties and duplicates and sorts (the `to` of an output line)', () => {
      expect(sortedUnique(['rvdk-1', undefined, 'lead-rvdk', null, 'rvdk-1', 'lt-tiel'])).toEqual([
        'lead-rvdk',
        'lt-tiel',
        'rvdk-1',
      ]);
      expect(sortedUnique([])).toEqual([]);
    });

    it('isCurrentMember', () => {
      const team = caseTeam({ members: fixedFaces() });
      expect(isCurrentMember(team, 'gi-1')).toBe(true);
      expect(isCurrentMember(team, 'gi-2')).toBe(false);
    });
  });
});
