import type { AppContext } from '../../../app/app-context.js';
import { CRISIS_ROUTES } from '../../../app/escalations/report-acute-danger.js';
import type { AcuteReport } from '../../../app/store.js';
import type { AcuteView } from './acute-card.js';

/** The acute card's model from the report as it is now (who took it on). */
export function acuteViewFor(ctx: AppContext, caseRef: string, report: AcuteReport): AcuteView {
  const by = ctx.roster.member(report.reportedBy);
  const picked = report.pickedUpBy ? ctx.roster.member(report.pickedUpBy) : undefined;
  return {
    caseRef: caseRef.toUpperCase(),
    municipality: ctx.store.cases.byId(report.caseId)?.municipality ?? '',
    acuteId: report.id,
    raisedByName: by?.name ?? report.reportedBy,
    raisedByOrg: by?.orgName ?? 'onbekend',
    crisisRoutes: CRISIS_ROUTES,
    pickedUpByName: picked ? `${picked.name} (${picked.orgName})` : report.pickedUpBy,
  };
}
