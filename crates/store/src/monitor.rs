//! Operational gauges read from the database for `/metrics` and the operator's status page:
//! the notification outbox's backlog and its oldest waiting message, deadlines the sweep has
//! not handled though their day has passed, applications flagged overdue, the audit journal's
//! unsealed tail, and the EHİS exchange's recent outcomes. Every instance reports the same
//! figures: they describe the shared database, not the process.

use pencere_core::Timestamp;

use crate::{Db, StoreError};

/// The figures at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gauges {
    /// Outbox messages waiting to be delivered.
    pub outbox_pending: i64,
    /// Outbox messages given up on (dead letters).
    pub outbox_dead: i64,
    /// Seconds the oldest waiting message has waited (0 when none).
    pub outbox_oldest_seconds: i64,
    /// Open deadlines.
    pub deadlines_open: i64,
    /// Open deadlines whose last day is before `today`: the sweep has not acted on them yet.
    pub deadlines_past_due: i64,
    /// Applications flagged overdue.
    pub cases_overdue: i64,
    /// Audit entries committed but not yet sealed into the chain.
    pub audit_unsealed: i64,
    /// Seconds since the oldest of them (0 when none).
    pub audit_oldest_unsealed_seconds: i64,
    /// Exchange calls in the last fifteen minutes, by service and outcome.
    pub exchange_recent: Vec<(String, String, i64)>,
}

/// Reads the gauges. `today` is the civil date in Baku (`YYYY-MM-DD`).
pub async fn gauges(db: &Db, now: Timestamp, today: &str) -> Result<Gauges, StoreError> {
    let mut tx = db.begin_read().await?;
    let since = now.plus_seconds(-15 * 60).as_micros();
    let gauges = crate::on_conn!(tx.conn(), |conn, sql| {
        let count = |text: &'static str| sqlx::query_scalar::<_, i64>(text);
        let outbox_pending =
            count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").fetch_one(&mut *conn).await?;
        let outbox_dead = count("SELECT COUNT(*) FROM outbox WHERE status = 'dead'").fetch_one(&mut *conn).await?;
        let oldest: Option<i64> = sqlx::query_scalar("SELECT MIN(created_at) FROM outbox WHERE status = 'pending'")
            .fetch_one(&mut *conn)
            .await?;
        let deadlines_open =
            count("SELECT COUNT(*) FROM case_deadlines WHERE status = 'open'").fetch_one(&mut *conn).await?;
        let deadlines_past_due: i64 =
            sqlx::query_scalar(&sql("SELECT COUNT(*) FROM case_deadlines WHERE status = 'open' AND due_on < $1"))
                .bind(today)
                .fetch_one(&mut *conn)
                .await?;
        let cases_overdue = count("SELECT COUNT(*) FROM cases WHERE overdue <> 0").fetch_one(&mut *conn).await?;
        let audit_unsealed = count("SELECT COUNT(*) FROM audit_pending").fetch_one(&mut *conn).await?;
        let oldest_unsealed: Option<i64> =
            sqlx::query_scalar("SELECT MIN(e.at) FROM audit_pending p JOIN audit_entries e ON e.id = p.entry_id")
                .fetch_one(&mut *conn)
                .await?;
        let exchange_recent: Vec<(String, String, i64)> = sqlx::query_as(&sql(
            "SELECT service, status, COUNT(*) FROM exchange_log WHERE at >= $1 GROUP BY service, status ORDER BY 1, 2",
        ))
        .bind(since)
        .fetch_all(&mut *conn)
        .await?;
        let age = |at: Option<i64>| at.map_or(0, |at| now.seconds_since(Timestamp::from_micros(at)).max(0));
        Gauges {
            outbox_pending,
            outbox_dead,
            outbox_oldest_seconds: age(oldest),
            deadlines_open,
            deadlines_past_due,
            cases_overdue,
            audit_unsealed,
            audit_oldest_unsealed_seconds: age(oldest_unsealed),
            exchange_recent,
        }
    });
    tx.rollback().await?;
    Ok(gauges)
}
