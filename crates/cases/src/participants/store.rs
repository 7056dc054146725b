//! The SQL of participants: their integrated systems, the operator's notices and measures, and
//! the announcements of maintenance work and incidents.

use pencere_core::Timestamp;
use pencere_store::{StoreError, Tx, on_conn, sqlx};

/// An integrated system as stored.
#[derive(Clone, Debug)]
pub struct SystemRow {
    pub id: String,
    pub org_id: String,
    pub portal: String,
    pub name: String,
    pub purpose: String,
    pub endpoint: String,
    pub contact: String,
    pub compliance_status: String,
    pub compliance_statement: Option<String>,
    pub compliance_on: Option<String>,
    pub compliance_submitted_at: Option<i64>,
    pub compliance_answer: Option<String>,
    pub compliance_decided_at: Option<i64>,
    pub created_at: i64,
}

type SystemTuple = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<i64>,
    i64,
);

fn system_row(t: SystemTuple) -> SystemRow {
    SystemRow {
        id: t.0,
        org_id: t.1,
        portal: t.2,
        name: t.3,
        purpose: t.4,
        endpoint: t.5,
        contact: t.6,
        compliance_status: t.7,
        compliance_statement: t.8,
        compliance_on: t.9,
        compliance_submitted_at: t.10,
        compliance_answer: t.11,
        compliance_decided_at: t.12,
        created_at: t.13,
    }
}

const SYSTEM_COLUMNS: &str = "id, org_id, portal, name, purpose, endpoint, contact, compliance_status, \
     compliance_statement, compliance_on, compliance_submitted_at, compliance_answer, compliance_decided_at, created_at";

pub(crate) struct NewSystem<'a> {
    pub(crate) id: &'a str,
    pub(crate) org_id: &'a str,
    pub(crate) portal: &'a str,
    pub(crate) name: &'a str,
    pub(crate) purpose: &'a str,
    pub(crate) endpoint: &'a str,
    pub(crate) contact: &'a str,
    pub(crate) created_by: &'a str,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert_system(tx: &mut Tx, new: &NewSystem<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO participant_systems (id, org_id, portal, name, purpose, endpoint, contact, \
             compliance_status, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'none', $8, $9)"))
        .bind(new.id)
        .bind(new.org_id)
        .bind(new.portal)
        .bind(new.name)
        .bind(new.purpose)
        .bind(new.endpoint)
        .bind(new.contact)
        .bind(new.created_by)
        .bind(new.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn system_by_id(tx: &mut Tx, id: &str) -> Result<Option<SystemRow>, StoreError> {
    let statement = format!("SELECT {SYSTEM_COLUMNS} FROM participant_systems WHERE id = $1");
    let row: Option<SystemTuple> =
        on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?);
    Ok(row.map(system_row))
}

/// The systems of one participant, or of all when `org_id` is `None`, oldest first.
pub(crate) async fn systems(tx: &mut Tx, org_id: Option<&str>) -> Result<Vec<SystemRow>, StoreError> {
    let statement = format!(
        "SELECT {SYSTEM_COLUMNS} FROM participant_systems WHERE ($1 IS NULL OR org_id = $1) ORDER BY created_at, id"
    );
    let rows: Vec<SystemTuple> =
        on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).bind(org_id).fetch_all(&mut *conn).await?);
    Ok(rows.into_iter().map(system_row).collect())
}

pub(crate) async fn submit_compliance(
    tx: &mut Tx,
    id: &str,
    statement: &str,
    on: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE participant_systems SET compliance_status = 'submitted', compliance_statement = $2, \
             compliance_on = $3, compliance_submitted_at = $4, compliance_answer = NULL, compliance_decided_by = NULL, \
             compliance_decided_at = NULL WHERE id = $1",
        ))
        .bind(id)
        .bind(statement)
        .bind(on)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// Accepts or returns submitted information; `false` when none awaited a decision.
pub(crate) async fn decide_compliance(
    tx: &mut Tx,
    id: &str,
    status: &str,
    answer: Option<&str>,
    by: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE participant_systems SET compliance_status = $2, compliance_answer = $3, \
             compliance_decided_by = $4, compliance_decided_at = $5 WHERE id = $1 AND compliance_status = 'submitted'"))
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

/// An operator's notice as stored.
#[derive(Clone, Debug)]
pub struct NoticeRow {
    pub id: String,
    pub org_id: String,
    pub system_id: Option<String>,
    pub kind: String,
    pub body: String,
    pub status: String,
    pub answer: Option<String>,
    pub sent_at: i64,
    pub answered_at: Option<i64>,
}

type NoticeTuple = (String, String, Option<String>, String, String, String, Option<String>, i64, Option<i64>);

fn notice_row(t: NoticeTuple) -> NoticeRow {
    let (id, org_id, system_id, kind, body, status, answer, sent_at, answered_at) = t;
    NoticeRow { id, org_id, system_id, kind, body, status, answer, sent_at, answered_at }
}

const NOTICE_COLUMNS: &str = "id, org_id, system_id, kind, body, status, answer, sent_at, answered_at";

pub(crate) struct NewNotice<'a> {
    pub(crate) id: &'a str,
    pub(crate) org_id: &'a str,
    pub(crate) system_id: Option<&'a str>,
    pub(crate) kind: &'a str,
    pub(crate) body: &'a str,
    pub(crate) sent_by: &'a str,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert_notice(tx: &mut Tx, new: &NewNotice<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO participant_notices (id, org_id, system_id, kind, body, status, sent_by, sent_at) \
             VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)",
        ))
        .bind(new.id)
        .bind(new.org_id)
        .bind(new.system_id)
        .bind(new.kind)
        .bind(new.body)
        .bind(new.sent_by)
        .bind(new.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn notice_by_id(tx: &mut Tx, id: &str) -> Result<Option<NoticeRow>, StoreError> {
    let statement = format!("SELECT {NOTICE_COLUMNS} FROM participant_notices WHERE id = $1");
    let row: Option<NoticeTuple> =
        on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?);
    Ok(row.map(notice_row))
}

