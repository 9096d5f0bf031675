import { DomainError } from '../../domain/domain-error.js';
import type { EscalationRecord, TimerRecord } from '../../domain/records.js';
import type { Member } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import type { LoadedCase } from '../case-access.js';
import { picked, type EscalationPick } from './escalation-pick.js';

/**
 * The escalations of a case someone may know of. A worrying-conduct escalation exists only for its own participants
 * (the raiser and their lead chain): to the team it concerns it does not exist at all, in lists, cards and refusals.
 */
export function visibleEscalationsOf(ctx: AppContext, caseId: number, viewer: Member): EscalationRecord[] {
  return ctx.store.escalations
    .ofCase(caseId)
    .filter((e) => e.trigger !== 'NEGLIGENT_CONDUCT' || e.participants.includes(viewer.id) || e.raisedBy === viewer.id);
}

/**
 * The escalation a pick names, else the most recent open one; among those the viewer may know of, so a hidden one gets
 * the same answer as none.
 */
export function selectOpenEscalation(
  ctx: AppContext,
  loaded: LoadedCase,
  viewer: Member,
  pick?: EscalationPick,
): EscalationRecord {
  const e = pick
    ? knownPick(ctx, loaded.record.id, viewer, pick)
    : [...visibleEscalationsOf(ctx, loaded.record.id, viewer)].reverse().find((x) => x.state === 'open');
  if (!e || e.state !== 'open')
    throw new DomainError('NO_OPEN_ESCALATION', 'Er is geen open escalatie (meer) om te behandelen.');
  return e;
}

/** The escalation a pick names, if the viewer may know of it. */
export function knownPick(
  ctx: AppContext,
  caseId: number,
  viewer: Member,
  pick: EscalationPick,
): EscalationRecord | undefined {
  const e = picked(ctx.store.escalations.ofCase(caseId), pick);
  return e && visibleEscalationsOf(ctx, caseId, viewer).some((x) => x.id === e.id) ? e : undefined;
}

/**
 * A decision's deadline on a worrying-conduct escalation is as hidden as the escalation itself: the people who may know
 * of it (its participants), or undefined for any other term.
 */
export function hiddenTermAudience(ctx: AppContext, t: TimerRecord): readonly string[] | undefined {
  if (t.timer !== 'DECISION' || t.escalationId === null) return undefined;
  const e = ctx.store.escalations.byId(t.escalationId);
  return e?.trigger === 'NEGLIGENT_CONDUCT' ? [...e.participants, e.raisedBy] : undefined;
}
