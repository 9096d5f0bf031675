import { z } from 'zod';
import { recordReflection } from '../../../app/escalations/decide-escalation.js';
import { caseRefField, defineCardAction } from '../actions/card-action.js';
import { escalationBySeq, escalationCardFor } from './escalation-card-for.js';
import { idField, textField } from './workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  escalation: idField('escalatie'),
  reflection: textField('Schrijf kort op wat jullie hiervan leren.', 1000),
});

/** `escalation.reflect` { caseRef, escalation, reflection }: "Wat leren we hiervan?" after a decision. */
export const escalationReflectAction = defineCardAction(
  'escalation.reflect',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    recordReflection(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      escalation: data.escalation,
      reflection: data.reflection,
    });
    return escalationCardFor(
      ctx,
      actor,
      escalationBySeq(ctx, data.caseRef, data.escalation),
      'Reflectie opgeslagen. Wij leren door samen te reflecteren.',
    );
  },
);
