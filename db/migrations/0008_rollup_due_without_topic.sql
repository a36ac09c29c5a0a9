PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_rollup_due` (
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
-- Hand-edited: the rollup is a cache, so it is rebuilt rather than copied (rows that differed only by topic would
-- collide): every receipt day is marked dirty, and the next refresh recomputes all rollups.
INSERT OR IGNORE INTO `rollup_dirty_days` (`day`) SELECT DISTINCT (`received_at` + 28800000) / 86400000 FROM `items`;--> statement-breakpoint
DROP TABLE `rollup_due`;--> statement-breakpoint
ALTER TABLE `__new_rollup_due` RENAME TO `rollup_due`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `rollup_due_deadline_idx` ON `rollup_due` (`deadline_day`,`answer_day`,`excluded`,`channel`,`department_id`,`due`,`on_time`);--> statement-breakpoint
CREATE INDEX `rollup_due_answer_idx` ON `rollup_due` (`answer_day`,`deadline_day`,`excluded`,`channel`,`department_id`,`due`,`on_time`);