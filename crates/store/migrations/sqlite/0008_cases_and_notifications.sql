-- The case engine: applications (cases) with their registration numbers, timelines and legal
-- deadlines, documents stored by content hash; and the notification outbox with the cabinet
-- inbox it delivers to.

CREATE TABLE case_counters (
    prefix TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
) STRICT;

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
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    submitted_at INTEGER,
    decided_at INTEGER,
    overdue INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX cases_idempotency ON cases (applicant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX cases_by_applicant ON cases (applicant_id, created_at);
CREATE INDEX cases_by_body ON cases (body_org_id, state);
CREATE INDEX cases_by_service ON cases (service);

CREATE TABLE case_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL REFERENCES cases (id),
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    actor_id TEXT REFERENCES users (id),
    actor_org_id TEXT REFERENCES organizations (id),
    note TEXT
) STRICT;
CREATE INDEX case_events_by_case ON case_events (case_id, id);

CREATE TABLE case_deadlines (
    case_id TEXT NOT NULL REFERENCES cases (id),
    name TEXT NOT NULL,
    started_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'paused', 'met', 'expired', 'stopped')),
    paused_on TEXT,
    closed_at INTEGER,
    PRIMARY KEY (case_id, name)
) STRICT;
CREATE INDEX case_deadlines_open ON case_deadlines (status, due_on);

CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content BLOB NOT NULL
) STRICT;

CREATE TABLE case_documents (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    slot TEXT NOT NULL,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs (sha256),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    uploaded_at INTEGER NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    UNIQUE (case_id, slot, version)
) STRICT;

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
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_until INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    outbox_id TEXT NOT NULL UNIQUE REFERENCES outbox (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    at INTEGER NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    case_id TEXT REFERENCES cases (id),
    read_at INTEGER
) STRICT;
CREATE INDEX inbox_by_user ON inbox (user_id, id);

-- A document once stored is never replaced or removed: a new version is a new row.
CREATE TRIGGER case_documents_no_update BEFORE UPDATE ON case_documents
BEGIN SELECT RAISE(ABORT, 'case documents are append-only'); END;
CREATE TRIGGER case_documents_no_delete BEFORE DELETE ON case_documents
BEGIN SELECT RAISE(ABORT, 'case documents are append-only'); END;
CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs
BEGIN SELECT RAISE(ABORT, 'blobs are append-only'); END;
CREATE TRIGGER blobs_no_delete BEFORE DELETE ON blobs
BEGIN SELECT RAISE(ABORT, 'blobs are append-only'); END;
