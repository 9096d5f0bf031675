import type { MemberId } from '../domain/types.js';
import { CASE_THREAD_KIND, type CaseThreadPayload } from './notifications.js';

// What to do when a 1:1 delivery failed for good (docs/behaviour.md, "Who cannot be reached"), pure: who is told that
// the person was not reached, and whether the message goes to the case's channel thread with an @mention instead.
// The facts it needs are read by tell-about-failed-delivery.ts.

/** The message kinds about one case that a case thread may carry (never a digest, a weekly line or a notice). */
export const THREAD_KINDS: ReadonlySet<string> = new Set<CaseThreadPayload['about']>([
  'nudge',
  'escalation',
  'escalation_reminder',
  'handover',
  'team',
  'acute',
  'acute_update',
  'acute_followup',
]);

export interface FailedDelivery {
  kind: string;
  recipientId: MemberId;
  caseId: number | null;
  payload: Record<string, unknown>;
}

export interface FailedDeliveryFacts {
  /** The recipient's team lead in the roster. */
  lead: MemberId | undefined;
  /** The recipient is a current member of the (open) case's team: the thread's own audience. */
  recipientOnCase: boolean;
  /** The case has its own channel thread. */
  caseHasThread: boolean;
  /**
   * The message is about a worrying-conduct escalation (NEGLIGENT_CONDUCT): the escalation itself, its decision or the
   * term of that decision. It stays within the raiser's lead chain, never in a thread the whole team reads.
   */
  confidential: boolean;
}

export interface FailedDeliveryPlan {
  /** Who hears that the person was not reached; `urgent`: at once, at any hour (they depend on it now). */
  tell: Array<{ memberId: MemberId; urgent: boolean }>;
  /** Post the message in the case's thread with an @mention of the person. */
  postInThread: boolean;
}

const NOTHING: FailedDeliveryPlan = { tell: [], postInThread: false };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * - A notice (someone was not reached) and a post in a case thread end here: nothing follows their own failure.
 * - The person's team lead is told, as always (in office hours).
 * - Whoever waits for the message is told too: the reporter of an acute alert at once, at any hour; the sender of a
 *   handover checklist its receiver did not get; the colleague who asked for a consultation.
 * - A message about one case also goes to the case's thread, mentioning the person, when the case has a thread, the
 *   person is on its team, and the message is not about worrying conduct.
 */
export function planFailedDelivery(d: FailedDelivery, facts: FailedDeliveryFacts): FailedDeliveryPlan {
  if (d.kind === 'notice' || d.kind === CASE_THREAD_KIND) return NOTHING;
  const tell: FailedDeliveryPlan['tell'] = [];
  const add = (memberId: MemberId | undefined, urgent: boolean) => {
    if (memberId === undefined || memberId === d.recipientId) return;
    const known = tell.find((t) => t.memberId === memberId);
    if (known) known.urgent ||= urgent;
    else tell.push({ memberId, urgent });
  };
  const p = d.payload;
  add(facts.lead, false);
  if (d.kind === 'acute') add(str(p.raisedBy), true);
  if (d.kind === 'handover' && str(p.to) === d.recipientId) add(str(p.from), false);
  if (d.kind === 'team' && p.subject === 'consult_requested') add(str(p.actor), false);
  const postInThread =
    d.caseId !== null &&
    THREAD_KINDS.has(d.kind) &&
    facts.caseHasThread &&
    facts.recipientOnCase &&
    !facts.confidential &&
    p.trigger !== 'NEGLIGENT_CONDUCT';
  return { tell, postInThread };
}
