import { z } from 'zod';
import { getAbsenceView } from '../../../app/queries/get-absence-view.js';
import { setAbsence } from '../../../app/set-absence.js';
import { absenceFormCard, absenceRecordedCard, ABSENCE_FORM_VERB, ABSENCE_SET_VERB } from './absence-card.js';
import { defineCardAction, memberField, nl, optional, says } from '../card-action.js';

// The submit of the absence card. Input.Date sends "YYYY-MM-DD" (or "" when nothing was picked); whether the day
// exists and the order of the two dates are the use case's to judge, in Dutch.

const dateField = (missing: string) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.string(says(missing)).regex(/^\d{4}-\d{2}-\d{2}$/, nl(`${missing} in de kalender.`)),
  );

const schema = z.object({
  absenceFrom: dateField('Kies de eerste dag van de afwezigheid'),
  absenceUntil: dateField('Kies de laatste dag van de afwezigheid'),
  // Empty: the person themselves. A team lead may choose someone they lead.
  absenceMember: optional(memberField('Kies voor wie de afwezigheid is.')),
});

/** `absence.set` { absenceFrom, absenceUntil, absenceMember? }: records the absence, answers with a confirmation. */
export const setAbsenceAction = defineCardAction(
  ABSENCE_SET_VERB,
  schema,
  async (_context, { actor, data }, { ctx }) => {
    const member = data.absenceMember ?? actor.id;
    const recorded = setAbsence(ctx, { by: actor.id, member, from: data.absenceFrom, until: data.absenceUntil });
    return absenceRecordedCard(recorded, member === actor.id, ctx.calendar.localDate(ctx.clock.now()));
  },
  { refill: ({ actor }, { ctx }) => absenceFormCard(getAbsenceView(ctx, actor.id)) },
);

/** `absence.form` {}: the absence card again (from the confirmation). */
export const absenceFormAction = defineCardAction(
  ABSENCE_FORM_VERB,
  z.object({}),
  async (_context, { actor }, { ctx }) => absenceFormCard(getAbsenceView(ctx, actor.id)),
);
