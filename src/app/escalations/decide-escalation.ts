import { DomainError } from '../../domain/domain-error.js';
import { mayRaiseTo, nextEscalationAction, nextLevel, participantsAt } from '../../domain/escalation-ladder.js';
import { isLocalDate } from '../../domain/local-date.js';
import type { EscalationPolicy } from '../../domain/norms.js';
import type { CaseRecord, EscalationRecord } from '../../domain/records.js';
import type { EscalationLevel, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadVisibleCase, requireOpen } from '../case-access.js';
import { enqueueNotification } from '../enqueue-notification.js';
import { guardText } from '../guard-text.js';
import { recordActivity } from '../record-activity.js';
import { startTimer } from '../timer-engine.js';
import { escalationPayload } from './escalation-payload.js';
import { selectOpenEscalation } from './select-escalation.js';

// What the participants of a level do on the escalation card: decide, plan a meeting, escalate, withdraw, reflect.

export function frozenPolicy(e: EscalationRecord): EscalationPolicy {
  return JSON.parse(e.policy) as EscalationPolicy;
}

function requireParticipant(e: EscalationRecord, actorId: MemberId, actorRole: string): void {
  if (!e.participants.includes(actorId) && actorRole !== 'pilot_coordinator') {
    throw new DomainError(
      'NOT_A_PARTICIPANT',
      'Alleen de deelnemers van dit escalatieniveau kunnen hierover beslissen.',
    );
  }
}

function open(ctx: AppContext, by: MemberId, caseRef: string, seq?: number) {
  const loaded = loadVisibleCase(ctx, by, caseRef);
  requireOpen(loaded);
  return { loaded, e: selectOpenEscalation(ctx, loaded, seq), now: ctx.clock.now() };
}

export function recordDecision(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; escalation?: number; decision: string; owner: MemberId; deadline: string },
): EscalationRecord {
  const { loaded, e, now } = open(ctx, input.by, input.caseRef, input.escalation);
  requireParticipant(e, loaded.actor.id, loaded.actor.role);
  const decision = guardText(ctx, input.decision, 'besluit');
  if (!ctx.roster.member(input.owner))
    throw new DomainError('UNKNOWN_MEMBER', 'De eigenaar van het besluit staat niet in het rooster.');
  if (!isLocalDate(input.deadline) || input.deadline < ctx.calendar.localDate(now))
    throw new DomainError('BAD_DATE', 'Kies een deadline vandaag of later (JJJJ-MM-DD).');
  return ctx.store.transaction(() => {
    ctx.store.escalations.update(e.id, {
      state: 'resolved',
      outcome: 'resolved',
      decision,
      decisionOwner: input.owner,
      deadline: input.deadline,
      closedAt: now,
      closedBy: loaded.actor.id,
      nextAction: null,
      nextActionAt: null,
    });
    // The decision's deadline becomes a timer on the case, owned by the decision's owner.
    startTimer(ctx, loaded.record, 'DECISION', {
      at: now,
      by: loaded.actor.id,
      due: input.deadline,
      ownerRef: input.owner,
      escalationId: e.id,
    });
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'escalation.resolved',
      caseId: loaded.record.id,
      reason: decision,
      details: { escalation: e.seq, owner: input.owner, deadline: input.deadline },
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return ctx.store.escalations.byId(e.id)!;
  });
}

export function withdrawEscalation(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; escalation?: number; reason: string },
): EscalationRecord {
  const { loaded, e, now } = open(ctx, input.by, input.caseRef, input.escalation);
  if (e.raisedBy !== loaded.actor.id) requireParticipant(e, loaded.actor.id, loaded.actor.role);
  const reason = guardText(ctx, input.reason, 'reden');
  return ctx.store.transaction(() => {
    ctx.store.escalations.update(e.id, {
      state: 'withdrawn',
      outcome: 'withdrawn',
      reason,
      closedAt: now,
      closedBy: loaded.actor.id,
      nextAction: null,
      nextActionAt: null,
    });
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'escalation.withdrawn',
      caseId: loaded.record.id,
      reason,
      details: { escalation: e.seq },
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return ctx.store.escalations.byId(e.id)!;
  });
}

