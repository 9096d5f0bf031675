import { responsibleOrg } from '../domain/case-team.js';
import type { CaseRecord } from '../domain/records.js';
import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadTeam } from './case-access.js';
import { startTimer } from './timer-engine.js';

/**
 * Every accepted step on an open case is a human action. T13 measures the silence of the organisation responsible for
 * the stage, not of the whole team: in the seed's second story the Raad and Veilig Thuis kept calling while the GI
 * stayed silent for months, and counting their calls would have hidden exactly that. So T13 starts again only for an
 * action by someone whose roster organisation is the responsible one (member or not); a stage change restarts it
 * anyway (changeStage). Several such actions on one day keep that day's cycle.
 */
export function recordActivity(ctx: AppContext, c: CaseRecord, by: MemberId, at: number): void {
  const current = ctx.store.cases.byId(c.id) ?? c;
  if (current.closedAt !== null) return;
  ctx.store.cases.update(c.id, { lastActivityAt: at });
  const actor = ctx.roster.member(by);
  if (!actor || actor.org !== responsibleOrg(current.stage, loadTeam(ctx, current), ctx.roster)) return;
  restartSilence(ctx, current, by, at);
}

/** A new T13 cycle from today, unless one started today already. */
export function restartSilence(ctx: AppContext, c: CaseRecord, by: MemberId, at: number): void {
  const today = ctx.calendar.localDate(at);
  const running = ctx.store.timers.open(c.id, 'T13')[0];
  if (running && running.startDate === today) return;
  startTimer(ctx, c, 'T13', { at, by });
}
