import type { EscalationPick } from './escalations/escalation-pick.js';
import { DomainError } from '../domain/domain-error.js';
import { addMonths, isLocalDate } from '../domain/local-date.js';
import type { CaseRecord, TimerRecord } from '../domain/records.js';
import { stageAfterEvent, timerEffects, type CaseEvent, type EventFields } from '../domain/timer-rules.js';
import type { Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadCaseToChange, type LoadedCase } from './case-access.js';
import { changeStage } from './change-stage.js';
import { assignJeugdbeschermer, openH5AtMeasure } from './events/assign-jeugdbeschermer.js';
import { checkEventFields } from './events/event-fields.js';
import { checkFlowStep, consultationEffects } from './events/flow-rules.js';
import { engageExpertTeam, expertTeamToEngage } from './escalations/engage-expert-team.js';
import { refreshParticipants } from './escalations/escalation-participants.js';
import { guardText } from './guard-text.js';
import { notifyTeam } from './notify-team.js';
import { recordActivity } from './record-activity.js';
import { startTimer, stopTimers } from './timer-engine.js';

export interface RecordEventInput {
  by: MemberId;
  caseRef: string;
  event: CaseEvent;
  fields?: EventFields;
  /** With `ret_engaged`: the escalation the expert team joins; else the most recent open one. */
  escalation?: EscalationPick;
}

function defaultMonths(f: EventFields): number | undefined {
  if (f.months !== undefined) return f.months;
  if (f.measure === 'VOOGDIJ') return undefined; // guardianship runs until majority: no expiry timer
  return f.measure === 'VOORLOPIGE_OTS' ? 3 : 12;
}

/**
 * The fields each event needs (events/event-fields.ts); a missing one is refused in Dutch, naming what to fill in.
 * Dates must be real dates on the right side of today, and a person must be in the roster.
 */
function validate(ctx: AppContext, event: CaseEvent, f: EventFields, today: string): void {
  checkEventFields(event, f);
  if (f.reportBackBy !== undefined && (!isLocalDate(f.reportBackBy) || f.reportBackBy < today)) {
    throw new DomainError('BAD_DATE', 'De terugmelddatum moet een geldige datum vandaag of later zijn.');
  }
  if (f.until !== undefined && (!isLocalDate(f.until) || f.until < today)) {
    throw new DomainError('BAD_DATE', 'De einddatum moet een geldige datum vandaag of later zijn.');
  }
  if (f.informedOn !== undefined && (!isLocalDate(f.informedOn) || f.informedOn > today)) {
    throw new DomainError('BAD_DATE', 'De datum waarop de ouders zijn geïnformeerd moet vandaag of eerder zijn.');
  }
  if (f.member !== undefined && !ctx.roster.member(f.member)) {
    throw new DomainError('UNKNOWN_MEMBER', 'Die persoon staat niet in het rooster.');
  }
}

/**
 * Records a case event: it starts and stops terms as the event table says, moves the stage on where the event implies
 * it (forward only), and tells whom the change concerns (docs/behaviour.md, Events). Everything in one transaction.
 */
