-- One-time challenges that a login by e-signature certificate signs; each is used once.

CREATE TABLE login_challenges (
    id TEXT PRIMARY KEY,
    challenge TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
) STRICT;
CREATE INDEX login_challenges_by_expiry ON login_challenges (expires_at);
