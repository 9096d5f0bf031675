import { z } from 'zod';
import { recordEvent } from '../../../app/record-event.js';
import { caseRefField, defineCardAction } from '../card-action.js';
import { escalationBySeq, escalationCardFor } from './escalation-card-for.js';
import { idField } from '../workflow-fields.js';

const schema = z.object({ caseRef: caseRefField, escalation: idField('escalatie') });

/** `escalation.expertTeam` { caseRef, escalation }: records `ret_engaged`; the region's RET member joins (from L2). */
export const escalationExpertTeamAction = defineCardAction(
  'escalation.expertTeam',
  schema,
  async (_context, { actor, data }, { ctx }) => {
    recordEvent(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      event: 'ret_engaged',
      fields: { escalation: data.escalation },
    });
    return escalationCardFor(
      ctx,
      actor,
      escalationBySeq(ctx, data.caseRef, data.escalation),
      'Het Regionaal Expertteam is ingeschakeld en krijgt de escalatiekaart.',
    );
  },
);
