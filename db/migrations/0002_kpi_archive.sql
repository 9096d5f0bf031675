CREATE TABLE `kpi_archive` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`archive_key` text NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`archived_at` integer NOT NULL
);
