import { z } from 'zod';
import { addReflection, REFLECTION_MAX } from '../../../app/escalations/add-reflection.js';
import { caseRefField, defineCardAction } from '../card-action.js';
import { escalationCardFields, pickOfCard } from './escalation-card-data.js';
import { escalationCardFor } from './escalation-card-for.js';
import { textField } from '../workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  ...escalationCardFields,
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
    const e = addReflection(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      escalation: pickOfCard(data),
      reflection: data.reflection,
    });
    return escalationCardFor(
      ctx,
      actor,
      ctx.store.escalations.byId(e.id),
      'Reflectie opgeslagen, zonder je naam, voor de leeragenda van de gemeente. Wij leren door samen te reflecteren.',
    );
  },
);
