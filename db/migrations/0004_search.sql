-- Full-text search over Chinese text: jieba's search-mode words of each item's title and body, space-joined,
-- so unicode61 sees one token per word. Contentless (the texts are in item_texts); rowid = items.id.
CREATE VIRTUAL TABLE `item_search` USING fts5(words, content='', contentless_delete=1, tokenize='unicode61');
