CREATE TABLE `case_keys` (
	`case_id` integer PRIMARY KEY NOT NULL,
	`key` blob,
	`destroyed_at` integer
);
--> statement-breakpoint
UPDATE `conversation_refs` SET `reference` = json_remove(`reference`, '$.user.name', '$.user.properties', '$.bot.name', '$.bot.properties', '$.conversation.name', '$.conversation.properties', '$.reference.user.name', '$.reference.user.properties', '$.reference.bot.name', '$.reference.bot.properties', '$.reference.conversation.name', '$.reference.conversation.properties') WHERE json_valid(`reference`);
