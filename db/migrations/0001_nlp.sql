CREATE TABLE `hot_cluster_items` (
	`cluster_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`similarity` real NOT NULL,
	PRIMARY KEY(`cluster_id`, `item_id`)
);
--> statement-breakpoint
CREATE INDEX `hot_cluster_items_item_idx` ON `hot_cluster_items` (`item_id`);--> statement-breakpoint
CREATE TABLE `hot_clusters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`computed_at` integer NOT NULL,
	`label` text NOT NULL,
	`place` text,
	`topic_id` integer,
	`department_id` integer,
	`representative_item_id` integer NOT NULL,
	`item_count` integer NOT NULL,
	`writer_count` integer NOT NULL,
	`likes` integer NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`heat` real NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `hot_clusters_heat_idx` ON `hot_clusters` (`heat`);--> statement-breakpoint
CREATE INDEX `hot_clusters_last_idx` ON `hot_clusters` (`last_at`);--> statement-breakpoint
CREATE TABLE `item_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`field` text NOT NULL,
	`previous_id` integer,
	`new_id` integer NOT NULL,
	`corrected_by` text NOT NULL,
	`note` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `item_corrections_item_idx` ON `item_corrections` (`item_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `item_corrections_time_idx` ON `item_corrections` (`created_at`);--> statement-breakpoint
CREATE TABLE `item_nlp` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`department_id` integer,
	`department_confidence` real,
	`topic_id` integer,
	`topic_confidence` real,
	`method` text,
	`model_version` text,
	`terms` text,
	`sentiment` text,
	`sentiment_score` real,
	`sentiment_method` text,
	`sentiment_model_version` text,
	`places` text,
	`personal_data` text,
	`reply_substantive` integer,
	`reply_relevance` real,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `models` (
	`version` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`format_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`trained_items` integer NOT NULL,
	`classes` text NOT NULL,
	`metrics` text DEFAULT '{}' NOT NULL,
	`data` blob NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE INDEX `models_kind_created_idx` ON `models` (`kind`,`created_at`);--> statement-breakpoint
ALTER TABLE `items` ADD `predicted_department_id` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `predicted_topic_id` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `human_department_id` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `human_topic_id` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `routed_department_id` integer GENERATED ALWAYS AS (coalesce(human_department_id, department_id, predicted_department_id)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `items` ADD `routed_topic_id` integer GENERATED ALWAYS AS (coalesce(human_topic_id, topic_id, predicted_topic_id)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `items` ADD `needs_review` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `sentiment` text;--> statement-breakpoint
CREATE INDEX `items_routed_dept_received_idx` ON `items` (`routed_department_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `items_routed_topic_received_idx` ON `items` (`routed_topic_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `items_sentiment_received_idx` ON `items` (`sentiment`,`received_at`);--> statement-breakpoint
CREATE INDEX `items_review_idx` ON `items` (`received_at`) WHERE needs_review = 1;