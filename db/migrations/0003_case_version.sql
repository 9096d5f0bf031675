-- The case's version: bumped on every change to the case, its team, timers, handovers (and their ticks) and
-- escalations, whichever code path or process writes them. Rendered case cards are cached under it.
ALTER TABLE `cases` ADD `version` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `cases_update_bumps_version` AFTER UPDATE ON `cases` WHEN NEW.`version` = OLD.`version` BEGIN UPDATE `cases` SET `version` = OLD.`version` + 1 WHERE `id` = NEW.`id`; END;
--> statement-breakpoint
CREATE TRIGGER `case_members_insert_bumps_case` AFTER INSERT ON `case_members` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = NEW.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `case_members_update_bumps_case` AFTER UPDATE ON `case_members` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = NEW.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `case_members_delete_bumps_case` AFTER DELETE ON `case_members` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = OLD.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `timers_insert_bumps_case` AFTER INSERT ON `timers` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = NEW.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `timers_update_bumps_case` AFTER UPDATE ON `timers` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = NEW.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `timers_delete_bumps_case` AFTER DELETE ON `timers` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = OLD.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `handovers_insert_bumps_case` AFTER INSERT ON `handovers` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = NEW.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `handovers_update_bumps_case` AFTER UPDATE ON `handovers` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = NEW.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `handovers_delete_bumps_case` AFTER DELETE ON `handovers` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = OLD.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `handover_items_insert_bumps_case` AFTER INSERT ON `handover_items` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = (SELECT `case_id` FROM `handovers` WHERE `id` = NEW.`handover_id`); END;
--> statement-breakpoint
CREATE TRIGGER `handover_items_update_bumps_case` AFTER UPDATE ON `handover_items` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = (SELECT `case_id` FROM `handovers` WHERE `id` = NEW.`handover_id`); END;
--> statement-breakpoint
CREATE TRIGGER `handover_items_delete_bumps_case` AFTER DELETE ON `handover_items` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = (SELECT `case_id` FROM `handovers` WHERE `id` = OLD.`handover_id`); END;
--> statement-breakpoint
CREATE TRIGGER `escalations_insert_bumps_case` AFTER INSERT ON `escalations` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = NEW.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `escalations_update_bumps_case` AFTER UPDATE ON `escalations` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = NEW.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `escalations_delete_bumps_case` AFTER DELETE ON `escalations` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = OLD.`case_id`; END;
--> statement-breakpoint
CREATE TRIGGER `escalation_levels_insert_bumps_case` AFTER INSERT ON `escalation_levels` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = (SELECT `case_id` FROM `escalations` WHERE `id` = NEW.`escalation_id`); END;
--> statement-breakpoint
CREATE TRIGGER `escalation_levels_update_bumps_case` AFTER UPDATE ON `escalation_levels` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = (SELECT `case_id` FROM `escalations` WHERE `id` = NEW.`escalation_id`); END;
--> statement-breakpoint
CREATE TRIGGER `escalation_levels_delete_bumps_case` AFTER DELETE ON `escalation_levels` BEGIN UPDATE `cases` SET `version` = `version` + 1 WHERE `id` = (SELECT `case_id` FROM `escalations` WHERE `id` = OLD.`escalation_id`); END;
