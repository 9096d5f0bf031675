import { z } from 'zod';
import { postponeTimer } from '../../../app/timer-actions.js';
import { caseRefField, defineCardAction, reasonField } from '../card-action.js';
import { dutchDate } from '../cards/card-kit.js';
import { nudgeCard } from './nudge-card.js';
import { nudgeViewFor } from './nudge-view-for.js';
import { dateField, timerFields } from '../workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  ...timerFields,
  until: dateField('Kies een nieuwe einddatum'),
  reason: reasonField,
});

/** `timer.postpone` { caseRef, timer, timerId, step, until, reason }: once by the owner, again only by the team lead. */
export const timerPostponeAction = defineCardAction(
  'timer.postpone',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    const t = postponeTimer(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      timer: data.timer,
      timerId: data.timerId,
      until: data.until,
      reason: data.reason,
    });
    const text = `Uitgesteld tot ${dutchDate(t.dueDate)}. De reden staat in het logboek.`;
    const view = nudgeViewFor(ctx, data, text);
    return view ? nudgeCard(view) : text;
  },
);
