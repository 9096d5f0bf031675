import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import type { Notification } from './notifications.js';
import { standInOn } from './stand-in.js';

export interface Enqueue {
  caseId: number | null;
  recipients: Iterable<MemberId | null | undefined>;
  payload: Notification;
  /** Whose step caused it: they see the outcome in the reply to their action, never as a proactive message. */
  actor?: MemberId;
  /** Acute danger goes out at once, at any hour; everything else waits for office hours. */
  urgent?: boolean;
}

/**
 * Every proactive message is an outbox row first; delivery happens after commit. Recipients are each told once and the
 * actor not at all (docs/behaviour.md, "Who is told what"); a message that would reach nobody is not written. Outside
 * office hours it waits for the next office-hours start, except the acute-safety route.
 */
export function enqueueNotification(ctx: AppContext, n: Enqueue): number | undefined {
  const now = ctx.clock.now();
  const notBefore = n.urgent ? now : ctx.calendar.nextOfficeMoment(now);
  const direct = [...new Set(n.recipients)].filter((id): id is MemberId => typeof id === 'string' && id !== n.actor);
  // While someone is away their messages also go to their deputy ("een 1e en 2e coach … elkaar kunnen steunen en
  // vervangen"), judged on the day the message goes out.
  const day = ctx.calendar.localDate(notBefore);
  const standIns = direct.map((id) => standInOn(ctx, id, day));
  const recipients = [...new Set([...direct, ...standIns])]
    .filter((id): id is MemberId => id !== undefined && id !== n.actor)
    .sort();
  if (recipients.length === 0) return undefined;
  const id = ctx.store.outbox.enqueue({
    kind: n.payload.kind,
    caseId: n.caseId,
    payload: n.payload as unknown as Record<string, unknown>,
    recipients,
    createdAt: now,
    notBefore,
    ignoresOfficeHours: n.urgent ?? false,
  });
  ctx.onOutbox?.();
  return id;
}
