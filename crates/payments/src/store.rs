//! The SQL of payment orders, payments and callbacks.

use pencere_core::Timestamp;
use pencere_store::{StoreError, Tx, on_conn, sqlx};

use crate::{Money, NewOrder, Order, OrderStatus};

type OrderRow = (String, String, Option<String>, String, String, i64, String, String, String, i64, Option<i64>);

const ORDER_COLUMNS: &str =
    "id, code, case_id, payer_id, purpose, amount_minor, currency, beneficiary, status, created_at, paid_at";

fn order(row: OrderRow) -> Order {
    Order {
        id: row.0,
        code: row.1,
        case_id: row.2,
        payer_id: row.3,
        purpose: row.4,
        amount: Money::from_minor(row.5),
        currency: row.6,
        beneficiary: row.7,
        status: OrderStatus::parse(&row.8),
        created_at: Timestamp::from_micros(row.9),
        paid_at: row.10.map(Timestamp::from_micros),
    }
}

/// Inserts an order; `false` when the code is taken.
pub(crate) async fn insert_order(
    tx: &mut Tx,
    id: &str,
    code: &str,
    order: &NewOrder<'_>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let inserted = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO payment_orders (id, code, case_id, payer_id, purpose, amount_minor, currency, beneficiary, \
             status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'due', $9) ON CONFLICT (code) DO NOTHING",
        ))
        .bind(id)
        .bind(code)
        .bind(order.case_id)
        .bind(order.payer_id)
        .bind(order.purpose)
        .bind(order.amount.minor())
        .bind(crate::AZN)
        .bind(order.beneficiary)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(inserted == 1)
}

pub(crate) async fn order_by_code(tx: &mut Tx, code: &str) -> Result<Option<Order>, StoreError> {
    let statement = format!("SELECT {ORDER_COLUMNS} FROM payment_orders WHERE code = $1");
    let row: Option<OrderRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(code).fetch_optional(&mut *conn).await?
    });
    Ok(row.map(order))
}

pub(crate) async fn orders_for_case(tx: &mut Tx, case_id: &str) -> Result<Vec<Order>, StoreError> {
    let statement = format!("SELECT {ORDER_COLUMNS} FROM payment_orders WHERE case_id = $1 ORDER BY created_at, id");
    let rows: Vec<OrderRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(case_id).fetch_all(&mut *conn).await?
    });
    Ok(rows.into_iter().map(order).collect())
}

pub(crate) async fn cancel_due(tx: &mut Tx, case_id: &str) -> Result<u64, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE payment_orders SET status = 'cancelled' WHERE case_id = $1 AND status = 'due'"))
            .bind(case_id)
            .execute(&mut *conn)
            .await?
            .rows_affected()
    }))
}

/// The order a provider's reference already paid.
pub(crate) async fn payment_by_ref(
    tx: &mut Tx,
    provider: &str,
    provider_ref: &str,
) -> Result<Option<String>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT order_id FROM payments WHERE provider = $1 AND provider_ref = $2"))
            .bind(provider)
            .bind(provider_ref)
            .fetch_optional(&mut *conn)
            .await?
    }))
}

/// Marks a due order paid; `false` when it was not due any more (another callback was first).
pub(crate) async fn mark_paid(tx: &mut Tx, order_id: &str, now: Timestamp) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE payment_orders SET status = 'paid', paid_at = $2 WHERE id = $1 AND status = 'due'"))
            .bind(order_id)
            .bind(now.as_micros())
            .execute(&mut *conn)
            .await?
            .rows_affected()
    });
    Ok(changed == 1)
}

pub(crate) async fn insert_payment(
    tx: &mut Tx,
    id: &str,
    order: &Order,
    provider: &str,
    provider_ref: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO payments (id, order_id, provider, provider_ref, amount_minor, currency, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        ))
        .bind(id)
        .bind(&order.id)
        .bind(provider)
        .bind(provider_ref)
        .bind(order.amount.minor())
        .bind(&order.currency)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

#[allow(clippy::too_many_arguments, reason = "one column each")]
pub(crate) async fn record_callback(
    tx: &mut Tx,
    provider: &str,
    now: Timestamp,
    outcome: &str,
    code: Option<&str>,
    provider_ref: Option<&str>,
    body: &str,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO payment_callbacks (provider, received_at, outcome, code, provider_ref, body) \
             VALUES ($1, $2, $3, $4, $5, $6)"))
        .bind(provider)
        .bind(now.as_micros())
        .bind(outcome)
        .bind(code)
        .bind(provider_ref)
        .bind(body)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// The callbacks recorded from a provider, oldest first: outcome and provider reference.
pub async fn callbacks(tx: &mut Tx, provider: &str) -> Result<Vec<(String, Option<String>)>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT outcome, provider_ref FROM payment_callbacks WHERE provider = $1 ORDER BY id"))
            .bind(provider)
            .fetch_all(&mut *conn)
            .await?
    }))
}

/// One confirmed payment in a reconciliation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReconciliationRow {
    /// When the confirmation arrived.
    pub received_at: Timestamp,
    /// The provider's reference.
    pub provider_ref: String,
    /// The payment code.
    pub code: String,
    /// The case's registration number.
    pub case_number: Option<String>,
    /// The amount.
    pub amount: Money,
    /// The currency.
    pub currency: String,
    /// What was paid for.
    pub purpose: String,
}

type ReconRow = (i64, String, String, Option<String>, i64, String, String);

pub(crate) async fn reconciliation(
    tx: &mut Tx,
    provider: &str,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<ReconciliationRow>, StoreError> {
    let rows: Vec<ReconRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT p.received_at, p.provider_ref, o.code, c.number, p.amount_minor, p.currency, o.purpose \
             FROM payments p JOIN payment_orders o ON o.id = p.order_id LEFT JOIN cases c ON c.id = o.case_id \
             WHERE p.provider = $1 AND p.received_at >= $2 AND p.received_at < $3 ORDER BY p.received_at, p.id",
        ))
        .bind(provider)
        .bind(from.as_micros())
        .bind(to.as_micros())
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|row| ReconciliationRow {
            received_at: Timestamp::from_micros(row.0),
            provider_ref: row.1,
            code: row.2,
            case_number: row.3,
            amount: Money::from_minor(row.4),
            currency: row.5,
            purpose: row.6,
        })
        .collect())
}
