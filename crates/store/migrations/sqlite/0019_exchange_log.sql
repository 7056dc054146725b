-- The EHİS exchange's message log (X-Road's model): one row per call a module made to another
-- state system through the gateway — which client and service, the message id, the purpose and
-- the user on whose behalf, whom the data is about, SHA-256 hashes of the request and the
-- response, and how it ended. Rows are only ever added.
CREATE TABLE exchange_log (
    id TEXT PRIMARY KEY,
    at INTEGER NOT NULL,
    client TEXT NOT NULL,
    service TEXT NOT NULL,
    purpose TEXT NOT NULL,
    user_id TEXT REFERENCES users (id),
    -- The FİN or VÖEN the request is about.
    subject TEXT NOT NULL,
    request_sha256 TEXT NOT NULL,
    response_sha256 TEXT,
    -- ok, not_found, cached, unavailable, circuit_open, refused
    status TEXT NOT NULL CHECK (status IN ('ok', 'not_found', 'cached', 'unavailable', 'circuit_open', 'refused')),
    http_status INTEGER,
    error TEXT,
    attempts INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX exchange_log_by_subject ON exchange_log (subject, at);
CREATE INDEX exchange_log_by_time ON exchange_log (at);
CREATE TRIGGER exchange_log_no_update BEFORE UPDATE ON exchange_log
BEGIN SELECT RAISE(ABORT, 'the exchange log is append-only'); END;
CREATE TRIGGER exchange_log_no_delete BEFORE DELETE ON exchange_log
BEGIN SELECT RAISE(ABORT, 'the exchange log is append-only'); END;
