-- Queues, claims and SLA ordering. The status lists below are
-- support.ActiveStatuses; queries repeat them literally, as SQLite uses a
-- partial index only for a query that names its condition.

-- +goose Up
-- Skills as JSON arrays (empty: any division, any language); a wip_limit
-- of 0 means the default.
ALTER TABLE users ADD COLUMN divisions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE users ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';
ALTER TABLE users ADD COLUMN wip_limit INTEGER NOT NULL DEFAULT 0;

-- When the current assignee took the ticket.
ALTER TABLE tickets ADD COLUMN assigned_at INTEGER;
UPDATE tickets SET assigned_at = updated_at WHERE assignee_id IS NOT NULL;
-- The next SLA breach as of the ticket's last change and the clock that
-- breaches then; NULL when no clock runs.
ALTER TABLE tickets ADD COLUMN next_breach_at INTEGER;
ALTER TABLE tickets ADD COLUMN next_breach_clock TEXT NOT NULL DEFAULT '';

-- Orders put tickets without a breach last by sorting on
-- coalesce(next_breach_at, max int64), which an index can serve.

-- Each queue's unassigned active tickets in pick order. The trailing
-- columns make it covering for queue statistics and the language filter.
CREATE INDEX tickets_queue ON tickets (
    region, division, coalesce(next_breach_at, 9223372036854775807), severity, created_at, id,
    language, status, assignee_id)
    WHERE assignee_id IS NULL AND status IN ('new', 'open', 'pending_customer', 'pending_engineering', 'on_hold');
-- The active tickets each engineer holds, for the work-in-progress limit;
-- status makes it covering.
CREATE INDEX tickets_held ON tickets (assignee_id, status)
    WHERE status IN ('new', 'open', 'pending_customer', 'pending_engineering', 'on_hold');
-- The breach sort of lists, with the id tie-breaker for keyset pagination.
CREATE INDEX tickets_breach ON tickets (coalesce(next_breach_at, 9223372036854775807), id);

-- Tickets an engineer passed on; `queue next` no longer offers them.
CREATE TABLE skips (
    user_id   INTEGER NOT NULL REFERENCES users (id),
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    reason    TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (user_id, ticket_id)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE skips;
DROP INDEX tickets_breach;
DROP INDEX tickets_held;
DROP INDEX tickets_queue;
ALTER TABLE tickets DROP COLUMN next_breach_clock;
ALTER TABLE tickets DROP COLUMN next_breach_at;
ALTER TABLE tickets DROP COLUMN assigned_at;
ALTER TABLE users DROP COLUMN wip_limit;
ALTER TABLE users DROP COLUMN languages;
ALTER TABLE users DROP COLUMN divisions;
