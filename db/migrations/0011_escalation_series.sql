DROP INDEX `escalations_case_seq_unique`;--> statement-breakpoint
ALTER TABLE `escalations` ADD `series` text;--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_case_series_seq_unique` ON `escalations` (`case_id`,`series`,`seq`);