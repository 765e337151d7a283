-- The outbox: what a change announces to an outside system (a bug
-- tracker), written in the change's transaction and delivered after it
-- by a worker, with retries, so that a slow or gone system never blocks
-- or loses a write. Times are unix milliseconds.

-- +goose Up
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    topic           TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    delivered_at    INTEGER
);
-- The worker's scan: undelivered messages by when they are due.
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL;

-- +goose Down
DROP TABLE outbox;
