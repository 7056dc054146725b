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
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    role TEXT NOT NULL,
    granted_by TEXT REFERENCES users (id),
    granted_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_by TEXT REFERENCES users (id),
    revoke_reason TEXT
);
CREATE UNIQUE INDEX memberships_active ON memberships (user_id, organization_id, role) WHERE revoked_at IS NULL;
CREATE INDEX memberships_by_organization ON memberships (organization_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    acting_org_id TEXT REFERENCES organizations (id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    ip TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_attempts (
    login TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    window_started_at BIGINT NOT NULL,
    locked_until BIGINT
);

CREATE TABLE audit_entries (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
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
);
CREATE INDEX audit_entries_by_actor ON audit_entries (actor_id, at);
CREATE INDEX audit_entries_by_subject ON audit_entries (subject_id, at);
CREATE INDEX audit_entries_by_record ON audit_entries (record_type, record_id, at);
CREATE INDEX audit_entries_by_time ON audit_entries (at);

-- Entries committed but not yet sealed into the chain; the sealer empties it.
CREATE TABLE audit_pending (
    entry_id BIGINT PRIMARY KEY REFERENCES audit_entries (id)
);

CREATE TABLE audit_chain (
    seq BIGINT PRIMARY KEY,
    entry_id BIGINT NOT NULL UNIQUE REFERENCES audit_entries (id),
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    sealed_at BIGINT NOT NULL
);

-- Append-only for everyone, the owner included; production roles also get no UPDATE, DELETE or
-- TRUNCATE privilege on these tables (see docs/OPERATIONS.md).
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit journal is append-only';
END
$$;
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
