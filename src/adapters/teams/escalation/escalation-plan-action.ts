import { z } from 'zod';
import { planMeeting } from '../../../app/escalations/decide-escalation.js';
import { caseRefField, defineCardAction } from '../card-action.js';
import { dutchDate } from '../cards/card-kit.js';
import { escalationCardFor } from './escalation-card-for.js';
import { escalationCardFields, pickOfCard } from './escalation-card-data.js';
import { dateField } from '../workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  ...escalationCardFields,
  date: dateField('Kies de datum van het overleg'),
});

/** `escalation.plan` { caseRef, escalation, date }: a participant plans the meeting of this level. */
export const escalationPlanAction = defineCardAction(
  'escalation.plan',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    const e = planMeeting(ctx, { by: actor.id, caseRef: data.caseRef, escalation: pickOfCard(data), date: data.date });
    return escalationCardFor(ctx, actor, e, `Overleg gepland op ${dutchDate(data.date)}.`);
  },
);
