CREATE TABLE `absences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`from_date` text NOT NULL,
	`until_date` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `absences_member_idx` ON `absences` (`member_id`,`until_date`);--> statement-breakpoint
CREATE TABLE `acute_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`reported_at` integer NOT NULL,
	`reported_by` text NOT NULL,
	`notified` text NOT NULL,
	`picked_up_by` text,
	`picked_up_at` integer,
	`followup_at` integer,
	`followup_sent_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `acute_reports_case_idx` ON `acute_reports` (`case_id`);--> statement-breakpoint
CREATE INDEX `acute_reports_followup_idx` ON `acute_reports` (`followup_at`) WHERE followup_at IS NOT NULL;--> statement-breakpoint
CREATE TABLE `digest_pending` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`case_id` integer NOT NULL,
	`timer_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `digest_pending_member_idx` ON `digest_pending` (`member_id`);--> statement-breakpoint
CREATE TABLE `escalation_timers` (
	`escalation_id` integer NOT NULL,
	`timer_id` integer NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`escalation_id`, `timer_id`),
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `escalation_timers_timer_idx` ON `escalation_timers` (`timer_id`);--> statement-breakpoint
CREATE TABLE `weekly_runs` (
	`monday` text PRIMARY KEY NOT NULL,
	`ran_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `escalations` ADD `family_informed` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `family_informed_on` text;--> statement-breakpoint
INSERT INTO `escalation_timers` (`escalation_id`, `timer_id`, `joined_at`) SELECT `id`, `timer_id`, `raised_at` FROM `escalations` WHERE `timer_id` IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER `escalation_timers_insert_bumps_case` AFTER INSERT ON `escalation_timers` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = (SELECT `case_id` FROM `escalations` WHERE `id` = NEW.`escalation_id`); END;--> statement-breakpoint
CREATE TRIGGER `acute_reports_insert_bumps_case` AFTER INSERT ON `acute_reports` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = NEW.`case_id`; END;--> statement-breakpoint
CREATE TRIGGER `acute_reports_update_bumps_case` AFTER UPDATE ON `acute_reports` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = NEW.`case_id`; END;
