-- Signed checkpoints of the audit chain's head: a signature by the platform key over
-- (position, head hash, time). A checkpoint that no longer matches the chain, or a chain shorter
-- than its last checkpoint, shows that the journal was rewritten or cut.

CREATE TABLE audit_checkpoints (
    seq INTEGER PRIMARY KEY,
    head TEXT NOT NULL,
    at INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only'); END;
