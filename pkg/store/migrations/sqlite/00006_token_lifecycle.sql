-- Tokens can expire and remember when they were last used (written at
-- most once a minute per token, so using a token is not a write). A
-- revoked token's row is deleted; its owner's history keeps the event.

-- +goose Up
ALTER TABLE tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE tokens ADD COLUMN last_used_at INTEGER;

-- +goose Down
ALTER TABLE tokens DROP COLUMN last_used_at;
ALTER TABLE tokens DROP COLUMN expires_at;
