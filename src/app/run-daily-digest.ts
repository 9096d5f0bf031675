import { loadTeam } from './case-access.js';
import { ownerFor } from '../domain/case-team.js';
import type { HandoverRecord } from '../domain/records.js';
import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import type { DigestItem } from './notifications.js';
import { enqueueNotification } from './enqueue-notification.js';
import type { ReminderCandidate } from './store.js';
import { wantsDigest } from './wants-digest.js';

// The daily digest: at the first tick inside office hours of a working day, one card per member who opted
// in, with their open items. Their `remind` steps go here instead of a separate nudge; overdue and escalation messages
// stay immediate.

export type { DigestItem } from './notifications.js';

/** Remind lead times (in working days) the digest's query bounds; longer ones are filtered here only. */
const DIGEST_LEAD_BOUNDS = 31;

/**
 * One member's open items. Set-based: one query for the timers that can be in their remind window today and one for
 * their open handovers, instead of walking every case of the member; teams are loaded only for cases with a candidate.
 * Items come case by case (timers, then handovers), then the escalations. `preview` leaves the late terms waiting
 * for the real digest (the `digest` command shows what today's digest holds without sending or using it up).
 */
export function digestItemsFor(
  ctx: AppContext,
  memberId: MemberId,
  today: string,
  options: { preview?: boolean } = {},
): DigestItem[] {
  const timersByCase = new Map<number, ReminderCandidate[]>();
  // If a timer's remind date (n working days before its due date) is today or earlier, it is due within n working days
  // from today: a bound the query can use. The exact test follows on the few rows that pass it.
  const latestDue = Array.from({ length: DIGEST_LEAD_BOUNDS }, (_, n) => ctx.calendar.addWorkingDays(today, n));
  for (const t of ctx.store.timers.remindersOfMember(memberId, today, latestDue)) {
    if (ctx.calendar.subtractWorkingDays(t.dueDate, t.remindBefore) > today) continue;
    const list = timersByCase.get(t.caseId);
    if (list) list.push(t);
    else timersByCase.set(t.caseId, [t]);
  }
  const handoversByCase = new Map<number, HandoverRecord[]>();
  for (const h of ctx.store.handovers.openOfMember(memberId)) {
    const list = handoversByCase.get(h.caseId);
    if (list) list.push(h);
    else handoversByCase.set(h.caseId, [h]);
  }
  const caseIds = [...new Set([...timersByCase.keys(), ...handoversByCase.keys()])].sort((a, b) => a - b);

  const items: DigestItem[] = [];
  for (const caseId of caseIds) {
    const c = ctx.store.cases.byId(caseId)!;
    const candidates = timersByCase.get(caseId) ?? [];
    const team = candidates.length > 0 ? loadTeam(ctx, c) : undefined;
    for (const t of candidates) {
      const owner = ownerFor({ timer: t.timer, team: team!, stage: c.stage, ownerRef: t.ownerRef }, ctx.roster);
      if (owner === memberId)
        items.push({ type: 'timer', caseId: c.id, caseRef: c.ref, timer: t.timer, dueDate: t.dueDate });
    }
    for (const h of handoversByCase.get(caseId) ?? []) {
      const ticked = new Set(ctx.store.handovers.ticks(h.id).map((t) => t.itemId));
      const mine = ctx.handoverTemplates
        .itemsFor(h.moment)
        .filter(
          (i) => !ticked.has(i.id) && (i.owner === 'both' || (i.owner === 'sender') === (h.fromMember === memberId)),
        )
        .map((i) => i.id);
      if (mine.length > 0) items.push({ type: 'handover', caseId: c.id, caseRef: c.ref, moment: h.moment, open: mine });
    }
  }
  // Late terms of the cases they sit on, which they chose to read here instead of as separate status cards.
  const pending = options.preview
    ? ctx.store.preferences.pendingStatus(memberId)
    : ctx.store.preferences.takePendingStatus(memberId);
  for (const p of pending) {
    const t = ctx.store.timers.byId(p.timerId);
    const c = ctx.store.cases.byId(p.caseId);
    if (!t || !c || t.state !== 'open' || c.closedAt !== null) continue;
    const team = loadTeam(ctx, c);
    if (!team.members.some((m) => m.memberId === memberId)) continue;
    const owner = ownerFor({ timer: t.timer, team, stage: c.stage, ownerRef: t.ownerRef }, ctx.roster) ?? null;
    items.push({ type: 'late', caseId: c.id, caseRef: c.ref, timer: t.timer, dueDate: t.dueDate, owner });
  }
  for (const e of ctx.store.escalations.open().filter((x) => x.participants.includes(memberId))) {
    items.push({
      type: 'escalation',
      caseId: e.caseId,
      caseRef: ctx.store.cases.byId(e.caseId)!.ref,
      escalation: e.seq,
      ...(e.trigger === 'NEGLIGENT_CONDUCT' ? { confidential: true as const } : {}),
      level: e.level,
    });
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
      enqueueNotification(ctx, { caseId: null, recipients: [m.id], payload: { kind: 'digest', day: today, items } });
      sent++;
    }
    return sent;
  });
}
