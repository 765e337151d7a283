-- Times are INTEGER unix milliseconds, UTC. JSON columns are TEXT.

-- +goose Up
CREATE TABLE accounts (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    kind       TEXT    NOT NULL,
    partner_id INTEGER REFERENCES accounts (id),
    plan       TEXT    NOT NULL DEFAULT '',
    region     TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX accounts_partner ON accounts (partner_id);

CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    -- NOCASE: addresses are compared the way mail servers treat them.
    email      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    name       TEXT    NOT NULL DEFAULT '',
    role       TEXT    NOT NULL,
    region     TEXT    NOT NULL DEFAULT '',
    tier       TEXT    NOT NULL DEFAULT '',
    account_id INTEGER REFERENCES accounts (id),
    created_at INTEGER NOT NULL
);

CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY,
    hash       BLOB    NOT NULL UNIQUE, -- sha256 of the bearer token
    user_id    INTEGER NOT NULL REFERENCES users (id),
    label      TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY,
    subject         TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL,
    severity        TEXT    NOT NULL, -- S1..S4: text order is severity order
    division        TEXT    NOT NULL,
    region          TEXT    NOT NULL,
    language        TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    requester_kind  TEXT    NOT NULL,
    requester_name  TEXT    NOT NULL DEFAULT '',
    requester_email TEXT    NOT NULL DEFAULT '',
    account_id      INTEGER REFERENCES accounts (id),
    assignee_id     INTEGER REFERENCES users (id),
    tier            TEXT    NOT NULL,
    tam             TEXT    NOT NULL DEFAULT '',
    product_version TEXT    NOT NULL DEFAULT '',
    environment     TEXT    NOT NULL DEFAULT '',
    tags            TEXT    NOT NULL DEFAULT '[]',
    version         INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
-- One index per sort, with the id tie-breaker, for keyset pagination.
CREATE INDEX tickets_updated ON tickets (updated_at, id);
CREATE INDEX tickets_created ON tickets (created_at, id);
CREATE INDEX tickets_severity ON tickets (severity, updated_at DESC, id DESC);
-- The filters queues and dashboards use most. Status has no index of its
-- own: most lists ask for several statuses at once, and walking
-- tickets_updated until the page is full beats sorting every match.
CREATE INDEX tickets_assignee ON tickets (assignee_id, updated_at);
CREATE INDEX tickets_account ON tickets (account_id, updated_at);
CREATE INDEX tickets_region_division ON tickets (region, division, updated_at);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
    author_id  INTEGER REFERENCES users (id),
    author     TEXT    NOT NULL, -- email at the time of writing
    body       TEXT    NOT NULL,
    internal   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX comments_ticket ON comments (ticket_id, id);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    entity_type TEXT    NOT NULL,
    entity_id   INTEGER NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    actor       TEXT    NOT NULL, -- email at the time of the change
    kind        TEXT    NOT NULL,
    before      TEXT,
    after       TEXT,
    at          INTEGER NOT NULL
);
CREATE INDEX events_entity ON events (entity_type, entity_id, id);
CREATE INDEX events_at ON events (at);

CREATE TABLE idempotency_keys (
    user_id       INTEGER NOT NULL,
    key           TEXT    NOT NULL,
    fingerprint   TEXT    NOT NULL,
    resource_type TEXT    NOT NULL,
    resource_id   INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE events;
DROP TABLE comments;
DROP TABLE tickets;
DROP TABLE tokens;
DROP TABLE users;
DROP TABLE accounts;
