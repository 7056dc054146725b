-- The portal's participants (state bodies whose information systems are integrated with it) and
-- the operator's supervision of them: the integrated systems with the information on their
-- compliance with the technical requirements (LIC-9.1.1, LIC-8.0.2), the operator's notices
-- (LIC-8.0.10, LIC-8.0.16), warnings and suspensions (LIC-8.0.9), and the announcements of
-- maintenance work (LIC-9.1.6) and incidents (LIC-8.0.6) shown to users.

CREATE TABLE participant_systems (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations (id),
    -- The platform's system it is integrated with (`lic`).
    portal TEXT NOT NULL,
    name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    contact TEXT NOT NULL,
    -- none: nothing submitted yet; submitted: awaits the operator; accepted; returned.
    compliance_status TEXT NOT NULL CHECK (compliance_status IN ('none', 'submitted', 'accepted', 'returned')),
    compliance_statement TEXT,
    compliance_on TEXT,
    compliance_submitted_at INTEGER,
    compliance_answer TEXT,
    compliance_decided_by TEXT REFERENCES users (id),
    compliance_decided_at INTEGER,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX participant_systems_by_org ON participant_systems (org_id, created_at);

CREATE TABLE participant_notices (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations (id),
    system_id TEXT REFERENCES participant_systems (id),
    -- changes: make changes and improvements (LIC-8.0.10); guidance: methodological
    -- explanation or information (LIC-8.0.16).
    kind TEXT NOT NULL CHECK (kind IN ('changes', 'guidance')),
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'answered')),
    answer TEXT,
    sent_by TEXT NOT NULL REFERENCES users (id),
    sent_at INTEGER NOT NULL,
    answered_by TEXT REFERENCES users (id),
    answered_at INTEGER
) STRICT;
CREATE INDEX participant_notices_by_org ON participant_notices (org_id, sent_at);

-- Warnings and suspensions; a suspension lasts until lifted.
CREATE TABLE participant_measures (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations (id),
    kind TEXT NOT NULL CHECK (kind IN ('warning', 'suspension')),
    reason TEXT NOT NULL,
    -- For warnings: the day by which the shortcomings are to be removed.
    due_on TEXT,
    decided_by TEXT NOT NULL REFERENCES users (id),
    decided_at INTEGER NOT NULL,
    lifted_by TEXT REFERENCES users (id),
    lifted_at INTEGER,
    lift_reason TEXT
) STRICT;
CREATE INDEX participant_measures_by_org ON participant_measures (org_id, decided_at);
-- At most one suspension in force per participant; the officials' guard reads it by this index.
CREATE UNIQUE INDEX participant_suspension_in_force ON participant_measures (org_id)
    WHERE kind = 'suspension' AND lifted_at IS NULL;

-- Planned work announced by a participant, and incidents recorded by the operator.
CREATE TABLE outage_notices (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('preventive', 'repair', 'tuning', 'other', 'incident')),
    portal TEXT NOT NULL,
    system_id TEXT REFERENCES participant_systems (id),
    org_id TEXT REFERENCES organizations (id),
    description TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    -- The planned end, or when an incident was resolved (open while NULL).
    ends_at INTEGER,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX outage_notices_by_portal ON outage_notices (portal, ends_at);
