import { z } from 'zod';
import { withdrawEscalation } from '../../../app/escalations/decide-escalation.js';
import { caseRefField, defineCardAction, reasonField } from '../actions/card-action.js';
import { escalationCardFor } from './escalation-card-for.js';
import { idField } from './workflow-fields.js';

const schema = z.object({ caseRef: caseRefField, escalation: idField('escalatie'), reason: reasonField });

/** `escalation.withdraw` { caseRef, escalation, reason }: the raiser or a participant withdraws it, with a reason. */
export const escalationWithdrawAction = defineCardAction(
  'escalation.withdraw',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    const e = withdrawEscalation(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      escalation: data.escalation,
      reason: data.reason,
    });
    return escalationCardFor(ctx, actor, e, 'Escalatie ingetrokken. De reden staat in het logboek.');
  },
);
