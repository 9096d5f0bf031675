CREATE TABLE `member_bindings` (
	`tenant_id` text NOT NULL,
	`aad_object_id` text NOT NULL,
	`member_id` text NOT NULL,
	`service_url` text NOT NULL,
	`address_fingerprint` text NOT NULL,
	`bound_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `aad_object_id`)
);
--> statement-breakpoint
CREATE INDEX `member_bindings_member_idx` ON `member_bindings` (`member_id`,`bound_at`);