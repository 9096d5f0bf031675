import { sql } from './orm.js';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from './orm.js';

// Pseudonymous coordination data only: case references, membership, stages, dates, ticks and escalations.
// No names of families, BSN, addresses, birth dates or report content are ever stored (README, "What it is not").
// Professionals' display names stay in the roster file; the database keeps their roster ids.

export const regions = sqliteTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

export const municipalities = sqliteTable('municipalities', {
  name: text('name').primaryKey(),
  code: text('code').notNull(),
  regionCode: text('region_code').notNull(),
});

export const organisations = sqliteTable('organisations', {
  name: text('name').primaryKey(),
  type: text('type').notNull(),
});

export const members = sqliteTable('members', {
  id: text('id').primaryKey(),
  orgType: text('org_type').notNull(),
  orgName: text('org_name').notNull(),
  role: text('role').notNull(),
  leadId: text('lead_id'),
  aadObjectId: text('aad_object_id'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const fixedFaces = sqliteTable(
  'fixed_faces',
  {
    municipality: text('municipality').notNull(),
    orgType: text('org_type').notNull(),
    memberId: text('member_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.municipality, t.orgType] })],
);

export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ref: text('ref').notNull(),
    municipality: text('municipality').notNull(),
    stage: text('stage').notNull(),
    coordinatorId: text('coordinator_id'),
    measure: text('measure'),
    measureStart: text('measure_start'),
    measureEnd: text('measure_end'),
    openedAt: integer('opened_at').notNull(),
    openedBy: text('opened_by').notNull(),
    closedAt: integer('closed_at'),
    lastActivityAt: integer('last_activity_at').notNull(),
    /** Bumped by triggers (migration 0003) on every change to the case or what its card shows; a cache key. */
    version: integer('version').notNull().default(0),
  },
  (t) => [uniqueIndex('cases_ref_unique').on(t.ref), index('cases_closed_idx').on(t.closedAt)],
);

export const caseSequences = sqliteTable('case_sequences', {
  prefix: text('prefix').primaryKey(),
  last: integer('last').notNull(),
});

export const caseMembers = sqliteTable(
  'case_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    orgType: text('org_type').notNull(),
    role: text('role').notNull(),
    joinedAt: integer('joined_at').notNull(),
    joinedBy: text('joined_by').notNull(),
    joinReason: text('join_reason').notNull(),
    leftAt: integer('left_at'),
    leftBy: text('left_by'),
    leaveReason: text('leave_reason'),
  },
  (t) => [index('case_members_case_idx').on(t.caseId), index('case_members_member_idx').on(t.memberId, t.leftAt)],
);

export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** Structured fields only (outcome, measure, months, dates, member ids); never free text. */
    fields: text('fields').notNull().default('{}'),
    at: integer('at').notNull(),
    by: text('by').notNull(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId), index('case_events_event_idx').on(t.event, t.at)],
);

export const timers = sqliteTable(
  'timers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    timer: text('timer').notNull(),
    cycle: integer('cycle').notNull(),
    startedAt: integer('started_at').notNull(),
    startDate: text('start_date').notNull(),
    dueDate: text('due_date').notNull(),
    originalDueDate: text('original_due_date').notNull(),
    remindBefore: integer('remind_before').notNull(),
    escalateAfter: integer('escalate_after').notNull(),
    remindEnabled: integer('remind_enabled', { mode: 'boolean' }).notNull(),
    /** Who the timer is tied to when the rule is not organisational: the JBT recorder (T3), the handover sender (T12), a decision's owner. */
    ownerRef: text('owner_ref'),
    handoverId: integer('handover_id'),
    escalationId: integer('escalation_id'),
    state: text('state').notNull(), // open | completed | stopped
    stoppedAt: integer('stopped_at'),
    stopReason: text('stop_reason'),
    nextStep: text('next_step'),
    nextStepAt: integer('next_step_at'),
    postponeCount: integer('postpone_count').notNull().default(0),
    acknowledgedAt: integer('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
  },
  (t) => [
    uniqueIndex('timers_case_timer_cycle_unique').on(t.caseId, t.timer, t.cycle),
    index('timers_next_step_idx')
      .on(t.nextStepAt)
      .where(sql`next_step_at IS NOT NULL`),
    index('timers_case_idx').on(t.caseId, t.state),
  ],
);

/** The exactly-once record: one row per (case, timer, cycle, step), written in the same transaction as its outbox rows. */
export const timerSteps = sqliteTable(
  'timer_steps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    timer: text('timer').notNull(),
    cycle: integer('cycle').notNull(),
    step: text('step').notNull(),
    plannedAt: integer('planned_at').notNull(),
    firedAt: integer('fired_at').notNull(),
  },
  (t) => [uniqueIndex('timer_steps_unique').on(t.caseId, t.timer, t.cycle, t.step)],
);

