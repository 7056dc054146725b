//! The SQL of cases: the cases themselves, registration numbers, timeline events, deadlines and
//! documents.

use pencere_core::Timestamp;
use pencere_store::classified::Clearance;
use pencere_store::{Backend, StoreError, Tx, on_conn, sqlx};

/// A case as stored.
#[derive(Clone, Debug)]
pub(crate) struct CaseRow {
    pub(crate) id: String,
    pub(crate) number: Option<String>,
    pub(crate) service: String,
    pub(crate) applicant_id: String,
    pub(crate) applicant_org_id: Option<String>,
    pub(crate) body_org_id: String,
    pub(crate) state: String,
    pub(crate) lang: String,
    pub(crate) data: String,
    pub(crate) assigned_to: Option<String>,
    pub(crate) created_at: i64,
    pub(crate) submitted_at: Option<i64>,
    pub(crate) decided_at: Option<i64>,
    pub(crate) overdue: i64,
    /// The earliest last day of the case's running deadlines, `YYYY-MM-DD`.
    pub(crate) next_due: Option<String>,
}

type CaseTuple = (
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    Option<String>,
    i64,
    Option<i64>,
    Option<i64>,
    i64,
    Option<String>,
);

const CASE_COLUMNS: &str = "id, number, service, applicant_id, applicant_org_id, body_org_id, state, lang, data, \
                            assigned_to, created_at, submitted_at, decided_at, overdue, \
                            (SELECT MIN(d.due_on) FROM case_deadlines d WHERE d.case_id = cases.id \
                            AND d.status = 'open') AS next_due";

fn case_from(row: CaseTuple) -> CaseRow {
    let (
        id,
        number,
        service,
        applicant_id,
        applicant_org_id,
        body_org_id,
        state,
        lang,
        data,
        assigned_to,
        created_at,
        submitted_at,
        decided_at,
        overdue,
        next_due,
    ) = row;
    CaseRow {
        id,
        number,
        service,
        applicant_id,
        applicant_org_id,
        body_org_id,
        state,
        lang,
        data,
        assigned_to,
        created_at,
        submitted_at,
        decided_at,
        overdue,
        next_due,
    }
}

pub(crate) struct NewCase<'a> {
    pub(crate) id: &'a str,
    pub(crate) service: &'a str,
    pub(crate) applicant_id: &'a str,
    pub(crate) applicant_org_id: Option<&'a str>,
    pub(crate) body_org_id: &'a str,
    pub(crate) lang: &'a str,
    pub(crate) data: &'a str,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert_draft(tx: &mut Tx, case: &NewCase<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO cases (id, service, applicant_id, applicant_org_id, body_org_id, state, lang, data, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $8)",
        ))
        .bind(case.id)
        .bind(case.service)
        .bind(case.applicant_id)
        .bind(case.applicant_org_id)
        .bind(case.body_org_id)
        .bind(case.lang)
        .bind(case.data)
        .bind(case.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn update_draft(
    tx: &mut Tx,
    id: &str,
    data: &str,
    lang: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE cases SET data = $2, lang = $3, updated_at = $4 WHERE id = $1 AND state = 'draft'"))
            .bind(id)
            .bind(data)
            .bind(lang)
            .bind(now.as_micros())
            .execute(&mut *conn)
            .await?
            .rows_affected()
    });
    Ok(changed == 1)
}

/// Sends a draft to another body (an application routed by the act it cites).
pub(crate) async fn set_body(tx: &mut Tx, id: &str, body_org_id: &str) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE cases SET body_org_id = $2 WHERE id = $1 AND state = 'draft'"))
            .bind(id)
            .bind(body_org_id)
            .execute(&mut *conn)
            .await?;
    });
    Ok(())
}

/// Turns a draft into a registered case; false when it is no longer a draft.
pub(crate) async fn register(
    tx: &mut Tx,
    id: &str,
    number: &str,
    state: &str,
    idempotency_key: Option<&str>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE cases SET number = $2, state = $3, idempotency_key = $4, submitted_at = $5, updated_at = $5 \
             WHERE id = $1 AND state = 'draft'",
        ))
        .bind(id)
        .bind(number)
        .bind(state)
        .bind(idempotency_key)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

pub(crate) async fn next_number(tx: &mut Tx, prefix: &str, year: i64) -> Result<i64, StoreError> {
    let last: i64 = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("INSERT INTO case_counters (prefix, year, last) VALUES ($1, $2, 1) \
             ON CONFLICT (prefix, year) DO UPDATE SET last = case_counters.last + 1 RETURNING last"))
        .bind(prefix)
        .bind(year)
        .fetch_one(&mut *conn)
        .await?
    });
    Ok(last)
}

pub(crate) async fn case_by_id(tx: &mut Tx, id: &str) -> Result<Option<CaseRow>, StoreError> {
    let statement = format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1");
    let row: Option<CaseTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?
    });
    Ok(row.map(case_from))
}

pub(crate) async fn case_by_key(tx: &mut Tx, applicant_id: &str, key: &str) -> Result<Option<CaseRow>, StoreError> {
    let statement = format!("SELECT {CASE_COLUMNS} FROM cases WHERE applicant_id = $1 AND idempotency_key = $2");
    let row: Option<CaseTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(applicant_id).bind(key).fetch_optional(&mut *conn).await?
    });
    Ok(row.map(case_from))
}

pub(crate) async fn cases_of_applicant(tx: &mut Tx, applicant_id: &str) -> Result<Vec<CaseRow>, StoreError> {
    let statement =
        format!("SELECT {CASE_COLUMNS} FROM cases WHERE applicant_id = $1 ORDER BY created_at DESC, id DESC LIMIT 500");
    let rows: Vec<CaseTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(applicant_id).fetch_all(&mut *conn).await?
    });
    Ok(rows.into_iter().map(case_from).collect())
}

pub(crate) async fn count_cases_of_applicant(tx: &mut Tx, applicant_id: &str) -> Result<i64, StoreError> {
    let count: i64 = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT COUNT(*) FROM cases WHERE applicant_id = $1"))
            .bind(applicant_id)
            .fetch_one(&mut *conn)
            .await?
    });
    Ok(count)
}

pub(crate) async fn cases_of_body(
    tx: &mut Tx,
    body_org_id: &str,
    clearance: Clearance,
) -> Result<Vec<CaseRow>, StoreError> {
    let statement = format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE body_org_id = $1 AND number IS NOT NULL AND {} \
         ORDER BY submitted_at DESC LIMIT 2000",
        clearance.user_visible("cases.applicant_id")
    );
    let rows: Vec<CaseTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(body_org_id).fetch_all(&mut *conn).await?
    });
    Ok(rows.into_iter().map(case_from).collect())
}

