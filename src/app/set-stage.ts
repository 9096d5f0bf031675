import { DomainError } from '../domain/domain-error.js';
import { CASE_STAGES, type CaseStage, type MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadTeam, loadVisibleCase, requireMember, requireOpen } from './case-access.js';
import { memberOfOrg } from '../domain/case-team.js';
import type { CaseRecord } from '../domain/records.js';
import { handoverForStageChange } from '../domain/stage-handovers.js';
import { openHandover } from './handovers/open-handover.js';
import { recordActivity } from './record-activity.js';

export function setStage(ctx: AppContext, input: { by: MemberId; caseRef: string; stage: CaseStage }): void {
  if (!CASE_STAGES.includes(input.stage)) throw new DomainError('UNKNOWN_STAGE', 'Onbekende fase.');
  if (input.stage === 'CLOSED')
    throw new DomainError('USE_CLOSE', 'Sluit een casus met "casus sluiten", zodat alle timers stoppen.');
  const loaded = loadVisibleCase(ctx, input.by, input.caseRef);
  requireOpen(loaded);
  requireMember(loaded, loaded.actor);
  const now = ctx.clock.now();
  ctx.store.transaction(() => {
    ctx.store.cases.update(loaded.record.id, { stage: input.stage });
    ctx.store.cases.addEvent(
      loaded.record.id,
      'stage_changed',
      { from: loaded.record.stage, to: input.stage },
      now,
      loaded.actor.id,
    );
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'case.stage',
      caseId: loaded.record.id,
      reason: null,
      details: { from: loaded.record.stage, to: input.stage },
    });
    openStageHandover(ctx, { ...loaded.record, stage: input.stage }, loaded.record.stage, loaded.actor.id, now);
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
  });
}

/** Where domain.md §2 puts a handover moment, the stage change opens its checklist — when both sides are on the team. */
function openStageHandover(ctx: AppContext, c: CaseRecord, from: CaseStage, by: MemberId, at: number): void {
  const h = handoverForStageChange(from, c.stage);
  if (!h) return;
  const team = loadTeam(ctx, c);
  const sender = h.from === 'coordinator' ? (c.coordinatorId ?? undefined) : memberOfOrg(team, h.from);
  const receiver = memberOfOrg(team, h.to);
  const alreadyOpen = ctx.store.handovers.ofCase(c.id).some((x) => x.state === 'open' && x.moment === h.moment);
  if (sender && receiver && sender !== receiver && !alreadyOpen)
    openHandover(ctx, c, { moment: h.moment, from: sender, to: receiver, by, at });
}
