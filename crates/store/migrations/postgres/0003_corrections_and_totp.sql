-- A person's requests to correct the data the system holds about them (MIG-7.1.2, KOB-7.1.11,
-- TOB-6.1.11, VEIS-6.1.11), and the optional second login factor.

CREATE TABLE correction_requests (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    field TEXT NOT NULL,
    current_value TEXT,
    requested_value TEXT NOT NULL,
    explanation TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at BIGINT NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at BIGINT,
    decision_reason TEXT
);
CREATE INDEX correction_requests_by_user ON correction_requests (user_id, created_at);
CREATE INDEX correction_requests_by_status ON correction_requests (status, created_at);

ALTER TABLE users ADD COLUMN totp_secret TEXT;
