-- Paper copies (LIC-6.2): a request still waiting when a re-issue or a duplicate replaces the
-- licence document it asks for is closed as `superseded`.
ALTER TABLE paper_copies DROP CONSTRAINT paper_copies_status_check;
ALTER TABLE paper_copies ADD CONSTRAINT paper_copies_status_check
    CHECK (status IN ('requested', 'handed_over', 'superseded'));

-- Inquiries and suggestions (LIC-7.2, LIC-10.0.3) are open to anyone, so their submissions are
-- rate-limited per e-mail address and per client address within a window, counted here so the
-- limit holds across instances: the client's address is kept with each appeal.
ALTER TABLE appeals ADD COLUMN client_ip TEXT;
CREATE INDEX appeals_by_email ON appeals (email, submitted_at);
CREATE INDEX appeals_by_client ON appeals (client_ip, submitted_at);