pub(crate) async fn registered_cases(tx: &mut Tx, clearance: Clearance) -> Result<Vec<CaseRow>, StoreError> {
    let statement = format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE number IS NOT NULL AND {}",
        clearance.user_visible("cases.applicant_id")
    );
    let rows: Vec<CaseTuple> =
        on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).fetch_all(&mut *conn).await?);
    Ok(rows.into_iter().map(case_from).collect())
}

/// Moves a case from `from` to `to`; false when another change came first.
pub(crate) async fn move_state(
    tx: &mut Tx,
    id: &str,
    from: &str,
    to: &str,
    decided: bool,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE cases SET state = $3, updated_at = $4, decided_at = CASE WHEN $5 = 1 THEN COALESCE(decided_at, $4) ELSE decided_at END \
             WHERE id = $1 AND state = $2",
        ))
        .bind(id)
        .bind(from)
        .bind(to)
        .bind(now.as_micros())
        .bind(i64::from(decided))
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

pub(crate) async fn set_overdue(tx: &mut Tx, id: &str) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE cases SET overdue = 1 WHERE id = $1")).bind(id).execute(&mut *conn).await?;
    });
    Ok(())
}

pub(crate) async fn assign(tx: &mut Tx, id: &str, assignee: Option<&str>, now: Timestamp) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE cases SET assigned_to = $2, updated_at = $3 WHERE id = $1"))
            .bind(id)
            .bind(assignee)
            .bind(now.as_micros())
            .execute(&mut *conn)
            .await?;
    });
    Ok(())
}

pub(crate) struct NewEvent<'a> {
    pub(crate) case_id: &'a str,
    pub(crate) at: Timestamp,
    pub(crate) kind: &'a str,
    pub(crate) from_state: Option<&'a str>,
    pub(crate) to_state: Option<&'a str>,
    pub(crate) actor_id: Option<&'a str>,
    pub(crate) actor_org_id: Option<&'a str>,
    pub(crate) note: Option<&'a str>,
}

pub(crate) async fn insert_event(tx: &mut Tx, event: &NewEvent<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO case_events (case_id, at, kind, from_state, to_state, actor_id, actor_org_id, note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        ))
        .bind(event.case_id)
        .bind(event.at.as_micros())
        .bind(event.kind)
        .bind(event.from_state)
        .bind(event.to_state)
        .bind(event.actor_id)
        .bind(event.actor_org_id)
        .bind(event.note)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// An event with the names of who acted and for which body.
pub(crate) type EventRow = (
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub(crate) async fn events(tx: &mut Tx, case_id: &str) -> Result<Vec<EventRow>, StoreError> {
    let rows: Vec<EventRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT e.at, e.kind, e.from_state, e.to_state, e.note, u.full_name, o.name_az, o.name_en, o.name_ru, \
             e.actor_id FROM case_events e LEFT JOIN users u ON u.id = e.actor_id \
             LEFT JOIN organizations o ON o.id = e.actor_org_id WHERE e.case_id = $1 ORDER BY e.id",
        ))
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows)
}

/// A deadline as stored: name, started, due, status, paused on.
pub(crate) type DeadlineRow = (String, String, String, String, Option<String>);

pub(crate) async fn deadlines(tx: &mut Tx, case_id: &str) -> Result<Vec<DeadlineRow>, StoreError> {
    let rows: Vec<DeadlineRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT name, started_on, due_on, status, paused_on FROM case_deadlines WHERE case_id = $1 \
             ORDER BY started_on, name",
        ))
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows)
}

pub(crate) async fn upsert_deadline(
    tx: &mut Tx,
    case_id: &str,
    name: &str,
    started_on: &str,
    due_on: &str,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO case_deadlines (case_id, name, started_on, due_on, status) VALUES ($1, $2, $3, $4, 'open') \
             ON CONFLICT (case_id, name) DO UPDATE SET started_on = $3, due_on = $4, status = 'open', \
             paused_on = NULL, closed_at = NULL",
        ))
        .bind(case_id)
        .bind(name)
        .bind(started_on)
        .bind(due_on)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn set_deadline(
    tx: &mut Tx,
    case_id: &str,
    name: &str,
    status: &str,
    due_on: Option<&str>,
    paused_on: Option<&str>,
    closed_at: Option<Timestamp>,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE case_deadlines SET status = $3, due_on = COALESCE($4, due_on), paused_on = $5, closed_at = $6 \
             WHERE case_id = $1 AND name = $2",
        ))
        .bind(case_id)
        .bind(name)
        .bind(status)
        .bind(due_on)
        .bind(paused_on)
        .bind(closed_at.map(Timestamp::as_micros))
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// Claims one open deadline that ended before `today` (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so
/// that several instances never handle the same one).
pub(crate) async fn claim_expired(tx: &mut Tx, today: &str) -> Result<Option<(String, String)>, StoreError> {
    let lock = if tx.backend() == Backend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    let statement = format!(
        "SELECT case_id, name FROM case_deadlines WHERE status = 'open' AND due_on < $1 \
         ORDER BY due_on, case_id, name LIMIT 1{lock}"
    );
    let row: Option<(String, String)> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(today).fetch_optional(&mut *conn).await?
    });
    Ok(row)
}

/// A stored document version: slot, version, SHA-256, file name, content type, size, when, by.
pub(crate) type DocumentRow = (String, i64, String, String, String, i64, i64, String);

pub(crate) async fn documents(tx: &mut Tx, case_id: &str) -> Result<Vec<DocumentRow>, StoreError> {
    let rows: Vec<DocumentRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT slot, version, sha256, file_name, content_type, size, uploaded_at, uploaded_by \
             FROM case_documents WHERE case_id = $1 ORDER BY slot, version"))
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows)
}

pub(crate) struct NewDocument<'a> {
    pub(crate) id: &'a str,
    pub(crate) case_id: &'a str,
    pub(crate) slot: &'a str,
    pub(crate) sha256: &'a str,
    pub(crate) file_name: &'a str,
    pub(crate) content_type: &'a str,
    pub(crate) content: &'a [u8],
    pub(crate) uploaded_by: &'a str,
    pub(crate) now: Timestamp,
}

/// Stores the bytes once by their hash and adds the next version of the slot.
pub(crate) async fn insert_document(tx: &mut Tx, document: &NewDocument<'_>) -> Result<i64, StoreError> {
    let size = i64::try_from(document.content.len()).unwrap_or(i64::MAX);
    let version: i64 = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO blobs (sha256, size, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING",
        ))
        .bind(document.sha256)
        .bind(size)
        .bind(document.content)
        .execute(&mut *conn)
        .await?;
        let version: i64 = sqlx::query_scalar(&sql(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM case_documents WHERE case_id = $1 AND slot = $2",
        ))
        .bind(document.case_id)
        .bind(document.slot)
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(&sql(
            "INSERT INTO case_documents (id, case_id, slot, version, sha256, file_name, content_type, size, \
             uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        ))
        .bind(document.id)
        .bind(document.case_id)
        .bind(document.slot)
        .bind(version)
        .bind(document.sha256)
        .bind(document.file_name)
        .bind(document.content_type)
        .bind(size)
        .bind(document.now.as_micros())
        .bind(document.uploaded_by)
        .execute(&mut *conn)
        .await?;
        version
    });
    Ok(version)
}

