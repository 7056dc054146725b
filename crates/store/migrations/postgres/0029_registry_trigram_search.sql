-- The pair of SQLite's 0029 (a trigram index for the registry search): PostgreSQL has had its
-- trigram index (`registry_entries_search_trgm`) since 0023. Fresh statistics let the planner
-- weigh it against the listing order's index at once rather than at the next autovacuum.
ANALYZE registry_entries;
