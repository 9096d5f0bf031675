import type { EscalationSeries } from './escalation-series.js';
import type { LocalDate } from './local-date.js';
import type {
  CaseStage,
  EscalationLevel,
  EscalationTrigger,
  HandoverMoment,
  Measure,
  MemberId,
  OrgType,
  TimerId,
  TimerStep,
} from './types.js';

// The aggregates as the use cases see them (the SQLite adapter maps rows to these).

export interface CaseRecord {
  id: number;
  ref: string;
  municipality: string;
  stage: CaseStage;
  coordinatorId: MemberId | null;
  measure: Measure | null;
  measureStart: LocalDate | null;
  measureEnd: LocalDate | null;
  openedAt: number;
  openedBy: MemberId;
  closedAt: number | null;
  lastActivityAt: number;
}

export interface MembershipRecord {
  id: number;
  caseId: number;
  memberId: MemberId;
  org: OrgType;
  role: string;
  joinedAt: number;
  joinedBy: MemberId;
  joinReason: string;
  leftAt: number | null;
  leftBy: MemberId | null;
  leaveReason: string | null;
}

export type TimerState = 'open' | 'completed' | 'stopped';

export interface TimerRecord {
  id: number;
  caseId: number;
  timer: TimerId;
  cycle: number;
  startedAt: number;
  startDate: LocalDate;
  dueDate: LocalDate;
  originalDueDate: LocalDate;
  remindBefore: number;
  escalateAfter: number;
  remindEnabled: boolean;
  ownerRef: MemberId | null;
  handoverId: number | null;
  escalationId: number | null;
  state: TimerState;
  stoppedAt: number | null;
  stopReason: string | null;
  nextStep: TimerStep | null;
  nextStepAt: number | null;
  postponeCount: number;
  acknowledgedAt: number | null;
  acknowledgedBy: MemberId | null;
}

export interface EscalationRecord {
  id: number;
  caseId: number;
  /** Its number in its series: "Escalatie 2", "Vertrouwelijke escalatie 1" (domain/escalation-series.ts). */
  seq: number;
  /**
   * Null for an escalation raised before the two series: numbered in one series with all of its case's escalations,
   * and named by that number on cards made then.
   */
  series: EscalationSeries | null;
  trigger: EscalationTrigger;
  source: 'manual' | 'timer';
  timerId: number | null;
  level: EscalationLevel;
  raisedBy: MemberId;
  raisedAt: number;
  question: string;
  orgs: OrgType[];
  baseParticipants: MemberId[];
  participants: MemberId[];
  /** People brought in besides the lead chains, e.g. a regional expert team's member (from L2 on). */
  guests: MemberId[];
  policy: string; // frozen JSON
  levelRaisedAt: number;
  levelRaisedDate: LocalDate;
  state: 'open' | 'resolved' | 'withdrawn';
  outcome: string | null;
  decision: string | null;
  decisionOwner: MemberId | null;
  deadline: LocalDate | null;
  meetingDate: LocalDate | null;
  reason: string | null;
  reflection: string | null;
  /** Whether the family was told of the decision ('yes' with the date, or 'no'); null before a decision. */
  familyInformed: 'yes' | 'no' | null;
  familyInformedOn: LocalDate | null;
  closedAt: number | null;
  closedBy: MemberId | null;
  nextAction: 'reminder' | 'advance' | null;
  nextActionAt: number | null;
}

export interface HandoverRecord {
  id: number;
  caseId: number;
  moment: HandoverMoment;
  fromMember: MemberId;
  toMember: MemberId;
  templateVersion: string;
  state: 'open' | 'accepted' | 'cancelled';
  openedAt: number;
  openedBy: MemberId;
  acceptedAt: number | null;
  basis: string | null;
}

export interface HandoverTick {
  itemId: string;
  checkedBy: MemberId;
  checkedAt: number;
  note: string | null;
}
