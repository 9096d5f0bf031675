import { z } from 'zod';
import { caseRefField, defineCardAction } from '../actions/card-action.js';
import { reportAcute } from './acute-report.js';

/** `acute.report` { caseRef }: the "Acuut onveilig" button on a case card. */
export const acuteReportAction = defineCardAction(
  'acute.report',
  z.object({ caseRef: caseRefField }),
  async (_context, { actor, data }, { ctx }) => reportAcute(ctx, actor, data.caseRef),
);
