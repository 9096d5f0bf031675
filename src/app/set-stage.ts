import { DomainError } from '../domain/domain-error.js';
import { CASE_STAGES, type CaseStage, type MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadVisibleCase, requireMember, requireOpen } from './case-access.js';
import { recordActivity } from './record-activity.js';

export function setStage(ctx: AppContext, input: { by: MemberId; caseRef: string; stage: CaseStage }): void {
  if (!CASE_STAGES.includes(input.stage)) throw new DomainError('UNKNOWN_STAGE', 'Onbekende fase.');
  if (input.stage === 'CLOSED') throw new DomainError('USE_CLOSE', 'Sluit een casus met "casus sluiten", zodat alle timers stoppen.');
  const loaded = loadVisibleCase(ctx, input.by, input.caseRef);
  requireOpen(loaded);
  requireMember(loaded, loaded.actor);
  const now = ctx.clock.now();
  ctx.store.transaction(() => {
    ctx.store.cases.update(loaded.record.id, { stage: input.stage });
    ctx.store.cases.addEvent(loaded.record.id, 'stage_changed', { from: loaded.record.stage, to: input.stage }, now, loaded.actor.id);
    ctx.store.audit.append({ at: now, actor: loaded.actor.id, action: 'case.stage', caseId: loaded.record.id, reason: null, details: { from: loaded.record.stage, to: input.stage } });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
  });
}
