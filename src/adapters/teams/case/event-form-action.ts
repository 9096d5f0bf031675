import { z } from 'zod';
import type { AppContext } from '../../../app/app-context.js';
import { getEventForm } from '../../../app/queries/get-event-form.js';
import type { CaseEvent } from '../../../domain/timer-rules.js';
import type { MemberId } from '../../../domain/types.js';
import type { AdaptiveCard } from '../cards/card-kit.js';
import { buildEventChooserCard, buildEventFormCard } from './case-card-forms.js';
import { caseRefField, defineCardAction, optional } from '../card-action.js';
import { eventField } from './event-field.js';

/** The chooser of events (no event) or the form of one event, for whoever may change the open case. */
export function eventFormCardFor(ctx: AppContext, actorId: MemberId, ref: string, event?: CaseEvent): AdaptiveCard {
  const view = getEventForm(ctx, actorId, ref, event);
  return view.event === undefined
    ? buildEventChooserCard(view.caseRef)
    : buildEventFormCard({ ...view, event: view.event });
}

/**
 * `case.eventForm` { caseRef, event? }: "Gebeurtenis vastleggen" in two steps — without an event the chooser of
 * events, with one the form holding exactly that event's fields.
 */
export const eventFormAction = defineCardAction(
  'case.eventForm',
  z.object({ caseRef: caseRefField, event: optional(eventField) }),
  async (_context, { actor, data }, { ctx }) => eventFormCardFor(ctx, actor.id, data.caseRef, data.event),
);
