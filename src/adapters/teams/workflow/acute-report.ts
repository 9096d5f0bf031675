import type { AppContext } from '../../../app/app-context.js';
import { CRISIS_ROUTES, previewAcuteDanger, reportAcuteDanger } from '../../../app/escalations/report-acute-danger.js';
import { ORG_TYPES, ROLE_LABELS, ROLES, type Member } from '../../../domain/types.js';
import { CaseRef } from '../../../domain/case-ref.js';
import { acuteConfirmCard, acuteRaisedCard } from '../cards/acute-card.js';
import type { AdaptiveCard } from '../cards/card-kit.js';

const ORDER = new Map(ORG_TYPES.map((org, i) => [org, i]));
const RANK = new Map(ROLES.map((role, i) => [role, i]));

/**
 * Who is told, as the reporter needs it at night: professionals before their leads, grouped by organisation, each with
 * role and organisation ("Roos de Graaf, uitvoerend professional, Veilig Thuis Gelderland-Midden").
 */
function names(ctx: AppContext, ids: string[]): string[] {
  const people = ids.map((id) => ctx.roster.member(id));
  return people
    .filter((m): m is Member => m !== undefined)
    .sort((a, b) => RANK.get(a.role)! - RANK.get(b.role)! || ORDER.get(a.org)! - ORDER.get(b.org)!)
    .map((m) => `${m.name}, ${ROLE_LABELS[m.role]}, ${m.orgName}`);
}

/** The confirmation before an acute alert goes out: who will be told, and the crisis routes at once. */
export function confirmAcute(ctx: AppContext, actor: Member, caseRef: string): AdaptiveCard {
  const who = previewAcuteDanger(ctx, { by: actor.id, caseRef });
  return acuteConfirmCard({
    caseRef: CaseRef.parse(caseRef)!.text,
    names: names(ctx, who),
    crisisRoutes: CRISIS_ROUTES,
  });
}

/** Reports acute danger (bypassing the ladder: everyone is told at once, at any hour) and returns the reporter's card. */
export function reportAcute(ctx: AppContext, actor: Member, caseRef: string): AdaptiveCard {
  const r = reportAcuteDanger(ctx, { by: actor.id, caseRef });
  return acuteRaisedCard({
    caseRef: CaseRef.parse(caseRef)!.text,
    names: names(ctx, r.notified),
    crisisRoutes: r.crisisRoutes,
  });
}
