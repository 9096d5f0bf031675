import { participantsAt, startLevel, nextEscalationAction } from '../../domain/escalation-ladder.js';
import { DomainError } from '../../domain/domain-error.js';
import type { CaseRecord, EscalationRecord } from '../../domain/records.js';
import {
  ESCALATION_TRIGGERS,
  ORG_TYPES,
  type EscalationTrigger,
  type MemberId,
  type OrgType,
} from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadVisibleCase, requireMember, requireOpen } from '../case-access.js';
import { enqueueNotification } from '../enqueue-notification.js';
import { guardText } from '../guard-text.js';
import { recordActivity } from '../record-activity.js';
import { escalationPayload } from './escalation-payload.js';

export interface NewEscalation {
  trigger: EscalationTrigger;
  source: 'manual' | 'timer';
  timerId: number | null;
  raisedBy: MemberId;
  question: string;
  orgs: OrgType[];
  base: MemberId[];
  at: number;
}

/** Inserts an escalation at its start level with the policy in force frozen into it, and notifies the participants. */
export function createEscalation(ctx: AppContext, c: CaseRecord, n: NewEscalation): EscalationRecord {
  const level = startLevel(n.trigger, n.source);
  const participants = participantsAt(level, n.base, ctx.roster);
  const policy = ctx.norms.escalation;
  const levelRaisedDate = ctx.calendar.localDate(n.at);
  const next = nextEscalationAction(ctx.calendar, policy, {
    level,
    levelRaisedDate,
    state: 'open',
    reminderSent: false,
  });
  const e = ctx.store.escalations.insert({
    caseId: c.id,
    trigger: n.trigger,
    source: n.source,
    timerId: n.timerId,
    level,
    raisedBy: n.raisedBy,
    raisedAt: n.at,
    question: n.question,
    orgs: n.orgs,
    baseParticipants: [...new Set(n.base)].sort(),
    participants,
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
    closedAt: null,
    closedBy: null,
    nextAction: next?.action ?? null,
    nextActionAt: next?.at ?? null,
  });
  ctx.store.escalations.addLevel(e.id, level, n.at, n.raisedBy, participants);
  enqueueNotification(ctx, {
    kind: 'escalation',
    caseId: c.id,
    recipients: participants,
    payload: escalationPayload(ctx, c, e, n.at),
  });
  ctx.store.audit.append({
    at: n.at,
    actor: n.raisedBy,
    action: 'escalation.raised',
    caseId: c.id,
    reason: null,
    details: { escalation: e.seq, trigger: n.trigger, level, source: n.source },
  });
  return e;
}

export interface RaiseEscalationInput {
  by: MemberId;
  caseRef: string;
  trigger: EscalationTrigger;
  question: string;
  orgs?: OrgType[];
}

/**
 * A professional raises an escalation: L0 with the professionals of the organisations involved, or — for worrying
 * conduct — L1 with only their own team lead, never shown to other organisations (domain.md §5).
 */
export function raiseEscalation(ctx: AppContext, input: RaiseEscalationInput): EscalationRecord {
  if (!ESCALATION_TRIGGERS.includes(input.trigger))
    throw new DomainError('UNKNOWN_TRIGGER', 'Kies een aanleiding voor de escalatie.');
  const loaded = loadVisibleCase(ctx, input.by, input.caseRef);
  requireOpen(loaded);
  requireMember(loaded, loaded.actor);
  const question = guardText(ctx, input.question, 'vraag om te beslissen');
  if (input.orgs?.some((o) => !ORG_TYPES.includes(o)))
    throw new DomainError('UNKNOWN_ORG', 'Onbekende organisatie gekozen.');
  const caseOrgs = [...new Set(loaded.team.members.map((m) => m.org))];
  const orgs = input.orgs && input.orgs.length > 0 ? caseOrgs.filter((o) => input.orgs!.includes(o)) : caseOrgs;
  const negligent = input.trigger === 'NEGLIGENT_CONDUCT';
  const base = negligent
    ? [loaded.actor.id]
    : [loaded.actor.id, ...loaded.team.members.filter((m) => orgs.includes(m.org)).map((m) => m.memberId)];
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
