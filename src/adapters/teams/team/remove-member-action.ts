import { z } from 'zod';
import { removeMember } from '../../../app/change-membership.js';
import { syncCopiesAfterLeaving } from './sync-copies-after-leaving.js';
import { answerAfterLeaving } from './answer-after-leaving.js';
import { caseRefField, defineCardAction, memberField, reasonField } from '../card-action.js';

const schema = z.object({
  caseRef: caseRefField,
  removeMember: memberField('Kies wie eruit gaat.'),
  removeReason: reasonField,
});

/** `team.remove` { caseRef, removeMember, removeReason }: needs that person, their team lead or a pilot coordinator. */
export const removeMemberAction = defineCardAction('team.remove', schema, async (context, { actor, data }, tools) => {
  const { ctx } = tools;
  removeMember(ctx, { by: actor.id, caseRef: data.caseRef, member: data.removeMember, reason: data.removeReason });
  syncCopiesAfterLeaving(context, tools, data.caseRef);
  const name = ctx.roster.member(data.removeMember)?.name ?? data.removeMember;
  return answerAfterLeaving(ctx, actor.id, data.caseRef, `${name} is uit het casusteam gehaald.`);
});
