import { z } from 'zod';
import { addMember } from '../../../app/change-membership.js';
import { requireCandidate } from '../../../app/queries/search-candidates.js';
import { teamCardFor } from '../case/case-cards-for.js';
import { caseRefField, defineCardAction, memberField, reasonField } from '../card-action.js';

const schema = z.object({
  caseRef: caseRefField,
  addMember: memberField('Kies wie erbij komt.'),
  addReason: reasonField,
});

/**
 * `team.add` { caseRef, addMember, addReason }: a member adds a colleague from the roster. The chosen roster id comes
 * from the card's list or from its typeahead (candidate-search-action); either way it must still be a candidate.
 */
export const addMemberAction = defineCardAction('team.add', schema, async (_context, { actor, data }, { ctx }) => {
  requireCandidate(ctx, { by: actor.id, caseRef: data.caseRef, member: data.addMember });
  addMember(ctx, { by: actor.id, caseRef: data.caseRef, member: data.addMember, reason: data.addReason });
  const name = ctx.roster.member(data.addMember)?.name ?? data.addMember;
  return teamCardFor(ctx, actor.id, data.caseRef, `${name} is toegevoegd aan het casusteam.`);
});
