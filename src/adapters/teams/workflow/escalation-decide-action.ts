import { z } from 'zod';
import { recordDecision } from '../../../app/escalations/decide-escalation.js';
import { caseRefField, defineCardAction, memberField } from '../actions/card-action.js';
import { escalationCardFor } from './escalation-card-for.js';
import { dateField, idField, textField } from './workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  escalation: idField('escalatie'),
  decision: textField('Vul het besluit in.', 500),
  owner: memberField('Kies wie het besluit uitvoert.'),
  deadline: dateField('Kies een deadline'),
});

/** `escalation.decide` { caseRef, escalation, decision, owner, deadline }: closes it; the deadline becomes a timer. */
export const escalationDecideAction = defineCardAction(
  'escalation.decide',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    const e = recordDecision(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      escalation: data.escalation,
      decision: data.decision,
      owner: data.owner,
      deadline: data.deadline,
    });
    return escalationCardFor(
      ctx,
      actor,
      e,
      'Besluit vastgelegd. Wat leren we hiervan? Leg hieronder kort een reflectie vast.',
    );
  },
);
