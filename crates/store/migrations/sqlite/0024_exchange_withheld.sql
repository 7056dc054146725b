-- The EHİS message log's outcomes gain `withheld` (a record about a person classified under
-- VEIS-1.10, kept from a caller not cleared for them) and `protocol_error` (an answer outside the
-- service's schema). SQLite cannot change a CHECK constraint, so the table is rebuilt with the
-- same columns, indexes and append-only triggers.
CREATE TABLE exchange_log_new (
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
    status TEXT NOT NULL CHECK (status IN ('ok', 'not_found', 'cached', 'unavailable', 'circuit_open', 'refused',
        'withheld', 'protocol_error')),
    http_status INTEGER,
    error TEXT,
    attempts INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    body_id TEXT REFERENCES organizations (id),
    role TEXT,
    manual_record_id TEXT REFERENCES exchange_manual_records (id)
) STRICT;
INSERT INTO exchange_log_new (id, at, client, service, purpose, user_id, subject, request_sha256, response_sha256,
    status, http_status, error, attempts, duration_ms, body_id, role, manual_record_id)
SELECT id, at, client, service, purpose, user_id, subject, request_sha256, response_sha256, status, http_status,
    error, attempts, duration_ms, body_id, role, manual_record_id FROM exchange_log;
DROP TABLE exchange_log;
ALTER TABLE exchange_log_new RENAME TO exchange_log;
CREATE INDEX exchange_log_by_subject ON exchange_log (subject, at);
CREATE INDEX exchange_log_by_time ON exchange_log (at);
CREATE TRIGGER exchange_log_no_update BEFORE UPDATE ON exchange_log
BEGIN SELECT RAISE(ABORT, 'the exchange log is append-only'); END;
CREATE TRIGGER exchange_log_no_delete BEFORE DELETE ON exchange_log
BEGIN SELECT RAISE(ABORT, 'the exchange log is append-only'); END;
