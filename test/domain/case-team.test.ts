import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  caseProfessionals,
  coordinatorAfterRemoval,
  coordinatorAtOpen,
  fixedFaceLead,
  isCurrentMember,
  leadOf,
  memberOfOrg,
  ownerFor,
  responsibleOrg,
  sortedUnique,
  type CaseTeam,
  type Membership,
} from '../../src/domain/case-team.js';
import type { CaseStage, OrgType, TimerId } from '../../src/domain/types.js';
import { arnhemRoster, prof, rosterOf, teamLead } from './builders.js';

// docs/behaviour.md: "Who owns a term", "The coordinator", "Silence (T13)"; roles as in the roster.

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
          // A gedragswetenschapper never owns (docs/behaviour.md).
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

  describe("fixedFaceLead: an organisation's team lead for a municipality", () => {
    it("is the lead of the municipality's fixed face of that org", () => {
      expect(fixedFaceLead(roster, 'Arnhem', 'GI')).toBe('lead-gi');
      expect(fixedFaceLead(roster, 'Arnhem', 'RVDK')).toBe('lead-rvdk');
    });

    it('is nobody without a fixed face of that org there: never some other team lead of the roster', () => {
      expect(fixedFaceLead(roster, 'Tiel', 'GI')).toBeUndefined();
      expect(fixedFaceLead(roster, 'Arnhem', 'OTHER')).toBeUndefined();
    });
  });

  describe('caseProfessionals', () => {
    it('are the current members with role professional (no leads, no gedragswetenschappers)', () => {
      const team = caseTeam({
        members: [...fixedFaces(), ['gw-gi', 'GI', 'behavioural_scientist'], ['lead-gi', 'GI', 'team_lead']],
      });
      expect(caseProfessionals(team)).toEqual(['lt-1', 'vt-1', 'gi-1', 'rvdk-1']);
    });
  });

  describe('responsibleOrg: whose silence T13 measures', () => {
    const team = caseTeam({ members: fixedFaces() });
    it.each([
      ['SIGNAL', 'VT'],
      ['VT_SAFETY_ASSESSMENT', 'VT'],
      ['VT_FOLLOWUP', 'VT'],
      ['LT_VOLUNTARY', 'LT'],
      ['JBT_REQUESTED', 'LT'],
      ['RVDK_INVESTIGATION', 'RVDK'],
      ['COURT', 'GI'],
      ['GI_ASSIGNMENT', 'GI'],
      ['GI_EXECUTION', 'GI'],
      ['AFSCHALEN', 'GI'],
    ] as const)('%s → %s', (stage, org) => {
      expect(responsibleOrg(stage, team, roster)).toBe(org);
    });

    it('JBT_HELD → the JBT when the case has a JBT member, else the Lokaal Team', () => {
      expect(responsibleOrg('JBT_HELD', team, roster)).toBe('LT');
      const atTable = caseTeam({ members: [...fixedFaces(), ['jbt-1', 'JBT']] });
      expect(responsibleOrg('JBT_HELD', atTable, roster)).toBe('JBT');
    });

    it("an org with neither a member on the case nor a fixed face: the coordinator's organisation", () => {
      const tiel = rosterOf([prof('lt-tiel', 'LT'), prof('rvdk-tiel', 'RVDK')], { Tiel: { LT: 'lt-tiel' } });
      const t = caseTeam({ municipality: 'Tiel', coordinator: 'lt-tiel', members: [['lt-tiel', 'LT']] });
      expect(responsibleOrg('GI_EXECUTION', t, tiel)).toBe('LT');
      // A fixed face without a member on the case still counts: the org is there, just not on this team.
      expect(responsibleOrg('GI_EXECUTION', caseTeam({ members: [['lt-1', 'LT']] }), roster)).toBe('GI');
    });
  });

  describe('ownerFor (who owns a term, settled when its step fires)', () => {
    const owner = (
      timer: TimerId,
      team: CaseTeam,
      r = roster,
      ownerRef: string | null = null,
      stage: CaseStage = 'GI_EXECUTION',
    ) => ownerFor({ timer, team, stage, ownerRef }, r);

    it("T6–T10 → the case's GI member: the most recently joined professional", () => {
      const team = caseTeam({ members: fixedFaces() });
      for (const t of ['T6', 'T7', 'T8', 'T9', 'T10'] as const) expect(owner(t, team)).toBe('gi-1');
      expect(owner('T6', caseTeam({ members: [...fixedFaces(), ['gi-2', 'GI']] }))).toBe('gi-2');
    });

    it("T6 → the GI fixed face's lead while the case has no GI member, then the assigned jeugdbeschermer", () => {
      const before = caseTeam({
        members: [
          ['lt-1', 'LT'],
          ['rvdk-1', 'RVDK'],
        ],
      });
      expect(owner('T6', before)).toBe('lead-gi');
      const after = caseTeam({
        members: [
          ['lt-1', 'LT'],
          ['rvdk-1', 'RVDK'],
          ['gi-2', 'GI'],
        ],
      });
      expect(owner('T6', after)).toBe('gi-2');
    });

    it('T6 in a municipality without a GI fixed face → the coordinator (no lead "for the municipality")', () => {
      const tiel = rosterOf(
        [
          prof('lt-tiel', 'LT', 'lead-lt-tiel'),
          teamLead('lead-lt-tiel', 'LT'),
          prof('gi-x', 'GI', 'lead-gi-x'),
          teamLead('lead-gi-x', 'GI'),
        ],
        { Tiel: { LT: 'lt-tiel' } },
      );
      const team = caseTeam({ municipality: 'Tiel', coordinator: 'lt-tiel', members: [['lt-tiel', 'LT']] });
      expect(owner('T6', team, tiel)).toBe('lt-tiel');
    });

    it('a GI gedragswetenschapper alone is not the T6 owner: the GI team lead is', () => {
      const team = caseTeam({
        members: [
          ['lt-1', 'LT'],
          ['gw-gi', 'GI', 'behavioural_scientist'],
        ],
      });
      expect(owner('T6', team)).toBe('lead-gi');
    });

    it('T1/T2 → the VT member; T4/T5 → the Raad member', () => {
      const team = caseTeam({ members: fixedFaces() });
      expect(owner('T1', team)).toBe('vt-1');
      expect(owner('T2', team)).toBe('vt-1');
      expect(owner('T4', team)).toBe('rvdk-1');
      expect(owner('T5', team)).toBe('rvdk-1');
    });

    it('an org term with neither a member nor a lead for the municipality falls back to the coordinator', () => {
      const bare = rosterOf([prof('lt-1', 'LT')]);
      expect(owner('T6', caseTeam({ members: [['lt-1', 'LT']] }), bare)).toBe('lt-1');
    });

    it('T11 → the case coordinator (undefined if none)', () => {
      const team = caseTeam({ coordinator: 'gi-2', members: [...fixedFaces(), ['gi-2', 'GI']] });
      expect(owner('T11', team)).toBe('gi-2');
      expect(owner('T11', caseTeam({ coordinator: null, members: [] }))).toBeUndefined();
    });

    it('T3, T12, T15 and DECISION belong to a person; without one, to the coordinator', () => {
      const team = caseTeam({ members: fixedFaces() });
      expect(owner('T3', team, roster, 'vt-1')).toBe('vt-1');
      expect(owner('T12', team, roster, 'lt-2')).toBe('lt-2'); // the sender, also after leaving the case
      expect(owner('T15', team, roster, 'rvdk-1')).toBe('rvdk-1');
      expect(owner('DECISION', team, roster, 'gi-1')).toBe('gi-1');
      expect(owner('T3', team, roster, null)).toBe('lt-1');
    });

    it('T13 → the most recent professional of the organisation responsible for the stage', () => {
      const team = caseTeam({ members: [...fixedFaces(), ['gi-2', 'GI']] });
      expect(owner('T13', team, roster, null, 'SIGNAL')).toBe('vt-1');
      expect(owner('T13', team, roster, null, 'LT_VOLUNTARY')).toBe('lt-1');
      expect(owner('T13', team, roster, null, 'RVDK_INVESTIGATION')).toBe('rvdk-1');
      expect(owner('T13', team, roster, null, 'GI_EXECUTION')).toBe('gi-2');
      // Nobody of the responsible org on the case: its lead for the municipality, else the coordinator.
      expect(owner('T13', caseTeam({ members: [['lt-1', 'LT']] }), roster, null, 'GI_EXECUTION')).toBe('lead-gi');
    });

    it("T16 → the LT fixed face of the case's own municipality while on the case, else the most recent LT professional", () => {
      expect(owner('T16', caseTeam({ members: [...fixedFaces(), ['lt-2', 'LT']] }))).toBe('lt-1');
      expect(
        owner(
          'T16',
          caseTeam({
            members: [
              ['lt-2', 'LT'],
              ['gi-1', 'GI'],
            ],
          }),
        ),
      ).toBe('lt-2');
    });
  });

  describe('the coordinator (casusregisseur)', () => {
    it('at opening: the Lokaal Team member', () => {
      expect(coordinatorAtOpen(caseTeam({ coordinator: null, members: fixedFaces() }), roster, 'vt-1')).toBe('lt-1');
    });

    it('at opening without LT: the opener when on the team, else the first fixed face on the case', () => {
      const noLt = caseTeam({
        coordinator: null,
        members: [
          ['vt-1', 'VT'],
          ['gi-1', 'GI'],
        ],
      });
      expect(coordinatorAtOpen(noLt, roster, 'gi-1')).toBe('gi-1');
      expect(coordinatorAtOpen(noLt, roster, 'lead-vt')).toBe('vt-1');
    });

    it('after the coordinator was removed: the most recent LT professional, else GI, else the remover', () => {
      expect(
        coordinatorAfterRemoval(
          caseTeam({
            members: [
              ['vt-1', 'VT'],
              ['lt-2', 'LT'],
              ['gi-1', 'GI'],
            ],
          }),
          roster,
          'vt-1',
        ),
      ).toBe('lt-2');
      expect(
        coordinatorAfterRemoval(
          caseTeam({
            members: [
              ['vt-1', 'VT'],
              ['gi-1', 'GI'],
            ],
          }),
          roster,
          'vt-1',
        ),
      ).toBe('gi-1');
      expect(
        coordinatorAfterRemoval(
          caseTeam({
            members: [
              ['vt-1', 'VT'],
              ['rvdk-1', 'RVDK'],
            ],
          }),
          roster,
          'rvdk-1',
        ),
      ).toBe('rvdk-1');
    });

    it('after removal by someone not on the team: the first fixed face on the case', () => {
      expect(
        coordinatorAfterRemoval(
          caseTeam({
            members: [
              ['rvdk-1', 'RVDK'],
              ['vt-1', 'VT'],
            ],
          }),
          roster,
          'lead-lt',
        ),
      ).toBe('vt-1');
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
