-- Security events reported by a system's owner or the operator (e.g. TOB-6.1.6, TOB-6.1.8,
-- TOB-7.1.2, TOB-7.1.3): the event, each report sent to an authority, and the authorities'
-- inquiries with their answers, due within the catalog's hours.
CREATE TABLE security_incidents (
    id TEXT PRIMARY KEY,
    system TEXT NOT NULL,
    reporter_role TEXT NOT NULL CHECK (reporter_role IN ('owner', 'operator')),
    reported_by TEXT NOT NULL REFERENCES users (id),
    reporter_org_id TEXT REFERENCES organizations (id),
    kind TEXT NOT NULL CHECK (kind IN ('threat', 'incident', 'intrusion_attempt')),
    summary TEXT NOT NULL,
    detected_at BIGINT NOT NULL,
    reported_at BIGINT NOT NULL
);
CREATE INDEX security_incidents_by_system ON security_incidents (system, reported_at);

CREATE TABLE security_reports (
    incident_id TEXT NOT NULL REFERENCES security_incidents (id),
    recipient TEXT NOT NULL,
    address TEXT,
    message_id TEXT,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (incident_id, recipient)
);

CREATE TABLE security_inquiries (
    id TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES security_incidents (id),
    recipient TEXT NOT NULL,
    question TEXT NOT NULL,
    asked_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    answer TEXT,
    answered_by TEXT REFERENCES users (id),
    answered_at BIGINT
);
CREATE INDEX security_inquiries_by_incident ON security_inquiries (incident_id, asked_at);
