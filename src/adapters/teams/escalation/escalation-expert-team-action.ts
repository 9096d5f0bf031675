import { z } from 'zod';
import { recordEvent } from '../../../app/record-event.js';
import { caseRefField, defineCardAction } from '../card-action.js';
import { knownEscalation } from '../../../app/escalations/may-know-escalation.js';
import { escalationCardFields, pickOfCard } from './escalation-card-data.js';
import { escalationCardFor } from './escalation-card-for.js';

const schema = z.object({ caseRef: caseRefField, ...escalationCardFields });

/** `escalation.expertTeam` { caseRef, escalation }: records `ret_engaged`; the region's RET member joins (from L2). */
export const escalationExpertTeamAction = defineCardAction(
  'escalation.expertTeam',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    recordEvent(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      event: 'ret_engaged',
      escalation: pickOfCard(data),
    });
    return escalationCardFor(
      ctx,
      actor,
      knownEscalation(ctx, actor.id, data.caseRef, pickOfCard(data)),
      'Het Regionaal Expertteam is ingeschakeld en krijgt de escalatiekaart.',
    );
  },
);
