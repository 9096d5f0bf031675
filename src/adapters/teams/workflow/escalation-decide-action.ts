import { z } from 'zod';
import { recordDecision } from '../../../app/escalations/decide-escalation.js';
import { caseRefField, defineCardAction, memberField, optional, says } from '../actions/card-action.js';
import { escalationCardFor } from './escalation-card-for.js';
import { dateField, idField, textField } from './workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  escalation: idField('escalatie'),
  decision: textField('Vul het besluit in.', 500),
  owner: memberField('Kies wie het besluit uitvoert.'),
  deadline: dateField('Kies een deadline'),
  familyInformed: z.enum(['yes', 'no'], says('Kies of het gezin is geïnformeerd over het besluit.')),
  familyInformedOn: optional(dateField('Kies de datum waarop het gezin is geïnformeerd')),
});

/**
 * `escalation.decide` { caseRef, escalation, decision, owner, deadline, familyInformed, familyInformedOn? }: closes it;
 * the deadline becomes a term, and the team hears what was decided.
 */
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
      familyInformed:
        data.familyInformed === 'yes' ? { informed: 'yes', on: data.familyInformedOn } : { informed: 'no' },
    });
    return escalationCardFor(
      ctx,
      actor,
      e,
      'Besluit vastgelegd. Leg met "Wat leren we hiervan?" kort vast wat jullie meenemen.',
    );
  },
);
