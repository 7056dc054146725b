-- Persons whose data is classified under the Law on State Secret (VEIS-1.10), by FİN: written by
-- the EHİS gateway when the civil registry marks a record about them (`source = 'registry'`), or
-- entered by an official cleared for them (`source = 'official'`). Every list, search, report and
-- export that names persons or their cases leaves them out for a caller not cleared
-- (`ehis.cleared` in the body they act for).
CREATE TABLE classified_persons (
    fin TEXT PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('registry', 'official')),
    marked_at INTEGER NOT NULL,
    marked_by TEXT REFERENCES users (id),
    reason TEXT
) STRICT;
