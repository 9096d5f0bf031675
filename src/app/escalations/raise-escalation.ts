import { auditRefOf } from './escalation-pick.js';
import { caseProfessionals, sortedUnique } from '../../domain/case-team.js';
import { DomainError } from '../../domain/domain-error.js';
import { dutchDateLong } from '../../domain/dutch-date.js';
import { nextEscalationAction, participantsAt, startLevel } from '../../domain/escalation-ladder.js';
import type { CaseRecord, EscalationRecord, TimerRecord } from '../../domain/records.js';
import {
  ESCALATION_TRIGGERS,
  ORG_TYPES,
  type EscalationTrigger,
  type MemberId,
  type OrgType,
} from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadCaseToChange, loadTeam } from '../case-access.js';
import { enqueueNotification } from '../enqueue-notification.js';
import { guardText } from '../guard-text.js';
import { BOT_ACTOR } from '../notifications.js';
import { recordActivity } from '../record-activity.js';
import { escalationPayload } from './escalation-payload.js';
import { automaticBase, refreshParticipants } from './escalation-participants.js';

interface NewEscalation {
  trigger: EscalationTrigger;
  source: 'manual' | 'timer';
  timerId: number | null;
  raisedBy: MemberId;
  question: string;
  orgs: OrgType[];
  /** Manual: the people it is raised with (the raiser first). Automatic: worked out from the case. */
  base: MemberId[];
  at: number;
}

/**
 * Inserts an escalation at its start level with the policy in force frozen into it, and tells the participants of that
 * level — never the one who raised it (they see it in the reply). Runs inside the caller's transaction.
 */
function createEscalation(ctx: AppContext, c: CaseRecord, n: NewEscalation): EscalationRecord {
  const level = startLevel(n.trigger, n.source);
  const policy = ctx.norms.escalation;
  const levelRaisedDate = ctx.calendar.localDate(n.at);
  const next = nextEscalationAction(ctx.calendar, policy, {
    level,
    levelRaisedDate,
    state: 'open',
    reminderSent: false,
  });
  const base = sortedUnique(n.base);
  const inserted = ctx.store.escalations.insert({
    caseId: c.id,
    trigger: n.trigger,
    source: n.source,
    timerId: n.timerId,
    level,
    raisedBy: n.raisedBy,
    raisedAt: n.at,
    question: n.question,
    orgs: n.orgs,
    baseParticipants: base,
    participants: participantsAt(level, base, ctx.roster),
    guests: [],
    policy: JSON.stringify({ normsVersion: ctx.norms.version, ...policy }),
    levelRaisedAt: n.at,
    levelRaisedDate,
    state: 'open',
    outcome: null,
    decision: null,
    decisionOwner: null,
    deadline: null,
    meetingDate: null,
    reason: null,
    reflection: null,
    familyInformed: null,
    familyInformedOn: null,
    closedAt: null,
    closedBy: null,
    nextAction: next?.action ?? null,
    nextActionAt: next?.at ?? null,
  });
  if (n.timerId !== null) {
    ctx.store.escalations.addTimer(inserted.id, n.timerId, n.at);
    refreshParticipants(ctx, c);
  }
  const e = ctx.store.escalations.byId(inserted.id)!;
  ctx.store.escalations.addLevel(e.id, level, n.at, n.raisedBy, e.participants);
  enqueueNotification(ctx, {
    caseId: c.id,
    recipients: e.participants,
    actor: n.raisedBy,
    payload: escalationPayload(ctx, c, e, n.at),
  });
  ctx.store.audit.append({
    at: n.at,
    actor: n.raisedBy,
    action: 'escalation.raised',
    caseId: c.id,
    reason: null,
    details: { ...auditRefOf(e), trigger: n.trigger, level, source: n.source, participants: e.participants },
  });
  return e;
}

