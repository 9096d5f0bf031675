CREATE TABLE `reflections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`escalation_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`text` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reflections_escalation_member_unique` ON `reflections` (`escalation_id`,`member_id`);--> statement-breakpoint
INSERT INTO `reflections` (`escalation_id`, `member_id`, `text`, `at`) SELECT e.`id`, COALESCE((SELECT a.`actor` FROM `audit_log` a WHERE a.`action` = 'escalation.reflection' AND a.`case_id` = e.`case_id` AND json_extract(a.`details`, '$.escalation') = e.`seq` ORDER BY a.`id` DESC LIMIT 1), e.`closed_by`, 'teammodel-bot'), e.`reflection`, COALESCE((SELECT a.`at` FROM `audit_log` a WHERE a.`action` = 'escalation.reflection' AND a.`case_id` = e.`case_id` AND json_extract(a.`details`, '$.escalation') = e.`seq` ORDER BY a.`id` DESC LIMIT 1), e.`closed_at`, e.`raised_at`) FROM `escalations` e WHERE e.`reflection` IS NOT NULL AND e.`reflection` <> '';--> statement-breakpoint
UPDATE `escalations` SET `reflection` = NULL WHERE `reflection` IS NOT NULL;
