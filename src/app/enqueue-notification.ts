import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';

export type NotificationKind =
  'nudge' | 'escalation' | 'escalation_reminder' | 'handover' | 'acute' | 'digest' | 'notice';

/**
 * Every proactive message is an outbox row first (design.md "Outbox"); delivery happens after commit. Outside office
 * hours it waits for the next office-hours start, except the acute-safety route.
 */
export function enqueueNotification(
  ctx: AppContext,
  n: {
    kind: NotificationKind;
    caseId: number | null;
    recipients: MemberId[];
    payload: Record<string, unknown>;
    urgent?: boolean;
  },
): number | undefined {
  const recipients = [...new Set(n.recipients)].sort();
  if (recipients.length === 0) return undefined;
  const now = ctx.clock.now();
  const id = ctx.store.outbox.enqueue({
    kind: n.kind,
    caseId: n.caseId,
    payload: { kind: n.kind, ...n.payload },
    recipients,
    createdAt: now,
    notBefore: n.urgent ? now : ctx.calendar.nextOfficeMoment(now),
    ignoresOfficeHours: n.urgent ?? false,
  });
  ctx.onOutbox?.();
  return id;
}
