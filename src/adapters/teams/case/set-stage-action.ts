import { z } from 'zod';
import { setStage } from '../../../app/set-stage.js';
import { CASE_STAGES } from '../../../domain/types.js';
import { caseCardFor } from './case-cards-for.js';
import { STAGE_LABELS } from '../cards/card-kit.js';
import { caseRefField, defineCardAction, says } from '../card-action.js';

const schema = z.object({ caseRef: caseRefField, stage: z.enum(CASE_STAGES, says('Kies een fase.')) });

/** `case.setStage` { caseRef, stage }: moves the case to another stage (closing has its own confirmation). */
export const setStageAction = defineCardAction(
  'case.setStage',
  schema,
  async (_context, { actor, data }, { ctx, state }) => {
    setStage(ctx, { by: actor.id, caseRef: data.caseRef, stage: data.stage });
    return caseCardFor(ctx, state.caseCards, actor.id, data.caseRef, `Fase gewijzigd: ${STAGE_LABELS[data.stage]}.`);
  },
);
