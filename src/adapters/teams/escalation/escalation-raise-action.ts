import { z } from 'zod';
import { escalateFurther } from '../../../app/escalations/decide-escalation.js';
import { ESCALATION_LEVELS } from '../../../domain/types.js';
import { caseRefField, defineCardAction, optional } from '../card-action.js';
import { LEVEL_LABELS } from '../cards/card-kit.js';
import { afterEscalationChange } from './escalation-card-copies.js';
import { escalationCardFor, outdatedEscalationCard } from './escalation-card-for.js';
import { escalationCardFields, pickOfCard } from './escalation-card-data.js';

// `level`: the level the card showed (cards from before it was sent have none).
const schema = z.object({
  caseRef: caseRefField,
  ...escalationCardFields,
  level: optional(z.enum(ESCALATION_LEVELS)),
});

/** `escalation.raise` { caseRef, escalation }: one level up; L3 only on a manager's, director's or pilot coordinator's word. */
export const escalationRaiseAction = defineCardAction(
  'escalation.raise',
  schema,
  async (context, { actor, data }, tools) => {
    const { ctx } = tools;
    // Raised meanwhile by someone else: the current card, not a second step up.
    const outdated = outdatedEscalationCard(ctx, actor, data.caseRef, pickOfCard(data), data.level);
    if (outdated) return outdated;
    const e = escalateFurther(ctx, { by: actor.id, caseRef: data.caseRef, escalation: pickOfCard(data) });
    afterEscalationChange(context, tools, actor, e.id);
    return escalationCardFor(
      ctx,
      actor,
      e,
      `Opgeschaald naar ${LEVEL_LABELS[e.level]}. De deelnemers van dit niveau krijgen de kaart.`,
    );
  },
);
