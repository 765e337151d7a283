-- Leases: which process runs a background job (the SLA refresher, the
-- outbox worker) while several serve one database. A holder renews its
-- lease before it expires; once it expires, another may take it.

-- +goose Up
CREATE TABLE leases (
    name       TEXT    PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

-- +goose Down
DROP TABLE leases;