/// The bytes and type of one version of a case's document.
pub(crate) async fn document_content(
    tx: &mut Tx,
    case_id: &str,
    slot: &str,
    version: i64,
) -> Result<Option<(String, String, Vec<u8>)>, StoreError> {
    let row: Option<(String, String, Vec<u8>)> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT d.file_name, d.content_type, b.content FROM case_documents d JOIN blobs b ON b.sha256 = d.sha256 \
             WHERE d.case_id = $1 AND d.slot = $2 AND d.version = $3",
        ))
        .bind(case_id)
        .bind(slot)
        .bind(version)
        .fetch_optional(&mut *conn)
        .await?
    });
    Ok(row)
}

/// Asks a body for its opinion on a case (again, if it was asked before).
pub(crate) async fn ask_opinion(
    tx: &mut Tx,
    case_id: &str,
    body_org_id: &str,
    role: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO case_opinions (case_id, body_org_id, role, status, requested_at) \
             VALUES ($1, $2, $3, 'pending', $4) ON CONFLICT (case_id, body_org_id) DO UPDATE SET role = $3, \
             status = 'pending', requested_at = $4, answer = NULL, answered_by = NULL, answered_at = NULL"))
        .bind(case_id)
        .bind(body_org_id)
        .bind(role)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// Records a body's answer; false when it was not waiting for one.
pub(crate) async fn answer_opinion(
    tx: &mut Tx,
    case_id: &str,
    body_org_id: &str,
    status: &str,
    answer: &str,
    by: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE case_opinions SET status = $3, answer = $4, answered_by = $5, answered_at = $6 \
             WHERE case_id = $1 AND body_org_id = $2 AND status = 'pending'"))
        .bind(case_id)
        .bind(body_org_id)
        .bind(status)
        .bind(answer)
        .bind(by)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

/// An opinion as stored: body id, body names (az, en, ru), role, status, answer, answered at.
pub(crate) type OpinionRow = (String, String, String, String, String, String, Option<String>, Option<i64>);

pub(crate) async fn opinions(tx: &mut Tx, case_id: &str) -> Result<Vec<OpinionRow>, StoreError> {
    let rows: Vec<OpinionRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT p.body_org_id, o.name_az, o.name_en, o.name_ru, p.role, p.status, p.answer, p.answered_at \
             FROM case_opinions p JOIN organizations o ON o.id = p.body_org_id WHERE p.case_id = $1 \
             ORDER BY o.code",
        ))
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows)
}

/// The cases on which a body's opinion is awaited.
pub(crate) async fn awaited_by(
    tx: &mut Tx,
    body_org_id: &str,
    clearance: Clearance,
) -> Result<Vec<CaseRow>, StoreError> {
    let statement = format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE id IN (SELECT case_id FROM case_opinions WHERE body_org_id = $1 \
         AND status = 'pending') AND {} ORDER BY submitted_at",
        clearance.user_visible("cases.applicant_id")
    );
    let rows: Vec<CaseTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(body_org_id).fetch_all(&mut *conn).await?
    });
    Ok(rows.into_iter().map(case_from).collect())
}

/// An issued document as stored.
#[derive(Clone, Debug)]
pub(crate) struct IssuedRow {
    pub(crate) id: String,
    pub(crate) code: String,
    pub(crate) case_id: String,
    pub(crate) template: String,
    pub(crate) transition: String,
    pub(crate) reason: Option<String>,
    pub(crate) lang: String,
    pub(crate) title: String,
    pub(crate) sha256: String,
    pub(crate) status: String,
    pub(crate) prepared_by: String,
    pub(crate) prepared_at: i64,
    pub(crate) signer_name: Option<String>,
    pub(crate) certificate_serial: Option<String>,
    pub(crate) signed_at: Option<i64>,
    pub(crate) status_reason: Option<String>,
    pub(crate) status_changed_at: Option<i64>,
    pub(crate) signature_request: Option<String>,
}

/// Reads an [`IssuedRow`] from a row of either backend (more columns than a tuple can take).
macro_rules! issued_row {
    ($row:expr) => {{
        use sqlx::Row as _;
        let row = $row;
        IssuedRow {
            id: row.try_get(0)?,
            code: row.try_get(1)?,
            case_id: row.try_get(2)?,
            template: row.try_get(3)?,
            transition: row.try_get(4)?,
            reason: row.try_get(5)?,
            lang: row.try_get(6)?,
            title: row.try_get(7)?,
            sha256: row.try_get(8)?,
            status: row.try_get(9)?,
            prepared_by: row.try_get(10)?,
            prepared_at: row.try_get(11)?,
            signer_name: row.try_get(12)?,
            certificate_serial: row.try_get(13)?,
            signed_at: row.try_get(14)?,
            status_reason: row.try_get(15)?,
            status_changed_at: row.try_get(16)?,
            signature_request: row.try_get(17)?,
        }
    }};
}

const ISSUED_COLUMNS: &str = "id, code, case_id, template, transition, reason, lang, title, sha256, status, prepared_by, \
     prepared_at, signer_name, certificate_serial, signed_at, status_reason, status_changed_at, signature_request";

pub(crate) struct NewIssued<'a> {
    pub(crate) id: &'a str,
    pub(crate) code: &'a str,
    pub(crate) case_id: &'a str,
    pub(crate) template: &'a str,
    pub(crate) transition: &'a str,
    pub(crate) reason: Option<&'a str>,
    pub(crate) lang: &'a str,
    pub(crate) title: &'a str,
    pub(crate) sha256: &'a str,
    pub(crate) pdf: &'a [u8],
    pub(crate) prepared_by: &'a str,
    pub(crate) now: Timestamp,
}

/// Stores a prepared document; `false` when the case already has one awaiting its signature
/// or the code is taken.
pub(crate) async fn insert_issued(tx: &mut Tx, document: &NewIssued<'_>) -> Result<bool, StoreError> {
    let size = i64::try_from(document.pdf.len()).unwrap_or(i64::MAX);
    let inserted = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO blobs (sha256, size, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING",
        ))
        .bind(document.sha256)
        .bind(size)
        .bind(document.pdf)
        .execute(&mut *conn)
        .await?;
        sqlx::query(&sql(
            "INSERT INTO issued_documents (id, code, case_id, template, transition, reason, lang, title, sha256, \
             status, prepared_by, prepared_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'awaiting_signature', \
             $10, $11) ON CONFLICT DO NOTHING",
        ))
        .bind(document.id)
        .bind(document.code)
        .bind(document.case_id)
        .bind(document.template)
        .bind(document.transition)
        .bind(document.reason)
        .bind(document.lang)
        .bind(document.title)
        .bind(document.sha256)
        .bind(document.prepared_by)
        .bind(document.now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(inserted == 1)
}

