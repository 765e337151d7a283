-- Searches compare a ticket's subject and description in one folded form
-- (support.SearchFold: NFKC and case folding), kept in search_text on
-- every write, so that ＮａｍｅＮｏｄｅ finds what namenode finds. The
-- backfill calls supctl_search_text, the same fold, which the store
-- registers with the driver. A search is a substring match, which no
-- index serves: search_text has none.

-- +goose Up
ALTER TABLE tickets ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE tickets SET search_text = supctl_search_text(subject, description);

-- +goose Down
ALTER TABLE tickets DROP COLUMN search_text;
