-- Public participation in the Licences and Permits portal (LIC-7.2, LIC-10.0.3 to LIC-10.0.6):
-- information inquiries to licensing bodies and suggestions for improving the portal (one table,
-- `appeals`, told apart by `kind`), sent without registration and answered to the e-mail address
-- given; and drafts of legal acts on entrepreneurship that participants submit to the operator
-- (LIC-9.1.3), published for open discussion (LIC-8.0.13), with the proposals users make on them
-- and the submitting body's answers (LIC-10.0.4).

-- Registration numbers run per prefix and year without gaps: the counter moves in the
-- transaction that registers the appeal.
CREATE TABLE appeal_counters (
    prefix TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
) STRICT;

CREATE TABLE appeals (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('inquiry', 'suggestion')),
    -- The body addressed (inquiries); none for suggestions, which go to the operator.
    body_org_id TEXT REFERENCES organizations (id),
    -- The logged-in user who sent it, if any; none for anonymous senders.
    user_id TEXT REFERENCES users (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    lang TEXT NOT NULL,
    -- SHA-256 of the private link's key; the key itself is only in the sender's receipt.
    key_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'answered')),
    submitted_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    answer TEXT,
    answered_by TEXT REFERENCES users (id),
    answered_at INTEGER,
    submitted_at INTEGER NOT NULL,
    CHECK ((kind = 'inquiry') = (body_org_id IS NOT NULL))
) STRICT;
CREATE INDEX appeals_queue ON appeals (kind, body_org_id, status, due_on);

CREATE TABLE legal_drafts (
    id TEXT PRIMARY KEY,
    body_org_id TEXT NOT NULL REFERENCES organizations (id),
    submitted_by TEXT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    full_text TEXT NOT NULL,
    -- The day the body sent the draft for approval, and the day it submitted it to the operator
    -- (LIC-9.1.3 wants the same day).
    sent_for_approval_on TEXT NOT NULL,
    submitted_on TEXT NOT NULL,
    -- The last day proposals are taken.
    discussion_until TEXT NOT NULL,
    -- The language the submitting official wrote in, for the notices they get.
    lang TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'published', 'returned')),
    return_reason TEXT,
    decided_by TEXT REFERENCES users (id),
    decided_at INTEGER,
    published_on TEXT,
    submitted_at INTEGER NOT NULL
) STRICT;
CREATE INDEX legal_drafts_by_status ON legal_drafts (status, submitted_at);

CREATE TABLE draft_proposals (
    id TEXT PRIMARY KEY,
    draft_id TEXT NOT NULL REFERENCES legal_drafts (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    -- What the public page shows of the proposer.
    display_name TEXT NOT NULL,
    text TEXT NOT NULL,
    lang TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    answer TEXT,
    answered_by TEXT REFERENCES users (id),
    answered_at INTEGER
) STRICT;
CREATE INDEX draft_proposals_by_draft ON draft_proposals (draft_id, submitted_at);
