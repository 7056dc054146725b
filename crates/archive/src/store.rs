//! The SQL of the archive: the closed cases not archived yet, the packages and their index.

use pencere_core::Timestamp;
use pencere_store::{StoreError, Tx, on_conn, sqlx};

use crate::Manifest;

/// A closed case that is not in the archive yet.
#[derive(Clone, Debug)]
pub(crate) struct ClosedCase {
    pub(crate) id: String,
    pub(crate) number: Option<String>,
    pub(crate) service: String,
    pub(crate) state: String,
    pub(crate) decided_at: i64,
    pub(crate) applicant_id: String,
    applicant_name: String,
    applicant_fin: Option<String>,
    org_name: Option<String>,
    org_voen: Option<String>,
}

impl ClosedCase {
    pub(crate) fn applicant(&self) -> String {
        match &self.org_name {
            Some(org) => format!("{} ({org})", self.applicant_name),
            None => self.applicant_name.clone(),
        }
    }

    pub(crate) fn applicant_code(&self) -> Option<String> {
        self.org_voen.clone().or_else(|| self.applicant_fin.clone())
    }
}

type ClosedTuple =
    (String, Option<String>, String, String, i64, String, String, Option<String>, Option<String>, Option<String>);

pub(crate) async fn closed_cases(tx: &mut Tx) -> Result<Vec<ClosedCase>, StoreError> {
    let rows: Vec<ClosedTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT c.id, c.number, c.service, c.state, c.decided_at, c.applicant_id, u.full_name, u.fin, o.name_az, o.voen \
             FROM cases c JOIN users u ON u.id = c.applicant_id LEFT JOIN organizations o ON o.id = c.applicant_org_id \
             WHERE c.decided_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM archive_items a WHERE a.case_id = c.id) \
             ORDER BY c.decided_at, c.id",
        ))
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                number,
                service,
                state,
                decided_at,
                applicant_id,
                applicant_name,
                applicant_fin,
                org_name,
                org_voen,
            )| {
                ClosedCase {
                    id,
                    number,
                    service,
                    state,
                    decided_at,
                    applicant_id,
                    applicant_name,
                    applicant_fin,
                    org_name,
                    org_voen,
                }
            },
        )
        .collect())
}

pub(crate) async fn packages_of_period(tx: &mut Tx, period: &str) -> Result<i64, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT COUNT(*) FROM archive_packages WHERE period = $1"))
            .bind(period)
            .fetch_one(&mut *conn)
            .await?
    }))
}

pub(crate) async fn package_exists(tx: &mut Tx, package: &str) -> Result<bool, StoreError> {
    let found: Option<i64> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT CAST(1 AS BIGINT) FROM archive_packages WHERE id = $1"))
            .bind(package)
            .fetch_optional(&mut *conn)
            .await?
    });
    Ok(found.is_some())
}

pub(crate) async fn item_exists(tx: &mut Tx, case_id: &str) -> Result<bool, StoreError> {
    let found: Option<i64> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT CAST(1 AS BIGINT) FROM archive_items WHERE case_id = $1"))
            .bind(case_id)
            .fetch_optional(&mut *conn)
            .await?
    });
    Ok(found.is_some())
}

/// Stores a package and its index entries.
pub(crate) async fn insert_package(
    tx: &mut Tx,
    manifest: &Manifest,
    sha256: &str,
    content: &[u8],
    created: Timestamp,
    now: Timestamp,
    imported: bool,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO archive_packages (id, period, created_at, items, sha256, key_id, imported_at, content) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        ))
        .bind(&manifest.package)
        .bind(&manifest.period)
        .bind(created.as_micros())
        .bind(i64::try_from(manifest.items.len()).unwrap_or(i64::MAX))
        .bind(sha256)
        .bind(&manifest.key_id)
        .bind(imported.then_some(now.as_micros()))
        .bind(content)
        .execute(&mut *conn)
        .await?;
        for item in &manifest.items {
            sqlx::query(&sql(
                "INSERT INTO archive_items (case_id, package_id, case_number, applicant, applicant_code, service, \
                 outcome, closed_on, record_sha256, note, archived_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            ))
            .bind(&item.case_id)
            .bind(&manifest.package)
            .bind(&item.case_number)
            .bind(&item.applicant)
            .bind(&item.applicant_code)
            .bind(&item.service)
            .bind(&item.outcome)
            .bind(&item.closed_on)
            .bind(&item.record_sha256)
            .bind(&item.note)
            .bind(now.as_micros())
            .execute(&mut *conn)
            .await?;
        }
    });
    Ok(())
}

