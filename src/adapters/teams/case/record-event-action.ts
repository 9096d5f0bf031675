import { z } from 'zod';
import type { AppContext } from '../../../app/app-context.js';
import { recordEvent } from '../../../app/record-event.js';
import { JBT_OUTCOMES, type CaseEvent, type EventFields } from '../../../domain/timer-rules.js';
import { MEASURES } from '../../../domain/types.js';
import { caseCardFor } from './case-cards-for.js';
import { EVENT_LABELS } from './case-labels.js';
import { caseRefField, defineCardAction, memberField, nl, optional, says, submittedCaseRef } from '../card-action.js';
import { eventFormCardFor } from './event-form-action.js';
import { eventField } from './event-field.js';

// The shape of each field only: which fields an event needs, in which combination, and who may record it, is the use
// case's (src/app/record-event.ts, src/app/events/), so the chat and the scenario replay refuse the same things.

const dateInput = (message: string) => z.string(says(message)).regex(/^\d{4}-\d{2}-\d{2}$/, nl(message));

const schema = z.object({
  caseRef: caseRefField,
  event: eventField,
  measure: optional(z.enum(MEASURES, says('Kies een maatregel uit de lijst.'))),
  months: optional(
    z.coerce
      .number(says('Vul het aantal maanden in als getal.'))
      .int(nl('Vul het aantal maanden in als heel getal.'))
      .min(1, nl('Een maatregel duurt minstens 1 maand.'))
      .max(24, nl('Vul hoogstens 24 maanden in.')),
  ),
  outcome: optional(z.enum([...JBT_OUTCOMES, 'approved', 'declined'], says('Kies een uitkomst uit de lijst.'))),
  reportBackBy: optional(dateInput('Kies een geldige terugmelddatum.')),
  member: optional(memberField('Kies een persoon uit de lijst.')),
  parentsInformed: optional(z.enum(['yes', 'no'], says('Kies of de ouders zijn geïnformeerd: ja of nee.'))),
  informedOn: optional(dateInput('Kies een geldige datum waarop de ouders zijn geïnformeerd.')),
  until: optional(dateInput('Kies een geldige datum tot wanneer de overbruggingszorg loopt.')),
  // Free text: the use case passes it through the personal-data guard and keeps it in the audit log only.
  reason: optional(
    z
      .string(says('Vul de reden in als tekst.'))
      .trim()
      .max(500, nl('De reden is te lang (maximaal 500 tekens).'))
      .transform((s) => (s.length > 0 ? s : undefined)),
  ),
});

/** What the person reads above the refreshed case card; a consultation also says who was asked. */
function noticeFor(ctx: AppContext, event: CaseEvent, fields: EventFields): string {
  const done = `Vastgelegd: ${EVENT_LABELS[event]}.`;
  const asked = event === 'consult_requested' && fields.member ? ctx.roster.member(fields.member) : undefined;
  return asked ? `${done} ${asked.name} (${asked.orgName}) krijgt een bericht dat je om advies vraagt.` : done;
}

/**
 * `case.recordEvent` { caseRef, event, measure?, months?, outcome?, reportBackBy?, member?, parentsInformed?,
 * informedOn?, until?, reason? }: records an event from its form; terms, stage and team follow.
 */
export const recordEventAction = defineCardAction(
  'case.recordEvent',
  schema,
  async (_context, { actor, data }, { ctx, state }) => {
    const { caseRef, event, ...given } = data;
    const fields = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as EventFields;
    recordEvent(ctx, { by: actor.id, caseRef, event, fields });
    return caseCardFor(ctx, state.caseCards, actor.id, caseRef, noticeFor(ctx, event, fields));
  },
  {
    refill: ({ actor, data }, { ctx }) => {
      const ref = submittedCaseRef(data);
      const event = eventField.safeParse(data.event);
      return ref === undefined || !event.success ? undefined : eventFormCardFor(ctx, actor.id, ref, event.data);
    },
  },
);
