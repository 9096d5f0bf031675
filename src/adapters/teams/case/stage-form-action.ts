import { z } from 'zod';
import { openCaseForChangeOnRecord } from '../../../app/queries/get-case-view.js';
import { buildSetStageCard } from './case-card-forms.js';
import { caseRefField, defineCardAction } from '../card-action.js';

/** `case.stageForm` { caseRef }: the "Fase wijzigen" form, for members of an open case. */
export const stageFormAction = defineCardAction(
  'case.stageForm',
  z.object({ caseRef: caseRefField }),
  async (_context, { actor, data }, { ctx }) => {
    const record = openCaseForChangeOnRecord(ctx, actor.id, data.caseRef);
    return buildSetStageCard(record.ref, record.stage);
  },
);
