-- The EHİS exchange's message log (X-Road's model): one row per call a module made to another
-- state system through the gateway — which client and service, the message id, the purpose and
-- the user on whose behalf, whom the data is about, SHA-256 hashes of the request and the
-- response, and how it ended. Rows are only ever added.
CREATE TABLE exchange_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
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
    http_status BIGINT,
    error TEXT,
    attempts BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL
);
CREATE INDEX exchange_log_by_subject ON exchange_log (subject, at);
CREATE INDEX exchange_log_by_time ON exchange_log (at);
CREATE FUNCTION exchange_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the exchange log is append-only';
END
$$;
CREATE TRIGGER exchange_log_append_only BEFORE UPDATE OR DELETE ON exchange_log
    FOR EACH ROW EXECUTE FUNCTION exchange_log_append_only();
