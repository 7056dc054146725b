-- The case engine: applications (cases) with their registration numbers, timelines and legal
-- deadlines, documents stored by content hash; and the notification outbox with the cabinet
-- inbox it delivers to.

CREATE TABLE case_counters (
    prefix TEXT NOT NULL,
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (prefix, year)
);

CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    number TEXT UNIQUE,
    service TEXT NOT NULL,
    applicant_id TEXT NOT NULL REFERENCES users (id),
    applicant_org_id TEXT REFERENCES organizations (id),
    body_org_id TEXT NOT NULL REFERENCES organizations (id),
    state TEXT NOT NULL,
    lang TEXT NOT NULL,
    data TEXT NOT NULL,
    idempotency_key TEXT,
    assigned_to TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT,
    decided_at BIGINT,
    overdue BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX cases_idempotency ON cases (applicant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX cases_by_applicant ON cases (applicant_id, created_at);
CREATE INDEX cases_by_body ON cases (body_org_id, state);
CREATE INDEX cases_by_service ON cases (service);

CREATE TABLE case_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    actor_id TEXT REFERENCES users (id),
    actor_org_id TEXT REFERENCES organizations (id),
    note TEXT
);
CREATE INDEX case_events_by_case ON case_events (case_id, id);

CREATE TABLE case_deadlines (
    case_id TEXT NOT NULL REFERENCES cases (id),
    name TEXT NOT NULL,
    started_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'paused', 'met', 'expired', 'stopped')),
    paused_on TEXT,
    closed_at BIGINT,
    PRIMARY KEY (case_id, name)
);
CREATE INDEX case_deadlines_open ON case_deadlines (status, due_on);

CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    content BYTEA NOT NULL
);

CREATE TABLE case_documents (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    slot TEXT NOT NULL,
    version BIGINT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs (sha256),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    UNIQUE (case_id, slot, version)
);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('inbox', 'email', 'sms')),
    recipient_id TEXT REFERENCES users (id),
    address TEXT,
    lang TEXT NOT NULL,
    template TEXT NOT NULL,
    args TEXT NOT NULL,
    case_id TEXT REFERENCES cases (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE inbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outbox_id TEXT NOT NULL UNIQUE REFERENCES outbox (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    at BIGINT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    case_id TEXT REFERENCES cases (id),
    read_at BIGINT
);
CREATE INDEX inbox_by_user ON inbox (user_id, id);

-- A document once stored is never replaced or removed: a new version is a new row.
CREATE FUNCTION documents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER case_documents_append_only BEFORE UPDATE OR DELETE ON case_documents
    FOR EACH ROW EXECUTE FUNCTION documents_append_only();
CREATE TRIGGER blobs_append_only BEFORE UPDATE OR DELETE ON blobs
    FOR EACH ROW EXECUTE FUNCTION documents_append_only();
