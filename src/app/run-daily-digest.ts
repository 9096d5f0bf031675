import { loadTeam } from './case-access.js';
import { ownerFor } from '../domain/case-team.js';
import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { enqueueNotification } from './enqueue-notification.js';
import { wantsDigest } from './wants-digest.js';

// The daily digest (issue 7 §3): at the first tick inside office hours of a working day, one card per member who opted
// in, with their open items. Their `remind` steps go here instead of a separate nudge; overdue and escalation messages
// stay immediate.

export type DigestItem =
  | { type: 'timer'; caseId: number; caseRef: string; timer: string; dueDate: string }
  | { type: 'handover'; caseId: number; caseRef: string; moment: string; open: string[] }
  | { type: 'escalation'; caseId: number; caseRef: string; escalation: number; level: string };

export function digestItemsFor(ctx: AppContext, memberId: MemberId, today: string): DigestItem[] {
  const items: DigestItem[] = [];
  for (const c of ctx.store.cases.casesOfMember(memberId)) {
    const team = loadTeam(ctx, c);
    for (const t of ctx.store.timers.open(c.id)) {
      const owner = ownerFor(ctx.norms.timers[t.timer].owner, team, ctx.roster, t.ownerRef);
      const remindDate = ctx.calendar.subtractWorkingDays(t.dueDate, t.remindBefore);
      if (owner === memberId && t.remindEnabled && remindDate <= today && today <= t.dueDate) {
        items.push({ type: 'timer', caseId: c.id, caseRef: c.ref, timer: t.timer, dueDate: t.dueDate });
      }
    }
    for (const h of ctx.store.handovers.ofCase(c.id).filter((x) => x.state === 'open' && (x.fromMember === memberId || x.toMember === memberId))) {
      const ticked = new Set(ctx.store.handovers.ticks(h.id).map((t) => t.itemId));
      const mine = ctx.handoverTemplates
        .itemsFor(h.moment)
        .filter((i) => !ticked.has(i.id) && (i.owner === 'both' || (i.owner === 'sender') === (h.fromMember === memberId)))
        .map((i) => i.id);
      if (mine.length > 0) items.push({ type: 'handover', caseId: c.id, caseRef: c.ref, moment: h.moment, open: mine });
    }
  }
  for (const e of ctx.store.escalations.open().filter((x) => x.participants.includes(memberId))) {
    items.push({ type: 'escalation', caseId: e.caseId, caseRef: ctx.store.cases.byId(e.caseId)!.ref, escalation: e.seq, level: e.level });
  }
  return items;
}

export function runDailyDigest(ctx: AppContext, now: number): number {
  if (!ctx.calendar.isOfficeTime(now)) return 0;
  const today = ctx.calendar.localDate(now);
  if (ctx.store.preferences.digestRanOn(today)) return 0; // a cheap read on every other tick of the day
  return ctx.store.transaction(() => {
    if (!ctx.store.preferences.claimDigestDay(today, now)) return 0;
    const subscribers = ctx.roster.members.filter((m) => wantsDigest(ctx, m.id));
    let sent = 0;
    for (const m of subscribers) {
      const items = digestItemsFor(ctx, m.id, today);
      if (items.length === 0) continue;
      enqueueNotification(ctx, { kind: 'digest', caseId: null, recipients: [m.id], payload: { day: today, items } });
      sent++;
    }
    return sent;
  });
}
