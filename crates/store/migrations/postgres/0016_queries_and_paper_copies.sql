-- Verification queries (LIC-5.8): the licensing body asks a relevant body, through the portal,
-- whether an attached document is authentic or its data accurate. The review deadline keeps
-- running meanwhile: the time counts within the Law's arts. 14.1 and 14.2.
CREATE TABLE case_queries (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    body_org_id TEXT NOT NULL REFERENCES organizations (id),
    -- The document slot the doubt is about, when it is about one.
    slot TEXT,
    question TEXT NOT NULL,
    asked_by TEXT NOT NULL REFERENCES users (id),
    asked_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'answered')),
    answer TEXT,
    answered_by TEXT REFERENCES users (id),
    answered_at BIGINT
);
CREATE INDEX case_queries_by_case ON case_queries (case_id, asked_at);
CREATE INDEX case_queries_by_body ON case_queries (body_org_id, status);

-- Paper copies of licences and permits issued through the portal (LIC-6.2): requested by the
-- holder on one of the regulation's grounds, handed over by the issuing body, both recorded.
CREATE TABLE paper_copies (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES issued_documents (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    ground TEXT NOT NULL CHECK (ground IN ('foreign_trade', 'international_agreement', 'holder_request')),
    note TEXT,
    requested_by TEXT NOT NULL REFERENCES users (id),
    requested_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('requested', 'handed_over')),
    handed_by TEXT REFERENCES users (id),
    handed_at BIGINT,
    handed_note TEXT
);
CREATE INDEX paper_copies_by_case ON paper_copies (case_id, requested_at);
-- At most one request of a document waits at a time.
CREATE UNIQUE INDEX paper_copies_one_open ON paper_copies (document_id) WHERE status = 'requested';
