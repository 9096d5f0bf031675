import type { AuditEntry } from '../domain/audit-chain.js';
import type { LocalDate } from '../domain/local-date.js';
import type {
  CaseRecord,
  EscalationRecord,
  HandoverRecord,
  HandoverTick,
  MembershipRecord,
  TimerRecord,
} from '../domain/records.js';
import type { MemberId, TimerId, TimerStep } from '../domain/types.js';
import type { MemberBinding } from './member-binding-store.js';

// The persistence port: narrow repositories that take and return domain records. One SQLite adapter implements it;
// a PostgreSQL one could later (docs/architecture.md, Looking ahead).

export interface CaseRepository {
  /**
   * The number of the next case of a reference prefix such as CG-ARN-2026: the prefix's next sequence number under
   * the database's keyed permutation (domain/case-number.ts), so it never repeats and does not count cases.
   */
  nextNumber(prefix: string): number;
  insert(c: Omit<CaseRecord, 'id'>): number;
  byId(id: number): CaseRecord | undefined;
  byRef(ref: string): CaseRecord | undefined;
  /** The case's id and version (bumped by every change to the case or what its card shows), without loading it. */
  versionOf(ref: string): { id: number; version: number } | undefined;
  update(id: number, patch: Partial<Omit<CaseRecord, 'id' | 'ref'>>): void;
  currentMembers(caseId: number): MembershipRecord[];
  memberships(caseId: number): MembershipRecord[];
  addMembership(m: Omit<MembershipRecord, 'id' | 'leftAt' | 'leftBy' | 'leaveReason'>): void;
  endMembership(caseId: number, memberId: MemberId, at: number, by: MemberId, reason: string): void;
  addEvent(caseId: number, event: string, fields: Record<string, unknown>, at: number, by: MemberId): void;
  events(caseId: number): Array<{ event: string; fields: Record<string, unknown>; at: number; by: MemberId }>;
  /** Open cases where the member currently sits on the team. */
  casesOfMember(memberId: MemberId): CaseRecord[];
  /** Open cases of these municipalities, oldest first (a pilot coordinator's weekly line). */
  openCasesIn(municipalities: readonly string[]): CaseRecord[];
  /** Open cases on which any of these members currently sits (a team lead's "mijn casussen" passes the people they lead). */
  casesWithAnyMember(memberIds: MemberId[]): CaseRecord[];
}

export type NewTimer = Omit<TimerRecord, 'id'>;

export interface TimerRepository {
  insert(t: NewTimer): number;
  byId(id: number): TimerRecord | undefined;
  open(caseId: number, timer?: TimerId): TimerRecord[];
  all(caseId: number): TimerRecord[];
  lastCycle(caseId: number, timer: TimerId): number;
  update(id: number, patch: Partial<Omit<TimerRecord, 'id'>>): void;
  /** Timers whose next step is due at or before `now`, through the index on next_step_at; oldest first. */
  due(now: number, limit: number): TimerRecord[];
  /** The exactly-once record; false when this (case, timer, cycle, step) was already fired. */
  recordStep(t: TimerRecord, step: TimerStep, plannedAt: number, firedAt: number): boolean;
  lastFiredStep(timerId: number): TimerStep | undefined;
  /** The earliest planned step of any timer (for the replayer's clock). */
  nextStepAt(): number | undefined;
  /**
   * The daily digest's candidates, in one query: open timers with reminders on, on the open cases where the member
   * currently sits, due on or after `today`, and for a timer that reminds n working days ahead due on or before
   * `latestDue[n]` (no upper bound for n beyond the list). By case, then timer id.
   */
  remindersOfMember(memberId: MemberId, today: LocalDate, latestDue: readonly LocalDate[]): ReminderCandidate[];
  /**
   * The weekly line's candidates, in one query: open timers on the open cases of these municipalities that are due
   * before `dueBefore` or are of kind `orTimer`. In no particular order; read row by row (stop early by breaking off).
   */
  openInMunicipalities(
    municipalities: readonly string[],
    o: { dueBefore: LocalDate; orTimer: TimerId },
  ): Iterable<Pick<TimerRecord, 'id' | 'caseId' | 'timer' | 'dueDate'>>;
}

export type ReminderCandidate = Pick<TimerRecord, 'id' | 'caseId' | 'timer' | 'dueDate' | 'remindBefore' | 'ownerRef'>;

