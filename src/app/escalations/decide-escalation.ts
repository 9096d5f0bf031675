import { auditRefOf, type EscalationPick } from './escalation-pick.js';
import { caseProfessionals, isCurrentMember } from '../../domain/case-team.js';
import { DomainError } from '../../domain/domain-error.js';
import { mayRaiseTo, nextEscalationAction, nextLevel } from '../../domain/escalation-ladder.js';
import { isLocalDate } from '../../domain/local-date.js';
import type { EscalationPolicy } from '../../domain/norms.js';
import type { CaseRecord, EscalationRecord } from '../../domain/records.js';
import type { EscalationLevel, Member, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadCaseToChange, type LoadedCase } from '../case-access.js';
import { enqueueNotification } from '../enqueue-notification.js';
import { guardText } from '../guard-text.js';
import { notifyTeam } from '../notify-team.js';
import { recordActivity } from '../record-activity.js';
import { startTimer } from '../timer-engine.js';
import { escalationPayload } from './escalation-payload.js';
import { currentParticipants } from './escalation-participants.js';
import { selectOpenEscalation } from './select-escalation.js';

// What the participants of a level do on the escalation card: decide, plan a meeting, escalate, withdraw (a reflection
// afterwards is add-reflection.ts).

export function frozenPolicy(e: EscalationRecord): EscalationPolicy {
  return JSON.parse(e.policy) as EscalationPolicy;
}

function requireParticipant(e: EscalationRecord, actor: Member): void {
  if (!e.participants.includes(actor.id) && actor.role !== 'pilot_coordinator') {
    throw new DomainError(
      'NOT_A_PARTICIPANT',
      'Alleen de deelnemers van dit escalatieniveau kunnen hierover beslissen.',
    );
  }
}

function open(ctx: AppContext, by: MemberId, caseRef: string, pick?: EscalationPick) {
  const loaded = loadCaseToChange(ctx, by, caseRef);
  return { loaded, e: selectOpenEscalation(ctx, loaded, loaded.actor, pick), now: ctx.clock.now() };
}

/**
 * The open escalation a participant may act on, with the checks of the actions themselves (the case, the escalation
 * they may know of, their participation); changes nothing. For showing the decision form again.
 */
export function openEscalationOfParticipant(
  ctx: AppContext,
  by: MemberId,
  caseRef: string,
  pick?: EscalationPick,
): EscalationRecord {
  const { loaded, e } = open(ctx, by, caseRef, pick);
  requireParticipant(e, loaded.actor);
  return e;
}

export interface FamilyInformed {
  informed: 'yes' | 'no';
  /** With 'yes': the day the family was told. */
  on?: string;
}

export interface RecordDecisionInput {
  by: MemberId;
  caseRef: string;
  /** Which escalation; else the most recent open one. */
  escalation?: EscalationPick;
  decision: string;
  owner: MemberId;
  deadline: string;
  /** Whether the family was told of the decision (yes with a date, or no). Required in chat; a replay may leave it out. */
  familyInformed?: FamilyInformed;
}

/** Who must carry out a decision: someone on the case (a member) or in the escalation (a participant). */
function requireDecisionOwner(loaded: LoadedCase, e: EscalationRecord, owner: MemberId): void {
  if (!isCurrentMember(loaded.team, owner) && !e.participants.includes(owner)) {
    throw new DomainError(
      'OWNER_NOT_ON_CASE',
      'De eigenaar van het besluit moet in het casusteam zitten of deelnemen aan de escalatie.',
    );
  }
}

function checkFamilyInformed(f: FamilyInformed | undefined, today: string): void {
  if (!f) return;
  if (f.informed === 'yes' && (f.on === undefined || !isLocalDate(f.on) || f.on > today)) {
    throw new DomainError('BAD_DATE', 'Vul in wanneer het gezin is geïnformeerd (een datum, vandaag of eerder).');
  }
}

/**
 * A decision closes the escalation: the team learns what was decided, who carries it out and by when — its
 * participants, every case professional and the decision's owner. The deadline becomes a DECISION term on the case,
 * owned by the decision's owner.
 */
