-- Re-issue, duplicates and annexes of licences in the unified registry (LIC-1.2, LIC-6.6): the
-- history of an entry records them too. SQLite cannot change a CHECK constraint in place, so
-- the history is rebuilt, and the feed that refers to it with it (renaming a table rewrites the
-- references to it). Nothing else refers to either table.
CREATE TABLE registry_events_new (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES registry_entries (id),
    at INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('issued', 'suspended', 'restored', 'revoked', 'reissued', 'duplicated', 'annexed')),
    document_id TEXT REFERENCES issued_documents (id),
    reason TEXT,
    actor_id TEXT REFERENCES users (id)
) STRICT;
INSERT INTO registry_events_new (id, entry_id, at, kind, document_id, reason, actor_id)
    SELECT id, entry_id, at, kind, document_id, reason, actor_id FROM registry_events;

CREATE TABLE registry_feed_new (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient_org_id TEXT NOT NULL REFERENCES organizations (id),
    event_id TEXT NOT NULL REFERENCES registry_events_new (id),
    payload TEXT NOT NULL,
    at INTEGER NOT NULL
) STRICT;
INSERT INTO registry_feed_new (seq, recipient_org_id, event_id, payload, at)
    SELECT seq, recipient_org_id, event_id, payload, at FROM registry_feed;

DROP TABLE registry_feed;
DROP TABLE registry_events;
ALTER TABLE registry_events_new RENAME TO registry_events;
ALTER TABLE registry_feed_new RENAME TO registry_feed;
CREATE INDEX registry_events_by_entry ON registry_events (entry_id, at);
CREATE INDEX registry_feed_by_recipient ON registry_feed (recipient_org_id, seq);
