-- Identity: people and officials who log in, their roles in organizations, sessions and
-- login throttling; and the audit journal with its hash chain.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'foreigner', 'official')),
    fin TEXT UNIQUE,
    passport TEXT,
    email TEXT,
    phone TEXT,
    full_name TEXT NOT NULL,
    password_hash TEXT,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE memberships (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    role TEXT NOT NULL,
    granted_by TEXT REFERENCES users (id),
    granted_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revoked_by TEXT REFERENCES users (id),
    revoke_reason TEXT
) STRICT;
CREATE UNIQUE INDEX memberships_active ON memberships (user_id, organization_id, role) WHERE revoked_at IS NULL;
CREATE INDEX memberships_by_organization ON memberships (organization_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    acting_org_id TEXT REFERENCES organizations (id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    ip TEXT
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_attempts (
    login TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_started_at INTEGER NOT NULL,
    locked_until INTEGER
) STRICT;

CREATE TABLE audit_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_id TEXT,
    actor_label TEXT NOT NULL,
    acting_org_id TEXT,
    action TEXT NOT NULL,
    record_type TEXT,
    record_id TEXT,
    subject_id TEXT,
    ip TEXT,
    request_id TEXT,
    details TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entries_by_actor ON audit_entries (actor_id, at);
CREATE INDEX audit_entries_by_subject ON audit_entries (subject_id, at);
CREATE INDEX audit_entries_by_record ON audit_entries (record_type, record_id, at);
CREATE INDEX audit_entries_by_time ON audit_entries (at);

-- Entries committed but not yet sealed into the chain; the sealer empties it.
CREATE TABLE audit_pending (
    entry_id INTEGER PRIMARY KEY REFERENCES audit_entries (id)
) STRICT;

CREATE TABLE audit_chain (
    seq INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL UNIQUE REFERENCES audit_entries (id),
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    sealed_at INTEGER NOT NULL
) STRICT;

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only'); END;
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only'); END;
