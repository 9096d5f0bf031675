import { z } from 'zod';
import { completeTerm } from '../../../app/timer-actions.js';
import { CASE_EVENTS } from '../../../domain/timer-rules.js';
import { caseRefField, defineCardAction, memberField, optional, says } from '../card-action.js';
import { EVENT_LABELS } from '../case/case-labels.js';
import { nudgeCard } from './nudge-card.js';
import { nudgeViewFor } from './nudge-view-for.js';
import { dateField, timerFields } from '../workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  ...timerFields,
  event: z.enum(CASE_EVENTS, says('Kies wat er is gebeurd.')),
  member: optional(memberField('Kies de jeugdbeschermer.')),
  parentsInformed: optional(z.enum(['yes', 'no'], says('Kies of de ouders zijn geïnformeerd.'))),
  informedOn: optional(dateField('Kies de datum waarop de ouders zijn geïnformeerd')),
});

/** `timer.complete` { caseRef, timer, timerId, step, event, member?, parentsInformed? }: records what completes the term. */
export const timerCompleteAction = defineCardAction(
  'timer.complete',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    const fields = {
      ...(data.member ? { member: data.member } : {}),
      ...(data.parentsInformed ? { parentsInformed: data.parentsInformed } : {}),
      ...(data.informedOn ? { informedOn: data.informedOn } : {}),
    };
    completeTerm(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      timer: data.timer,
      timerId: data.timerId,
      event: data.event,
      fields,
    });
    const text = `Vastgelegd: ${EVENT_LABELS[data.event] ?? data.event}.`;
    const view = nudgeViewFor(ctx, data, text);
    return view ? nudgeCard(view) : text;
  },
);
