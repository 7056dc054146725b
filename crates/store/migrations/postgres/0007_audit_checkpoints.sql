-- Signed checkpoints of the audit chain's head: a signature by the platform key over
-- (position, head hash, time). A checkpoint that no longer matches the chain, or a chain shorter
-- than its last checkpoint, shows that the journal was rewritten or cut.

CREATE TABLE audit_checkpoints (
    seq BIGINT PRIMARY KEY,
    head TEXT NOT NULL,
    at BIGINT NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL
);

CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
