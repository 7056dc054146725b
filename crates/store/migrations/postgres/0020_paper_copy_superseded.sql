-- Paper copies (LIC-6.2): a request still waiting when a re-issue or a duplicate replaces the
-- licence document it asks for is closed as `superseded`.
ALTER TABLE paper_copies DROP CONSTRAINT paper_copies_status_check;
ALTER TABLE paper_copies ADD CONSTRAINT paper_copies_status_check
    CHECK (status IN ('requested', 'handed_over', 'superseded'));