export function recordDecision(ctx: AppContext, input: RecordDecisionInput): EscalationRecord {
  const { loaded, e, now } = open(ctx, input.by, input.caseRef, input.escalation);
  requireParticipant(e, loaded.actor);
  const decision = guardText(ctx, input.decision, 'besluit');
  if (!ctx.roster.member(input.owner))
    throw new DomainError('UNKNOWN_MEMBER', 'De eigenaar van het besluit staat niet in het rooster.');
  requireDecisionOwner(loaded, e, input.owner);
  const today = ctx.calendar.localDate(now);
  if (!isLocalDate(input.deadline) || input.deadline < today)
    throw new DomainError('BAD_DATE', 'Kies een deadline vandaag of later.');
  checkFamilyInformed(input.familyInformed, today);
  return ctx.store.transaction(() => {
    const participants = e.participants;
    ctx.store.escalations.update(e.id, {
      state: 'resolved',
      outcome: 'resolved',
      decision,
      decisionOwner: input.owner,
      deadline: input.deadline,
      familyInformed: input.familyInformed?.informed ?? null,
      familyInformedOn: input.familyInformed?.informed === 'yes' ? (input.familyInformed.on ?? null) : null,
      closedAt: now,
      closedBy: loaded.actor.id,
      nextAction: null,
      nextActionAt: null,
    });
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
      details: {
        ...auditRefOf(e),
        owner: input.owner,
        deadline: input.deadline,
        familyInformed: input.familyInformed?.informed ?? null,
        familyInformedOn: input.familyInformed?.on ?? null,
      },
    });
    // The team learns what was decided — except on worrying conduct, which stays within its own lead chain.
    const team = e.trigger === 'NEGLIGENT_CONDUCT' ? [] : caseProfessionals(loaded.team);
    notifyTeam(ctx, loaded.record, 'decision', [...participants, ...team, input.owner], loaded.actor.id, {
      escalationId: e.id,
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return ctx.store.escalations.byId(e.id)!;
  });
}

/** Withdraws an escalation (with a reason); its participants hear so. Runs inside the caller's transaction. */
export function withdrawOpenEscalation(
  ctx: AppContext,
  c: CaseRecord,
  e: EscalationRecord,
  by: MemberId,
  reason: string,
  at: number,
): void {
  ctx.store.escalations.update(e.id, {
    state: 'withdrawn',
    outcome: 'withdrawn',
    reason,
    closedAt: at,
    closedBy: by,
    nextAction: null,
    nextActionAt: null,
  });
  ctx.store.audit.append({
    at,
    actor: by,
    action: 'escalation.withdrawn',
    caseId: c.id,
    reason,
    details: { ...auditRefOf(e) },
  });
  notifyTeam(ctx, c, 'escalation_withdrawn', e.participants, by, { escalationId: e.id });
}

export function withdrawEscalation(
  ctx: AppContext,
  input: {
    by: MemberId;
    caseRef: string; /** Which escalation; else the most recent open one. */
    escalation?: EscalationPick;
    reason: string;
  },
): EscalationRecord {
  const { loaded, e, now } = open(ctx, input.by, input.caseRef, input.escalation);
  if (e.raisedBy !== loaded.actor.id) requireParticipant(e, loaded.actor);
  const reason = guardText(ctx, input.reason, 'reden');
  return ctx.store.transaction(() => {
    withdrawOpenEscalation(ctx, loaded.record, e, loaded.actor.id, reason, now);
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return ctx.store.escalations.byId(e.id)!;
  });
}

export function planMeeting(
  ctx: AppContext,
  input: {
    by: MemberId;
    caseRef: string; /** Which escalation; else the most recent open one. */
    escalation?: EscalationPick;
    date: string;
  },
): EscalationRecord {
  const { loaded, e, now } = open(ctx, input.by, input.caseRef, input.escalation);
  requireParticipant(e, loaded.actor);
  if (!isLocalDate(input.date) || input.date < ctx.calendar.localDate(now))
    throw new DomainError('BAD_DATE', 'Kies een datum vandaag of later.');
  return ctx.store.transaction(() => {
    ctx.store.escalations.update(e.id, { meetingDate: input.date });
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'escalation.meeting_planned',
      caseId: loaded.record.id,
      reason: null,
      details: { ...auditRefOf(e), date: input.date },
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return ctx.store.escalations.byId(e.id)!;
  });
}

/**
 * Moves an escalation to `target` and tells every participant of the new level (an automatic escalation's people are
 * worked out from the case as it is now). Runs inside a transaction. `by` is left out when it is a person.
 */
export function raiseLevel(
  ctx: AppContext,
  c: CaseRecord,
  e: EscalationRecord,
  target: EscalationLevel,
  by: MemberId,
  at: number,
): EscalationRecord {
  const participants = currentParticipants(ctx, c, { ...e, level: target });
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
    caseId: c.id,
    recipients: participants,
    actor: by,
    payload: escalationPayload(ctx, c, updated, at),
  });
  ctx.store.audit.append({
    at,
    actor: by,
    action: 'escalation.level',
    caseId: c.id,
    reason: null,
    details: { ...auditRefOf(e), from: e.level, to: target, participants },
  });
  return updated;
}

/** "Escaleer" on the card: a participant moves it up; L3 only when a manager, director or pilot coordinator confirms. */
export function escalateFurther(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; escalation?: EscalationPick },
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