pub(crate) async fn issued_by_id(tx: &mut Tx, id: &str) -> Result<Option<IssuedRow>, StoreError> {
    let statement = format!("SELECT {ISSUED_COLUMNS} FROM issued_documents WHERE id = $1");
    Ok(on_conn!(tx.conn(), |conn, sql| {
        match sqlx::query(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await? {
            Some(row) => Some(issued_row!(&row)),
            None => None,
        }
    }))
}

pub(crate) async fn issued_by_code(tx: &mut Tx, code: &str) -> Result<Option<IssuedRow>, StoreError> {
    let statement = format!("SELECT {ISSUED_COLUMNS} FROM issued_documents WHERE code = $1");
    Ok(on_conn!(tx.conn(), |conn, sql| {
        match sqlx::query(&sql(&statement)).bind(code).fetch_optional(&mut *conn).await? {
            Some(row) => Some(issued_row!(&row)),
            None => None,
        }
    }))
}

pub(crate) async fn issued_of_case(tx: &mut Tx, case_id: &str) -> Result<Vec<IssuedRow>, StoreError> {
    let statement =
        format!("SELECT {ISSUED_COLUMNS} FROM issued_documents WHERE case_id = $1 ORDER BY prepared_at, id");
    Ok(on_conn!(tx.conn(), |conn, sql| {
        let rows = sqlx::query(&sql(&statement)).bind(case_id).fetch_all(&mut *conn).await?;
        let mut issued = Vec::with_capacity(rows.len());
        for row in &rows {
            issued.push(issued_row!(row));
        }
        issued
    }))
}

/// The PDF, the signed attributes, the certificate and the signature of a document.
pub(crate) type IssuedBytes = (Vec<u8>, Option<Vec<u8>>, Option<Vec<u8>>, Option<Vec<u8>>);

pub(crate) async fn issued_bytes(tx: &mut Tx, id: &str) -> Result<Option<IssuedBytes>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT b.content, d.signed_attributes, d.certificate, d.signature FROM issued_documents d \
             JOIN blobs b ON b.sha256 = d.sha256 WHERE d.id = $1",
        ))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    }))
}

/// Keeps what was sent to the signature service; `false` unless the document awaits its signature.
pub(crate) async fn set_signing(
    tx: &mut Tx,
    id: &str,
    signed_attributes: &[u8],
    certificate: &[u8],
    request: Option<&str>,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE issued_documents SET signed_attributes = $2, certificate = $3, signature_request = $4 \
             WHERE id = $1 AND status = 'awaiting_signature'",
        ))
        .bind(id)
        .bind(signed_attributes)
        .bind(certificate)
        .bind(request)
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

pub(crate) struct Signed<'a> {
    pub(crate) id: &'a str,
    pub(crate) signature: &'a [u8],
    pub(crate) signer_name: &'a str,
    pub(crate) certificate_serial: &'a str,
    pub(crate) signed_at: Timestamp,
}

/// Records the signature; `false` unless the document was awaiting it (a second answer).
pub(crate) async fn set_signed(tx: &mut Tx, signed: &Signed<'_>) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE issued_documents SET status = 'valid', signature = $2, signer_name = $3, certificate_serial = $4, \
             signed_at = $5, status_changed_at = $5 WHERE id = $1 AND status = 'awaiting_signature'",
        ))
        .bind(signed.id)
        .bind(signed.signature)
        .bind(signed.signer_name)
        .bind(signed.certificate_serial)
        .bind(signed.signed_at.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

/// Moves a document from one status to another; `false` when it was not in `from`.
pub(crate) async fn set_issued_status(
    tx: &mut Tx,
    id: &str,
    from: &[&str],
    to: &str,
    reason: Option<&str>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let mut changed = 0;
    for status in from {
        changed += on_conn!(tx.conn(), |conn, sql| {
            sqlx::query(&sql("UPDATE issued_documents SET status = $3, status_reason = $4, status_changed_at = $5 \
                 WHERE id = $1 AND status = $2"))
            .bind(id)
            .bind(*status)
            .bind(to)
            .bind(reason)
            .bind(now.as_micros())
            .execute(&mut *conn)
            .await?
            .rows_affected()
        });
    }
    Ok(changed == 1)
}

/// Marks the case's earlier valid or suspended documents of a template superseded by a new one.
pub(crate) async fn supersede(
    tx: &mut Tx,
    case_id: &str,
    template: &str,
    except: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE issued_documents SET status = 'superseded', status_changed_at = $4 WHERE case_id = $1 \
             AND template = $2 AND id <> $3 AND status IN ('valid', 'suspended')",
        ))
        .bind(case_id)
        .bind(template)
        .bind(except)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

// The unified registry of licences and permits.

/// A registry entry as stored.
#[derive(Clone, Debug)]
pub(crate) struct EntryRow {
    pub(crate) id: String,
    pub(crate) number: String,
    pub(crate) seq: i64,
    pub(crate) body_org_id: String,
    pub(crate) service: String,
    pub(crate) case_id: String,
    pub(crate) holder_user_id: String,
    pub(crate) holder_name: String,
    pub(crate) holder_voen: Option<String>,
    pub(crate) address: Option<String>,
    pub(crate) status: String,
    pub(crate) document_id: Option<String>,
    pub(crate) issued_on: Option<String>,
    pub(crate) updated_at: i64,
    /// JSON object: field id to value (migration 0025).
    pub(crate) details: String,
}

type EntryTuple = (
    String,
    String,
    i64,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    i64,
    String,
);

/// The condition that a registry entry (table or alias `table`) is not held by a classified
/// individual (VEIS-1.10): one held without a legal entity's VÖEN by a person whose FİN is
/// classified. An entry held by a company names the company, not the person who applied for it.
pub(crate) fn entry_visible(clearance: Clearance, table: &str) -> String {
    if clearance.is_cleared() {
        return "1 = 1".to_owned();
    }
    // A VÖEN ending in 1 is a legal entity's; one ending in 2 an individual entrepreneur's.
    format!(
        "(({table}.holder_voen IS NOT NULL AND {table}.holder_voen NOT LIKE '%2') OR {})",
        clearance.user_visible(&format!("{table}.holder_user_id"))
    )
}

const ENTRY_COLUMNS: &str = "id, number, seq, body_org_id, service, case_id, holder_user_id, holder_name, holder_voen, \
                             address, status, document_id, issued_on, updated_at, details";

