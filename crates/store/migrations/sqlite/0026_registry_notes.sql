-- Notes on a registry entry (TOB-6.1.15, TOB-7.1.8, TOB-8.1.6, TOB-8.1.7, TOB-9.1.2): data the
-- owner's or the operator's officials enter about an entry (`entered`), which its holder follows,
-- and errors the holder reports in the entry's data (`error_report`), which the owner answers.
CREATE TABLE registry_notes (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES registry_entries (id),
    kind TEXT NOT NULL CHECK (kind IN ('entered', 'error_report')),
    author_id TEXT NOT NULL REFERENCES users (id),
    author_org_id TEXT REFERENCES organizations (id),
    text TEXT NOT NULL,
    at BIGINT NOT NULL,
    -- Error reports only: open until answered, once.
    status TEXT CHECK (status IS NULL OR status IN ('open', 'answered')),
    answer TEXT,
    answered_by TEXT REFERENCES users (id),
    answered_at BIGINT
);
CREATE INDEX registry_notes_by_entry ON registry_notes (entry_id, at);
CREATE INDEX registry_notes_open ON registry_notes (status, at);
