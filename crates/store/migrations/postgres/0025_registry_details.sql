-- What a registry entry records beyond the holder: the values of the fields its service marks
-- for the registry (`registry = true` in the catalog), e.g. the tobacco registry's activity,
-- cigarettes and economic region (TOB-4.1.3), as a JSON object of field id to value.
ALTER TABLE registry_entries ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
