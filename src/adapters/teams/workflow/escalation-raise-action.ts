import { z } from 'zod';
import { escalateFurther } from '../../../app/escalations/decide-escalation.js';
import { caseRefField, defineCardAction } from '../actions/card-action.js';
import { LEVEL_LABELS } from '../cards/card-kit.js';
import { escalationCardFor } from './escalation-card-for.js';
import { idField } from './workflow-fields.js';

const schema = z.object({ caseRef: caseRefField, escalation: idField('escalatie') });

/** `escalation.raise` { caseRef, escalation }: one level up; L3 only on a manager's, director's or pilot coordinator's word. */
export const escalationRaiseAction = defineCardAction(
  'escalation.raise',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    const e = escalateFurther(ctx, { by: actor.id, caseRef: data.caseRef, escalation: data.escalation });
    return escalationCardFor(
      ctx,
      actor,
      e,
      `Opgeschaald naar ${LEVEL_LABELS[e.level]}. De deelnemers van dit niveau krijgen de kaart.`,
    );
  },
);
