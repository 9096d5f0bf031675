import type { Roster } from './roster.js';
import type { MemberId } from './types.js';

export interface RosterDiff {
  added: MemberId[];
  removed: MemberId[];
  /** In both, with any field different (organisation, role, lead, deputy, Teams id, pilot municipalities …). */
  changed: MemberId[];
  /** Municipalities whose fixed faces differ, or that were added or removed. */
  fixedTeamsChanged: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What a new roster changes, by member id and municipality only (never names). Sorted, for a stable audit entry. */
export function diffRosters(before: Roster, after: Roster): RosterDiff {
  const ids = (r: Roster) => new Set(r.members.map((m) => m.id));
  const was = ids(before);
  const now = ids(after);
  const municipalities = [...new Set([...before.municipalities, ...after.municipalities])];
  return {
    added: [...now].filter((id) => !was.has(id)).sort(),
    removed: [...was].filter((id) => !now.has(id)).sort(),
    changed: [...now].filter((id) => was.has(id) && !same(before.member(id), after.member(id))).sort(),
    fixedTeamsChanged: municipalities.filter((m) => !same(before.fixedTeam(m), after.fixedTeam(m))).sort(),
  };
}

export const isEmptyDiff = (d: RosterDiff): boolean =>
  d.added.length + d.removed.length + d.changed.length + d.fixedTeamsChanged.length === 0;
