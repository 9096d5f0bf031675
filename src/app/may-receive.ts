import type { Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadCaseById, maySee } from './case-access.js';
import { picked } from './escalations/escalation-pick.js';
import type { DigestItem, Notification } from './notifications.js';

/**
 * Checked again when a message goes out, which may be hours after it was written (overnight, a Teams outage): a person
 * who left the case in between gets nothing more about it. Their own "you were removed" message still reaches them,
 * as does the checklist of a handover they send; an escalation reaches its current participants only; a post in the
 * case's thread mentions a current member of that open case only; a digest goes out with the items still theirs.
 */
export function mayReceive(ctx: AppContext, n: Notification, recipientId: MemberId): boolean {
  const recipient = ctx.roster.member(recipientId);
  if (!recipient) return false;
  switch (n.kind) {
    case 'digest':
      return digestItemsStillFor(ctx, n.items, recipient).length > 0;
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

/**
 * The items of a digest the recipient may still read when it goes out (it was made at the start of office hours and
 * may have waited through a Teams outage): those of cases they may still see, and of escalations they still take part
 * in. A digest left without items is not delivered.
 */
export function digestItemsStillFor(ctx: AppContext, items: readonly DigestItem[], recipient: Member): DigestItem[] {
  const seeable = new Map<number, boolean>();
  const maySeeCase = (caseId: number): boolean => {
    let known = seeable.get(caseId);
    if (known === undefined) {
      known = ctx.store.cases.byId(caseId) !== undefined && maySee(ctx, recipient, loadCaseById(ctx, caseId));
      seeable.set(caseId, known);
    }
    return known;
  };
  return items.filter((item) => {
    if (item.type !== 'escalation') return maySeeCase(item.caseId);
    const series = item.confidential === true ? 'confidential' : 'team';
    const e = picked(ctx.store.escalations.ofCase(item.caseId), { series, seq: item.escalation });
    return !!e && e.participants.includes(recipient.id);
  });
}
