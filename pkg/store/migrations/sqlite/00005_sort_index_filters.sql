-- A list filtered by region, division, language or severity walks the
-- index of its sort and skips the tickets that do not match. When few
-- match (a region's tickets in a language rarely used there), it walks
-- the whole index; each entry used to cost a read of the ticket's row,
-- and now the filter is checked on the entry, and only a match reads the
-- row. The breach index leaves out the status, which a claim changes; the
-- update index is rewritten by a claim anyway.

-- +goose Up
DROP INDEX tickets_breach;
CREATE INDEX tickets_breach ON tickets (
    coalesce(next_breach_at, 9223372036854775807), id, region, division, language, severity);
DROP INDEX tickets_updated;
CREATE INDEX tickets_updated ON tickets (updated_at, id, status, region, division, language, severity);

-- +goose Down
DROP INDEX tickets_updated;
CREATE INDEX tickets_updated ON tickets (updated_at, id);
DROP INDEX tickets_breach;
CREATE INDEX tickets_breach ON tickets (coalesce(next_breach_at, 9223372036854775807), id);
