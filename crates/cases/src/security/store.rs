//! The SQL of security reports (migration 0027).

use pencere_core::Timestamp;
use pencere_store::{StoreError, Tx, on_conn, sqlx};

/// An incident as stored: id, system, reporter role, reporter's name, kind, summary, detected
/// at, reported at.
pub(crate) type IncidentRow = (String, String, String, String, String, String, i64, i64);

/// A report as stored: recipient, address, sent at.
pub(crate) type ReportRow = (String, Option<String>, i64);

/// An inquiry as stored: id, recipient, question, asked at, due at, answer, answered at.
pub(crate) type InquiryRow = (String, String, String, i64, i64, Option<String>, Option<i64>);

pub(crate) struct NewIncident<'a> {
    pub(crate) id: &'a str,
    pub(crate) system: &'a str,
    pub(crate) reporter_role: &'a str,
    pub(crate) reported_by: &'a str,
    pub(crate) reporter_org_id: Option<&'a str>,
    pub(crate) kind: &'a str,
    pub(crate) summary: &'a str,
    /// When it was detected and reported: at once, by the same act.
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert_incident(tx: &mut Tx, incident: &NewIncident<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO security_incidents (id, system, reporter_role, reported_by, reporter_org_id, \
             kind, summary, detected_at, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"))
        .bind(incident.id)
        .bind(incident.system)
        .bind(incident.reporter_role)
        .bind(incident.reported_by)
        .bind(incident.reporter_org_id)
        .bind(incident.kind)
        .bind(incident.summary)
        .bind(incident.now.as_micros())
        .bind(incident.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn insert_report(
    tx: &mut Tx,
    incident_id: &str,
    recipient: &str,
    address: Option<&str>,
    message_id: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO security_reports (incident_id, recipient, address, message_id, sent_at) \
             VALUES ($1, $2, $3, $4, $5)"))
        .bind(incident_id)
        .bind(recipient)
        .bind(address)
        .bind(message_id)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

const INCIDENT_COLUMNS: &str = "i.id, i.system, i.reporter_role, u.full_name, i.kind, i.summary, i.detected_at, \
                                i.reported_at";

/// The incidents of the given systems, newest first (at most 200).
pub(crate) async fn incidents(tx: &mut Tx, systems: &[String]) -> Result<Vec<IncidentRow>, StoreError> {
    let mut rows = Vec::new();
    for system in systems {
        let statement = format!(
            "SELECT {INCIDENT_COLUMNS} FROM security_incidents i JOIN users u ON u.id = i.reported_by \
             WHERE i.system = $1 ORDER BY i.reported_at DESC, i.id DESC LIMIT 200"
        );
        let found: Vec<IncidentRow> = on_conn!(tx.conn(), |conn, sql| {
            sqlx::query_as(&sql(&statement)).bind(system).fetch_all(&mut *conn).await?
        });
        rows.extend(found);
    }
    rows.sort_by_key(|row| std::cmp::Reverse((row.7, row.0.clone())));
    rows.truncate(200);
    Ok(rows)
}

pub(crate) async fn incident(tx: &mut Tx, id: &str) -> Result<Option<IncidentRow>, StoreError> {
    let statement = format!(
        "SELECT {INCIDENT_COLUMNS} FROM security_incidents i JOIN users u ON u.id = i.reported_by WHERE i.id = $1"
    );
    let row: Option<IncidentRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?
    });
    Ok(row)
}

pub(crate) async fn reports(tx: &mut Tx, incident_id: &str) -> Result<Vec<ReportRow>, StoreError> {
    let rows: Vec<ReportRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT recipient, address, sent_at FROM security_reports WHERE incident_id = $1 \
             ORDER BY recipient"))
        .bind(incident_id)
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows)
}

pub(crate) struct NewInquiry<'a> {
    pub(crate) id: &'a str,
    pub(crate) incident_id: &'a str,
    pub(crate) recipient: &'a str,
    pub(crate) question: &'a str,
    pub(crate) recorded_by: &'a str,
    pub(crate) now: Timestamp,
    pub(crate) due: Timestamp,
}

pub(crate) async fn insert_inquiry(tx: &mut Tx, inquiry: &NewInquiry<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO security_inquiries (id, incident_id, recipient, question, asked_at, due_at, \
             recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)"))
        .bind(inquiry.id)
        .bind(inquiry.incident_id)
        .bind(inquiry.recipient)
        .bind(inquiry.question)
        .bind(inquiry.now.as_micros())
        .bind(inquiry.due.as_micros())
        .bind(inquiry.recorded_by)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn inquiries(tx: &mut Tx, incident_id: &str) -> Result<Vec<InquiryRow>, StoreError> {
    let rows: Vec<InquiryRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT id, recipient, question, asked_at, due_at, answer, answered_at \
             FROM security_inquiries WHERE incident_id = $1 ORDER BY asked_at, id"))
        .bind(incident_id)
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows)
}

/// An inquiry as stored, its incident id first.
type InquiryWithIncident = (String, String, String, String, i64, i64, Option<String>, Option<i64>);

/// An inquiry with its incident id.
pub(crate) async fn inquiry(tx: &mut Tx, id: &str) -> Result<Option<(String, InquiryRow)>, StoreError> {
    let row: Option<InquiryWithIncident> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT incident_id, id, recipient, question, asked_at, due_at, answer, answered_at \
                 FROM security_inquiries WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    });
    Ok(row.map(|(incident, id, recipient, question, asked, due, answer, answered)| {
        (incident, (id, recipient, question, asked, due, answer, answered))
    }))
}

/// Answers an inquiry once; `false` when it was answered before.
pub(crate) async fn answer_inquiry(
    tx: &mut Tx,
    id: &str,
    answer: &str,
    by: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE security_inquiries SET answer = $2, answered_by = $3, answered_at = $4 \
             WHERE id = $1 AND answer IS NULL"))
        .bind(id)
        .bind(answer)
        .bind(by)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}
