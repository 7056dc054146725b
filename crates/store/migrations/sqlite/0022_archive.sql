-- The archive centre: signed packages of closed cases past their retention period, and the
-- searchable index of what each holds, with the archive note of each item (KOB-7.1.4). Both are
-- append-only: an archived item is never changed or taken out again.

CREATE TABLE archive_packages (
    id TEXT PRIMARY KEY,
    period TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    items INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    key_id TEXT NOT NULL,
    imported_at INTEGER,
    content BLOB NOT NULL
) STRICT;
CREATE INDEX archive_packages_by_period ON archive_packages (period);

-- No reference to cases: an imported package may come from another installation.
CREATE TABLE archive_items (
    case_id TEXT PRIMARY KEY,
    package_id TEXT NOT NULL REFERENCES archive_packages (id),
    case_number TEXT,
    applicant TEXT NOT NULL,
    applicant_code TEXT,
    service TEXT NOT NULL,
    outcome TEXT NOT NULL,
    closed_on TEXT NOT NULL,
    record_sha256 TEXT NOT NULL,
    note TEXT NOT NULL,
    archived_at INTEGER NOT NULL
) STRICT;
CREATE INDEX archive_items_by_package ON archive_items (package_id);
CREATE INDEX archive_items_by_closed ON archive_items (closed_on);

CREATE TRIGGER archive_packages_no_update BEFORE UPDATE ON archive_packages
BEGIN SELECT RAISE(ABORT, 'the archive is append-only'); END;
CREATE TRIGGER archive_packages_no_delete BEFORE DELETE ON archive_packages
BEGIN SELECT RAISE(ABORT, 'the archive is append-only'); END;
CREATE TRIGGER archive_items_no_update BEFORE UPDATE ON archive_items
BEGIN SELECT RAISE(ABORT, 'the archive is append-only'); END;
CREATE TRIGGER archive_items_no_delete BEFORE DELETE ON archive_items
BEGIN SELECT RAISE(ABORT, 'the archive is append-only'); END;
