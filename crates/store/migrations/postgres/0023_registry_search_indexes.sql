-- The public registry search (LIC-3.5, LIC-7.3) at millions of entries: a trigram index answers
-- a name, VÖEN or number fragment (`search_text LIKE '%…%'`) without reading the whole table, and
-- the listing order (newest first, optionally by status) is an index scan that stops at its
-- limit. pg_trgm ships with PostgreSQL and is a trusted extension: the database's owner may
-- create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX registry_entries_search_trgm ON registry_entries USING gin (search_text gin_trgm_ops);
CREATE INDEX registry_entries_public_order ON registry_entries (issued_on DESC, number DESC);
CREATE INDEX registry_entries_by_status ON registry_entries (status, issued_on DESC, number DESC);
