CREATE TABLE `rollup_answer_times` (
	`day` integer NOT NULL,
	`measure` integer NOT NULL,
	`channel` text NOT NULL,
	`excluded` integer NOT NULL,
	`tenths` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`day`, `measure`, `channel`, `excluded`, `tenths`)
);
--> statement-breakpoint
CREATE TABLE `rollup_answer_times_by_department` (
	`day` integer NOT NULL,
	`measure` integer NOT NULL,
	`department_id` integer NOT NULL,
	`channel` text NOT NULL,
	`excluded` integer NOT NULL,
	`tenths` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`day`, `measure`, `department_id`, `channel`, `excluded`, `tenths`)
);
--> statement-breakpoint
CREATE INDEX `rollup_answer_times_dept_idx` ON `rollup_answer_times_by_department` (`department_id`,`day`);--> statement-breakpoint
CREATE TABLE `rollup_dirty_days` (
	`day` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rollup_due` (
	`day` integer NOT NULL,
	`channel` text NOT NULL,
	`department_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`excluded` integer NOT NULL,
	`deadline_day` integer NOT NULL,
	`answer_day` integer NOT NULL,
	`due` integer NOT NULL,
	`on_time` integer NOT NULL,
	PRIMARY KEY(`day`, `deadline_day`, `answer_day`, `channel`, `department_id`, `topic_id`, `excluded`)
);
--> statement-breakpoint
CREATE INDEX `rollup_due_deadline_idx` ON `rollup_due` (`deadline_day`);--> statement-breakpoint
CREATE INDEX `rollup_due_answer_idx` ON `rollup_due` (`answer_day`);--> statement-breakpoint
CREATE TABLE `rollup_open` (
	`day` integer NOT NULL,
	`channel` text NOT NULL,
	`department_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`excluded` integer NOT NULL,
	`deadline_day` integer NOT NULL,
	`open` integer NOT NULL,
	PRIMARY KEY(`day`, `deadline_day`, `channel`, `department_id`, `topic_id`, `excluded`)
);
--> statement-breakpoint
CREATE INDEX `rollup_open_deadline_idx` ON `rollup_open` (`deadline_day`);--> statement-breakpoint
CREATE TABLE `rollup_received` (
	`day` integer NOT NULL,
	`channel` text NOT NULL,
	`department_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`excluded` integer NOT NULL,
	`received` integer NOT NULL,
	`answered` integer NOT NULL,
	`resolved` integer NOT NULL,
	`satisfied` integer NOT NULL,
	`basically_satisfied` integer NOT NULL,
	`dissatisfied` integer NOT NULL,
	`valid_visits` integer NOT NULL,
	`visits_contacted` integer NOT NULL,
	`visits_solved` integer NOT NULL,
	`visits_satisfied` integer NOT NULL,
	`visits_basically_satisfied` integer NOT NULL,
	`excluded_count` integer NOT NULL,
	`negative` integer NOT NULL,
	`positive` integer NOT NULL,
	`sentiment_scored` integer NOT NULL,
	PRIMARY KEY(`day`, `channel`, `department_id`, `topic_id`, `excluded`)
);
--> statement-breakpoint
CREATE INDEX `rollup_received_dept_idx` ON `rollup_received` (`department_id`,`day`);--> statement-breakpoint
CREATE INDEX `rollup_received_topic_idx` ON `rollup_received` (`topic_id`,`day`);--> statement-breakpoint
-- Hand-written: triggers mark an item's Shanghai receipt day dirty on every write that can change a rollup, so no
-- code path (imports, the NLP pass, corrections, exclusions, deadline refreshes) can leave the rollups stale.
CREATE TRIGGER `items_rollup_insert` AFTER INSERT ON `items` BEGIN
  INSERT OR IGNORE INTO `rollup_dirty_days` (`day`) VALUES ((new.`received_at` + 28800000) / 86400000);
END;
--> statement-breakpoint
CREATE TRIGGER `items_rollup_delete` AFTER DELETE ON `items` BEGIN
  INSERT OR IGNORE INTO `rollup_dirty_days` (`day`) VALUES ((old.`received_at` + 28800000) / 86400000);
END;
--> statement-breakpoint
CREATE TRIGGER `items_rollup_update` AFTER UPDATE OF `received_at`, `channel`, `first_contact_at`, `replied_at`,
  `closed_at`, `return_visit_at`, `satisfaction`, `solved`, `department_id`, `topic_id`, `predicted_department_id`,
  `predicted_topic_id`, `human_department_id`, `human_topic_id`, `deadline_at`, `excluded`, `sentiment` ON `items` BEGIN
  INSERT OR IGNORE INTO `rollup_dirty_days` (`day`) VALUES ((old.`received_at` + 28800000) / 86400000);
  INSERT OR IGNORE INTO `rollup_dirty_days` (`day`) VALUES ((new.`received_at` + 28800000) / 86400000);
END;
--> statement-breakpoint
-- A database that already holds items gets its rollups on the first refresh.
INSERT OR IGNORE INTO `rollup_dirty_days` (`day`) SELECT DISTINCT (`received_at` + 28800000) / 86400000 FROM `items`;
