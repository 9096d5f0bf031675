import type { AppContext } from '../../../app/app-context.js';
import { reportAcuteDanger } from '../../../app/escalations/report-acute-danger.js';
import type { Member } from '../../../domain/types.js';
import { acuteRaisedCard } from '../cards/acute-card.js';
import type { AdaptiveCard } from '../cards/card-kit.js';

/** Reports acute danger (bypassing the ladder: the leads are told at once, at any hour) and returns the raiser's card. */
export function reportAcute(ctx: AppContext, actor: Member, caseRef: string): AdaptiveCard {
  const r = reportAcuteDanger(ctx, { by: actor.id, caseRef });
  const leadNames = r.notified.map((id) => ctx.roster.member(id)?.name ?? id);
  return acuteRaisedCard({ caseRef: caseRef.toUpperCase(), leadNames, crisisRoutes: r.crisisRoutes });
}
