import { diffRosters, isEmptyDiff, type RosterDiff } from '../domain/diff-rosters.js';
import type { Roster } from '../domain/roster.js';
import type { AppContext } from './app-context.js';
import { BOT_ACTOR } from './notifications.js';

/**
 * A new roster of fixed faces takes effect without a restart (docs/behaviour.md, "The roster"): the next turn, the
 * next routing decision and the next delivery read it. The change is in the audit log by member id and municipality
 * (never a name). A roster that is the same as the running one changes nothing and is not logged. Someone who left
 * the roster loses access at once: access and delivery look people up in the roster every time.
 */
export function replaceRoster(ctx: AppContext, next: Roster, source: string): RosterDiff {
  const diff = diffRosters(ctx.roster, next);
  if (isEmptyDiff(diff)) return diff;
  ctx.store.transaction(() => {
    ctx.store.audit.append({
      at: ctx.clock.now(),
      actor: BOT_ACTOR,
      action: 'roster.reloaded',
      caseId: null,
      reason: null,
      details: { source, members: next.members.length, ...diff },
    });
  });
  ctx.roster = next;
  return diff;
}
