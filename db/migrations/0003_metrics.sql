CREATE TABLE `item_exclusions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`excluded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_by` text,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `item_exclusions_item_idx` ON `item_exclusions` (`item_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `items` ADD `deadline_at` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `answered_at` integer GENERATED ALWAYS AS (coalesce(replied_at, closed_at)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `items` ADD `excluded` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `items_deadline_idx` ON `items` (`deadline_at`);--> statement-breakpoint
CREATE INDEX `items_answered_idx` ON `items` (`answered_at`);--> statement-breakpoint
CREATE INDEX `items_open_deadline_idx` ON `items` (`deadline_at`) WHERE replied_at IS NULL AND closed_at IS NULL;