/// A participant's notices, the newest first.
pub(crate) async fn notices_of(tx: &mut Tx, org_id: &str) -> Result<Vec<NoticeRow>, StoreError> {
    let statement =
        format!("SELECT {NOTICE_COLUMNS} FROM participant_notices WHERE org_id = $1 ORDER BY sent_at DESC, id DESC");
    let rows: Vec<NoticeTuple> =
        on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).bind(org_id).fetch_all(&mut *conn).await?);
    Ok(rows.into_iter().map(notice_row).collect())
}

/// Answers an open notice; `false` when it was not open.
pub(crate) async fn answer_notice(
    tx: &mut Tx,
    id: &str,
    answer: &str,
    by: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE participant_notices SET status = 'answered', answer = $2, answered_by = $3, \
             answered_at = $4 WHERE id = $1 AND status = 'open'"))
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

/// A warning or a suspension as stored.
#[derive(Clone, Debug)]
pub struct MeasureRow {
    pub id: String,
    pub kind: String,
    pub reason: String,
    pub due_on: Option<String>,
    pub decided_at: i64,
    pub lifted_at: Option<i64>,
    pub lift_reason: Option<String>,
}

type MeasureTuple = (String, String, String, Option<String>, i64, Option<i64>, Option<String>);

fn measure_row(t: MeasureTuple) -> MeasureRow {
    let (id, kind, reason, due_on, decided_at, lifted_at, lift_reason) = t;
    MeasureRow { id, kind, reason, due_on, decided_at, lifted_at, lift_reason }
}

const MEASURE_COLUMNS: &str = "id, kind, reason, due_on, decided_at, lifted_at, lift_reason";

pub(crate) struct NewMeasure<'a> {
    pub(crate) id: &'a str,
    pub(crate) org_id: &'a str,
    pub(crate) kind: &'a str,
    pub(crate) reason: &'a str,
    pub(crate) due_on: Option<&'a str>,
    pub(crate) by: &'a str,
    pub(crate) now: Timestamp,
}

/// Records a measure; a second suspension in force is a [`StoreError::Conflict`].
pub(crate) async fn insert_measure(tx: &mut Tx, new: &NewMeasure<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO participant_measures (id, org_id, kind, reason, due_on, decided_by, decided_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        ))
        .bind(new.id)
        .bind(new.org_id)
        .bind(new.kind)
        .bind(new.reason)
        .bind(new.due_on)
        .bind(new.by)
        .bind(new.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// A participant's warnings and suspensions, the newest first.
pub(crate) async fn measures_of(tx: &mut Tx, org_id: &str) -> Result<Vec<MeasureRow>, StoreError> {
    let statement = format!(
        "SELECT {MEASURE_COLUMNS} FROM participant_measures WHERE org_id = $1 ORDER BY decided_at DESC, id DESC"
    );
    let rows: Vec<MeasureTuple> =
        on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).bind(org_id).fetch_all(&mut *conn).await?);
    Ok(rows.into_iter().map(measure_row).collect())
}

/// The suspension in force, if any: one read by the partial unique index.
pub(crate) async fn suspension_in_force(tx: &mut Tx, org_id: &str) -> Result<Option<MeasureRow>, StoreError> {
    let statement = format!(
        "SELECT {MEASURE_COLUMNS} FROM participant_measures \
         WHERE org_id = $1 AND kind = 'suspension' AND lifted_at IS NULL"
    );
    let row: Option<MeasureTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(org_id).fetch_optional(&mut *conn).await?
    });
    Ok(row.map(measure_row))
}

