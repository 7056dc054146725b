# The test environment's deadline sweep as of a chosen date (/test/deadlines).
test-deadlines-title = Deadline sweep as of a date (test environment)
test-deadlines-intro = The server checks the legal deadlines every minute against today's date. Here you run the same check as of the start of another day in Baku: every deadline due before that day expires, and its case moves on as the law says (for example, an application whose deficiencies were not removed in time is left unconsidered). This page exists only in the test environment.
test-deadlines-date = Date to check the deadlines as of
test-deadlines-date-hint = Format YYYY-MM-DD, for example 2026-12-31.
test-deadlines-date-invalid = Enter a date in the format YYYY-MM-DD.
test-deadlines-submit = Run the deadline sweep
test-deadlines-done = Deadlines checked as of { $date }: { $acted } moved their case on, { $flagged } marked their case overdue.
test-deadlines-link = Run the deadline sweep as of a date (test environment)
