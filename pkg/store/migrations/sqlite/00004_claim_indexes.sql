-- Indexes a claim leaves alone. Claiming changes a ticket's assignee and
-- updated_at: every index on either must be rewritten, and each one adds
-- pages to the transaction's commit. Indexes that only filter, and the
-- severity sort, no longer carry updated_at. One index on the assignee
-- counts their work in progress and finds their tickets, which a list
-- then sorts (an engineer's are few next to all); it leaves out unassigned
-- tickets, which the queue index serves while they are active.

-- +goose Up
DROP INDEX tickets_severity;
CREATE INDEX tickets_severity ON tickets (severity, created_at DESC, id DESC);
DROP INDEX tickets_account;
CREATE INDEX tickets_account ON tickets (account_id, created_at);
-- A region and division are each a large share of all tickets: walking
-- the index of the sort and filtering beats reading every ticket of the
-- region and sorting them.
DROP INDEX tickets_region_division;
DROP INDEX tickets_held;
DROP INDEX tickets_assignee;
CREATE INDEX tickets_assignee ON tickets (assignee_id, status, updated_at) WHERE assignee_id IS NOT NULL;
-- Nothing reads events by time alone.
DROP INDEX events_at;

-- +goose Down
CREATE INDEX events_at ON events (at);
DROP INDEX tickets_assignee;
CREATE INDEX tickets_assignee ON tickets (assignee_id, updated_at);
CREATE INDEX tickets_held ON tickets (assignee_id, status)
    WHERE status IN ('new', 'open', 'pending_customer', 'pending_engineering', 'on_hold');
CREATE INDEX tickets_region_division ON tickets (region, division, updated_at);
DROP INDEX tickets_account;
CREATE INDEX tickets_account ON tickets (account_id, updated_at);
DROP INDEX tickets_severity;
CREATE INDEX tickets_severity ON tickets (severity, updated_at DESC, id DESC);
