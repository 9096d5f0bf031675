import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadCaseById, maySee } from './case-access.js';
import type { Notification } from './notifications.js';

/**
 * Checked again when a message goes out, which may be hours after it was written (overnight, a Teams outage): a person
 * who left the case in between gets nothing more about it. Their own "you were removed" message still reaches them,
 * as does the checklist of a handover they send; an escalation reaches its current participants only; a post in the
 * case's thread mentions a current member of that open case only.
 */
export function mayReceive(ctx: AppContext, n: Notification, recipientId: MemberId): boolean {
  const recipient = ctx.roster.member(recipientId);
  if (!recipient) return false;
  switch (n.kind) {
    case 'digest':
    case 'weekly':
    case 'notice':
      return true;
    case 'team':
      if (n.subject === 'member_removed' && n.member === recipientId) return true;
      break;
    case 'handover': {
      const h = ctx.store.handovers.byId(n.handoverId);
      if (h && h.state === 'open' && h.fromMember === recipientId) return true;
      break;
    }
    case 'nudge': {
      const t = ctx.store.timers.byId(n.timerId);
      // The sender of a checklist keeps hearing of its term after leaving the case (H6/H8).
      if (t?.timer === 'T12' && t.ownerRef === recipientId) return true;
      break;
    }
    case 'escalation':
    case 'escalation_reminder': {
      const e = ctx.store.escalations.byId(n.escalationId);
      return !!e && e.participants.includes(recipientId);
    }
    case 'acute':
    case 'acute_update':
    case 'acute_followup':
      break;
    case 'case_thread': {
      // Posted in the case's thread, which its team reads: only while the person is still on that open case.
      const c = ctx.store.cases.byId(n.caseId);
      return !!c && c.closedAt === null && ctx.store.cases.currentMembers(c.id).some((m) => m.memberId === recipientId);
    }
  }
  const record = ctx.store.cases.byId(n.caseId);
  if (!record) return false;
  return maySee(ctx, recipient, loadCaseById(ctx, record.id));
}