fn entry_from(row: EntryTuple) -> EntryRow {
    let (
        id,
        number,
        seq,
        body_org_id,
        service,
        case_id,
        holder_user_id,
        holder_name,
        holder_voen,
        address,
        status,
        document_id,
        issued_on,
        updated_at,
        details,
    ) = row;
    EntryRow {
        id,
        number,
        seq,
        body_org_id,
        service,
        case_id,
        holder_user_id,
        holder_name,
        holder_voen,
        address,
        status,
        document_id,
        issued_on,
        updated_at,
        details,
    }
}

/// The next number of a body's sequence; the counter row stays locked until the transaction ends,
/// so concurrent issuers take turns and a rolled-back reservation leaves no gap.
pub(crate) async fn next_registry_seq(tx: &mut Tx, body_org_id: &str, prefix: &str) -> Result<i64, StoreError> {
    let last: i64 = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("INSERT INTO registry_counters (body_org_id, prefix, last_value) VALUES ($1, $2, 1) \
             ON CONFLICT (body_org_id, prefix) DO UPDATE SET last_value = registry_counters.last_value + 1 \
             RETURNING last_value"))
        .bind(body_org_id)
        .bind(prefix)
        .fetch_one(&mut *conn)
        .await?
    });
    Ok(last)
}

pub(crate) struct NewEntry<'a> {
    pub(crate) id: &'a str,
    pub(crate) number: &'a str,
    pub(crate) seq: i64,
    pub(crate) body_org_id: &'a str,
    pub(crate) service: &'a str,
    pub(crate) case_id: &'a str,
    pub(crate) holder_user_id: &'a str,
    pub(crate) holder_name: &'a str,
    pub(crate) holder_voen: Option<&'a str>,
    pub(crate) address: Option<&'a str>,
    pub(crate) search_text: &'a str,
    pub(crate) details: &'a str,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert_entry(tx: &mut Tx, entry: &NewEntry<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO registry_entries (id, number, seq, body_org_id, service, case_id, holder_user_id, \
             holder_name, holder_voen, address, search_text, status, reserved_at, updated_at, details) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'reserved', $12, $12, $13)",
        ))
        .bind(entry.id)
        .bind(entry.number)
        .bind(entry.seq)
        .bind(entry.body_org_id)
        .bind(entry.service)
        .bind(entry.case_id)
        .bind(entry.holder_user_id)
        .bind(entry.holder_name)
        .bind(entry.holder_voen)
        .bind(entry.address)
        .bind(entry.search_text)
        .bind(entry.now.as_micros())
        .bind(entry.details)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn entry_by_case(tx: &mut Tx, case_id: &str) -> Result<Option<EntryRow>, StoreError> {
    let statement = format!("SELECT {ENTRY_COLUMNS} FROM registry_entries WHERE case_id = $1");
    let row: Option<EntryTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(case_id).fetch_optional(&mut *conn).await?
    });
    Ok(row.map(entry_from))
}

pub(crate) async fn entry_by_id(tx: &mut Tx, id: &str) -> Result<Option<EntryRow>, StoreError> {
    let statement = format!("SELECT {ENTRY_COLUMNS} FROM registry_entries WHERE id = $1");
    let row: Option<EntryTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?
    });
    Ok(row.map(entry_from))
}

/// Whether the entry is held by a classified individual the caller is not cleared for (see
/// [`entry_visible`]).
pub(crate) async fn entry_hidden(tx: &mut Tx, row: &EntryRow, clearance: Clearance) -> Result<bool, StoreError> {
    let legal_entity = row.holder_voen.as_deref().is_some_and(|voen| !voen.ends_with('2'));
    if clearance.is_cleared() || legal_entity {
        return Ok(false);
    }
    pencere_store::classified::is_classified_user(tx, &row.holder_user_id).await
}

pub(crate) async fn entry_by_number(tx: &mut Tx, number: &str) -> Result<Option<EntryRow>, StoreError> {
    let statement = format!("SELECT {ENTRY_COLUMNS} FROM registry_entries WHERE number = $1");
    let row: Option<EntryTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(number).fetch_optional(&mut *conn).await?
    });
    Ok(row.map(entry_from))
}

/// Moves an entry from one of `from` to `to`; `false` when it was in none of them.
pub(crate) async fn set_entry_status(
    tx: &mut Tx,
    id: &str,
    from: &[&str],
    to: &str,
    issued: Option<(&str, &str)>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let mut changed = 0;
    for status in from {
        changed += on_conn!(tx.conn(), |conn, sql| {
            sqlx::query(&sql("UPDATE registry_entries SET status = $3, updated_at = $4, \
                 document_id = COALESCE($5, document_id), issued_on = COALESCE($6, issued_on) \
                 WHERE id = $1 AND status = $2"))
            .bind(id)
            .bind(*status)
            .bind(to)
            .bind(now.as_micros())
            .bind(issued.map(|(document, _)| document))
            .bind(issued.map(|(_, on)| on))
            .execute(&mut *conn)
            .await?
            .rows_affected()
        });
    }
    Ok(changed == 1)
}

/// Writes a re-issued licence's holder data into its entry.
pub(crate) async fn set_entry_holder(tx: &mut Tx, entry: &EntryRow, search_text: &str) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE registry_entries SET holder_name = $2, holder_voen = $3, address = $4, \
             search_text = $5, details = $6 WHERE id = $1"))
        .bind(&entry.id)
        .bind(&entry.holder_name)
        .bind(entry.holder_voen.as_deref())
        .bind(entry.address.as_deref())
        .bind(search_text)
        .bind(&entry.details)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// What the public search asks; every part optional.
#[derive(Clone, Debug, Default)]
pub(crate) struct EntryFilter<'a> {
    pub(crate) text: Option<&'a str>,
    pub(crate) service: Option<&'a str>,
    pub(crate) body_org_id: Option<&'a str>,
    pub(crate) status: Option<&'a str>,
    pub(crate) issued_from: Option<&'a str>,
    pub(crate) issued_to: Option<&'a str>,
    pub(crate) limit: i64,
    pub(crate) clearance: Clearance,
}