/// Lifts the suspension in force; `false` when there was none.
pub(crate) async fn lift_suspension(
    tx: &mut Tx,
    org_id: &str,
    reason: &str,
    by: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE participant_measures SET lifted_at = $2, lifted_by = $3, lift_reason = $4 \
             WHERE org_id = $1 AND kind = 'suspension' AND lifted_at IS NULL"))
        .bind(org_id)
        .bind(now.as_micros())
        .bind(by)
        .bind(reason)
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

/// A recipient of notices: user id, e-mail, phone.
pub(crate) type RecipientRow = (String, Option<String>, Option<String>);

/// The active members of an organization who act for it (every role but the operator's).
pub(crate) async fn officials_of(tx: &mut Tx, org_id: &str) -> Result<Vec<RecipientRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT DISTINCT u.id, u.email, u.phone FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.organization_id = $1 AND m.revoked_at IS NULL AND m.role NOT LIKE 'platform.%' ORDER BY u.id",
        ))
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?
    }))
}

/// The officials of every participant (agency), each once.
pub(crate) async fn officials_of_participants(tx: &mut Tx) -> Result<Vec<RecipientRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT DISTINCT u.id, u.email, u.phone FROM memberships m JOIN users u ON u.id = m.user_id \
             JOIN organizations o ON o.id = m.organization_id \
             WHERE o.kind = 'agency' AND m.revoked_at IS NULL AND m.role NOT LIKE 'platform.%' ORDER BY u.id",
        ))
        .fetch_all(&mut *conn)
        .await?
    }))
}

/// The users holding the operator's role.
pub(crate) async fn operators(tx: &mut Tx) -> Result<Vec<RecipientRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT DISTINCT u.id, u.email, u.phone FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.role = 'platform.admin' AND m.revoked_at IS NULL ORDER BY u.id",
        ))
        .fetch_all(&mut *conn)
        .await?
    }))
}

/// The applicants with a registered application not yet closed on a portal's services.
pub(crate) async fn applicants_in_progress(tx: &mut Tx, portal: &str) -> Result<Vec<RecipientRow>, StoreError> {
    let services = format!("{portal}.%");
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT DISTINCT u.id, u.email, u.phone FROM cases c JOIN users u ON u.id = c.applicant_id \
             WHERE c.service LIKE $1 AND c.number IS NOT NULL AND c.decided_at IS NULL ORDER BY u.id",
        ))
        .bind(&services)
        .fetch_all(&mut *conn)
        .await?
    }))
}

/// A maintenance announcement or an incident as stored.
#[derive(Clone, Debug)]
pub struct OutageRow {
    pub id: String,
    pub kind: String,
    pub portal: String,
    pub system_id: Option<String>,
    pub org_id: Option<String>,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    pub system_name: Option<String>,
}

type OutageTuple = (String, String, String, Option<String>, Option<String>, String, i64, Option<i64>, Option<String>);

fn outage_row(t: OutageTuple) -> OutageRow {
    let (id, kind, portal, system_id, org_id, description, starts_at, ends_at, system_name) = t;
    OutageRow { id, kind, portal, system_id, org_id, description, starts_at, ends_at, system_name }
}

const OUTAGE_COLUMNS: &str = "o.id, o.kind, o.portal, o.system_id, o.org_id, o.description, o.starts_at, o.ends_at, \
     s.name AS system_name";

pub(crate) struct NewOutage<'a> {
    pub(crate) id: &'a str,
    pub(crate) kind: &'a str,
    pub(crate) portal: &'a str,
    pub(crate) system_id: Option<&'a str>,
    pub(crate) org_id: Option<&'a str>,
    pub(crate) description: &'a str,
    pub(crate) starts_at: Timestamp,
    pub(crate) ends_at: Option<Timestamp>,
    pub(crate) by: &'a str,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert_outage(tx: &mut Tx, new: &NewOutage<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO outage_notices (id, kind, portal, system_id, org_id, description, starts_at, \
             ends_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"))
        .bind(new.id)
        .bind(new.kind)
        .bind(new.portal)
        .bind(new.system_id)
        .bind(new.org_id)
        .bind(new.description)
        .bind(new.starts_at.as_micros())
        .bind(new.ends_at.map(Timestamp::as_micros))
        .bind(new.by)
        .bind(new.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// Marks an open incident resolved; `false` when it was not an open incident.
pub(crate) async fn resolve_incident(tx: &mut Tx, id: &str, now: Timestamp) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE outage_notices SET ends_at = $2 WHERE id = $1 AND kind = 'incident' AND ends_at IS NULL",
        ))
        .bind(id)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

/// The announcements and incidents not yet over, of one system (`portal`) or of all, by start.
pub(crate) async fn current_outages(
    tx: &mut Tx,
    portal: Option<&str>,
    now: Timestamp,
) -> Result<Vec<OutageRow>, StoreError> {
    let statement = format!(
        "SELECT {OUTAGE_COLUMNS} FROM outage_notices o LEFT JOIN participant_systems s ON s.id = o.system_id \
         WHERE ($1 IS NULL OR o.portal = $1) AND (o.ends_at IS NULL OR o.ends_at > $2) \
         ORDER BY o.starts_at, o.id LIMIT 50"
    );
    let rows: Vec<OutageTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(portal).bind(now.as_micros()).fetch_all(&mut *conn).await?
    });
    Ok(rows.into_iter().map(outage_row).collect())
}