export const handovers = sqliteTable(
  'handovers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    moment: text('moment').notNull(),
    fromMember: text('from_member').notNull(),
    toMember: text('to_member').notNull(),
    templateVersion: text('template_version').notNull(),
    state: text('state').notNull(), // open | accepted | cancelled
    openedAt: integer('opened_at').notNull(),
    openedBy: text('opened_by').notNull(),
    acceptedAt: integer('accepted_at'),
    basis: text('basis'),
  },
  (t) => [index('handovers_case_idx').on(t.caseId, t.state)],
);

export const handoverItems = sqliteTable(
  'handover_items',
  {
    handoverId: integer('handover_id')
      .notNull()
      .references(() => handovers.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    checkedBy: text('checked_by').notNull(),
    checkedAt: integer('checked_at').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.handoverId, t.itemId] })],
);

export const escalations = sqliteTable(
  'escalations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** Its number in its series (docs/behaviour.md, Escalations); unique per case and series. */
    seq: integer('seq').notNull(),
    /**
     * 'team' or 'confidential' (worrying conduct). NULL for an escalation raised before the two series: it was numbered
     * in one series with every escalation of its case, and a card made then names it by that number.
     */
    series: text('series'),
    trigger: text('trigger').notNull(),
    source: text('source').notNull(), // manual | timer
    timerId: integer('timer_id'),
    level: text('level').notNull(),
    raisedBy: text('raised_by').notNull(),
    raisedAt: integer('raised_at').notNull(),
    question: text('question').notNull(),
    orgs: text('orgs').notNull(), // JSON array of OrgType
    baseParticipants: text('base_participants').notNull(), // JSON array of member ids
    participants: text('participants').notNull(), // JSON array: participants of the current level
    /** JSON array: people brought in besides the lead chains (a regional expert team's member, from L2). */
    guests: text('guests').notNull().default('[]'),
    policy: text('policy').notNull(), // JSON: the escalation policy frozen when the escalation started
    levelRaisedAt: integer('level_raised_at').notNull(),
    levelRaisedDate: text('level_raised_date').notNull(),
    state: text('state').notNull(), // open | resolved | withdrawn
    outcome: text('outcome'),
    decision: text('decision'),
    decisionOwner: text('decision_owner'),
    deadline: text('deadline'),
    meetingDate: text('meeting_date'),
    reason: text('reason'),
    reflection: text('reflection'),
    /** Whether the family was told of the decision: 'yes' (with the date) or 'no'; null before a decision. */
    familyInformed: text('family_informed'),
    familyInformedOn: text('family_informed_on'),
    closedAt: integer('closed_at'),
    closedBy: text('closed_by'),
    nextAction: text('next_action'), // reminder | advance
    nextActionAt: integer('next_action_at'),
  },
  (t) => [
    uniqueIndex('escalations_case_series_seq_unique').on(t.caseId, t.series, t.seq),
    index('escalations_next_action_idx')
      .on(t.nextActionAt)
      .where(sql`next_action_at IS NOT NULL`),
    index('escalations_state_idx').on(t.state, t.level),
  ],
);

export const escalationLevels = sqliteTable(
  'escalation_levels',
  {
    escalationId: integer('escalation_id')
      .notNull()
      .references(() => escalations.id, { onDelete: 'cascade' }),
    level: text('level').notNull(),
    raisedAt: integer('raised_at').notNull(),
    raisedBy: text('raised_by').notNull(),
    participants: text('participants').notNull(),
    reminderSentAt: integer('reminder_sent_at'),
  },
  (t) => [primaryKey({ columns: [t.escalationId, t.level] })],
);

/**
 * The timer cycles an automatic escalation holds: the one that raised it and every cycle that joined it later (one
 * automatic escalation per case, docs/behaviour.md "Escalations"). It resolves when all of them have ended.
 */
