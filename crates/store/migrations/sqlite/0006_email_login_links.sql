-- One-time login links sent by e-mail to foreigners and stateless persons (MIG-4.3); only the
-- SHA-256 of the link's token is kept.

CREATE TABLE email_login_links (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
) STRICT;
CREATE INDEX email_login_links_by_user ON email_login_links (user_id);
