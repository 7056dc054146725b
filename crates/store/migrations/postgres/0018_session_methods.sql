-- How the user logged in (LIC-3.8: licence and permit actions need the enhanced e-signature).
-- Sessions started before this was recorded count as password sessions, the weakest method:
-- their users log in again with the e-signature to act on a licence.
ALTER TABLE sessions ADD COLUMN login_method TEXT NOT NULL DEFAULT 'password'
    CHECK (login_method IN ('password', 'esign', 'sso', 'email_link'));
