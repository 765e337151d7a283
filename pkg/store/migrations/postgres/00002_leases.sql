-- Leases: which replica runs a background job (the SLA refresher, the
-- outbox worker). A holder renews its lease before it expires; once it
-- expires, another replica may take it.

-- +goose Up
CREATE TABLE leases (
    name       TEXT   PRIMARY KEY,
    holder     TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE leases;
