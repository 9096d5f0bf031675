import { z } from 'zod';
import { openEscalationOfParticipant, recordDecision } from '../../../app/escalations/decide-escalation.js';
import { caseRefField, defineCardAction, memberField, optional, says, submittedCaseRef } from '../card-action.js';
import { afterEscalationChange } from './escalation-card-copies.js';
import { escalationCardFor, outdatedEscalationCard } from './escalation-card-for.js';
import { escalationCardFields, pickOfCard, submittedPick } from './escalation-card-data.js';
import { dateField, textField } from '../workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  ...escalationCardFields,
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
  async (context, { actor, data }, tools) => {
    const { ctx } = tools;
    const outdated = outdatedEscalationCard(ctx, actor, data.caseRef, pickOfCard(data));
    if (outdated) return outdated;
    const e = recordDecision(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      escalation: pickOfCard(data),
      decision: data.decision,
      owner: data.owner,
      deadline: data.deadline,
      familyInformed:
        data.familyInformed === 'yes' ? { informed: 'yes', on: data.familyInformedOn } : { informed: 'no' },
    });
    afterEscalationChange(context, tools, actor, e.id);
    return escalationCardFor(
      ctx,
      actor,
      e,
      'Besluit vastgelegd. Leg met "Wat leren we hiervan?" kort vast wat jullie meenemen.',
    );
  },
  {
    // The escalation card again, its decision form holding what was chosen (the form itself is folded in).
    refill: ({ actor, data }, { ctx }) => {
      const ref = submittedCaseRef(data);
      const pick = submittedPick(data);
      if (ref === undefined || pick === undefined) return undefined;
      const e = openEscalationOfParticipant(ctx, actor.id, ref, pick);
      return escalationCardFor(ctx, actor, e, 'Het besluit is nog niet vastgelegd.');
    },
  },
);
