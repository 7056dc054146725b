//! The SQL of the published information: versions submitted by licensing bodies, their
//! publication or return, and the officials of a body who hear of it.

use pencere_core::Timestamp;
use pencere_store::{StoreError, Tx, on_conn, sqlx};

/// A version as stored.
pub(crate) type VersionRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    String,
);

const COLUMNS: &str = "i.id, i.service, i.body_org_id, i.sections, i.note, i.lang, i.status, i.submitted_by, \
                       i.submitted_at, i.version, i.decided_at, i.return_reason, u.full_name";

/// A version to record as submitted.
pub(crate) struct NewVersion<'a> {
    pub(crate) id: &'a str,
    pub(crate) service: &'a str,
    pub(crate) body_org_id: &'a str,
    pub(crate) sections: &'a str,
    pub(crate) note: &'a str,
    pub(crate) lang: &'a str,
    pub(crate) submitted_by: &'a str,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert(tx: &mut Tx, new: &NewVersion<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO service_information (id, service, body_org_id, sections, note, lang, status, \
             submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8)"))
        .bind(new.id)
        .bind(new.service)
        .bind(new.body_org_id)
        .bind(new.sections)
        .bind(new.note)
        .bind(new.lang)
        .bind(new.submitted_by)
        .bind(new.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn by_id(tx: &mut Tx, id: &str) -> Result<Option<VersionRow>, StoreError> {
    let statement =
        format!("SELECT {COLUMNS} FROM service_information i JOIN users u ON u.id = i.submitted_by WHERE i.id = $1");
    Ok(on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?))
}

/// The published versions of a service, the newest first.
pub(crate) async fn published(tx: &mut Tx, service: &str) -> Result<Vec<VersionRow>, StoreError> {
    let statement = format!(
        "SELECT {COLUMNS} FROM service_information i JOIN users u ON u.id = i.submitted_by \
         WHERE i.service = $1 AND i.status = 'published' ORDER BY i.version DESC"
    );
    Ok(on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).bind(service).fetch_all(&mut *conn).await?))
}

/// The versions a body submitted for a service, the newest first.
pub(crate) async fn of_body(tx: &mut Tx, service: &str, body_org_id: &str) -> Result<Vec<VersionRow>, StoreError> {
    let statement = format!(
        "SELECT {COLUMNS} FROM service_information i JOIN users u ON u.id = i.submitted_by \
         WHERE i.service = $1 AND i.body_org_id = $2 ORDER BY i.submitted_at DESC, i.id DESC"
    );
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(service).bind(body_org_id).fetch_all(&mut *conn).await?
    }))
}

/// Every version awaiting the operator, the oldest first.
pub(crate) async fn submitted(tx: &mut Tx) -> Result<Vec<VersionRow>, StoreError> {
    let statement = format!(
        "SELECT {COLUMNS} FROM service_information i JOIN users u ON u.id = i.submitted_by \
         WHERE i.status = 'submitted' ORDER BY i.submitted_at, i.id"
    );
    Ok(on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).fetch_all(&mut *conn).await?))
}

/// The highest version number published for a service (the catalog's is 1).
pub(crate) async fn last_version(tx: &mut Tx, service: &str) -> Result<i64, StoreError> {
    let row: (Option<i64>,) = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT MAX(version) FROM service_information WHERE service = $1"))
            .bind(service)
            .fetch_one(&mut *conn)
            .await?
    });
    Ok(row.0.unwrap_or(1).max(1))
}

/// Publishes a submitted version under `version`; false when it is no longer submitted. A
/// version number taken meanwhile is a [`StoreError::Conflict`].
pub(crate) async fn publish(
    tx: &mut Tx,
    id: &str,
    version: i64,
    decided_by: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE service_information SET status = 'published', version = $2, decided_by = $3, \
             decided_at = $4 WHERE id = $1 AND status = 'submitted'"))
        .bind(id)
        .bind(version)
        .bind(decided_by)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(done == 1)
}

/// Returns a submitted version with a reason; false when it is no longer submitted.
pub(crate) async fn give_back(
    tx: &mut Tx,
    id: &str,
    reason: &str,
    decided_by: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE service_information SET status = 'returned', return_reason = $2, decided_by = $3, \
             decided_at = $4 WHERE id = $1 AND status = 'submitted'"))
        .bind(id)
        .bind(reason)
        .bind(decided_by)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(done == 1)
}

/// The users holding an active role of `system` (`lic.`) in an organization: id, e-mail.
pub(crate) async fn officials_of(
    tx: &mut Tx,
    org_id: &str,
    system: &str,
) -> Result<Vec<(String, Option<String>)>, StoreError> {
    let pattern = format!("{system}.%");
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT DISTINCT u.id, u.email FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.organization_id = $1 AND m.revoked_at IS NULL AND m.role LIKE $2 ORDER BY u.id"))
        .bind(org_id)
        .bind(pattern)
        .fetch_all(&mut *conn)
        .await?
    }))
}
