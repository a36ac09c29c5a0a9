CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`aliases` text DEFAULT '[]' NOT NULL,
	`parent_id` integer,
	`kind` text DEFAULT 'bureau' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_name_uq` ON `departments` (`name`);--> statement-breakpoint
CREATE INDEX `departments_parent_idx` ON `departments` (`parent_id`);--> statement-breakpoint
CREATE TABLE `import_rejects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_run_id` integer NOT NULL,
	`line` integer NOT NULL,
	`severity` text NOT NULL,
	`field` text,
	`reason` text NOT NULL,
	`raw` text
);
--> statement-breakpoint
CREATE INDEX `import_rejects_run_idx` ON `import_rejects` (`import_run_id`,`line`);--> statement-breakpoint
CREATE TABLE `import_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`status` text NOT NULL,
	`file_path` text NOT NULL,
	`file_name` text NOT NULL,
	`file_size` integer,
	`file_sha256` text,
	`encoding` text,
	`channel` text NOT NULL,
	`source` text NOT NULL,
	`preset` text,
	`mapping_name` text,
	`read` integer DEFAULT 0 NOT NULL,
	`inserted` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`warnings` integer DEFAULT 0 NOT NULL,
	`rejects_file` text,
	`report_file` text,
	`unmatched_units` text DEFAULT '{}' NOT NULL,
	`message` text
);
--> statement-breakpoint
CREATE INDEX `import_runs_started_idx` ON `import_runs` (`started_at`);--> statement-breakpoint
CREATE INDEX `import_runs_source_idx` ON `import_runs` (`source`);--> statement-breakpoint
CREATE TABLE `item_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`version` integer NOT NULL,
	`import_run_id` integer NOT NULL,
	`changed_at` integer NOT NULL,
	`previous` text NOT NULL,
	`changed_fields` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `item_history_item_idx` ON `item_history` (`item_id`,`version`);--> statement-breakpoint
CREATE TABLE `item_texts` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`title` text,
	`body` text,
	`reply_text` text,
	`raw` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`type` text,
	`author` text,
	`received_at` integer NOT NULL,
	`dispatched_at` integer,
	`signed_at` integer,
	`first_contact_at` integer,
	`replied_at` integer,
	`closed_at` integer,
	`due_at` integer,
	`return_visit_at` integer,
	`returned_count` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`status_raw` text,
	`satisfaction` text,
	`solved` text,
	`publication_consent` integer,
	`likes` integer DEFAULT 0 NOT NULL,
	`opposes` integer DEFAULT 0 NOT NULL,
	`reposts` integer DEFAULT 0 NOT NULL,
	`comments_count` integer DEFAULT 0 NOT NULL,
	`department_raw` text,
	`department_id` integer,
	`topic_raw` text,
	`topic_id` integer,
	`location` text,
	`weibo_post_ref` text,
	`weibo_post_id` integer,
	`content_hash` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`import_run_id` integer NOT NULL,
	`source_file` text NOT NULL,
	`source_line` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_source_ext_uq` ON `items` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `items_received_idx` ON `items` (`received_at`);--> statement-breakpoint
CREATE INDEX `items_channel_received_idx` ON `items` (`channel`,`received_at`);--> statement-breakpoint
CREATE INDEX `items_dept_received_idx` ON `items` (`department_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `items_topic_received_idx` ON `items` (`topic_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `items_status_due_idx` ON `items` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `items_unmatched_dept_idx` ON `items` (`department_raw`) WHERE department_id IS NULL AND department_raw IS NOT NULL;--> statement-breakpoint
CREATE INDEX `items_weibo_post_idx` ON `items` (`weibo_post_id`) WHERE weibo_post_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `items_weibo_ref_idx` ON `items` (`source`,`weibo_post_ref`) WHERE weibo_post_ref IS NOT NULL;--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`parent_id` integer,
	`level` integer NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topics_parent_name_uq` ON `topics` (`parent_id`,`name`);--> statement-breakpoint
CREATE INDEX `topics_level_idx` ON `topics` (`level`);--> statement-breakpoint
CREATE TABLE `weibo_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`name` text NOT NULL,
	`uid` text,
	`department_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `weibo_accounts_source_name_uq` ON `weibo_accounts` (`source`,`name`);--> statement-breakpoint
CREATE INDEX `weibo_accounts_dept_idx` ON `weibo_accounts` (`department_id`);--> statement-breakpoint
CREATE TABLE `weibo_post_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`post_id` integer NOT NULL,
	`version` integer NOT NULL,
	`import_run_id` integer NOT NULL,
	`changed_at` integer NOT NULL,
	`previous` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `weibo_post_history_post_idx` ON `weibo_post_history` (`post_id`);--> statement-breakpoint
CREATE TABLE `weibo_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`account_id` integer NOT NULL,
	`bid` text,
	`text` text,
	`posted_at` integer NOT NULL,
	`is_original` integer DEFAULT true NOT NULL,
	`likes` integer DEFAULT 0 NOT NULL,
	`reposts` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`tool` text,
	`location` text,
	`topics_text` text,
	`mentions` text,
	`raw` text NOT NULL,
	`content_hash` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`import_run_id` integer NOT NULL,
	`source_file` text NOT NULL,
	`source_line` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `weibo_posts_source_ext_uq` ON `weibo_posts` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `weibo_posts_account_time_idx` ON `weibo_posts` (`account_id`,`posted_at`);--> statement-breakpoint
CREATE INDEX `weibo_posts_time_idx` ON `weibo_posts` (`posted_at`);