pub(crate) async fn package_content(tx: &mut Tx, package: &str) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT content FROM archive_packages WHERE id = $1"))
            .bind(package)
            .fetch_optional(&mut *conn)
            .await?
    }))
}

/// A package as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageRow {
    /// Its id.
    pub id: String,
    /// Its period.
    pub period: String,
    /// Cases it holds.
    pub items: i64,
    /// When it was made.
    pub created_at: Timestamp,
    /// SHA-256 of the file.
    pub sha256: String,
    /// When it was imported, if it came from elsewhere.
    pub imported_at: Option<Timestamp>,
}

pub(crate) async fn packages(tx: &mut Tx) -> Result<Vec<PackageRow>, StoreError> {
    let rows: Vec<(String, String, i64, i64, String, Option<i64>)> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT id, period, items, created_at, sha256, imported_at FROM archive_packages ORDER BY period, id",
        ))
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, period, items, created_at, sha256, imported_at)| PackageRow {
            id,
            period,
            items,
            created_at: Timestamp::from_micros(created_at),
            sha256,
            imported_at: imported_at.map(Timestamp::from_micros),
        })
        .collect())
}

/// What to look for in the index; every given criterion must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    /// Part of the case number, the applicant's name or code, or the service (any case).
    pub text: Option<String>,
    /// Closed on or after this day (`YYYY-MM-DD`).
    pub closed_from: Option<String>,
    /// Closed on or before this day.
    pub closed_to: Option<String>,
    /// This package only.
    pub package: Option<String>,
    /// At most this many.
    pub limit: i64,
}

/// An entry of the archive's index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    /// The package holding it.
    pub package: String,
    /// The case's id.
    pub case_id: String,
    /// Its registration number.
    pub case_number: Option<String>,
    /// The applicant.
    pub applicant: String,
    /// The applicant's FİN or VÖEN.
    pub applicant_code: Option<String>,
    /// The service.
    pub service: String,
    /// The final state.
    pub outcome: String,
    /// The day it closed.
    pub closed_on: String,
    /// The archive note.
    pub note: String,
}

type IndexTuple = (String, String, Option<String>, String, Option<String>, String, String, String, String);

pub(crate) async fn search(tx: &mut Tx, search: &Search) -> Result<Vec<IndexEntry>, StoreError> {
    let pattern = search.text.as_ref().map(|text| {
        let escaped = text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        format!("%{escaped}%")
    });
    let rows: Vec<IndexTuple> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT package_id, case_id, case_number, applicant, applicant_code, service, outcome, closed_on, note \
             FROM archive_items WHERE \
             (CAST($1 AS TEXT) IS NULL OR LOWER(COALESCE(case_number, '') || ' ' || applicant || ' ' || COALESCE(applicant_code, '') \
              || ' ' || service) LIKE $1 ESCAPE '\\') \
             AND (CAST($2 AS TEXT) IS NULL OR closed_on >= $2) AND (CAST($3 AS TEXT) IS NULL OR closed_on <= $3) \
             AND (CAST($4 AS TEXT) IS NULL OR package_id = $4) \
             ORDER BY closed_on DESC, case_id LIMIT $5",
        ))
        .bind(pattern.as_deref())
        .bind(search.closed_from.as_deref())
        .bind(search.closed_to.as_deref())
        .bind(search.package.as_deref())
        .bind(if search.limit > 0 { search.limit } else { 100 })
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(package, case_id, case_number, applicant, applicant_code, service, outcome, closed_on, note)| {
            IndexEntry { package, case_id, case_number, applicant, applicant_code, service, outcome, closed_on, note }
        })
        .collect())
}
