CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`case_id` integer,
	`reason` text,
	`details` text DEFAULT '{}' NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_case_idx` ON `audit_log` (`case_id`);--> statement-breakpoint
CREATE TABLE `bot_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`etag` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`event` text NOT NULL,
	`fields` text DEFAULT '{}' NOT NULL,
	`at` integer NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`);--> statement-breakpoint
CREATE INDEX `case_events_event_idx` ON `case_events` (`event`,`at`);--> statement-breakpoint
CREATE TABLE `case_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`org_type` text NOT NULL,
	`role` text NOT NULL,
	`joined_at` integer NOT NULL,
	`joined_by` text NOT NULL,
	`join_reason` text NOT NULL,
	`left_at` integer,
	`left_by` text,
	`leave_reason` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_members_case_idx` ON `case_members` (`case_id`);--> statement-breakpoint
CREATE INDEX `case_members_member_idx` ON `case_members` (`member_id`,`left_at`);--> statement-breakpoint
CREATE TABLE `case_sequences` (
	`prefix` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref` text NOT NULL,
	`municipality` text NOT NULL,
	`stage` text NOT NULL,
	`coordinator_id` text,
	`measure` text,
	`measure_start` text,
	`measure_end` text,
	`opened_at` integer NOT NULL,
	`opened_by` text NOT NULL,
	`closed_at` integer,
	`last_activity_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_ref_unique` ON `cases` (`ref`);--> statement-breakpoint
CREATE INDEX `cases_closed_idx` ON `cases` (`closed_at`);--> statement-breakpoint
CREATE TABLE `conversation_refs` (
	`key` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`outbox_id` integer NOT NULL,
	`recipient_id` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deliveries_pending_idx` ON `deliveries` (`next_attempt_at`) WHERE state = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_outbox_recipient_unique` ON `deliveries` (`outbox_id`,`recipient_id`);--> statement-breakpoint
CREATE TABLE `escalation_levels` (
	`escalation_id` integer NOT NULL,
	`level` text NOT NULL,
	`raised_at` integer NOT NULL,
	`raised_by` text NOT NULL,
	`participants` text NOT NULL,
	`reminder_sent_at` integer,
	PRIMARY KEY(`escalation_id`, `level`),
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`trigger` text NOT NULL,
	`source` text NOT NULL,
	`timer_id` integer,
	`level` text NOT NULL,
	`raised_by` text NOT NULL,
	`raised_at` integer NOT NULL,
	`question` text NOT NULL,
	`orgs` text NOT NULL,
	`base_participants` text NOT NULL,
	`participants` text NOT NULL,
	`policy` text NOT NULL,
	`level_raised_at` integer NOT NULL,
	`level_raised_date` text NOT NULL,
	`state` text NOT NULL,
	`outcome` text,
	`decision` text,
	`decision_owner` text,
	`deadline` text,
	`meeting_date` text,
	`reason` text,
	`reflection` text,
	`closed_at` integer,
	`closed_by` text,
	`next_action` text,
	`next_action_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_case_seq_unique` ON `escalations` (`case_id`,`seq`);--> statement-breakpoint
CREATE INDEX `escalations_next_action_idx` ON `escalations` (`next_action_at`) WHERE next_action_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `escalations_state_idx` ON `escalations` (`state`,`level`);--> statement-breakpoint
CREATE TABLE `fixed_faces` (
	`municipality` text NOT NULL,
	`org_type` text NOT NULL,
	`member_id` text NOT NULL,
	PRIMARY KEY(`municipality`, `org_type`)
);
--> statement-breakpoint
CREATE TABLE `handover_items` (
	`handover_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`checked_by` text NOT NULL,
	`checked_at` integer NOT NULL,
	`note` text,
	PRIMARY KEY(`handover_id`, `item_id`),
	FOREIGN KEY (`handover_id`) REFERENCES `handovers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `handovers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`moment` text NOT NULL,
	`from_member` text NOT NULL,
	`to_member` text NOT NULL,
	`template_version` text NOT NULL,
	`state` text NOT NULL,
	`opened_at` integer NOT NULL,
	`opened_by` text NOT NULL,
	`accepted_at` integer,
	`basis` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `handovers_case_idx` ON `handovers` (`case_id`,`state`);--> statement-breakpoint
CREATE TABLE `member_preferences` (
	`member_id` text PRIMARY KEY NOT NULL,
	`digest` integer
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`org_type` text NOT NULL,
	`org_name` text NOT NULL,
	`role` text NOT NULL,
	`lead_id` text,
	`aad_object_id` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `municipalities` (
	`name` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`region_code` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `organisations` (
	`name` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`case_id` integer,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`not_before` integer NOT NULL,
	`ignores_office_hours` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `timer_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`timer` text NOT NULL,
	`cycle` integer NOT NULL,
	`step` text NOT NULL,
	`planned_at` integer NOT NULL,
	`fired_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `timer_steps_unique` ON `timer_steps` (`case_id`,`timer`,`cycle`,`step`);--> statement-breakpoint
CREATE TABLE `timers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`timer` text NOT NULL,
	`cycle` integer NOT NULL,
	`started_at` integer NOT NULL,
	`start_date` text NOT NULL,
	`due_date` text NOT NULL,
	`original_due_date` text NOT NULL,
	`remind_before` integer NOT NULL,
	`escalate_after` integer NOT NULL,
	`remind_enabled` integer NOT NULL,
	`owner_ref` text,
	`handover_id` integer,
	`escalation_id` integer,
	`state` text NOT NULL,
	`stopped_at` integer,
	`stop_reason` text,
	`next_step` text,
	`next_step_at` integer,
	`postpone_count` integer DEFAULT 0 NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `timers_case_timer_cycle_unique` ON `timers` (`case_id`,`timer`,`cycle`);--> statement-breakpoint
CREATE INDEX `timers_next_step_idx` ON `timers` (`next_step_at`) WHERE next_step_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `timers_case_idx` ON `timers` (`case_id`,`state`);