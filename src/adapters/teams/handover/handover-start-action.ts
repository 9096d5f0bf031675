import { z } from 'zod';
import { startHandover } from '../../../app/handovers/handover-actions.js';
import { HANDOVER_MOMENTS } from '../../../domain/types.js';
import { caseRefField, defineCardAction, memberField, says, submittedCaseRef } from '../card-action.js';
import { handoverCard } from './handover-card.js';
import { handoverFormFor } from './handover-command.js';
import { handoverViewFor } from './handover-view-for.js';
import { afterHandoverChange } from './visible-handover.js';

const schema = z.object({
  caseRef: caseRefField,
  moment: z.enum(HANDOVER_MOMENTS, says('Kies een overdrachtsmoment.')),
  from: memberField('Kies wie de casus overdraagt.'),
  to: memberField('Kies wie de casus ontvangt.'),
});

/** `handover.start` { caseRef, moment, from, to }: opens the checklist; the receiver gets it through the outbox. */
export const handoverStartAction = defineCardAction(
  'handover.start',
  schema,
  async (context, { actor, data }, tools) => {
    const id = startHandover(tools.ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      moment: data.moment,
      from: data.from,
      to: data.to,
    });
    afterHandoverChange(context, tools, actor, id);
    const h = tools.ctx.store.handovers.byId(id)!;
    const receiver = tools.ctx.roster.member(h.toMember)?.name ?? h.toMember;
    return handoverCard(
      handoverViewFor(tools.ctx, h, actor.id, `Overdracht gestart. ${receiver} krijgt de checklist.`),
    );
  },
  {
    refill: ({ actor, data }, { ctx }) => {
      const ref = submittedCaseRef(data);
      return ref === undefined ? undefined : handoverFormFor(ctx, actor, ref);
    },
  },
);
