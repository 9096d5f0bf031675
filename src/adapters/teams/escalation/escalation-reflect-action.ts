import { z } from 'zod';
import { addReflection, REFLECTION_MAX } from '../../../app/escalations/add-reflection.js';
import { caseRefField, defineCardAction } from '../card-action.js';
import { escalationBySeq, escalationCardFor } from './escalation-card-for.js';
import { idField, textField } from '../workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  escalation: idField('escalatie'),
  reflection: textField('Schrijf kort op wat jullie hiervan leren.', REFLECTION_MAX),
});

/**
 * `escalation.reflect` { caseRef, escalation, reflection }: "Reflectie toevoegen" on a decided escalation (its card, or
 * the team's decision message), by one of its participants; answered with the escalation card.
 */
export const escalationReflectAction = defineCardAction(
  'escalation.reflect',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    addReflection(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      escalation: data.escalation,
      reflection: data.reflection,
    });
    return escalationCardFor(
      ctx,
      actor,
      escalationBySeq(ctx, data.caseRef, data.escalation),
      'Reflectie opgeslagen, zonder je naam, voor de leeragenda van de gemeente. Wij leren door samen te reflecteren.',
    );
  },
);
