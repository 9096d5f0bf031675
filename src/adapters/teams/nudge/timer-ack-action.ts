import { z } from 'zod';
import { acknowledgeTimer } from '../../../app/timer-actions.js';
import { caseRefField, defineCardAction } from '../card-action.js';
import { nudgeCard } from './nudge-card.js';
import { nudgeViewFor } from './nudge-view-for.js';
import { timerFields } from '../workflow-fields.js';

const schema = z.object({ caseRef: caseRefField, ...timerFields });

/** `timer.ack` { caseRef, timer, timerId, step }: "Ik pak het op" — recorded; the due date stands. */
export const timerAckAction = defineCardAction('timer.ack', schema, async (_context, { actor, data }, { ctx }) => {
  acknowledgeTimer(ctx, { by: actor.id, caseRef: data.caseRef, timer: data.timer, timerId: data.timerId });
  const text = 'Opgepakt. De einddatum blijft staan: leg vast wanneer het gebeurd is.';
  const view = nudgeViewFor(ctx, data, text);
  return view ? nudgeCard(view) : text;
});
