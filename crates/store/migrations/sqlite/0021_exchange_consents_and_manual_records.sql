-- Consents (TOB-4.3): an entity (a company by VÖEN, a person by FİN) lets its commercial or
-- tax-secret data set move through the EHİS gateway. Given and revoked in the cabinet; a
-- revocation closes the row, so the history stays. At most one consent in force per subject and
-- data set.
CREATE TABLE exchange_consents (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    dataset TEXT NOT NULL,
    given_by TEXT NOT NULL REFERENCES users (id),
    given_at INTEGER NOT NULL,
    revoked_by TEXT REFERENCES users (id),
    revoked_at INTEGER
) STRICT;
CREATE UNIQUE INDEX exchange_consents_in_force ON exchange_consents (subject, dataset) WHERE revoked_at IS NULL;

-- Fallback entry (TOB-4.5, VEIS-4.5): a data set entered or corrected by an authorized official
-- of the source agency, signed with their enhanced e-signature (a detached CMS over `data`).
-- A correction is a newer row; rows are only ever added.
CREATE TABLE exchange_manual_records (
    id TEXT PRIMARY KEY,
    service TEXT NOT NULL,
    subject TEXT NOT NULL,
    data TEXT NOT NULL,
    entered_by TEXT NOT NULL REFERENCES users (id),
    entered_by_name TEXT NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    entered_at INTEGER NOT NULL,
    signature BLOB NOT NULL,
    signer_name TEXT NOT NULL,
    certificate_serial TEXT NOT NULL
) STRICT;
CREATE INDEX exchange_manual_records_by_subject ON exchange_manual_records (service, subject, entered_at);
CREATE TRIGGER exchange_manual_records_no_update BEFORE UPDATE ON exchange_manual_records
BEGIN SELECT RAISE(ABORT, 'manual records are append-only'); END;
CREATE TRIGGER exchange_manual_records_no_delete BEFORE DELETE ON exchange_manual_records
BEGIN SELECT RAISE(ABORT, 'manual records are append-only'); END;

-- Who read, for the data tracker: the body the user acted for and their role; and, when the data
-- came from a manual record instead of the registry, which one.
ALTER TABLE exchange_log ADD COLUMN body_id TEXT REFERENCES organizations (id);
ALTER TABLE exchange_log ADD COLUMN role TEXT;
ALTER TABLE exchange_log ADD COLUMN manual_record_id TEXT REFERENCES exchange_manual_records (id);
