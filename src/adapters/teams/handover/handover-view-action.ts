import { z } from 'zod';
import { recordView } from '../../../app/record-view.js';
import { caseRefField, defineCardAction } from '../card-action.js';
import { handoverCard } from './handover-card.js';
import { rememberPressedCopy } from './handover-card-copies.js';
import { handoverViewFor } from './handover-view-for.js';
import { visibleHandover } from './visible-handover.js';
import { idField } from '../workflow-fields.js';

const schema = z.object({ caseRef: caseRefField, handoverId: idField('overdracht') });

/** `handover.view` { caseRef, handoverId }: shows the current checklist (from a nudge, the start form, "Vernieuwen"). */
export const handoverViewAction = defineCardAction(
  'handover.view',
  schema,
  async (context, { actor, data }, { ctx }) => {
    const h = visibleHandover(ctx, actor, data.caseRef, data.handoverId);
    await recordView(ctx, actor.id, { what: 'handover', caseId: h.caseId, handover: h.id });
    if (h.fromMember === actor.id || h.toMember === actor.id) rememberPressedCopy(ctx, context, h.id, actor.id);
    return handoverCard(handoverViewFor(ctx, h, actor.id));
  },
);
