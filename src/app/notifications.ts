import type {
  EscalationLevel,
  EscalationTrigger,
  HandoverMoment,
  MemberId,
  TimerId,
  TimerStep,
} from '../domain/types.js';
import type { CaseStage, OrgType } from '../domain/types.js';

// Every proactive message the bot sends, as the outbox holds it: one discriminated union, written by the use cases and
// read by the card renderer (docs/behaviour.md, "Who is told what"). Payloads carry references and ids only — never
// a family's details; a card looks up the current state when it is rendered.

interface AboutCase {
  caseId: number;
  caseRef: string;
  municipality: string;
}

export interface NudgePayload extends AboutCase {
  kind: 'nudge';
  stage: CaseStage;
  timerId: number;
  timer: TimerId;
  timerLabel: string;
  cycle: number;
  step: TimerStep;
  dueDate: string;
  owner: MemberId | null;
  postponed: boolean;
}

export interface EscalationPayload extends AboutCase {
  kind: 'escalation' | 'escalation_reminder';
  stage: CaseStage;
  escalationId: number;
  escalation: number;
  level: EscalationLevel;
  trigger: EscalationTrigger;
  question: string;
  orgs: OrgType[];
  workingDaysStalled: number;
  participants: MemberId[];
  /** A missed term that joined this (automatic) escalation; absent when the escalation was raised or moved up. */
  joinedTimer?: TimerId;
  /** Sent to a regional expert team's member the moment they are brought into the escalation. */
  expertTeam?: true;
}

export interface HandoverPayload extends AboutCase {
  kind: 'handover';
  stage: CaseStage;
  handoverId: number;
  moment: HandoverMoment;
  momentLabel: string;
  from: MemberId;
  to: MemberId;
  dueDate: string | null;
}

export const TEAM_SUBJECTS = [
  'member_added',
  'member_replaced',
  'member_removed',
  'coordinator_changed',
  'decision',
  'escalation_withdrawn',
  'report_back',
  'consult_requested',
] as const;
export type TeamSubject = (typeof TEAM_SUBJECTS)[number];

/** A change to the case team or an outcome the team should know of. `actor` is who did it ('teammodel-bot' for the bot). */
export interface TeamPayload extends AboutCase {
  kind: 'team';
  subject: TeamSubject;
  actor: MemberId;
  /** member_added / member_removed: who; member_replaced: who left. */
  member?: MemberId;
  /** member_replaced: who took over. */
  successor?: MemberId;
  /** coordinator_changed: from whom to whom. */
  previousCoordinator?: MemberId | null;
  coordinator?: MemberId;
  /** decision / escalation_withdrawn: the escalation's id. */
  escalationId?: number;
}

export interface AcutePayload extends AboutCase {
  kind: 'acute';
  stage: CaseStage;
  acuteId: number;
  raisedBy: MemberId;
}

/** Someone the alert reached took it on: the reporter sees who. */
export interface AcuteUpdatePayload extends AboutCase {
  kind: 'acute_update';
  acuteId: number;
  pickedUpBy: MemberId;
}

export interface AcuteFollowupPayload extends AboutCase {
  kind: 'acute_followup';
  acuteId: number;
}

export interface WeeklyPayload {
  kind: 'weekly';
  monday: string;
  municipalities: string[];
}

export type DigestItem =
  | { type: 'timer'; caseId: number; caseRef: string; timer: string; dueDate: string }
  | { type: 'late'; caseId: number; caseRef: string; timer: string; dueDate: string; owner: MemberId | null }
  | { type: 'handover'; caseId: number; caseRef: string; moment: string; open: string[] }
  | {
      type: 'escalation';
      caseId: number;
      caseRef: string;
      /** Its number in its series; `confidential` for a worrying-conduct one (absent in digests of before the series). */
      escalation: number;
      confidential?: true;
      level: string;
    };

export interface DigestPayload {
  kind: 'digest';
  day: string;
  items: DigestItem[];
}

/**
 * The bot could not reach someone for good: their team lead hears so (without case content); for an acute alert the
 * reporter too, at once.
 */
export interface NoticePayload {
  kind: 'notice';
  notice: 'unreachable';
  member: MemberId;
  caseRef: string | null;
  about: string | null;
  /** The message was also posted in the case's channel thread, with an @mention of the person. */
  postedInThread?: boolean;
}

/** The kind of a post in a case's own channel thread (not a 1:1 delivery: it does not count as reaching someone). */
export const CASE_THREAD_KIND = 'case_thread';

/**
 * A message that could not reach a case member in their own chat, posted in the case's channel thread with an
 * @mention of them (app/plan-failed-delivery.ts decides when). It says which kind of message it was and about which
 * case, nothing of its content: the thread is read by the whole case team. For an acute alert, who reported it.
 */
export interface CaseThreadPayload extends AboutCase {
  kind: typeof CASE_THREAD_KIND;
  /** Whom the bot could not reach; the delivery's recipient, mentioned in the thread. */
  member: MemberId;
  /** The kind of message that did not reach them. */
  about: Exclude<NotificationKind, 'notice' | typeof CASE_THREAD_KIND>;
  /** about `acute`: the report, so the post can say who reported it. */
  acuteId?: number;
}

export type Notification =
  | NudgePayload
  | EscalationPayload
  | HandoverPayload
  | TeamPayload
  | AcutePayload
  | AcuteUpdatePayload
  | AcuteFollowupPayload
  | WeeklyPayload
  | DigestPayload
  | NoticePayload
  | CaseThreadPayload;

export type NotificationKind = Notification['kind'];

/** The actor of what the bot does by itself (timer steps, level raises, reminders): never a person. */
export const BOT_ACTOR = 'teammodel-bot';
