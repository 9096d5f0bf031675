import type { CaseRecord } from '../domain/records.js';
import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { enqueueNotification } from './enqueue-notification.js';
import type { TeamPayload, TeamSubject } from './notifications.js';

type Details = Omit<TeamPayload, 'kind' | 'subject' | 'actor' | 'caseId' | 'caseRef' | 'municipality'>;

/**
 * Tells people of the case what changed on it (docs/behaviour.md, "Who is told what"): who joined, left or took over,
 * who holds regie now, what an escalation decided. Never the actor, each person once. Runs inside the caller's
 * transaction, so the message is written with the change or not at all.
 */
export function notifyTeam(
  ctx: AppContext,
  c: CaseRecord,
  subject: TeamSubject,
  recipients: Iterable<MemberId | null | undefined>,
  actor: MemberId,
  details: Details = {},
): void {
  enqueueNotification(ctx, {
    caseId: c.id,
    recipients,
    actor,
    payload: {
      kind: 'team',
      subject,
      actor,
      caseId: c.id,
      caseRef: c.ref,
      municipality: c.municipality,
      ...details,
    },
  });
}
