import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffRosters, isEmptyDiff } from '../../src/domain/diff-rosters.js';
import { parseRoster, type Roster } from '../../src/domain/roster.js';
import { DEFAULT_ROSTER_FILE } from '../../src/config.js';

type RosterJson = { members: Array<Record<string, unknown>>; fixedTeams: Record<string, Record<string, string>> };
const demoJson = (): RosterJson => JSON.parse(readFileSync(DEFAULT_ROSTER_FILE, 'utf8')) as RosterJson;
function roster(json: RosterJson): Roster {
  const r = parseRoster(json);
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r.roster;
}

describe('diffRosters', () => {
  it('the same roster is no change', () => {
    const d = diffRosters(roster(demoJson()), roster(demoJson()));
    expect(isEmptyDiff(d)).toBe(true);
  });

  it('names added, removed and changed members by id, and the municipalities whose fixed faces moved', () => {
    const next = demoJson();
    next.members = next.members.filter((m) => m.id !== 'gw-lt-doe');
    next.members.push({ ...next.members.find((m) => m.id === 'lt-arn')!, id: 'lt-arn-3', aadObjectId: undefined });
    const vt = next.members.find((m) => m.id === 'vt-arn')!;
    vt.lead = 'lead-vt-2';
    next.fixedTeams.Arnhem!.LT = 'lt-arn-2';
    expect(diffRosters(roster(demoJson()), roster(next))).toEqual({
      added: ['lt-arn-3'],
      removed: ['gw-lt-doe'],
      changed: ['vt-arn'],
      fixedTeamsChanged: ['Arnhem'],
    });
  });
});
