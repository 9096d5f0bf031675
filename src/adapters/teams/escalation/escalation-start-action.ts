import { z } from 'zod';
import { raiseEscalation } from '../../../app/escalations/raise-escalation.js';
import { ESCALATION_TRIGGERS, ORG_TYPES } from '../../../domain/types.js';
import { caseRefField, defineCardAction, says, submittedCaseRef } from '../card-action.js';
import { LEVEL_LABELS } from '../cards/card-kit.js';
import { escalationCardFor } from './escalation-card-for.js';
import { escalationFormFor } from './escalation-command.js';
import { listField, textField } from '../workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  trigger: z.enum(ESCALATION_TRIGGERS, says('Kies een aanleiding.')),
  question: textField('Vul de vraag in waarover besloten moet worden.', 500),
  orgs: listField(ORG_TYPES, 'Kies organisaties uit de lijst.'),
});

/** `escalation.start` { caseRef, trigger, question, orgs? ("LT,VT") }: the question passes the personal-data guard. */
export const escalationStartAction = defineCardAction(
  'escalation.start',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    const e = raiseEscalation(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      trigger: data.trigger,
      question: data.question,
      ...(data.orgs.length > 0 ? { orgs: data.orgs } : {}),
    });
    const others = e.participants.filter((id) => id !== actor.id).map((id) => ctx.roster.member(id)?.name ?? id);
    const who =
      others.length > 0 ? `${others.join(', ')} krijgen de escalatiekaart.` : 'Er is niemand anders om te betrekken.';
    return escalationCardFor(ctx, actor, e, `Escalatie gestart op ${LEVEL_LABELS[e.level]}. ${who}`);
  },
  {
    refill: ({ actor, data }, { ctx }) => {
      const ref = submittedCaseRef(data);
      return ref === undefined ? undefined : escalationFormFor(ctx, actor, ref);
    },
  },
);
