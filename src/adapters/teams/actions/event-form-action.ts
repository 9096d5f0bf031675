import { z } from 'zod';
import { getCaseForChange } from '../../../app/queries/get-case-view.js';
import { buildRecordEventCard } from '../cards/case-card-forms.js';
import { caseRefField, defineCardAction } from './card-action.js';

/** `case.eventForm` { caseRef }: the "Gebeurtenis vastleggen" form, for members of an open case. */
export const eventFormAction = defineCardAction(
  'case.eventForm',
  z.object({ caseRef: caseRefField }),
  async (_context, { actor, data }, { ctx }) => {
    const record = getCaseForChange(ctx, actor.id, data.caseRef);
    const jeugdbeschermers = ctx.roster.jeugdbeschermers().map((m) => ({ id: m.id, name: m.name, orgName: m.orgName }));
    return buildRecordEventCard(record.ref, jeugdbeschermers);
  },
);
