-- Documents people keep (licences, refusals, acts), signed by an official with a detached CMS
-- signature and verifiable by anyone at /verify/{code} (LIC-5.5, LIC-5.9, LIC-6.1, LIC-6.6).
-- The PDF's bytes are in blobs (by hash); they are what the signature covers.

CREATE TABLE issued_documents (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    case_id TEXT NOT NULL REFERENCES cases (id),
    template TEXT NOT NULL,
    transition TEXT NOT NULL,
    reason TEXT,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs (sha256),
    status TEXT NOT NULL CHECK (status IN ('awaiting_signature', 'declined', 'valid', 'suspended', 'revoked', 'superseded')),
    prepared_by TEXT NOT NULL REFERENCES users (id),
    prepared_at INTEGER NOT NULL,
    -- Remote signing: the signed attributes and the certificate they name, between the request
    -- to the signature service and its answer.
    signed_attributes BLOB,
    certificate BLOB,
    signature_request TEXT,
    signature BLOB,
    signer_name TEXT,
    certificate_serial TEXT,
    signed_at INTEGER,
    status_reason TEXT,
    status_changed_at INTEGER
) STRICT;
CREATE INDEX issued_documents_by_case ON issued_documents (case_id, prepared_at);
-- At most one document of a case waits for its signature.
CREATE UNIQUE INDEX issued_documents_one_pending ON issued_documents (case_id) WHERE status = 'awaiting_signature';
