import { z } from 'zod';
import { replaceMember } from '../../../app/change-membership.js';
import { requireCandidate } from '../../../app/queries/search-candidates.js';
import { DomainError } from '../../../domain/domain-error.js';
import { syncCopiesAfterLeaving } from './sync-copies-after-leaving.js';
import { answerAfterLeaving } from './answer-after-leaving.js';
import { caseRefField, defineCardAction, memberField, reasonField } from '../card-action.js';

const schema = z.object({
  caseRef: caseRefField,
  replaceMember: memberField('Kies wie eruit gaat.'),
  replaceSuccessor: memberField('Kies wie het overneemt.'),
  replaceReason: reasonField,
});

/**
 * `team.replace` { caseRef, replaceMember, replaceSuccessor, replaceReason }: for GI and Lokaal Team this opens H6/H8.
 * The successor (from the card's list or its typeahead) must still be a candidate.
 */
export const replaceMemberAction = defineCardAction('team.replace', schema, async (context, { actor, data }, tools) => {
  const { ctx } = tools;
  if (data.replaceMember === data.replaceSuccessor)
    throw new DomainError('SAME_PERSON', 'Kies een andere opvolger dan de persoon die vertrekt.');
  requireCandidate(ctx, { by: actor.id, caseRef: data.caseRef, member: data.replaceSuccessor });
  const { handoverId } = replaceMember(ctx, {
    by: actor.id,
    caseRef: data.caseRef,
    member: data.replaceMember,
    successor: data.replaceSuccessor,
    reason: data.replaceReason,
  });
  syncCopiesAfterLeaving(context, tools, data.caseRef);
  const name = (id: string) => ctx.roster.member(id)?.name ?? id;
  const notice = `${name(data.replaceSuccessor)} neemt het over van ${name(data.replaceMember)}.${handoverId !== undefined ? ' Er is een warme overdracht geopend.' : ''}`;
  return answerAfterLeaving(ctx, actor.id, data.caseRef, notice);
});