export const escalationTimers = sqliteTable(
  'escalation_timers',
  {
    escalationId: integer('escalation_id')
      .notNull()
      .references(() => escalations.id, { onDelete: 'cascade' }),
    timerId: integer('timer_id').notNull(),
    joinedAt: integer('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.escalationId, t.timerId] }), index('escalation_timers_timer_idx').on(t.timerId)],
);

/**
 * What a participant of a decided escalation learned from it ("wij leren door samen te reflecteren"): one per
 * participant per escalation. The text has passed the personal-data guard; it is read only in the anonymised learning
 * agenda of the municipality (`leren`), never with its author. It goes with its case at the purge.
 */
export const reflections = sqliteTable(
  'reflections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    escalationId: integer('escalation_id')
      .notNull()
      .references(() => escalations.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    text: text('text').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('reflections_escalation_member_unique').on(t.escalationId, t.memberId)],
);

/** An acute report (acuut onveilig): who reported it, who picked it up, and its follow-up the next working day. */
export const acuteReports = sqliteTable(
  'acute_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    reportedAt: integer('reported_at').notNull(),
    reportedBy: text('reported_by').notNull(),
    /** JSON array: the people the alert went to. */
    notified: text('notified').notNull(),
    pickedUpBy: text('picked_up_by'),
    pickedUpAt: integer('picked_up_at'),
    followupAt: integer('followup_at'),
    followupSentAt: integer('followup_sent_at'),
  },
  (t) => [
    index('acute_reports_case_idx').on(t.caseId),
    index('acute_reports_followup_idx')
      .on(t.followupAt)
      .where(sql`followup_at IS NOT NULL`),
  ],
);

/** Status cards (a term of a case they sit on is late) that wait for a digest subscriber's next daily digest. */
export const digestPending = sqliteTable(
  'digest_pending',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    timerId: integer('timer_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('digest_pending_member_idx').on(t.memberId)],
);

/** A member's absence (both dates inclusive): while away, their messages also go to their deputy. */
export const absences = sqliteTable(
  'absences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull(),
    fromDate: text('from_date').notNull(),
    untilDate: text('until_date').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [index('absences_member_idx').on(t.memberId, t.untilDate)],
);

/** One row per week (its Monday) whose weekly line to the pilot coordinators was judged: exactly once a week. */
export const weeklyRuns = sqliteTable('weekly_runs', {
  monday: text('monday').primaryKey(),
  ranAt: integer('ran_at').notNull(),
});

/** One row per proactive message; its recipients are in `deliveries`. */
export const outbox = sqliteTable('outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(), // nudge | escalation | escalation_reminder | handover | acute | digest | notice
  caseId: integer('case_id'),
  payload: text('payload').notNull(), // JSON, rendered into a card at delivery time
  createdAt: integer('created_at').notNull(),
  notBefore: integer('not_before').notNull(),
  ignoresOfficeHours: integer('ignores_office_hours', { mode: 'boolean' }).notNull().default(false),
});

export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    outboxId: integer('outbox_id')
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    recipientId: text('recipient_id').notNull(),
    state: text('state').notNull(), // pending | sent | failed
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    sentAt: integer('sent_at'),
  },
  (t) => [
    index('deliveries_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`state = 'pending'`),
    uniqueIndex('deliveries_outbox_recipient_unique').on(t.outboxId, t.recipientId),
    // How the last delivery to a person ended (src/app/reachability.ts): their deliveries, newest last.
    index('deliveries_recipient_idx').on(t.recipientId, t.id),
  ],
);

export const conversationRefs = sqliteTable('conversation_refs', {
  key: text('key').primaryKey(), // 'user:<aadObjectId>' or 'case:<caseId>'
  reference: text('reference').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const memberPreferences = sqliteTable('member_preferences', {
  memberId: text('member_id').primaryKey(),
  digest: integer('digest', { mode: 'boolean' }),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    caseId: integer('case_id'),
    reason: text('reason'),
    details: text('details').notNull().default('{}'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** HMAC-SHA256 with AUDIT_MAC_KEY (src/domain/audit-mac.ts); NULL for rows written before a key was configured. */
    mac: text('mac'),
  },
  (t) => [index('audit_case_idx').on(t.caseId)],
);

/**
 * One data key per case (AES-256-GCM, 32 random bytes) under which the case's audit rows keep who did what and why
 * (src/adapters/sqlite/case-keys.ts). Made with the case's first audit row; the purge destroys it in the transaction
 * that removes the case, leaving `key` NULL and `destroyed_at` set: the audit rows stay (the chain verifies) but can no
 * longer be read. No foreign key: the tombstone outlives the case row, so rows written for the case afterwards are
 * unreadable too.
 */
export const caseKeys = sqliteTable('case_keys', {
  caseId: integer('case_id').primaryKey(),
  key: blob('key', { mode: 'buffer' }),
  destroyedAt: integer('destroyed_at'),
});

export const botState = sqliteTable('bot_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  etag: text('etag').notNull(),
});

/** One row per local working day on which the daily digest ran: exactly once per day, whatever restarts happen. */
export const digestRuns = sqliteTable('digest_runs', {
  day: text('day').primaryKey(),
  ranAt: integer('ran_at').notNull(),
});

/**
 * What survives the purge of a closed case (retention: the bot is not the dossier): anonymous KPI material without case reference,
 * member ids or text — event names, dates and structured outcomes, keyed by a random archive key per case.
 */
export const kpiArchive = sqliteTable('kpi_archive', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  archiveKey: text('archive_key').notNull(),
  kind: text('kind').notNull(), // event | timer | handover | escalation
  data: text('data').notNull(),
  archivedAt: integer('archived_at').notNull(),
});

/**
 * Teams users bound to their roster entry on first contact (by e-mail or UPN; docs/tenants.md): ids and where to
 * reach them, never the address. `address_fingerprint` is a hash of the roster address that matched.
 */
export const memberBindings = sqliteTable(
  'member_bindings',
  {
    tenantId: text('tenant_id').notNull(),
    aadObjectId: text('aad_object_id').notNull(),
    memberId: text('member_id').notNull(),
    serviceUrl: text('service_url').notNull(),
    addressFingerprint: text('address_fingerprint').notNull(),
    boundAt: integer('bound_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.aadObjectId] }),
    index('member_bindings_member_idx').on(t.memberId, t.boundAt),
  ],
);
