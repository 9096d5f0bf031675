import { z } from 'zod';
import { recordEvent } from '../../../app/record-event.js';
import { loadVisibleCase } from '../../../app/case-access.js';
import { DomainError } from '../../../domain/domain-error.js';
import { CASE_EVENTS } from '../../../domain/timer-rules.js';
import { caseRefField, defineCardAction, memberField, optional, says } from '../actions/card-action.js';
import { EVENT_LABELS } from '../cards/case-labels.js';
import { nudgeCard } from '../cards/nudge-card.js';
import { COMPLETING_EVENTS } from '../cards/workflow-labels.js';
import { nudgeViewFor } from './nudge-view-for.js';
import { timerFields } from './workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  ...timerFields,
  event: z.enum(CASE_EVENTS, says('Kies wat er is gebeurd.')),
  member: optional(memberField('Kies de jeugdbeschermer.')),
});

/** `timer.complete` { caseRef, timer, timerId, step, event, member? }: records the event that stops this timer. */
export const timerCompleteAction = defineCardAction(
  'timer.complete',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    if (!COMPLETING_EVENTS[data.timer].includes(data.event))
      throw new DomainError('WRONG_EVENT', 'Die gebeurtenis rondt deze termijn niet af.');
    // A stale nudge card must not record the event again (it would restart the next timer): only an open cycle counts.
    // Need-to-know first, so a stranger gets the same answer whether the case exists or not.
    const caseId = loadVisibleCase(ctx, actor.id, data.caseRef).record.id;
    const timer = ctx.store.timers.byId(data.timerId);
    if (!timer || timer.caseId !== caseId || timer.timer !== data.timer || timer.state !== 'open') {
      throw new DomainError(
        'TIMER_NOT_OPEN',
        'Deze termijn loopt niet meer; er is niets vastgelegd. Bekijk de casus voor de actuele stand.',
      );
    }
    recordEvent(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      event: data.event,
      fields: data.member ? { member: data.member } : {},
    });
    const text = `Vastgelegd: ${EVENT_LABELS[data.event] ?? data.event}.`;
    const view = nudgeViewFor(ctx, data, text);
    return view ? nudgeCard(view) : text;
  },
);
