-- Paper copies (LIC-6.2): a request still waiting when a re-issue or a duplicate replaces the
-- licence document it asks for is closed as `superseded`. SQLite cannot change a CHECK
-- constraint in place, so the table is rebuilt; nothing refers to it.
CREATE TABLE paper_copies_new (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES issued_documents (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    ground TEXT NOT NULL CHECK (ground IN ('foreign_trade', 'international_agreement', 'holder_request')),
    note TEXT,
    requested_by TEXT NOT NULL REFERENCES users (id),
    requested_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('requested', 'handed_over', 'superseded')),
    handed_by TEXT REFERENCES users (id),
    handed_at INTEGER,
    handed_note TEXT
) STRICT;
INSERT INTO paper_copies_new (id, document_id, case_id, ground, note, requested_by, requested_at, status,
        handed_by, handed_at, handed_note)
    SELECT id, document_id, case_id, ground, note, requested_by, requested_at, status, handed_by, handed_at,
        handed_note FROM paper_copies;
DROP TABLE paper_copies;
ALTER TABLE paper_copies_new RENAME TO paper_copies;
CREATE INDEX paper_copies_by_case ON paper_copies (case_id, requested_at);
-- At most one request of a document waits at a time.
CREATE UNIQUE INDEX paper_copies_one_open ON paper_copies (document_id) WHERE status = 'requested';

-- Inquiries and suggestions (LIC-7.2, LIC-10.0.3) are open to anyone, so their submissions are
-- rate-limited per e-mail address and per client address within a window, counted here so the
-- limit holds across instances: the client's address is kept with each appeal.
ALTER TABLE appeals ADD COLUMN client_ip TEXT;
CREATE INDEX appeals_by_email ON appeals (email, submitted_at);
CREATE INDEX appeals_by_client ON appeals (client_ip, submitted_at);
