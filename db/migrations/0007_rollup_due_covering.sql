DROP INDEX `rollup_due_deadline_idx`;--> statement-breakpoint
DROP INDEX `rollup_due_answer_idx`;--> statement-breakpoint
CREATE INDEX `rollup_due_deadline_idx` ON `rollup_due` (`deadline_day`,`answer_day`,`excluded`,`channel`,`department_id`,`topic_id`,`due`,`on_time`);--> statement-breakpoint
CREATE INDEX `rollup_due_answer_idx` ON `rollup_due` (`answer_day`,`deadline_day`,`excluded`,`channel`,`department_id`,`topic_id`,`due`,`on_time`);