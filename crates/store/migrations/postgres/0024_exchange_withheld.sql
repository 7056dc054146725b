-- The EHİS message log's outcomes gain `withheld` (a record about a person classified under
-- VEIS-1.10, kept from a caller not cleared for them) and `protocol_error` (an answer outside the
-- service's schema).
ALTER TABLE exchange_log DROP CONSTRAINT exchange_log_status_check;
ALTER TABLE exchange_log ADD CONSTRAINT exchange_log_status_check CHECK (status IN ('ok', 'not_found', 'cached',
    'unavailable', 'circuit_open', 'refused', 'withheld', 'protocol_error'));