export function recordEvent(ctx: AppContext, input: RecordEventInput): CaseRecord {
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const f: EventFields = { ...(input.fields ?? {}) };
  // Parents who were not told were told on no date (as with an escalation decision's family).
  if (f.parentsInformed === 'no') delete f.informedOn;
  const now = ctx.clock.now();
  const today = ctx.calendar.localDate(now);
  validate(ctx, input.event, f, today);
  if (f.reason !== undefined) f.reason = guardText(ctx, f.reason, 'reden');
  checkFlowStep(ctx, loaded, loaded.actor, input.event, f);
  const expertTeam =
    input.event === 'ret_engaged' ? expertTeamToEngage(ctx, loaded, loaded.actor, input.escalation) : undefined;
  // The event names the escalation by its number in the team's series (an expert team never joins a confidential one).
  delete f.escalation;
  if (expertTeam) f.escalation = expertTeam.escalation.seq;
  const by = loaded.actor.id;

  return ctx.store.transaction(() => {
    // Free text is kept in the audit log only, never with the structured event fields.
    const { reason, ...structured } = f;
    ctx.store.cases.addEvent(loaded.record.id, input.event, { ...structured }, now, by);
    let c = applyMeasure(ctx, loaded.record, input.event, f, today);
    if (input.event === 'jeugdbeschermer_assigned')
      c = assignJeugdbeschermer(ctx, c, ctx.roster.member(f.member!)!, by, now);
    if (input.event === 'consult_requested') consultationEffects(ctx, c, ctx.roster.member(f.member!)!, by, now);
    if (expertTeam) engageExpertTeam(ctx, c, expertTeam, by, now);

    const effects = timerEffects(input.event, f, c.measureEnd !== null);
    stopTimers(ctx, c, effects.stops, {
      at: now,
      by,
      reason: input.event,
      completing: true,
      filter: ownCycle(ctx, c, by),
    });
    for (const s of effects.starts) {
      if (s.timer === 'T6' && hasAssignedJeugdbeschermer(ctx, c)) continue;
      let due = s.due;
      if (s.timer === 'T10' && f.months !== undefined) due = addMonths(today, f.months);
      startTimer(ctx, c, s.timer, { at: now, by, due, ownerRef: ownerRefOf(s.timer, loaded.actor, f) });
    }
    if (input.event === 'measure_pronounced') openH5AtMeasure(ctx, c, by, now);
    const to = stageAfterEvent(input.event, f, c.stage);
    if (to) c = changeStage(ctx, c, to, by, now);
    if (input.event === 'report_back_done') notifyReportBack(ctx, c, by);

    ctx.store.audit.append({
      at: now,
      actor: by,
      action: 'event.recorded',
      caseId: c.id,
      reason: reason ?? null,
      details: { event: input.event, ...structured },
    });
    refreshParticipants(ctx, c);
    recordActivity(ctx, c, by, now);
    return ctx.store.cases.byId(c.id)!;
  });
}

/** A measure's dates: pronounced (start, end = start + months), extended (from the current end), ended. */
function applyMeasure(ctx: AppContext, c: CaseRecord, event: CaseEvent, f: EventFields, today: string): CaseRecord {
  if (event === 'measure_pronounced') {
    const months = defaultMonths(f);
    ctx.store.cases.update(c.id, {
      measure: f.measure!,
      measureStart: today,
      measureEnd: months ? addMonths(today, months) : null,
    });
  } else if (event === 'measure_extended' && c.measureEnd) {
    ctx.store.cases.update(c.id, { measureEnd: addMonths(c.measureEnd, f.months ?? 12) });
  } else if (event === 'measure_ended') {
    ctx.store.cases.update(c.id, { measure: null, measureEnd: null });
  } else {
    return c;
  }
  return ctx.store.cases.byId(c.id)!;
}

/**
 * Who a person-bound term belongs to when it starts: T3 to whoever recorded the JBT decision (the coordinator when that
 * was the table's own secretary), T15 to the consulted colleague.
 */
function ownerRefOf(timer: string, actor: Member, f: EventFields): MemberId | null {
  if (timer === 'T3') return actor.org === 'JBT' ? null : actor.id;
  if (timer === 'T15') return f.member ?? null;
  return null;
}

/**
 * Terms that run several cycles side by side (a consultation, a decision's deadline) are completed one at a time: the
 * event completes the actor's own cycle, else the most recent one. Other terms have one cycle.
 */
function ownCycle(ctx: AppContext, c: CaseRecord, by: MemberId) {
  const last = new Map<string, number>();
  for (const timer of ['T15', 'DECISION'] as const) {
    const open = ctx.store.timers.open(c.id, timer);
    const mine = open.filter((t) => t.ownerRef === by);
    const chosen = (mine.length > 0 ? mine : open).at(-1);
    if (chosen) last.set(timer, chosen.id);
  }
  return (t: TimerRecord) => !last.has(t.timer) || last.get(t.timer) === t.id;
}

/**
 * A second measure (a definitive OTS after a voorlopige one) does not start waiting for a jeugdbeschermer again when
 * the one assigned is still on the case.
 */
function hasAssignedJeugdbeschermer(ctx: AppContext, c: CaseRecord): boolean {
  const current = new Set(ctx.store.cases.currentMembers(c.id).map((m) => m.memberId));
  return ctx.store.cases
    .events(c.id)
    .some((e) => e.event === 'jeugdbeschermer_assigned' && current.has(String(e.fields.member)));
}

/** Terugmelden: the Raad and the table hear that the Lokaal Team reported back. */
function notifyReportBack(ctx: AppContext, c: CaseRecord, by: MemberId): void {
  const members = ctx.store.cases.currentMembers(c.id);
  const to = members.filter((m) => m.org === 'RVDK' || m.org === 'JBT').map((m) => m.memberId);
  notifyTeam(ctx, c, 'report_back', to, by);
}

export type { LoadedCase };