/** The case's open automatic escalation, if any (there is at most one). */
export function openAutomaticEscalation(ctx: AppContext, caseId: number): EscalationRecord | undefined {
  return ctx.store.escalations.ofCase(caseId).find((e) => e.state === 'open' && e.source === 'timer');
}

/**
 * A timer's `escalate` step: an automatic escalation at L1 about collaboration between organisations, involving every
 * organisation of the case. When the case already has one open, the missed term joins it instead — so one stalled
 * case does not become three parallel escalations: its owner takes part from now on, the participants of its current
 * level hear of the joined term once, and its clocks keep counting from the day its level was raised.
 */
export function escalateTimer(ctx: AppContext, c: CaseRecord, t: TimerRecord, label: string, at: number): void {
  const open = openAutomaticEscalation(ctx, c.id);
  if (open) {
    ctx.store.escalations.addTimer(open.id, t.id, at);
    refreshParticipants(ctx, c);
    const e = ctx.store.escalations.byId(open.id)!;
    enqueueNotification(ctx, {
      caseId: c.id,
      recipients: e.participants,
      payload: escalationPayload(ctx, c, e, at, { joinedTimer: t.timer }),
    });
    ctx.store.audit.append({
      at,
      actor: BOT_ACTOR,
      action: 'escalation.joined',
      caseId: c.id,
      reason: null,
      details: { ...auditRefOf(e), timer: t.timer, cycle: t.cycle, participants: e.participants },
    });
    return;
  }
  const team = loadTeam(ctx, c);
  createEscalation(ctx, c, {
    trigger: 'AGREEMENTS_NOT_FOLLOWED',
    source: 'timer',
    timerId: t.id,
    raisedBy: BOT_ACTOR,
    question: `De termijn "${label}" liep af op ${dutchDateLong(t.dueDate)} en is nog niet afgerond. Wie pakt het op, en wanneer?`,
    orgs: [...new Set(team.members.map((m) => m.org))],
    base: automaticBase(ctx, c, null),
    at,
  });
}

export interface RaiseEscalationInput {
  by: MemberId;
  caseRef: string;
  trigger: EscalationTrigger;
  question: string;
  orgs?: OrgType[];
}

/**
 * Someone raises an escalation by hand: L0 with the case professionals of the organisations involved (all of the
 * case's unless they name fewer) — or, for worrying conduct, L1 with only their own team lead, never shown to other
 * organisations. Manual escalations stand on their own beside the automatic one.
 */
export function raiseEscalation(ctx: AppContext, input: RaiseEscalationInput): EscalationRecord {
  if (!ESCALATION_TRIGGERS.includes(input.trigger))
    throw new DomainError('UNKNOWN_TRIGGER', 'Kies een aanleiding voor de escalatie.');
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const question = guardText(ctx, input.question, 'vraag om te beslissen');
  if (input.orgs?.some((o) => !ORG_TYPES.includes(o)))
    throw new DomainError('UNKNOWN_ORG', 'Onbekende organisatie gekozen.');
  const caseOrgs = [...new Set(loaded.team.members.map((m) => m.org))];
  const orgs = input.orgs && input.orgs.length > 0 ? caseOrgs.filter((o) => input.orgs!.includes(o)) : caseOrgs;
  const negligent = input.trigger === 'NEGLIGENT_CONDUCT';
  const professionals = new Set(caseProfessionals(loaded.team));
  const involved = loaded.team.members.filter((m) => orgs.includes(m.org) && professionals.has(m.memberId));
  const base = negligent ? [loaded.actor.id] : [loaded.actor.id, ...involved.map((m) => m.memberId)];
  const now = ctx.clock.now();
  return ctx.store.transaction(() => {
    const e = createEscalation(ctx, loaded.record, {
      trigger: input.trigger,
      source: 'manual',
      timerId: null,
      raisedBy: loaded.actor.id,
      question,
      orgs: negligent ? [loaded.actor.org] : orgs,
      base,
      at: now,
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return e;
  });
}
