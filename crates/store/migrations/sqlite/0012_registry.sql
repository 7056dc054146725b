-- The unified registry of licences and permits (LIC-3.5, LIC-7.3, LIC-8.0.14): one entry per
-- licence issued through the portal, with the Law's article 8.1 data, its history of signed acts,
-- the feed that carries each act in real time to the bodies that receive it (LIC-6.3, LIC-6.4),
-- and the supervisory bodies' motions (LIC-6.5).

-- Numbers run per issuing body and prefix without gaps: the counter moves in the transaction that
-- reserves the number, and a reserved number stays with its case until the licence is signed.
CREATE TABLE registry_counters (
    body_org_id TEXT NOT NULL REFERENCES organizations (id),
    prefix TEXT NOT NULL,
    last_value INTEGER NOT NULL,
    PRIMARY KEY (body_org_id, prefix)
) STRICT;

CREATE TABLE registry_entries (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    seq INTEGER NOT NULL,
    body_org_id TEXT NOT NULL REFERENCES organizations (id),
    service TEXT NOT NULL,
    case_id TEXT NOT NULL UNIQUE REFERENCES cases (id),
    holder_user_id TEXT NOT NULL REFERENCES users (id),
    holder_name TEXT NOT NULL,
    holder_voen TEXT,
    address TEXT,
    -- Lower-cased holder name, VÖEN and number, for the public search.
    search_text TEXT NOT NULL,
    -- reserved: numbered, the licence awaits its signature; not public.
    status TEXT NOT NULL CHECK (status IN ('reserved', 'active', 'suspended', 'revoked')),
    document_id TEXT REFERENCES issued_documents (id),
    issued_on TEXT,
    reserved_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX registry_entries_by_body ON registry_entries (body_org_id, seq);
CREATE INDEX registry_entries_by_voen ON registry_entries (holder_voen);

CREATE TABLE registry_events (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES registry_entries (id),
    at INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('issued', 'suspended', 'restored', 'revoked')),
    document_id TEXT REFERENCES issued_documents (id),
    reason TEXT,
    actor_id TEXT REFERENCES users (id)
) STRICT;
CREATE INDEX registry_events_by_entry ON registry_events (entry_id, at);

-- What each receiving body has to read, in order; written in the act's transaction.
CREATE TABLE registry_feed (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient_org_id TEXT NOT NULL REFERENCES organizations (id),
    event_id TEXT NOT NULL REFERENCES registry_events (id),
    payload TEXT NOT NULL,
    at INTEGER NOT NULL
) STRICT;
CREATE INDEX registry_feed_by_recipient ON registry_feed (recipient_org_id, seq);

CREATE TABLE supervisory_motions (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES registry_entries (id),
    from_org_id TEXT NOT NULL REFERENCES organizations (id),
    filed_by TEXT NOT NULL REFERENCES users (id),
    action TEXT NOT NULL CHECK (action IN ('suspend', 'revoke')),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'dismissed')),
    answer TEXT,
    answered_by TEXT REFERENCES users (id),
    filed_at INTEGER NOT NULL,
    answered_at INTEGER
) STRICT;
CREATE INDEX supervisory_motions_by_entry ON supervisory_motions (entry_id, filed_at);
