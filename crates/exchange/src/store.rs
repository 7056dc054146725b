//! The exchange's SQL: the message log, consents, manual records.

use pencere_core::{Fin, Timestamp};
use pencere_store::classified::{self, Clearance};
use pencere_store::{Db, StoreError, Tx, on_conn, sqlx};

use crate::{Consent, LogRow, ManualProvenance, ManualRecord, ServiceStats};

pub(crate) struct LogEntry<'a> {
    pub(crate) id: &'a str,
    pub(crate) at: Timestamp,
    pub(crate) client: &'a str,
    pub(crate) service: &'a str,
    pub(crate) purpose: &'a str,
    pub(crate) user_id: Option<&'a str>,
    pub(crate) body_id: Option<&'a str>,
    pub(crate) role: Option<&'a str>,
    pub(crate) subject: &'a str,
    pub(crate) request_sha256: &'a str,
    pub(crate) response_sha256: Option<&'a str>,
    pub(crate) status: &'a str,
    pub(crate) http_status: Option<i64>,
    pub(crate) error: Option<&'a str>,
    pub(crate) attempts: i64,
    pub(crate) duration_ms: i64,
    pub(crate) manual_record_id: Option<&'a str>,
}

/// Writes one call, committed on its own; with `classified`, also records in the same transaction
/// that the registry marked the subject classified (VEIS-1.10), once.
pub(crate) async fn log(db: &Db, entry: &LogEntry<'_>, classified: Option<&Fin>) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    if let Some(fin) = classified {
        let system = classified::Marker { user_id: None, label: "ehis", org_id: None };
        classified::mark(&mut tx, fin, classified::Source::Registry, &system, None, entry.at).await?;
    }
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO exchange_log (id, at, client, service, purpose, user_id, subject, \
             request_sha256, response_sha256, status, http_status, error, attempts, duration_ms, body_id, role, \
             manual_record_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"))
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
        .bind(entry.body_id)
        .bind(entry.role)
        .bind(entry.manual_record_id)
        .execute(&mut *conn)
        .await?;
    });
    tx.commit().await
}

type LogTuple = (
    String,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
    i64,
    Option<String>,
    Option<String>,
    Option<i64>,
);

const LOG_SELECT: &str = "SELECT l.id, l.at, l.service, l.purpose, l.user_id, l.body_id, l.role, l.status, \
     l.subject, l.error, l.duration_ms, l.manual_record_id, m.entered_by_name, m.entered_at \
     FROM exchange_log l LEFT JOIN exchange_manual_records m ON m.id = l.manual_record_id";

fn log_row(row: LogTuple) -> LogRow {
    let (id, at, service, purpose, user_id, body_id, role, status, subject, error, duration_ms, manual_id, by, entered) =
        row;
    LogRow {
        id,
        at: Timestamp::from_micros(at),
        service,
        purpose,
        user_id,
        body_id,
        role,
        status,
        subject,
        error,
        duration_ms,
        manual: match (manual_id, by, entered) {
            (Some(record_id), Some(by_name), Some(at)) => {
                Some(ManualProvenance { record_id, by_name, at: Timestamp::from_micros(at) })
            }
            _ => None,
        },
    }
}

pub(crate) async fn of_subject(db: &Db, subject: &str, limit: i64) -> Result<Vec<LogRow>, StoreError> {
    let mut tx = db.begin_read().await?;
    let rows: Vec<LogTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&format!("{LOG_SELECT} WHERE l.subject = $1 ORDER BY l.at DESC, l.id DESC LIMIT $2")))
            .bind(subject)
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?
    });
    Ok(rows.into_iter().map(log_row).collect())
}

/// The latest calls that brought no answer (unavailable, circuit open, refused, withheld, outside the schema), newest first.
pub(crate) async fn recent_failures(db: &Db, limit: i64, clearance: Clearance) -> Result<Vec<LogRow>, StoreError> {
    let mut tx = db.begin_read().await?;
    let rows: Vec<LogTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&format!(
            "{LOG_SELECT} WHERE l.status IN ('unavailable', 'circuit_open', 'refused', 'withheld', 'protocol_error') \
             AND {} AND {} ORDER BY l.at DESC, l.id DESC LIMIT $1",
            clearance.fin_visible("l.subject"),
            clearance.user_visible("l.user_id")
        )))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows.into_iter().map(log_row).collect())
}

/// Whether the subject's consent to move `dataset` is in force.
pub(crate) async fn consent_in_force(db: &Db, subject: &str, dataset: &str) -> Result<bool, StoreError> {
    let mut tx = db.begin_read().await?;
    let found: Option<String> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql(
            "SELECT id FROM exchange_consents WHERE subject = $1 AND dataset = $2 AND revoked_at IS NULL",
        ))
        .bind(subject)
        .bind(dataset)
        .fetch_optional(&mut *conn)
        .await?
    });
    Ok(found.is_some())
}

/// Inserts a consent unless one is in force; whether it wrote.
pub(crate) async fn insert_consent(
    tx: &mut Tx,
    id: &str,
    subject: &str,
    dataset: &str,
    by: &str,
    at: Timestamp,
) -> Result<bool, StoreError> {
    let written = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO exchange_consents (id, subject, dataset, given_by, given_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (subject, dataset) WHERE revoked_at IS NULL DO NOTHING"))
        .bind(id)
        .bind(subject)
        .bind(dataset)
        .bind(by)
        .bind(at.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(written == 1)
}

/// Closes a consent in force; the subject and data set it was about, when it was.
pub(crate) async fn revoke_consent(
    tx: &mut Tx,
    id: &str,
    by: &str,
    at: Timestamp,
) -> Result<Option<(String, String)>, StoreError> {
    let row: Option<(String, String)> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("UPDATE exchange_consents SET revoked_by = $2, revoked_at = $3 \
             WHERE id = $1 AND revoked_at IS NULL RETURNING subject, dataset"))
        .bind(id)
        .bind(by)
        .bind(at.as_micros())
        .fetch_optional(&mut *conn)
        .await?
    });
    Ok(row)
}

