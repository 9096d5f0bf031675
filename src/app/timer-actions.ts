import { ownerFor } from '../domain/case-team.js';
import { DomainError } from '../domain/domain-error.js';
import { dutchDateLong } from '../domain/dutch-date.js';
import { isLocalDate } from '../domain/local-date.js';
import type { CaseRecord, TimerRecord } from '../domain/records.js';
import { completingEvents, type CaseEvent, type EventFields } from '../domain/timer-rules.js';
import type { Member, MemberId, TimerId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadCaseToChange, type LoadedCase } from './case-access.js';
import { guardText } from './guard-text.js';
import { recordEvent } from './record-event.js';
import { recordActivity } from './record-activity.js';
import { replan } from './timer-engine.js';

// "Ik pak het op" and "Uitstellen" on a nudge (docs/behaviour.md, Timers): by the term's owner or the owner's lead.

function openTimer(ctx: AppContext, loaded: LoadedCase, timer: TimerId, timerId?: number): TimerRecord {
  const open = ctx.store.timers.open(loaded.record.id, timer);
  const t = timerId !== undefined ? open.find((x) => x.id === timerId) : open[open.length - 1];
  if (!t) throw new DomainError('NO_OPEN_TIMER', `Er loopt geen ${timer} op deze casus.`);
  return t;
}

function ownerOf(ctx: AppContext, loaded: LoadedCase, t: TimerRecord): MemberId | undefined {
  return ownerFor({ timer: t.timer, team: loaded.team, stage: loaded.record.stage, ownerRef: t.ownerRef }, ctx.roster);
}

function isLeadOf(ctx: AppContext, actor: Member, owner: MemberId | undefined): boolean {
  return !!owner && ctx.roster.leads(actor.id, owner);
}

export function acknowledgeTimer(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; timer: TimerId; timerId?: number },
): TimerRecord {
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const t = openTimer(ctx, loaded, input.timer, input.timerId);
  const owner = ownerOf(ctx, loaded, t);
  if (owner !== loaded.actor.id && !isLeadOf(ctx, loaded.actor, owner)) {
    throw new DomainError('NOT_OWNER', 'Alleen de eigenaar van deze termijn (of diens teamleider) kan hem oppakken.');
  }
  const now = ctx.clock.now();
  return ctx.store.transaction(() => {
    // The due date stands: overdue and escalate still come if the completing event is not recorded in time.
    ctx.store.timers.update(t.id, { acknowledgedAt: now, acknowledgedBy: loaded.actor.id });
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'timer.acknowledged',
      caseId: loaded.record.id,
      reason: null,
      details: { timer: t.timer, cycle: t.cycle },
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return ctx.store.timers.byId(t.id)!;
  });
}

export function postponeTimer(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; timer: TimerId; until: string; reason: string; timerId?: number },
): TimerRecord {
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const t = openTimer(ctx, loaded, input.timer, input.timerId);
  const owner = ownerOf(ctx, loaded, t);
  const isLead = isLeadOf(ctx, loaded.actor, owner);
  if (owner !== loaded.actor.id && !isLead)
    throw new DomainError('NOT_OWNER', 'Alleen de eigenaar van deze termijn (of diens teamleider) kan uitstellen.');
  if (t.postponeCount >= ctx.norms.postpone.ownerTimes && !isLead) {
    throw new DomainError(
      'SECOND_POSTPONE_NEEDS_LEAD',
      'Deze termijn is al eens uitgesteld; nog een keer uitstellen kan alleen je teamleider.',
    );
  }
  const reason = guardText(ctx, input.reason, 'reden');
  const now = ctx.clock.now();
  const today = ctx.calendar.localDate(now);
  const max = ctx.calendar.addWorkingDays(t.dueDate, ctx.norms.postpone.maxWorkingDays);
  if (!isLocalDate(input.until) || input.until <= t.dueDate || input.until < today || input.until > max) {
    throw new DomainError(
      'BAD_POSTPONE_DATE',
      `Kies een nieuwe einddatum na ${dutchDateLong(t.dueDate)} en uiterlijk ${dutchDateLong(max)} (maximaal ${ctx.norms.postpone.maxWorkingDays} werkdagen later).`,
    );
  }
  return ctx.store.transaction(() => {
    const next = replan(ctx, t, input.until, now);
    ctx.store.timers.update(t.id, {
      dueDate: input.until,
      postponeCount: t.postponeCount + 1,
      nextStep: next?.step ?? null,
      nextStepAt: next?.at ?? null,
    });
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'timer.postponed',
      caseId: loaded.record.id,
      reason,
      details: { timer: t.timer, cycle: t.cycle, from: t.dueDate, to: input.until },
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return ctx.store.timers.byId(t.id)!;
  });
}

/**
 * "Vastleggen" on a nudge card: records the event that completes this term. A stale card (the term stopped, a new cycle
 * runs) records nothing — recording it again could restart the next term — and says so.
 */
export function completeTerm(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; timer: TimerId; timerId: number; event: CaseEvent; fields?: EventFields },
): CaseRecord {
  if (!completingEvents(input.timer).includes(input.event))
    throw new DomainError('WRONG_EVENT', 'Die gebeurtenis rondt deze termijn niet af.');
  // Need-to-know first, so a stranger gets the same answer whether the case exists or not.
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const t = ctx.store.timers.byId(input.timerId);
  if (!t || t.caseId !== loaded.record.id || t.timer !== input.timer || t.state !== 'open') {
    throw new DomainError(
      'TIMER_NOT_OPEN',
      'Deze termijn loopt niet meer; er is niets vastgelegd. Bekijk de casus voor de actuele stand.',
    );
  }
  return recordEvent(ctx, { by: input.by, caseRef: input.caseRef, event: input.event, fields: input.fields });
}
