-- The public registry search (LIC-3.5, LIC-7.3): the listing order (newest first, optionally by
-- status) is an index scan that stops at its limit; a full VÖEN or licence number is looked up
-- by its own index (see `search_entries`). A fragment is still matched row by row on SQLite, the
-- backend of small installations; PostgreSQL answers it from a trigram index.
CREATE INDEX registry_entries_public_order ON registry_entries (issued_on DESC, number DESC);
CREATE INDEX registry_entries_by_status ON registry_entries (status, issued_on DESC, number DESC);
