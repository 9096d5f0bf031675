import { ownerFor } from '../../domain/case-team.js';
import type { ChecklistItem } from '../../domain/handover-templates.js';
import type { CaseRecord, EscalationRecord, HandoverRecord, HandoverTick, TimerRecord } from '../../domain/records.js';
import type { Member, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { appendSoonWhenFree } from '../record-view.js';
import { loadCaseToChange, loadVisibleCase, type LoadedCase } from '../case-access.js';
import { hiddenTermAudience, visibleEscalationsOf } from '../escalations/select-escalation.js';

// The read side of a case for cards: what the actor may see, with names, organisations and roles of the team.

export interface TeamMemberView {
  id: MemberId;
  name: string;
  org: Member['org'];
  orgName: string;
  role: Member['role'];
  isCoordinator: boolean;
  joinedAt: number;
}

export interface TimerView {
  id: number;
  timer: TimerRecord['timer'];
  label: string;
  dueDate: string;
  /** The term is late: its due date has passed (the card says "liep af op …"). */
  late: boolean;
  ownerId: MemberId | null;
  ownerName: string | null;
  nextStep: TimerRecord['nextStep'];
  postponeCount: number;
  acknowledged: boolean;
}

export interface HandoverView {
  record: HandoverRecord;
  items: Array<ChecklistItem & { tick?: HandoverTick }>;
  momentLabel: string;
}

export interface CaseView {
  record: CaseRecord;
  viewer: Member;
  isMember: boolean;
  team: TeamMemberView[];
  timers: TimerView[];
  handovers: HandoverView[];
  escalations: EscalationRecord[];
  /**
   * Since a measure was pronounced and until a jeugdbeschermer is assigned (T6 running): since when, how long, and who
   * bridges meanwhile (absent: no bridging agreed).
   */
  waitingForJeugdbeschermer: { since: string; workingDays: number; bridging?: BridgingView } | null;
}

/** Who provides bridging care (overbruggingszorg) while the case waits, until when, and whether that day has passed. */
export interface BridgingView {
  memberId: MemberId;
  name: string;
  orgName: string;
  until: string;
  /** The bridging's last day lies before today. */
  ended: boolean;
}

export function describeMember(
  ctx: AppContext,
  id: MemberId,
): { name: string; org: Member['org']; orgName: string; role: Member['role'] } {
  const m = ctx.roster.member(id);
  return m
    ? { name: m.name, org: m.org, orgName: m.orgName, role: m.role }
    : { name: id, org: 'OTHER', orgName: 'onbekend', role: 'professional' };
}

export function timerViews(ctx: AppContext, loaded: LoadedCase, viewer?: Member): TimerView[] {
  const today = ctx.calendar.localDate(ctx.clock.now());
  const visible = (t: TimerRecord) => {
    const audience = hiddenTermAudience(ctx, t);
    return !audience || (viewer !== undefined && audience.includes(viewer.id));
  };
  return ctx.store.timers
    .open(loaded.record.id)
    .filter(visible)
    .map((t) => {
      const owner =
        ownerFor({ timer: t.timer, team: loaded.team, stage: loaded.record.stage, ownerRef: t.ownerRef }, ctx.roster) ??
        null;
      return {
        id: t.id,
        timer: t.timer,
        label: ctx.norms.timers[t.timer].label,
        dueDate: t.dueDate,
        late: t.timer !== 'T3' && t.dueDate < today,
        ownerId: owner,
        ownerName: owner ? describeMember(ctx, owner).name : null,
        nextStep: t.nextStep,
        postponeCount: t.postponeCount,
        acknowledged: t.acknowledgedAt !== null,
      };
    });
}

export function handoverView(ctx: AppContext, h: HandoverRecord): HandoverView {
  const ticks = ctx.store.handovers.ticks(h.id);
  return {
    record: h,
    momentLabel: ctx.handoverTemplates.momentLabel(h.moment),
    items: ctx.handoverTemplates.itemsFor(h.moment).map((i) => ({ ...i, tick: ticks.find((t) => t.itemId === i.id) })),
  };
}

/** A worrying-conduct escalation is shown only to its own participants, never to other organisations. */
export function visibleEscalations(ctx: AppContext, caseId: number, viewer: Member): EscalationRecord[] {
  return visibleEscalationsOf(ctx, caseId, viewer);
}

/** A child with a court measure waiting for a jeugdbeschermer: from the measure until the assignment (T6 running). */
export function waitingForJeugdbeschermer(ctx: AppContext, c: CaseRecord): CaseView['waitingForJeugdbeschermer'] {
  const t6 = ctx.store.timers.open(c.id, 'T6')[0];
  if (!t6) return null;
  const today = ctx.calendar.localDate(ctx.clock.now());
  const bridging = bridgingOf(ctx, c, today);
  return {
    since: t6.startDate,
    workingDays: ctx.calendar.workingDaysBetween(t6.startDate, today),
    ...(bridging ? { bridging } : {}),
  };
}

/**
 * The bridging care agreed most recently (`bridging_agreed`: member, until) since the last jeugdbeschermer was
 * assigned: an arrangement for an earlier wait says nothing about this one.
 */
function bridgingOf(ctx: AppContext, c: CaseRecord, today: string): BridgingView | undefined {
  let latest: { member: string; until: string } | undefined;
  for (const e of ctx.store.cases.events(c.id)) {
    if (e.event === 'jeugdbeschermer_assigned') latest = undefined;
    const { member, until } = e.fields;
    if (e.event === 'bridging_agreed' && typeof member === 'string' && typeof until === 'string')
      latest = { member, until };
  }
  if (!latest) return undefined;
  const who = describeMember(ctx, latest.member);
  return {
    memberId: latest.member,
    name: who.name,
    orgName: who.orgName,
    until: latest.until,
    ended: latest.until < today,
  };
}

/** Who looked at a case is on record too (every read and write goes into the audit log). */
export function recordCaseViewed(ctx: AppContext, actorId: MemberId, caseId: number): void {
  ctx.store.transaction(() =>
    ctx.store.audit.append({
      at: ctx.clock.now(),
      actor: actorId,
      action: 'case.viewed',
      caseId,
      reason: null,
      details: {},
    }),
  );
}

/** The same record for a view served from a cache; it is committed with the other views of the moment. */
export function recordCachedCaseView(ctx: AppContext, actorId: MemberId, caseId: number): Promise<void> {
  return appendSoonWhenFree(ctx, {
    at: ctx.clock.now(),
    actor: actorId,
    action: 'case.viewed',
    caseId,
    reason: null,
    details: {},
  });
}

/** The case as the viewer may see it; the view itself goes into the audit log (hence "on record"). */
export function viewCaseOnRecord(ctx: AppContext, actorId: MemberId, ref: string): CaseView {
  const loaded = loadVisibleCase(ctx, actorId, ref);
  recordCaseViewed(ctx, actorId, loaded.record.id);
  return {
    record: loaded.record,
    viewer: loaded.actor,
    isMember: loaded.team.members.some((m) => m.memberId === actorId),
    team: loaded.team.members.map((m) => ({
      id: m.memberId,
      ...describeMember(ctx, m.memberId),
      isCoordinator: m.memberId === loaded.record.coordinatorId,
      joinedAt: m.joinedAt,
    })),
    timers: timerViews(ctx, loaded, loaded.actor),
    handovers: ctx.store.handovers.ofCase(loaded.record.id).map((h) => handoverView(ctx, h)),
    escalations: visibleEscalations(ctx, loaded.record.id, loaded.actor),
    waitingForJeugdbeschermer: waitingForJeugdbeschermer(ctx, loaded.record),
  };
}

/**
 * What a form that changes the case (an event, the stage) needs: the case, for a member while it is open; checked in
 * the order the change itself checks. The form shows the case's stage, so opening it is a view on record.
 */
export function openCaseForChangeOnRecord(ctx: AppContext, actorId: MemberId, ref: string): CaseRecord {
  const loaded = loadCaseToChange(ctx, actorId, ref);
  recordCaseViewed(ctx, actorId, loaded.record.id);
  return loaded.record;
}
