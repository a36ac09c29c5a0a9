DROP INDEX `items_dept_received_idx`;--> statement-breakpoint
DROP INDEX `items_topic_received_idx`;--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `source_file`;