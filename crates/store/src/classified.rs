//! Persons whose data is classified under the Law on State Secret (VEIS-1.10), by FİN
//! (`classified_persons`, migration 0028).
//!
//! The EHİS gateway writes a person here when the civil registry marks a record about them
//! (`x-ehis-classified`), and an official cleared for them may enter one by hand. Every list,
//! search, report and export that names persons or their cases leaves them out for a caller who
//! is not cleared — who does not hold [`CLEARED_ROLE`] in the body they act for — through the
//! SQL conditions of [`Clearance`]; a cleared caller sees them. Marking is journaled in the
//! caller's transaction, and the journal's entries about it are themselves kept from uncleared
//! readers ([`Clearance::audit_visible`]).

use pencere_core::{Fin, Timestamp};

use crate::audit::{self, NewEntry};
use crate::{StoreError, Tx};

/// The role cleared for persons whose data is classified (VEIS-1.10): held in a body, it lets
/// the official acting for that body see them, in the registries and on the platform alike.
pub const CLEARED_ROLE: &str = "ehis.cleared";

/// The record type of the journal's entries about a classification.
pub const RECORD_TYPE: &str = "classified_person";

/// Whether a caller may see classified persons. The default is not: a caller is cleared only
/// when shown to be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clearance {
    /// Holds [`CLEARED_ROLE`] in the body acted for (or is the person, looking at their own data).
    Cleared,
    /// Everyone else, the public included.
    #[default]
    NotCleared,
}

/// The condition, on a row naming a user by id in `column`, that the user is not a classified
/// person.
fn user_not_classified(column: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM users classified_user JOIN classified_persons classified \
         ON classified.fin = classified_user.fin WHERE classified_user.id = {column})"
    )
}

impl Clearance {
    /// [`Clearance::Cleared`] when `cleared`.
    pub fn from_cleared(cleared: bool) -> Clearance {
        if cleared { Clearance::Cleared } else { Clearance::NotCleared }
    }

    /// Whether classified persons are shown.
    pub fn is_cleared(self) -> bool {
        self == Clearance::Cleared
    }

    /// A condition for a `WHERE … AND` clause, true of the rows this caller may see when each
    /// names a person by their user id in `column` (a nullable column names no one).
    pub fn user_visible(self, column: &str) -> String {
        match self {
            Clearance::Cleared => "1 = 1".to_owned(),
            Clearance::NotCleared => user_not_classified(column),
        }
    }

    /// The same for rows naming a person by FİN in `column`.
    pub fn fin_visible(self, column: &str) -> String {
        match self {
            Clearance::Cleared => "1 = 1".to_owned(),
            Clearance::NotCleared => {
                format!("NOT EXISTS (SELECT 1 FROM classified_persons classified WHERE classified.fin = {column})")
            }
        }
    }

    /// The condition on journal entries (alias `e`): none names a classified person as actor or
    /// subject, and none is about a classification.
    pub fn audit_visible(self) -> String {
        match self {
            Clearance::Cleared => "1 = 1".to_owned(),
            Clearance::NotCleared => format!(
                "{} AND {} AND (e.record_type IS NULL OR e.record_type <> '{RECORD_TYPE}')",
                user_not_classified("e.actor_id"),
                user_not_classified("e.subject_id")
            ),
        }
    }
}

/// How the platform learned that a person is classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The civil registry marked a record about them.
    Registry,
    /// A cleared official entered it.
    Official,
}

impl Source {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Registry => "registry",
            Source::Official => "official",
        }
    }
}

/// A classified person as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classified {
    /// Their FİN.
    pub fin: String,
    /// `registry` or `official`.
    pub source: String,
    /// When it was recorded.
    pub marked_at: Timestamp,
    /// The official who entered it, when one did.
    pub marked_by: Option<String>,
    /// The official's reason, when one was given.
    pub reason: Option<String>,
}

/// Who marks: an official (user id, label for the journal, the body acted for) or the system.
#[derive(Clone, Copy, Debug)]
pub struct Marker<'a> {
    /// The official, when one.
    pub user_id: Option<&'a str>,
    /// Their login, or the system's name (`ehis`).
    pub label: &'a str,
    /// The body they act for.
    pub org_id: Option<&'a str>,
}

/// Records that the person with this FİN is classified, journaled in the caller's transaction;
/// false (and nothing written) when they were already.
pub async fn mark(
    tx: &mut Tx,
    fin: &Fin,
    source: Source,
    by: &Marker<'_>,
    reason: Option<&str>,
    at: Timestamp,
) -> Result<bool, StoreError> {
    let inserted = crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO classified_persons (fin, source, marked_at, marked_by, reason) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (fin) DO NOTHING"))
        .bind(fin.as_str())
        .bind(source.as_str())
        .bind(at.as_micros())
        .bind(by.user_id)
        .bind(reason)
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    if inserted == 0 {
        return Ok(false);
    }
    let details = format!("{{\"source\":\"{}\"}}", source.as_str());
    audit::append(
        tx,
        &NewEntry {
            at,
            actor_id: by.user_id,
            actor_label: by.label,
            acting_org_id: by.org_id,
            action: "classified.mark",
            record: Some((RECORD_TYPE, fin.as_str())),
            subject_id: None,
            ip: None,
            request_id: None,
            details: &details,
        },
    )
    .await?;
    Ok(true)
}

/// Whether the person with this FİN is classified.
pub async fn is_classified(tx: &mut Tx, fin: &Fin) -> Result<bool, StoreError> {
    let found: Option<String> = crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT fin FROM classified_persons WHERE fin = $1"))
            .bind(fin.as_str())
            .fetch_optional(&mut *conn)
            .await?
    });
    Ok(found.is_some())
}

/// Whether the user with this id is a classified person.
pub async fn is_classified_user(tx: &mut Tx, user_id: &str) -> Result<bool, StoreError> {
    let found: Option<String> = crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT c.fin FROM users u JOIN classified_persons c ON c.fin = u.fin WHERE u.id = $1"))
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?
    });
    Ok(found.is_some())
}

/// Every classified person, the latest recorded first (for cleared officials only).
pub async fn list(tx: &mut Tx) -> Result<Vec<Classified>, StoreError> {
    type Row = (String, String, i64, Option<String>, Option<String>);
    let rows: Vec<Row> = crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT fin, source, marked_at, marked_by, reason FROM classified_persons ORDER BY marked_at DESC, fin",
        ))
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(fin, source, marked_at, marked_by, reason)| Classified {
            fin,
            source,
            marked_at: Timestamp::from_micros(marked_at),
            marked_by,
            reason,
        })
        .collect())
}
