import { z } from 'zod';
import { acceptHandover } from '../../../app/handovers/handover-actions.js';
import { caseRefField, defineCardAction } from '../card-action.js';
import { handoverCard } from './handover-card.js';
import { handoverViewFor } from './handover-view-for.js';
import { afterHandoverChange, visibleHandover } from './visible-handover.js';
import { idField } from '../workflow-fields.js';

const schema = z.object({ caseRef: caseRefField, handoverId: idField('overdracht') });

/** `handover.accept` { caseRef, handoverId }: the receiver accepts once every required item is ticked; T12 stops. */
export const handoverAcceptAction = defineCardAction(
  'handover.accept',
  schema,
  async (context, { actor, data }, tools) => {
    visibleHandover(tools.ctx, actor, data.caseRef, data.handoverId);
    const h = acceptHandover(tools.ctx, { by: actor.id, caseRef: data.caseRef, handoverId: data.handoverId });
    afterHandoverChange(context, tools, actor, h.id);
    return handoverCard(
      handoverViewFor(
        tools.ctx,
        h,
        actor.id,
        'Overdracht geaccepteerd. Dank je: de termijn voor deze overdracht is gestopt.',
      ),
    );
  },
);
