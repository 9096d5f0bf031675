import { z } from 'zod';
import { recordEvent } from '../../../app/record-event.js';
import { CASE_EVENTS } from '../../../domain/timer-rules.js';
import { MEASURES } from '../../../domain/types.js';
import { caseCardFor } from '../case-cards-for.js';
import { EVENT_LABELS } from '../cards/case-labels.js';
import { caseRefField, defineCardAction, memberField, nl, optional, says } from './card-action.js';

const schema = z.object({
  caseRef: caseRefField,
  event: z.enum(CASE_EVENTS, says('Kies wat er is gebeurd.')),
  measure: optional(z.enum(MEASURES, says('Kies een maatregel uit de lijst.'))),
  months: optional(
    z.coerce
      .number(says('Vul het aantal maanden in als getal.'))
      .int(nl('Vul het aantal maanden in als heel getal.'))
      .min(1, nl('Een maatregel duurt minstens 1 maand.'))
      .max(24, nl('Vul hoogstens 24 maanden in.')),
  ),
  outcome: optional(z.enum(['voluntary', 'report_back', 'investigation'], says('Kies een uitkomst uit de lijst.'))),
  reportBackBy: optional(
    z
      .string(says('Kies een geldige terugmelddatum.'))
      .regex(/^\d{4}-\d{2}-\d{2}$/, nl('Kies een geldige terugmelddatum.')),
  ),
  member: optional(memberField('Kies de jeugdbeschermer.')),
});

/** `case.recordEvent` { caseRef, event, measure?, months?, outcome?, reportBackBy?, member? }: records an event; timers follow. */
export const recordEventAction = defineCardAction(
  'case.recordEvent',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    const { caseRef, event, ...fields } = data;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    recordEvent(ctx, { by: actor.id, caseRef, event, fields: defined });
    return caseCardFor(ctx, actor.id, caseRef, `Vastgelegd: ${EVENT_LABELS[event]}.`);
  },
);