/// Public entries (never reserved ones) matching the filter, the newest first.
pub(crate) async fn search_entries(tx: &mut Tx, filter: &EntryFilter<'_>) -> Result<Vec<EntryRow>, StoreError> {
    // A whole VÖEN or licence number is looked up by its own index rather than matched as a
    // fragment of every entry's text (what it finds is the same: the text holds both).
    let text = filter.text.map(str::trim).filter(|text| !text.is_empty());
    let voen = text.filter(|text| text.parse::<pencere_core::Voen>().is_ok());
    let number = text.map(str::to_uppercase).filter(|text| is_whole_number(text));
    let fragment = text.filter(|_| voen.is_none() && number.is_none()).map(str::to_lowercase);
    let pattern = fragment.as_deref().map(|text| {
        let escaped: String =
            text.chars().flat_map(|c| if matches!(c, '%' | '_' | '\\') { vec!['\\', c] } else { vec![c] }).collect();
        format!("%{escaped}%")
    });
    // A fragment held by few entries is found through SQLite's trigram index (migration 0029);
    // one held by many, by walking the listing order until the page is full, which stops early
    // exactly when the trigram index would hand over many rows to sort.
    let trigram = match fragment.as_deref() {
        Some(text) if tx.backend() == Backend::Sqlite => few_hold_fragment(tx, text).await?,
        _ => None,
    };
    let fragment_condition = if trigram.is_some() {
        "rowid IN (SELECT rowid FROM registry_entries_search WHERE search_text LIKE {})"
    } else {
        "search_text LIKE {} ESCAPE '\\'"
    };
    let pattern = trigram.or(pattern);
    // Only the conditions given are written, each with its own placeholder: `$n IS NULL OR …`
    // would keep the planner from the index each condition has.
    let conditions: [(&str, Option<&str>); 8] = [
        (fragment_condition, pattern.as_deref()),
        ("service = {}", filter.service),
        ("body_org_id = {}", filter.body_org_id),
        ("status = {}", filter.status),
        ("issued_on >= {}", filter.issued_from),
        ("issued_on <= {}", filter.issued_to),
        ("holder_voen = {}", voen),
        ("number = {}", number.as_deref()),
    ];
    let mut statement = format!(
        "SELECT {ENTRY_COLUMNS} FROM registry_entries WHERE status <> 'reserved' AND {}",
        entry_visible(filter.clearance, "registry_entries")
    );
    let mut values = Vec::new();
    for (condition, value) in conditions {
        if let Some(value) = value {
            values.push(value);
            statement.push_str(" AND ");
            statement.push_str(&condition.replace("{}", &format!("${}", values.len())));
        }
    }
    statement.push_str(&format!(" ORDER BY issued_on DESC, number DESC LIMIT ${}", values.len() + 1));
    let rows: Vec<EntryTuple> = on_conn!(tx.conn(), |conn, sql| {
        let text = sql(&statement);
        let mut query = sqlx::query_as(&text);
        for value in &values {
            query = query.bind(*value);
        }
        query.bind(filter.limit).fetch_all(&mut *conn).await?
    });
    Ok(rows.into_iter().map(entry_from).collect())
}

/// On SQLite: the trigram index's pattern for a fragment when at most `2·√entries` entries hold
/// it. Walking the listing order's index visits about `100·entries / holders` of its entries to
/// fill a page of 100 (about 0.25 µs each), the trigram index `holders` rows, each read from the
/// table and sorted (about 7 µs each, measured at 200,000 entries); the bound is where the two
/// costs meet. `None` for fragments the trigram index cannot answer (under three characters, or
/// with `%`, `_` or `\`).
async fn few_hold_fragment(tx: &mut Tx, fragment: &str) -> Result<Option<String>, StoreError> {
    if fragment.chars().count() < 3 || fragment.contains(['%', '_', '\\']) {
        return Ok(None);
    }
    let pattern = format!("%{fragment}%");
    let holders: i64 = on_conn!(tx.conn(), |conn, _sql| {
        // The largest rowid estimates the entries without counting them.
        let entries: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(rowid), 0) FROM registry_entries").fetch_one(&mut *conn).await?;
        let bound = (2.0 * (entries as f64).sqrt()).max(200.0) as i64;
        let found: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT rowid FROM registry_entries_search WHERE search_text LIKE ?1 LIMIT ?2)",
        )
        .bind(&pattern)
        .bind(bound + 1)
        .fetch_one(&mut *conn)
        .await?;
        if found > bound { -1 } else { found }
    });
    Ok((holders >= 0).then_some(pattern))
}

/// Whether the text is a whole licence number (`PREFIX-BODY-000123`, see
/// `registry::licence_number`), upper-cased.
fn is_whole_number(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 3
        && parts[..2].iter().all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
        && parts[2].len() >= 6
        && parts[2].chars().all(|c| c.is_ascii_digit())
}

/// The numbers a body has issued under a prefix, in order (to check that none is missing).
pub(crate) async fn entry_seqs(tx: &mut Tx, body_org_id: &str, prefix: &str) -> Result<Vec<i64>, StoreError> {
    let pattern = format!("{prefix}-%");
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT seq FROM registry_entries WHERE body_org_id = $1 AND number LIKE $2 \
             ORDER BY seq"))
        .bind(body_org_id)
        .bind(&pattern)
        .fetch_all(&mut *conn)
        .await?
    }))
}

pub(crate) struct NewRegistryEvent<'a> {
    pub(crate) id: &'a str,
    pub(crate) entry_id: &'a str,
    pub(crate) at: Timestamp,
    pub(crate) kind: &'a str,
    pub(crate) document_id: Option<&'a str>,
    pub(crate) reason: Option<&'a str>,
    pub(crate) actor_id: Option<&'a str>,
}

pub(crate) async fn insert_registry_event(tx: &mut Tx, event: &NewRegistryEvent<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO registry_events (id, entry_id, at, kind, document_id, reason, actor_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)"))
        .bind(event.id)
        .bind(event.entry_id)
        .bind(event.at.as_micros())
        .bind(event.kind)
        .bind(event.document_id)
        .bind(event.reason)
        .bind(event.actor_id)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// An entry's events: time, kind, reason and the act's verification code.
pub(crate) type RegistryEventRow = (i64, String, Option<String>, Option<String>);

pub(crate) async fn registry_events(tx: &mut Tx, entry_id: &str) -> Result<Vec<RegistryEventRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT e.at, e.kind, e.reason, d.code FROM registry_events e \
             LEFT JOIN issued_documents d ON d.id = e.document_id WHERE e.entry_id = $1 ORDER BY e.at, e.id"))
        .bind(entry_id)
        .fetch_all(&mut *conn)
        .await?
    }))
}

pub(crate) async fn insert_feed(
    tx: &mut Tx,
    recipient_org_id: &str,
    event_id: &str,
    payload: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO registry_feed (recipient_org_id, event_id, payload, at) VALUES ($1, $2, $3, $4)",
        ))
        .bind(recipient_org_id)
        .bind(event_id)
        .bind(payload)
        .bind(at.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// A recipient's feed after a sequence number: sequence, time, payload.
pub(crate) async fn feed(
    tx: &mut Tx,
    recipient_org_id: &str,
    after: i64,
    limit: i64,
    clearance: Clearance,
) -> Result<Vec<(i64, i64, String)>, StoreError> {
    let statement = format!(
        "SELECT f.seq, f.at, f.payload FROM registry_feed f JOIN registry_events ev ON ev.id = f.event_id \
         JOIN registry_entries e ON e.id = ev.entry_id WHERE f.recipient_org_id = $1 AND f.seq > $2 AND {} \
         ORDER BY f.seq LIMIT $3",
        entry_visible(clearance, "e")
    );
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(recipient_org_id).bind(after).bind(limit).fetch_all(&mut *conn).await?
    }))
}

