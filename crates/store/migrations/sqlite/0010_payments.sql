-- Payment orders for fees and duties, and every provider callback received (LIC-3.6, LIC-5.10 … 5.12).

CREATE TABLE payment_orders (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    case_id TEXT REFERENCES cases (id),
    payer_id TEXT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    beneficiary TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('due', 'paid', 'cancelled')),
    created_at INTEGER NOT NULL,
    paid_at INTEGER
) STRICT;
CREATE INDEX payment_orders_by_case ON payment_orders (case_id);

-- One row per confirmed payment: the provider's reference is unique, so the same callback
-- twice is one payment.
CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL UNIQUE REFERENCES payment_orders (id),
    provider TEXT NOT NULL,
    provider_ref TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (provider, provider_ref)
) STRICT;
CREATE INDEX payments_by_day ON payments (provider, received_at);

-- Every callback, applied or refused, for the operator and the reconciliation.
CREATE TABLE payment_callbacks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    code TEXT,
    provider_ref TEXT,
    body TEXT NOT NULL
) STRICT;
