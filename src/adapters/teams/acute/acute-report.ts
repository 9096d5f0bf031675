import type { AppContext } from '../../../app/app-context.js';
import { CRISIS_ROUTES, previewAcuteDanger, reportAcuteDanger } from '../../../app/escalations/report-acute-danger.js';
import { reachabilityOf } from '../../../app/reachability.js';
import { dutchDateLong } from '../../../domain/dutch-date.js';
import { ORG_TYPES, ROLE_LABELS, ROLES, type Member } from '../../../domain/types.js';
import { CaseRef } from '../../../domain/case-ref.js';
import { acuteConfirmCard, acuteRaisedCard } from './acute-card.js';
import type { AdaptiveCard } from '../cards/card-kit.js';
import { unreachableText } from '../pilot/reachability-labels.js';

const ORDER = new Map(ORG_TYPES.map((org, i) => [org, i]));
const RANK = new Map(ROLES.map((role, i) => [role, i]));

/**
 * Who is told, as the reporter needs it at night: professionals before their leads, grouped by organisation, each with
 * role and organisation ("Roos de Graaf, uitvoerend professional, Veilig Thuis Gelderland-Midden").
 */
function sorted(ctx: AppContext, ids: string[]): Member[] {
  return ids
    .map((id) => ctx.roster.member(id))
    .filter((m): m is Member => m !== undefined)
    .sort((a, b) => RANK.get(a.role)! - RANK.get(b.role)! || ORDER.get(a.org)! - ORDER.get(b.org)!);
}

const line = (m: Member) => `${m.name}, ${ROLE_LABELS[m.role]}, ${m.orgName}`;

/**
 * Everyone who is told, and those of them the bot probably cannot reach in Teams now (app/reachability.ts), each
 * with why: the reporter must not believe that everyone is being warned.
 */
function told(ctx: AppContext, ids: string[]): { names: string[]; unreachable: string[] } {
  const people = sorted(ctx, ids);
  const judged = reachabilityOf(ctx, people);
  const unreachable = people.flatMap((m) => {
    const r = judged.get(m.id)!.reachability;
    if (r.reachable) return [];
    const since = r.why === 'failed' ? dutchDateLong(ctx.calendar.localDate(r.since)) : undefined;
    return [`${line(m)}: ${unreachableText(r, since)}`];
  });
  return { names: people.map(line), unreachable };
}

/** The confirmation before an acute alert goes out: who will be told, and the crisis routes at once. */
export function confirmAcute(ctx: AppContext, actor: Member, caseRef: string): AdaptiveCard {
  const who = previewAcuteDanger(ctx, { by: actor.id, caseRef });
  return acuteConfirmCard({
    caseRef: CaseRef.parse(caseRef)!.text,
    ...told(ctx, who),
    crisisRoutes: CRISIS_ROUTES,
  });
}

/** Reports acute danger (bypassing the ladder: everyone is told at once, at any hour) and returns the reporter's card. */
export function reportAcute(ctx: AppContext, actor: Member, caseRef: string): AdaptiveCard {
  const r = reportAcuteDanger(ctx, { by: actor.id, caseRef });
  return acuteRaisedCard({
    caseRef: CaseRef.parse(caseRef)!.text,
    ...told(ctx, r.notified),
    crisisRoutes: r.crisisRoutes,
  });
}
