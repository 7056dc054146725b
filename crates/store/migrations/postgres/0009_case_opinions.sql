-- Opinions (consents) a competent body asks of other bodies before deciding (LIC-5.6, LIC-5.7).

CREATE TABLE case_opinions (
    case_id TEXT NOT NULL REFERENCES cases (id),
    body_org_id TEXT NOT NULL REFERENCES organizations (id),
    role TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'consent', 'refusal')),
    requested_at BIGINT NOT NULL,
    answer TEXT,
    answered_by TEXT REFERENCES users (id),
    answered_at BIGINT,
    PRIMARY KEY (case_id, body_org_id)
);
CREATE INDEX case_opinions_by_body ON case_opinions (body_org_id, status);
