import { z } from 'zod';
import { checkItem } from '../../../app/handovers/handover-actions.js';
import { BASIS_OPTIONS } from '../../../domain/handover-templates.js';
import { caseRefField, defineCardAction, nl, optional, says } from '../card-action.js';
import { handoverCard } from './handover-card.js';
import { handoverViewFor } from './handover-view-for.js';
import { afterHandoverChange } from './visible-handover.js';
import { idField } from '../workflow-fields.js';

const schema = z.object({
  caseRef: caseRefField,
  handoverId: idField('overdracht'),
  item: z
    .string(says('Kies een punt van de checklist.'))
    .regex(/^(C[1-7]|H[1-9]\.\d{1,2})$/i, nl('Dat punt staat niet op de checklist.')),
  basis: optional(z.enum(BASIS_OPTIONS, says('Kies toestemming, wettelijke taak of conflict van plichten.'))),
});

/** `handover.check` { caseRef, handoverId, item, basis? }: ticks one item; C3 needs the basis for sharing. */
export const handoverCheckAction = defineCardAction(
  'handover.check',
  schema,
  async (context, { actor, data }, tools) => {
    const item = data.item.toUpperCase();
    // Need-to-know, the item's side and the basis C3 needs are the use case's (the replay applies the same rules).
    const h = checkItem(tools.ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      handoverId: data.handoverId,
      item,
      ...(data.basis ? { basis: data.basis } : {}),
    });
    afterHandoverChange(context, tools, actor, h.id);
    return handoverCard(handoverViewFor(tools.ctx, h, actor.id, `Afgevinkt: ${item}.`));
  },
);
