-- The public registry search by a fragment (LIC-7.3) at millions of entries on SQLite: a trigram
-- full-text index of `search_text` (FTS5's trigram tokenizer, which answers `LIKE '%…%'` for
-- patterns of three characters or more). `search_entries` uses it when few entries hold the
-- fragment and walks the listing order otherwise. PostgreSQL has had its trigram index since 0023.
--
-- That walk reads the listing order's index, which therefore carries the status and the search
-- text: a fragment and `status <> 'reserved'` are matched on the index's entries, in order, and
-- only the entries of the page are read from the table (0023's index made it read every row it
-- passed, a random page read each: 50 ms for a common name at 200,000 entries).
DROP INDEX registry_entries_public_order;
CREATE INDEX registry_entries_public_order ON registry_entries (issued_on DESC, number DESC, status, search_text);
--
-- It indexes registry_entries by rowid (the table has a text key), kept in step by the triggers
-- below. VACUUM may renumber the rowids of such a table: after a VACUUM, rebuild the index with
-- `INSERT INTO registry_entries_search (registry_entries_search) VALUES ('rebuild')`
-- (docs/OPERATIONS.md). Backups do not copy it: `dump::tables` skips virtual tables and their
-- shadow tables, and the triggers index the restored rows.
CREATE VIRTUAL TABLE registry_entries_search USING fts5 (
    search_text,
    content = 'registry_entries',
    content_rowid = 'rowid',
    tokenize = 'trigram'
);
INSERT INTO registry_entries_search (registry_entries_search) VALUES ('rebuild');

CREATE TRIGGER registry_entries_search_insert AFTER INSERT ON registry_entries BEGIN
    INSERT INTO registry_entries_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE TRIGGER registry_entries_search_delete AFTER DELETE ON registry_entries BEGIN
    INSERT INTO registry_entries_search (registry_entries_search, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
END;

CREATE TRIGGER registry_entries_search_update AFTER UPDATE OF search_text ON registry_entries BEGIN
    INSERT INTO registry_entries_search (registry_entries_search, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO registry_entries_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
