import type { AppContext } from '../../../app/app-context.js';
import type { EscalationPick } from '../../../app/escalations/escalation-pick.js';
import { outdatedEscalation, type OutdatedEscalation } from '../../../app/escalations/outdated-escalation.js';
import { notFoundOrNoAccess } from '../../../domain/domain-error.js';
import type { EscalationRecord } from '../../../domain/records.js';
import type { EscalationLevel, Member } from '../../../domain/types.js';
import { LEVEL_LABELS, type AdaptiveCard } from '../cards/card-kit.js';
import { escalationCard } from './escalation-card.js';
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

const OUTDATED: Record<OutdatedEscalation['why'], (e: EscalationRecord) => string> = {
  decided: () => 'Hierover is al besloten; dit is de huidige stand.',
  closed: () => 'Deze escalatie is al afgerond; dit is de huidige stand.',
  withdrawn: () => 'Deze escalatie is al ingetrokken; dit is de huidige stand.',
  raised: (e) => `Deze escalatie staat intussen op ${LEVEL_LABELS[e.level]}; dit is de huidige stand.`,
};

/**
 * A press on an out-of-date escalation card (decided, closed or withdrawn meanwhile, or on another level than shown)
 * is answered with the current card and a line saying so, never with a refusal or the old card. Changes nothing.
 * Undefined when the card is current (or the person may not know of it: the action refuses as usual).
 */
export function outdatedEscalationCard(
  ctx: AppContext,
  actor: Member,
  caseRef: string,
  pick: EscalationPick,
  shownLevel?: EscalationLevel,
): AdaptiveCard | undefined {
  const outdated = outdatedEscalation(ctx, actor.id, caseRef, pick, shownLevel);
  return (
    outdated &&
    escalationCard(escalationViewFor(ctx, outdated.e, actor, { notice: OUTDATED[outdated.why](outdated.e) }))
  );
}
