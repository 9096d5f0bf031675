import { z } from 'zod';
import { withdrawEscalation } from '../../../app/escalations/decide-escalation.js';
import { caseRefField, defineCardAction, reasonField } from '../card-action.js';
import { afterEscalationChange } from './escalation-card-copies.js';
import { escalationCardFor, outdatedEscalationCard } from './escalation-card-for.js';
import { escalationCardFields, pickOfCard } from './escalation-card-data.js';

const schema = z.object({ caseRef: caseRefField, ...escalationCardFields, reason: reasonField });

/** `escalation.withdraw` { caseRef, escalation, reason }: the raiser or a participant withdraws it, with a reason. */
export const escalationWithdrawAction = defineCardAction(
  'escalation.withdraw',
  schema,
  async (context, { actor, data }, tools) => {
    const { ctx } = tools;
    const outdated = outdatedEscalationCard(ctx, actor, data.caseRef, pickOfCard(data));
    if (outdated) return outdated;
    const e = withdrawEscalation(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      escalation: pickOfCard(data),
      reason: data.reason,
    });
    afterEscalationChange(context, tools, actor, e.id);
    return escalationCardFor(ctx, actor, e, 'Escalatie ingetrokken. De reden staat in het logboek.');
  },
);
