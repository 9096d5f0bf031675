import { z } from 'zod';
import { answerAcuteFollowup, pickUpAcute } from '../../../app/escalations/report-acute-danger.js';
import { dutchDateLong } from '../../../domain/dutch-date.js';
import { caseRefField, defineCardAction, says } from '../card-action.js';
import { acuteCard, acuteFollowupCard } from './acute-card.js';
import { acuteViewFor } from './acute-view-for.js';
import { confirmAcute, reportAcute } from './acute-report.js';
import { idField } from '../workflow-fields.js';

/** `acute.report` { caseRef }: the "Acuut onveilig" button on a case card — the confirmation first. */
export const acuteReportAction = defineCardAction(
  'acute.report',
  z.object({ caseRef: caseRefField }),
  async (_context, { actor, data }, { ctx }) => confirmAcute(ctx, actor, data.caseRef),
);

/** `acute.confirm` { caseRef }: "Ja, waarschuw nu". */
export const acuteConfirmAction = defineCardAction(
  'acute.confirm',
  z.object({ caseRef: caseRefField }),
  async (_context, { actor, data }, { ctx }) => reportAcute(ctx, actor, data.caseRef),
);

/** `acute.pickUp` { caseRef, acuteId }: "Ik pak dit op" — the reporter sees who. */
export const acutePickUpAction = defineCardAction(
  'acute.pickUp',
  z.object({ caseRef: caseRefField, acuteId: idField('acute melding') }),
  async (_context, { actor, data }, { ctx }) => {
    const report = pickUpAcute(ctx, { by: actor.id, caseRef: data.caseRef, acuteId: data.acuteId });
    return acuteCard(acuteViewFor(ctx, data.caseRef, report));
  },
);

/** `acute.followup` { caseRef, acuteId, jointDecision }: the next working day's question, answered. */
export const acuteFollowupAction = defineCardAction(
  'acute.followup',
  z.object({
    caseRef: caseRefField,
    acuteId: idField('acute melding'),
    jointDecision: z.enum(['yes', 'no'], says('Kies ja of nee.')),
  }),
  async (_context, { actor, data }, { ctx }) => {
    answerAcuteFollowup(ctx, {
      by: actor.id,
      caseRef: data.caseRef,
      acuteId: data.acuteId,
      jointDecision: data.jointDecision === 'yes',
    });
    const report = ctx.store.acute.byId(data.acuteId)!;
    return acuteFollowupCard({
      caseRef: data.caseRef,
      acuteId: report.id,
      reportedOn: dutchDateLong(ctx.calendar.localDate(report.reportedAt)),
      answered: data.jointDecision === 'yes' ? 'er is samen besloten' : 'nog geen gezamenlijk besluit',
    });
  },
);
