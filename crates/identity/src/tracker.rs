//! Reads of personal data by officials, journaled: each person whose data an official's page or
//! call shows gets an entry with themselves as subject, so the person sees in their cabinet who
//! looked at their data, when and why (after Estonia's Andmejälgija; the data tracker grows with
//! the exchange gateway).

use pencere_core::Timestamp;
use pencere_store::Db;
use pencere_store::audit::{self, NewEntry};

use crate::session::ActiveSession;
use crate::users::json_string;
use crate::{IdentityError, RequestContext};

/// One person whose data was shown: their user id, and the record it was part of.
#[derive(Clone, Copy, Debug)]
pub struct Read<'a> {
    /// Whose data.
    pub subject_id: &'a str,
    /// The record shown (type, id).
    pub record: (&'a str, &'a str),
}

/// Journals that `official` was shown these persons' data in `view` (a short name of the page or
/// call, e.g. `corrections`), for `purpose`.
pub async fn journal_reads(
    db: &Db,
    official: &ActiveSession,
    now: Timestamp,
    context: &RequestContext<'_>,
    view: &str,
    reads: &[Read<'_>],
) -> Result<(), IdentityError> {
    if reads.is_empty() {
        return Ok(());
    }
    let details = format!("{{\"view\":{}}}", json_string(view));
    let mut tx = db.begin().await?;
    for read in reads {
        let entry = NewEntry {
            action: "personal_data.read",
            record: Some(read.record),
            subject_id: Some(read.subject_id),
            details: &details,
            ..official.entry(now, context)
        };
        audit::append(&mut tx, &entry).await?;
    }
    tx.commit().await?;
    Ok(())
}
