CREATE TABLE `item_grams_pending` (
	`item_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- Hand-written: the substring-search index (db/search/grams.ts). Contentless: the texts are in item_texts;
-- rowid = items.id. The ascii tokenizer splits only on ASCII separators and folds only ASCII case, like LIKE.
CREATE VIRTUAL TABLE `item_grams` USING fts5(grams, content='', contentless_delete=1, tokenize='ascii');
--> statement-breakpoint
-- Every write that changes what an item's grams would be marks the item pending; the next refresh re-indexes it.
CREATE TRIGGER `item_texts_grams_insert` AFTER INSERT ON `item_texts` BEGIN
  INSERT OR IGNORE INTO `item_grams_pending` (`item_id`) VALUES (new.`item_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `item_texts_grams_update` AFTER UPDATE OF `title`, `body` ON `item_texts`
WHEN old.`title` IS NOT new.`title` OR old.`body` IS NOT new.`body` BEGIN
  INSERT OR IGNORE INTO `item_grams_pending` (`item_id`) VALUES (new.`item_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `items_grams_update` AFTER UPDATE OF `received_at`, `external_id` ON `items`
WHEN old.`received_at` IS NOT new.`received_at` OR old.`external_id` IS NOT new.`external_id` BEGIN
  INSERT OR IGNORE INTO `item_grams_pending` (`item_id`) VALUES (new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `items_grams_delete` AFTER DELETE ON `items` BEGIN
  INSERT OR IGNORE INTO `item_grams_pending` (`item_id`) VALUES (old.`id`);
END;
--> statement-breakpoint
INSERT OR IGNORE INTO `item_grams_pending` (`item_id`) SELECT `id` FROM `items`;