export interface EscalationRepository {
  insert(e: Omit<EscalationRecord, 'id' | 'seq' | 'series'>): EscalationRecord;
  byId(id: number): EscalationRecord | undefined;
  /** A case's escalations in order of raising. */
  ofCase(caseId: number): EscalationRecord[];
  update(id: number, patch: Partial<Omit<EscalationRecord, 'id'>>): void;
  addLevel(escalationId: number, level: string, raisedAt: number, raisedBy: MemberId, participants: MemberId[]): void;
  levels(
    escalationId: number,
  ): Array<{ level: string; raisedAt: number; raisedBy: MemberId; participants: MemberId[] }>;
  due(now: number, limit: number): EscalationRecord[];
  /** Open escalations that hold this timer cycle (an automatic escalation holds every cycle that joined it). */
  openByTimer(timerId: number): EscalationRecord[];
  /** Adds a timer cycle to an automatic escalation (the one that raised it, or one that joined later). */
  addTimer(escalationId: number, timerId: number, at: number): void;
  /** The timer cycles an escalation holds, in the order they joined. */
  timersOf(escalationId: number): number[];
  open(): EscalationRecord[];
  /** The cases of the open escalations at one of these levels, on the open cases of these municipalities; one row each. */
  openAtLevelsIn(municipalities: readonly string[], levels: readonly string[]): Array<{ caseId: number }>;
  /** The earliest planned action of any escalation. */
  nextActionAt(): number | undefined;
}

export interface AcuteReport {
  id: number;
  caseId: number;
  reportedAt: number;
  reportedBy: MemberId;
  notified: MemberId[];
  pickedUpBy: MemberId | null;
  pickedUpAt: number | null;
  followupAt: number | null;
  followupSentAt: number | null;
}

export interface AcuteRepository {
  insert(r: Omit<AcuteReport, 'id'>): number;
  byId(id: number): AcuteReport | undefined;
  ofCase(caseId: number): AcuteReport[];
  update(id: number, patch: Partial<Omit<AcuteReport, 'id' | 'caseId'>>): void;
  /** Reports whose follow-up is due at or before `now`, oldest first. */
  dueFollowups(now: number, limit: number): AcuteReport[];
  /** The earliest planned follow-up (for the replayer's clock). */
  nextFollowupAt(): number | undefined;
}

export interface AbsenceRepository {
  add(a: { memberId: MemberId; from: LocalDate; until: LocalDate; recordedBy: MemberId; recordedAt: number }): void;
  /** Whether the member is away on that day. */
  isAbsent(memberId: MemberId, day: LocalDate): boolean;
  /** The absences of a member that end on or after `day`, soonest first. */
  upcoming(memberId: MemberId, day: LocalDate): Array<{ from: LocalDate; until: LocalDate }>;
}

export interface HandoverRepository {
  insert(h: Omit<HandoverRecord, 'id'>): number;
  byId(id: number): HandoverRecord | undefined;
  ofCase(caseId: number): HandoverRecord[];
  update(id: number, patch: Partial<Omit<HandoverRecord, 'id'>>): void;
  ticks(handoverId: number): HandoverTick[];
  tick(handoverId: number, tick: HandoverTick): boolean;
  untick(handoverId: number, itemId: string): void;
  /** Open handovers the member sends or receives, on the open cases where they currently sit; by case, then id. */
  openOfMember(memberId: MemberId): HandoverRecord[];
}

export interface OutboxEntry {
  kind: string;
  caseId: number | null;
  payload: Record<string, unknown>;
  recipients: MemberId[];
  notBefore: number;
  ignoresOfficeHours: boolean;
  createdAt: number;
}

export interface PendingDelivery {
  deliveryId: number;
  outboxId: number;
  kind: string;
  caseId: number | null;
  recipientId: MemberId;
  payload: Record<string, unknown>;
  attempts: number;
  ignoresOfficeHours: boolean;
}

export interface OutboxRepository {
  enqueue(entry: OutboxEntry): number;
  /** Pending deliveries with next_attempt_at <= now, oldest first; outside office hours only those that ignore them. */
  pending(now: number, officeOpen: boolean, limit: number): PendingDelivery[];
  markSent(deliveryId: number, at: number): void;
  /** A failed attempt that counts towards the delivery's attempts (5xx, network). */
  markRetry(deliveryId: number, nextAttemptAt: number, error: string): void;
  /** Throttled (429, 412): tried again later, without counting as an attempt. */
  markThrottled(deliveryId: number, nextAttemptAt: number, error: string): void;
  markFailed(deliveryId: number, error: string): void;
  /** The earliest next attempt of a pending delivery (for the replayer's clock). */
  nextAttemptAt(): number | undefined;
  recipientsOf(outboxId: number): MemberId[];
}