/// A supervisory body's motion as stored.
pub(crate) type MotionRow = (String, String, String, String, String, String, String, Option<String>, i64, Option<i64>);

const MOTION_COLUMNS: &str =
    "id, entry_id, from_org_id, filed_by, action, reason, status, answer, filed_at, answered_at";

pub(crate) struct NewMotion<'a> {
    pub(crate) id: &'a str,
    pub(crate) entry_id: &'a str,
    pub(crate) from_org_id: &'a str,
    pub(crate) filed_by: &'a str,
    pub(crate) action: &'a str,
    pub(crate) reason: &'a str,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert_motion(tx: &mut Tx, motion: &NewMotion<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO supervisory_motions (id, entry_id, from_org_id, filed_by, action, reason, \
             status, filed_at) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)"))
        .bind(motion.id)
        .bind(motion.entry_id)
        .bind(motion.from_org_id)
        .bind(motion.filed_by)
        .bind(motion.action)
        .bind(motion.reason)
        .bind(motion.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn motion_by_id(tx: &mut Tx, id: &str) -> Result<Option<MotionRow>, StoreError> {
    let statement = format!("SELECT {MOTION_COLUMNS} FROM supervisory_motions WHERE id = $1");
    Ok(on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?))
}

pub(crate) async fn motions_of_entry(tx: &mut Tx, entry_id: &str) -> Result<Vec<MotionRow>, StoreError> {
    let statement =
        format!("SELECT {MOTION_COLUMNS} FROM supervisory_motions WHERE entry_id = $1 ORDER BY filed_at, id");
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(entry_id).fetch_all(&mut *conn).await?
    }))
}

/// A motion's columns, then its entry's number and case.
type OpenMotionTuple =
    (String, String, String, String, String, String, String, Option<String>, i64, Option<i64>, String, String);

/// The open motions on the licences a body issued, the oldest first, with the entry's number.
pub(crate) async fn open_motions_of_body(
    tx: &mut Tx,
    body_org_id: &str,
    clearance: Clearance,
) -> Result<Vec<(MotionRow, String, String)>, StoreError> {
    let statement = format!(
        "SELECT m.id, m.entry_id, m.from_org_id, m.filed_by, m.action, m.reason, m.status, \
         m.answer, m.filed_at, m.answered_at, e.number, e.case_id FROM supervisory_motions m \
         JOIN registry_entries e ON e.id = m.entry_id WHERE e.body_org_id = $1 AND m.status = 'open' AND {} \
         ORDER BY m.filed_at, m.id",
        entry_visible(clearance, "e")
    );
    let rows: Vec<OpenMotionTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(body_org_id).fetch_all(&mut *conn).await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, entry, from, by, action, reason, status, answer, filed, answered, number, case)| {
            ((id, entry, from, by, action, reason, status, answer, filed, answered), number, case)
        })
        .collect())
}

/// Answers an open motion; `false` when it was not open.
pub(crate) async fn answer_motion(
    tx: &mut Tx,
    id: &str,
    status: &str,
    answer: Option<&str>,
    by: Option<&str>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE supervisory_motions SET status = $2, answer = $3, answered_by = $4, answered_at = $5 \
             WHERE id = $1 AND status = 'open'",
        ))
        .bind(id)
        .bind(status)
        .bind(answer)
        .bind(by)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

/// A verification query as stored, with the asked body's names.
#[derive(Clone, Debug)]
pub(crate) struct QueryRow {
    pub(crate) id: String,
    pub(crate) case_id: String,
    pub(crate) body_org_id: String,
    pub(crate) body: [String; 3],
    pub(crate) slot: Option<String>,
    pub(crate) question: String,
    pub(crate) asked_at: i64,
    pub(crate) status: String,
    pub(crate) answer: Option<String>,
    pub(crate) answered_at: Option<i64>,
    pub(crate) asked_by: String,
}

type QueryTuple = (
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    i64,
    String,
    Option<String>,
    Option<i64>,
    String,
);

const QUERY_COLUMNS: &str = "q.id, q.case_id, q.body_org_id, o.name_az, o.name_en, o.name_ru, q.slot, q.question, \
                             q.asked_at, q.status, q.answer, q.answered_at, q.asked_by FROM case_queries q \
                             JOIN organizations o ON o.id = q.body_org_id";

fn query_from(row: QueryTuple) -> QueryRow {
    let (id, case_id, body_org_id, az, en, ru, slot, question, asked_at, status, answer, answered_at, asked_by) = row;
    QueryRow {
        id,
        case_id,
        body_org_id,
        body: [az, en, ru],
        slot,
        question,
        asked_at,
        status,
        answer,
        answered_at,
        asked_by,
    }
}

pub(crate) struct NewQuery<'a> {
    pub(crate) id: &'a str,
    pub(crate) case_id: &'a str,
    pub(crate) body_org_id: &'a str,
    pub(crate) slot: Option<&'a str>,
    pub(crate) question: &'a str,
    pub(crate) asked_by: &'a str,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert_query(tx: &mut Tx, query: &NewQuery<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO case_queries (id, case_id, body_org_id, slot, question, asked_by, asked_at, \
             status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')"))
        .bind(query.id)
        .bind(query.case_id)
        .bind(query.body_org_id)
        .bind(query.slot)
        .bind(query.question)
        .bind(query.asked_by)
        .bind(query.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn query_by_id(tx: &mut Tx, id: &str) -> Result<Option<QueryRow>, StoreError> {
    let statement = format!("SELECT {QUERY_COLUMNS} WHERE q.id = $1");
    let row: Option<QueryTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?
    });
    Ok(row.map(query_from))
}

pub(crate) async fn queries_of_case(tx: &mut Tx, case_id: &str) -> Result<Vec<QueryRow>, StoreError> {
    let statement = format!("SELECT {QUERY_COLUMNS} WHERE q.case_id = $1 ORDER BY q.asked_at, q.id");
    let rows: Vec<QueryTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(case_id).fetch_all(&mut *conn).await?
    });
    Ok(rows.into_iter().map(query_from).collect())
}

/// Records the answer; false when the query was not pending.
pub(crate) async fn answer_query(
    tx: &mut Tx,
    id: &str,
    answer: &str,
    by: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE case_queries SET status = 'answered', answer = $2, answered_by = $3, \
             answered_at = $4 WHERE id = $1 AND status = 'pending'"))
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

/// The cases on which a body has verification queries to answer, oldest query first.
pub(crate) async fn queried_of(
    tx: &mut Tx,
    body_org_id: &str,
    clearance: Clearance,
) -> Result<Vec<CaseRow>, StoreError> {
    let statement = format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE id IN (SELECT case_id FROM case_queries WHERE body_org_id = $1 \
         AND status = 'pending') AND {} ORDER BY submitted_at",
        clearance.user_visible("cases.applicant_id")
    );
    let rows: Vec<CaseTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(body_org_id).fetch_all(&mut *conn).await?
    });
    Ok(rows.into_iter().map(case_from).collect())
}

