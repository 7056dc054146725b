-- Re-issue, duplicates and annexes of licences in the unified registry (LIC-1.2, LIC-6.6): the
-- history of an entry records them too.
ALTER TABLE registry_events DROP CONSTRAINT registry_events_kind_check;
ALTER TABLE registry_events ADD CONSTRAINT registry_events_kind_check
    CHECK (kind IN ('issued', 'suspended', 'restored', 'revoked', 'reissued', 'duplicated', 'annexed'));