export interface PreferenceRepository {
  digestOf(memberId: MemberId): boolean | undefined;
  setDigest(memberId: MemberId, on: boolean): void;
  /** Claims the digest of a local day; false when it already ran (exactly once per day). */
  claimDigestDay(day: string, at: number): boolean;
  digestRanOn(day: string): boolean;
  /** A status card (a late term on one of their cases) waiting for a subscriber's next digest. */
  addPendingStatus(memberId: MemberId, caseId: number, timerId: number, at: number): void;
  /** A subscriber's waiting status cards, oldest first, left waiting (for a preview of the digest). */
  pendingStatus(memberId: MemberId): Array<{ caseId: number; timerId: number }>;
  /** Takes (and removes) a subscriber's waiting status cards, oldest first. */
  takePendingStatus(memberId: MemberId): Array<{ caseId: number; timerId: number }>;
  /** Claims the weekly line of the week starting on `monday`; false when it was already judged. */
  claimWeek(monday: string, at: number): boolean;
  weekRan(monday: string): boolean;
}

/**
 * Which open cases the overview counts: all of them, or those on which one of `memberIds` currently sits; and of all
 * municipalities, or only of `municipalities` (a pilot coordinator's own).
 */
export interface OverviewScope {
  memberIds?: MemberId[];
  municipalities?: readonly string[];
}

/** Raw material for the KPIs (every row of the period's tables, with instants) and the overview's counts. */
export interface ReportingRepository {
  events(): Array<{ caseId: number; event: string; at: number; fields: Record<string, unknown> }>;
  timers(timers?: string[]): Array<{
    caseId: number;
    timer: string;
    startDate: string;
    dueDate: string;
    originalDueDate: string;
    stoppedAt: number | null;
    state: string;
    stopReason: string | null;
    nextStep: string | null;
  }>;
  handovers(): Array<{ caseId: number; openedAt: number; acceptedAt: number | null; state: string; moment: string }>;
  escalations(): Array<{
    caseId: number;
    raisedAt: number;
    level: string;
    trigger: string;
    state: string;
    closedAt: number | null;
    outcome: string | null;
  }>;
  // The overview, counted in SQL so that its memory does not grow with the number of cases. Each is limited to the
  // open cases in `scope`.
  openCaseCounts(scope: OverviewScope): Array<{ municipality: string; stage: string; cases: number }>;
  /** Cases with an open timer past its due date (before `today`), in case order, their overdue timers in timer order. */
  stalledCases(today: string, scope: OverviewScope): Array<{ ref: string; municipality: string; timers: string[] }>;
  openEscalationCounts(
    scope: OverviewScope,
  ): Array<{ municipality: string; level: string; trigger: string; escalations: number }>;
  openHandoverCounts(scope: OverviewScope): Array<{ municipality: string; handovers: number }>;
}

/** A decided escalation of the agenda's period (closed in it), without case reference, names or text. */
export interface ClosedEscalationRow {
  id: number;
  caseId: number;
  trigger: string;
  /** manual | timer */
  source: string;
  level: string;
  raisedAt: number;
  closedAt: number;
  /** resolved | withdrawn */
  state: string;
  /** Whether someone recorded a decision (not an automatic escalation that resolved when its terms ended). */
  decided: boolean;
}

/**
 * Reflections on decided escalations ("wij leren door samen te reflecteren") and the anonymous material of a
 * municipality's learning agenda and KPIs. Instants are half-open: from <= at < to.
 */
