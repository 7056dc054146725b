//! The message log's SQL.

use pencere_core::Timestamp;
use pencere_store::{Db, StoreError, on_conn, sqlx};

use crate::LogRow;

pub(crate) struct LogEntry<'a> {
    pub(crate) id: &'a str,
    pub(crate) at: Timestamp,
    pub(crate) client: &'a str,
    pub(crate) service: &'a str,
    pub(crate) purpose: &'a str,
    pub(crate) user_id: Option<&'a str>,
    pub(crate) subject: &'a str,
    pub(crate) request_sha256: &'a str,
    pub(crate) response_sha256: Option<&'a str>,
    pub(crate) status: &'a str,
    pub(crate) http_status: Option<i64>,
    pub(crate) error: Option<&'a str>,
    pub(crate) attempts: i64,
    pub(crate) duration_ms: i64,
}

/// Writes one call, committed on its own.
pub(crate) async fn log(db: &Db, entry: &LogEntry<'_>) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO exchange_log (id, at, client, service, purpose, user_id, subject, \
             request_sha256, response_sha256, status, http_status, error, attempts, duration_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"))
        .bind(entry.id)
        .bind(entry.at.as_micros())
        .bind(entry.client)
        .bind(entry.service)
        .bind(entry.purpose)
        .bind(entry.user_id)
        .bind(entry.subject)
        .bind(entry.request_sha256)
        .bind(entry.response_sha256)
        .bind(entry.status)
        .bind(entry.http_status)
        .bind(entry.error)
        .bind(entry.attempts)
        .bind(entry.duration_ms)
        .execute(&mut *conn)
        .await?;
    });
    tx.commit().await
}

pub(crate) async fn of_subject(db: &Db, subject: &str, limit: i64) -> Result<Vec<LogRow>, StoreError> {
    let mut tx = db.begin_read().await?;
    let rows: Vec<(String, i64, String, String, Option<String>, String)> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT id, at, service, purpose, user_id, status FROM exchange_log WHERE subject = $1 \
             ORDER BY at DESC, id DESC LIMIT $2"))
        .bind(subject)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, at, service, purpose, user_id, status)| LogRow {
            id,
            at: Timestamp::from_micros(at),
            service,
            purpose,
            user_id,
            status,
        })
        .collect())
}
