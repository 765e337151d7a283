-- Public replies from the requester's side (customer or partner), written
-- by them or entered for them by an engineer; the SLA clocks count them as
-- the customer's, not as responses.

-- +goose Up
ALTER TABLE comments ADD COLUMN from_requester INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE comments DROP COLUMN from_requester;
