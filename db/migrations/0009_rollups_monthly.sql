CREATE TABLE `rollup_answer_times_by_department_monthly` (
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
CREATE INDEX `rollup_answer_times_by_department_monthly_dept_idx` ON `rollup_answer_times_by_department_monthly` (`department_id`,`day`);--> statement-breakpoint
CREATE TABLE `rollup_answer_times_monthly` (
	`day` integer NOT NULL,
	`measure` integer NOT NULL,
	`channel` text NOT NULL,
	`excluded` integer NOT NULL,
	`tenths` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`day`, `measure`, `channel`, `excluded`, `tenths`)
);
--> statement-breakpoint
CREATE TABLE `rollup_due_monthly` (
	`day` integer NOT NULL,
	`channel` text NOT NULL,
	`department_id` integer NOT NULL,
	`excluded` integer NOT NULL,
	`deadline_day` integer NOT NULL,
	`answer_day` integer NOT NULL,
	`due` integer NOT NULL,
	`on_time` integer NOT NULL,
	PRIMARY KEY(`day`, `deadline_day`, `answer_day`, `channel`, `department_id`, `excluded`)
);
--> statement-breakpoint
CREATE INDEX `rollup_due_monthly_deadline_idx` ON `rollup_due_monthly` (`deadline_day`,`answer_day`,`excluded`,`channel`,`department_id`,`due`,`on_time`);--> statement-breakpoint
CREATE INDEX `rollup_due_monthly_answer_idx` ON `rollup_due_monthly` (`answer_day`,`deadline_day`,`excluded`,`channel`,`department_id`,`due`,`on_time`);--> statement-breakpoint
CREATE TABLE `rollup_received_monthly` (
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
CREATE INDEX `rollup_received_monthly_dept_idx` ON `rollup_received_monthly` (`department_id`,`day`);--> statement-breakpoint
CREATE INDEX `rollup_received_monthly_topic_idx` ON `rollup_received_monthly` (`topic_id`,`day`);--> statement-breakpoint
-- Hand-written: mark every receipt day dirty, so the next refresh fills the monthly tables (and, until then,
-- the metric functions read items).
INSERT OR IGNORE INTO `rollup_dirty_days` (`day`) SELECT DISTINCT (`received_at` + 28800000) / 86400000 FROM `items`;
