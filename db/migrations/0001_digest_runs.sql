CREATE TABLE `digest_runs` (
	`day` text PRIMARY KEY NOT NULL,
	`ran_at` integer NOT NULL
);
