-- The information of the Law's article 12.2 published for each licence type (LIC-7.4, LIC-8.0.12,
-- LIC-9.2.2): the licensing body submits a version through the portal, the operator publishes it
-- or returns it with a reason. The first version is the catalog's and is not stored; published
-- versions are numbered from 2 per service, and a version number is taken once.
CREATE TABLE service_information (
    id TEXT PRIMARY KEY,
    service TEXT NOT NULL,
    body_org_id TEXT NOT NULL REFERENCES organizations (id),
    -- The sections' texts: a JSON object {section: {az, en, ru}}.
    sections TEXT NOT NULL,
    -- What changed, in the submitter's words.
    note TEXT NOT NULL,
    lang TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'published', 'returned')),
    submitted_by TEXT NOT NULL REFERENCES users (id),
    submitted_at INTEGER NOT NULL,
    version INTEGER,
    decided_by TEXT REFERENCES users (id),
    decided_at INTEGER,
    return_reason TEXT
) STRICT;
CREATE UNIQUE INDEX service_information_versions ON service_information (service, version);
CREATE INDEX service_information_by_status ON service_information (status, submitted_at);
