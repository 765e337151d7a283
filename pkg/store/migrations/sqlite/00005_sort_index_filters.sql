-- A list filtered by region, division, language or severity walks the
-- index of its sort and skips the tickets that do not match. When few
-- match (a region's tickets in a language rarely used there), it walks
-- the whole index; each entry used to cost a read of the ticket's row,
-- and now the filter is checked on the entry, and only a match reads the
-- row. Only the update index carries the status: a claim changes it, and
-- rewrites that index's entry anyway.

-- +goose Up
DROP INDEX tickets_breach;
CREATE INDEX tickets_breach ON tickets (
    coalesce(next_breach_at, 9223372036854775807), id, region, division, language, severity);
DROP INDEX tickets_updated;
CREATE INDEX tickets_updated ON tickets (updated_at, id, status, region, division, language, severity);
DROP INDEX tickets_created;
CREATE INDEX tickets_created ON tickets (created_at, id, region, division, language, severity);
DROP INDEX tickets_severity;
CREATE INDEX tickets_severity ON tickets (severity, created_at DESC, id DESC, region, division, language);

-- +goose Down
DROP INDEX tickets_severity;
CREATE INDEX tickets_severity ON tickets (severity, created_at DESC, id DESC);
DROP INDEX tickets_created;
CREATE INDEX tickets_created ON tickets (created_at, id);
DROP INDEX tickets_updated;
CREATE INDEX tickets_updated ON tickets (updated_at, id);
DROP INDEX tickets_breach;
CREATE INDEX tickets_breach ON tickets (coalesce(next_breach_at, 9223372036854775807), id);