export interface LearningRepository {
  /** false when this member already added a reflection to this escalation (one each). */
  addReflection(r: { escalationId: number; memberId: MemberId; text: string; at: number }): boolean;
  /** Who added a reflection to an escalation, oldest first. */
  reflectionAuthors(escalationId: number): MemberId[];
  /** One member's own reflection on an escalation, if any. */
  reflectionOf(escalationId: number, memberId: MemberId): string | undefined;
  /** The texts of the reflections on these escalations (never their authors), newest first. */
  reflectionTexts(escalationIds: readonly number[]): Array<{ escalationId: number; text: string; at: number }>;
  /** Escalations of the municipality's cases that closed (resolved or withdrawn) in the period. */
  closedEscalations(municipality: string, from: number, to: number): ClosedEscalationRow[];
  /**
   * The terms of the municipality's cases that went overdue in the period: per timer, how many cycles on how many
   * cases. A worrying-conduct escalation's DECISION term only `withWorryingConduct`.
   */
  overdueTerms(
    municipality: string,
    from: number,
    to: number,
    withWorryingConduct: boolean,
  ): Array<{ timer: string; cycles: number; cases: number }>;
  /** The municipality's cases on which a jeugdbeschermer was assigned, with what the JB changes are read from. */
  jeugdbeschermerHistory(municipality: string): Array<{
    caseId: number;
    closedAt: number | null;
    assignments: Array<{ member: MemberId; at: number }>;
    giMemberships: Array<{ memberId: MemberId; joinedAt: number; leftAt: number | null }>;
  }>;
  /** Every case's municipality, opening and current stage (the KPIs per municipality and the JBT requests). */
  caseFacts(): Array<{ caseId: number; municipality: string; openedAt: number; stage: string }>;
}

export interface RetentionRepository {
  closedCases(): Array<{ id: number; ref: string; closedAt: number }>;
  /**
   * Copies the anonymous KPI material of a case into the archive, then deletes the case and all that hangs on it and
   * destroys the key its audit rows are sealed with. Returns how many of its audit rows stay readable: rows written
   * before their case had a key (before migration 0009), which the chain keeps as they were.
   */
  archiveAndDelete(caseId: number, at: number): { unsealedAuditRows: number };
  /** After purges: clears what the deleted rows left in the write-ahead log. False when another reader kept it. */
  scrub(): boolean;
  archived(): Array<{ archiveKey: string; kind: string; data: Record<string, unknown> }>;
}

/** How the last 1:1 delivery to a person that ended went: sent, or failed for good (with the reason recorded). */
export interface EndedDelivery {
  state: 'sent' | 'failed';
  kind: string;
  /** When its message was written (the outbox row): the failure came at or after this moment. */
  createdAt: number;
  lastError: string | null;
}

/**
 * What the bot knows about reaching people proactively, ids only (the rule is app/reachability.ts): their 1:1 chats
 * with the bot, the bindings made on first contact, how their last delivery ended, and a case's own channel thread.
 */
export interface ReachabilityRepository {
  /** Every binding of the member (docs/tenants.md), the newest first; whether one still holds is bind-member.ts's rule. */
  bindingsOf(memberId: MemberId): MemberBinding[];
  /** Which of these Entra object ids (compared in lower case) have a stored 1:1 chat with the bot. */
  withPersonalChat(aadObjectIds: readonly string[]): Set<string>;
  /** Per member, the most recently written 1:1 delivery that ended (sent or failed); posts in a case thread do not count. */
  lastEndedDeliveries(memberIds: readonly MemberId[]): Map<MemberId, EndedDelivery>;
  /** Whether the case has its own channel thread (started by `casus nieuw` in a team channel). */
  hasCaseThread(caseId: number): boolean;
}

export interface AuditPort {
  append(entry: AuditEntry): void;
  /**
   * Appends together with the other entries of this moment (one turn of the event loop) in one transaction, and
   * resolves once they are committed. For reads, which nothing else is written with: many at once cost one commit.
   */
  appendSoon(entry: AuditEntry): Promise<void>;
}

export interface Store {
  cases: CaseRepository;
  timers: TimerRepository;
  escalations: EscalationRepository;
  acute: AcuteRepository;
  absences: AbsenceRepository;
  handovers: HandoverRepository;
  outbox: OutboxRepository;
  preferences: PreferenceRepository;
  reporting: ReportingRepository;
  retention: RetentionRepository;
  learning: LearningRepository;
  reachability: ReachabilityRepository;
  audit: AuditPort;
  /** The audit entries of one case, oldest first. */
  auditOf(
    caseId: number,
  ): Array<{ at: number; actor: string; action: string; reason: string | null; details: Record<string, unknown> }>;
  /** Runs `fn` in one SQLite transaction: all or nothing. */
  transaction<T>(fn: () => T): T;
}