/// Whether a body has a verification query on a case still to answer (once it has answered,
/// the case is no longer its to read).
pub(crate) async fn was_queried(tx: &mut Tx, case_id: &str, body_org_id: &str) -> Result<bool, StoreError> {
    let found: Option<(String,)> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT id FROM case_queries WHERE case_id = $1 AND body_org_id = $2 \
             AND status = 'pending' LIMIT 1"))
        .bind(case_id)
        .bind(body_org_id)
        .fetch_optional(&mut *conn)
        .await?
    });
    Ok(found.is_some())
}

/// The officials of a body who hold a role of a system there (id, e-mail, mobile number).
pub(crate) async fn body_officials(
    tx: &mut Tx,
    org_id: &str,
    system: &str,
) -> Result<Vec<(String, Option<String>, Option<String>)>, StoreError> {
    let pattern = format!("{system}.%");
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT DISTINCT u.id, u.email, u.phone FROM memberships m \
             JOIN users u ON u.id = m.user_id \
             WHERE m.organization_id = $1 AND m.revoked_at IS NULL AND m.role LIKE $2 ORDER BY u.id"))
        .bind(org_id)
        .bind(pattern)
        .fetch_all(&mut *conn)
        .await?
    }))
}

/// A request for a paper copy as stored, with the document's title.
#[derive(Clone, Debug)]
pub(crate) struct PaperRow {
    pub(crate) id: String,
    pub(crate) document_id: String,
    pub(crate) title: String,
    pub(crate) case_id: String,
    pub(crate) ground: String,
    pub(crate) note: Option<String>,
    pub(crate) requested_at: i64,
    pub(crate) status: String,
    pub(crate) handed_at: Option<i64>,
    pub(crate) handed_note: Option<String>,
}

type PaperTuple = (String, String, String, String, String, Option<String>, i64, String, Option<i64>, Option<String>);

const PAPER_COLUMNS: &str = "p.id, p.document_id, d.title, p.case_id, p.ground, p.note, p.requested_at, p.status, \
                             p.handed_at, p.handed_note FROM paper_copies p \
                             JOIN issued_documents d ON d.id = p.document_id";

fn paper_from(row: PaperTuple) -> PaperRow {
    let (id, document_id, title, case_id, ground, note, requested_at, status, handed_at, handed_note) = row;
    PaperRow { id, document_id, title, case_id, ground, note, requested_at, status, handed_at, handed_note }
}

pub(crate) struct NewPaper<'a> {
    pub(crate) id: &'a str,
    pub(crate) document_id: &'a str,
    pub(crate) case_id: &'a str,
    pub(crate) ground: &'a str,
    pub(crate) note: Option<&'a str>,
    pub(crate) requested_by: &'a str,
    pub(crate) now: Timestamp,
}

/// Records a request; false when one for the same document is already open.
pub(crate) async fn insert_paper(tx: &mut Tx, paper: &NewPaper<'_>) -> Result<bool, StoreError> {
    let inserted = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO paper_copies (id, document_id, case_id, ground, note, requested_by, \
             requested_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested') ON CONFLICT DO NOTHING"))
        .bind(paper.id)
        .bind(paper.document_id)
        .bind(paper.case_id)
        .bind(paper.ground)
        .bind(paper.note)
        .bind(paper.requested_by)
        .bind(paper.now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(inserted == 1)
}

pub(crate) async fn paper_by_id(tx: &mut Tx, id: &str) -> Result<Option<PaperRow>, StoreError> {
    let statement = format!("SELECT {PAPER_COLUMNS} WHERE p.id = $1");
    let row: Option<PaperTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?
    });
    Ok(row.map(paper_from))
}

pub(crate) async fn papers_of_case(tx: &mut Tx, case_id: &str) -> Result<Vec<PaperRow>, StoreError> {
    let statement = format!("SELECT {PAPER_COLUMNS} WHERE p.case_id = $1 ORDER BY p.requested_at, p.id");
    let rows: Vec<PaperTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(case_id).fetch_all(&mut *conn).await?
    });
    Ok(rows.into_iter().map(paper_from).collect())
}

/// The open requests for paper copies of a body's documents, oldest first, each with its case's
/// number and service.
pub(crate) async fn open_papers_of_body(
    tx: &mut Tx,
    body_org_id: &str,
    clearance: Clearance,
) -> Result<Vec<(PaperRow, Option<String>, String)>, StoreError> {
    type Row = (
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        i64,
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
        String,
    );
    let statement = format!(
        "SELECT p.id, p.document_id, d.title, p.case_id, p.ground, p.note, p.requested_at, p.status, \
         p.handed_at, p.handed_note, c.number, c.service FROM paper_copies p \
         JOIN issued_documents d ON d.id = p.document_id JOIN cases c ON c.id = p.case_id \
         WHERE p.status = 'requested' AND c.body_org_id = $1 AND {} ORDER BY p.requested_at, p.id",
        clearance.user_visible("c.applicant_id")
    );
    let rows: Vec<Row> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(body_org_id).fetch_all(&mut *conn).await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, document, title, case, ground, note, requested, status, handed, handed_note, number, service)| {
            (
                paper_from((id, document, title, case, ground, note, requested, status, handed, handed_note)),
                number,
                service,
            )
        })
        .collect())
}

/// Marks a copy handed over; false when it was not waiting.
pub(crate) async fn hand_over_paper(
    tx: &mut Tx,
    id: &str,
    by: &str,
    note: Option<&str>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE paper_copies SET status = 'handed_over', handed_by = $2, handed_note = $3, \
             handed_at = $4 WHERE id = $1 AND status = 'requested'"))
        .bind(id)
        .bind(by)
        .bind(note)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

/// The open requests for paper copies of a document.
pub(crate) async fn open_papers_of_document(tx: &mut Tx, document_id: &str) -> Result<Vec<PaperRow>, StoreError> {
    let statement = format!("SELECT {PAPER_COLUMNS} WHERE p.document_id = $1 AND p.status = 'requested' ORDER BY p.id");
    let rows: Vec<PaperTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(document_id).fetch_all(&mut *conn).await?
    });
    Ok(rows.into_iter().map(paper_from).collect())
}

/// Closes a waiting request because its document was superseded; false when it was not waiting.
/// (When it was closed is on the case's timeline.)
pub(crate) async fn supersede_paper(tx: &mut Tx, id: &str) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE paper_copies SET status = 'superseded' WHERE id = $1 AND status = 'requested'"))
            .bind(id)
            .execute(&mut *conn)
            .await?
            .rows_affected()
    });
    Ok(changed == 1)
}
