import { DomainError } from '../domain/domain-error.js';
import { CASE_STAGES, type CaseStage, type MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadCaseToChange } from './case-access.js';
import { changeStage } from './change-stage.js';
import { recordActivity } from './record-activity.js';

/** "Fase wijzigen": any stage, also back (a person may correct one). The same stage again changes nothing. */
export function setStage(ctx: AppContext, input: { by: MemberId; caseRef: string; stage: CaseStage }): void {
  if (!CASE_STAGES.includes(input.stage)) throw new DomainError('UNKNOWN_STAGE', 'Onbekende fase.');
  if (input.stage === 'CLOSED')
    throw new DomainError('USE_CLOSE', 'Sluit een casus met "casus sluiten", zodat alle timers stoppen.');
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const now = ctx.clock.now();
  ctx.store.transaction(() => {
    const c = changeStage(ctx, loaded.record, input.stage, loaded.actor.id, now);
    recordActivity(ctx, c, loaded.actor.id, now);
  });
}
