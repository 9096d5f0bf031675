import type { AppContext } from '../../../app/app-context.js';
import { notFoundOrNoAccess } from '../../../domain/domain-error.js';
import type { EscalationRecord } from '../../../domain/records.js';
import type { Member } from '../../../domain/types.js';
import type { AdaptiveCard } from '../cards/card-kit.js';
import { escalationCard } from '../cards/escalation-card.js';
import { escalationViewFor } from './escalation-view-for.js';

/** The escalation card for the person who just acted on it (the use case has checked their access). */
export function escalationCardFor(
  ctx: AppContext,
  actor: Member,
  e: EscalationRecord | undefined,
  notice: string,
): AdaptiveCard {
  if (!e) throw notFoundOrNoAccess();
  return escalationCard(escalationViewFor(ctx, e, actor, { notice }));
}

/** An escalation by case reference and number (1 = the case's first). */
export function escalationBySeq(ctx: AppContext, caseRef: string, seq: number): EscalationRecord | undefined {
  const c = ctx.store.cases.byRef(caseRef.toUpperCase());
  return c ? ctx.store.escalations.ofCase(c.id).find((e) => e.seq === seq) : undefined;
}