/// The subject and data set of a consent.
pub(crate) async fn consent_subject(tx: &mut Tx, id: &str) -> Result<Option<(String, String)>, StoreError> {
    let row: Option<(String, String)> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT subject, dataset FROM exchange_consents WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
    });
    Ok(row)
}

type ConsentRow = (String, String, String, String, i64, Option<i64>);

/// The consents about these subjects, in force first, newest first.
pub(crate) async fn consents_of(db: &Db, subjects: &[String]) -> Result<Vec<Consent>, StoreError> {
    let mut consents = Vec::new();
    let mut tx = db.begin_read().await?;
    for subject in subjects {
        let rows: Vec<ConsentRow> = on_conn!(tx.conn(), |conn, sql| {
            sqlx::query_as(&sql("SELECT id, subject, dataset, given_by, given_at, revoked_at FROM exchange_consents \
                 WHERE subject = $1 ORDER BY given_at DESC, id DESC"))
            .bind(subject)
            .fetch_all(&mut *conn)
            .await?
        });
        consents.extend(rows.into_iter().map(|(id, subject, dataset, given_by, given_at, revoked_at)| Consent {
            id,
            subject,
            dataset,
            given_by,
            given_at: Timestamp::from_micros(given_at),
            revoked_at: revoked_at.map(Timestamp::from_micros),
        }));
    }
    consents.sort_by_key(|consent| (consent.revoked_at.is_some(), std::cmp::Reverse(consent.given_at)));
    Ok(consents)
}

/// Writes a manual record.
pub(crate) async fn insert_manual(tx: &mut Tx, record: &ManualRecord, signature: &[u8]) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO exchange_manual_records (id, service, subject, data, entered_by, \
             entered_by_name, organization_id, entered_at, signature, signer_name, certificate_serial) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"))
        .bind(&record.id)
        .bind(&record.service)
        .bind(&record.subject)
        .bind(&record.data)
        .bind(&record.entered_by)
        .bind(&record.entered_by_name)
        .bind(&record.organization_id)
        .bind(record.entered_at.as_micros())
        .bind(signature)
        .bind(&record.signer_name)
        .bind(&record.certificate_serial)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

type ManualRow = (String, String, String, String, String, String, String, i64, String, String);

const MANUAL_COLUMNS: &str = "id, service, subject, data, entered_by, entered_by_name, organization_id, entered_at, \
     signer_name, certificate_serial";

fn manual(row: ManualRow) -> ManualRecord {
    let (id, service, subject, data, entered_by, entered_by_name, organization_id, entered_at, signer_name, serial) =
        row;
    ManualRecord {
        id,
        service,
        subject,
        data,
        entered_by,
        entered_by_name,
        organization_id,
        entered_at: Timestamp::from_micros(entered_at),
        signer_name,
        certificate_serial: serial,
    }
}

/// The newest manual record of a service about a subject.
pub(crate) async fn latest_manual(db: &Db, service: &str, subject: &str) -> Result<Option<ManualRecord>, StoreError> {
    let mut tx = db.begin_read().await?;
    let row: Option<ManualRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&format!(
            "SELECT {MANUAL_COLUMNS} FROM exchange_manual_records WHERE service = $1 AND subject = $2 \
             ORDER BY entered_at DESC, id DESC LIMIT 1"
        )))
        .bind(service)
        .bind(subject)
        .fetch_optional(&mut *conn)
        .await?
    });
    Ok(row.map(manual))
}

/// The newest manual records entered for an organization's registries.
pub(crate) async fn manual_of_organization(
    db: &Db,
    organization_id: &str,
    limit: i64,
) -> Result<Vec<ManualRecord>, StoreError> {
    let mut tx = db.begin_read().await?;
    let rows: Vec<ManualRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&format!(
            "SELECT {MANUAL_COLUMNS} FROM exchange_manual_records WHERE organization_id = $1 \
             ORDER BY entered_at DESC, id DESC LIMIT $2"
        )))
        .bind(organization_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows.into_iter().map(manual).collect())
}

/// Calls per service since a moment: (service, calls, failed, mean and longest duration).
pub(crate) async fn stats(db: &Db, since: Timestamp) -> Result<Vec<ServiceStats>, StoreError> {
    let mut tx = db.begin_read().await?;
    let rows: Vec<(String, i64, i64, i64, i64)> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT service, COUNT(*), \
             SUM(CASE WHEN status IN ('unavailable', 'circuit_open', 'refused', 'withheld', 'protocol_error') THEN 1 ELSE 0 END), \
             CAST(COALESCE(SUM(duration_ms), 0) AS BIGINT), CAST(COALESCE(MAX(duration_ms), 0) AS BIGINT) \
             FROM exchange_log WHERE at >= $1 GROUP BY service ORDER BY service"))
        .bind(since.as_micros())
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(service, calls, failed, total_ms, max_ms)| ServiceStats {
            service,
            calls,
            failed,
            mean_ms: if calls > 0 { total_ms / calls } else { 0 },
            max_ms,
        })
        .collect())
}