export function planMeeting(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; escalation?: number; date: string },
): EscalationRecord {
  const { loaded, e, now } = open(ctx, input.by, input.caseRef, input.escalation);
  requireParticipant(e, loaded.actor.id, loaded.actor.role);
  if (!isLocalDate(input.date) || input.date < ctx.calendar.localDate(now))
    throw new DomainError('BAD_DATE', 'Kies een datum vandaag of later (JJJJ-MM-DD).');
  return ctx.store.transaction(() => {
    ctx.store.escalations.update(e.id, { meetingDate: input.date });
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'escalation.meeting_planned',
      caseId: loaded.record.id,
      reason: null,
      details: { escalation: e.seq, date: input.date },
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return ctx.store.escalations.byId(e.id)!;
  });
}

/** Moves an escalation to `target` and notifies every participant of the new level. Runs inside a transaction. */
export function raiseLevel(
  ctx: AppContext,
  c: CaseRecord,
  e: EscalationRecord,
  target: EscalationLevel,
  by: MemberId,
  at: number,
): EscalationRecord {
  const participants = participantsAt(target, e.baseParticipants, ctx.roster);
  const levelRaisedDate = ctx.calendar.localDate(at);
  const next = nextEscalationAction(ctx.calendar, frozenPolicy(e), {
    level: target,
    levelRaisedDate,
    state: 'open',
    reminderSent: false,
  });
  ctx.store.escalations.update(e.id, {
    level: target,
    participants,
    levelRaisedAt: at,
    levelRaisedDate,
    nextAction: next?.action ?? null,
    nextActionAt: next?.at ?? null,
  });
  ctx.store.escalations.addLevel(e.id, target, at, by, participants);
  const updated = ctx.store.escalations.byId(e.id)!;
  enqueueNotification(ctx, {
    kind: 'escalation',
    caseId: c.id,
    recipients: participants,
    payload: escalationPayload(ctx, c, updated, at),
  });
  ctx.store.audit.append({
    at,
    actor: by,
    action: 'escalation.level',
    caseId: c.id,
    reason: null,
    details: { escalation: e.seq, from: e.level, to: target },
  });
  return updated;
}

/** "Escaleer" on the card: a participant moves it up; L3 only when a manager, director or pilot coordinator confirms. */
export function escalateFurther(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; escalation?: number },
): EscalationRecord {
  const { loaded, e, now } = open(ctx, input.by, input.caseRef, input.escalation);
  const target = nextLevel(e.level);
  if (!target) throw new DomainError('TOP_LEVEL', 'Deze escalatie staat al op het hoogste niveau (L3).');
  if (!mayRaiseTo(target, loaded.actor.role, e.participants.includes(loaded.actor.id))) {
    throw new DomainError(
      'NOT_ALLOWED',
      target === 'L3'
        ? 'Naar L3 (bestuur) gaat alleen na bevestiging door een manager of pilotcoördinator.'
        : 'Alleen de deelnemers van dit niveau kunnen opschalen.',
    );
  }
  return ctx.store.transaction(() => {
    const updated = raiseLevel(ctx, loaded.record, e, target, loaded.actor.id, now);
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return updated;
  });
}

export function recordReflection(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; escalation: number; reflection: string },
): void {
  const loaded = loadVisibleCase(ctx, input.by, input.caseRef);
  const e = ctx.store.escalations.ofCase(loaded.record.id).find((x) => x.seq === input.escalation);
  if (!e || e.state === 'open')
    throw new DomainError('NOT_RESOLVED', 'Een reflectie hoort bij een afgeronde escalatie.');
  if (!e.participants.includes(loaded.actor.id) && loaded.actor.role !== 'pilot_coordinator')
    throw new DomainError('NOT_A_PARTICIPANT', 'Alleen deelnemers kunnen een reflectie vastleggen.');
  const reflection = guardText(ctx, input.reflection, 'reflectie', { max: 1000 });
  const now = ctx.clock.now();
  ctx.store.transaction(() => {
    ctx.store.escalations.update(e.id, { reflection });
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'escalation.reflection',
      caseId: loaded.record.id,
      reason: null,
      details: { escalation: e.seq },
    });
  });
}
