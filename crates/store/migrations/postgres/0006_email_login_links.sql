-- One-time login links sent by e-mail to foreigners and stateless persons (MIG-4.3); only the
-- SHA-256 of the link's token is kept.

CREATE TABLE email_login_links (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX email_login_links_by_user ON email_login_links (user_id);
