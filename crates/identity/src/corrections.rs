//! Requests to correct the data the system holds about a person (MIG-7.1.2, KOB-7.1.11,
//! TOB-6.1.11, VEIS-6.1.11): the person asks, an official of the owner approves — which writes
//! the new value — or rejects with a reason. Each step is journaled with the person as subject.

use pencere_core::Timestamp;
use pencere_store::Db;
use pencere_store::audit::{self, NewEntry};

use crate::session::ActiveSession;
use crate::store::{self, CorrectionScope};
use crate::users::{User, json_string};
use crate::{IdentityError, RequestContext};

/// A field of a user's record that a correction may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorrectableField {
    /// The full name.
    FullName,
    /// The e-mail address.
    Email,
    /// The mobile number.
    Phone,
}

impl CorrectableField {
    /// Every correctable field.
    pub const ALL: [CorrectableField; 3] =
        [CorrectableField::FullName, CorrectableField::Email, CorrectableField::Phone];

    /// The field's name (and column).
    pub fn as_str(self) -> &'static str {
        match self {
            CorrectableField::FullName => "full_name",
            CorrectableField::Email => "email",
            CorrectableField::Phone => "phone",
        }
    }

    /// Parses a field name.
    pub fn parse(text: &str) -> Option<CorrectableField> {
        CorrectableField::ALL.into_iter().find(|field| field.as_str() == text)
    }

    fn current(self, user: &User) -> Option<&str> {
        match self {
            CorrectableField::FullName => Some(&user.full_name),
            CorrectableField::Email => user.email.as_deref(),
            CorrectableField::Phone => user.phone.as_deref(),
        }
    }

    /// Checks a requested value; the error names what is wrong.
    fn check(self, value: &str) -> Result<(), &'static str> {
        let ok = match self {
            CorrectableField::FullName => value.chars().count() >= 2,
            CorrectableField::Email => {
                value.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
            }
            CorrectableField::Phone => {
                let digits: String = value.chars().filter(char::is_ascii_digit).collect();
                value.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
                    && (9..=15).contains(&digits.len())
            }
        };
        if ok { Ok(()) } else { Err("correction-error-value") }
    }
}

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorrectionStatus {
    /// Waiting for an official.
    Pending,
    /// Approved; the value was changed.
    Approved,
    /// Rejected, with a reason.
    Rejected,
}

/// A correction request.
#[derive(Clone, Debug)]
pub struct Correction {
    /// Its id.
    pub id: String,
    /// Whose data.
    pub user_id: String,
    /// Their login.
    pub user_login: String,
    /// Their name when listed.
    pub user_name: String,
    /// Which field.
    pub field: CorrectableField,
    /// The value held when the request was made.
    pub current_value: Option<String>,
    /// The value asked for.
    pub requested_value: String,
    /// Why, in the person's words.
    pub explanation: String,
    /// Where it stands.
    pub status: CorrectionStatus,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it was decided.
    pub decided_at: Option<Timestamp>,
    /// The official's reason, for a rejection (and an optional note for an approval).
    pub decision_reason: Option<String>,
}

fn from_row(row: store::CorrectionRow) -> Option<Correction> {
    let (
        id,
        user_id,
        user_login,
        user_name,
        field,
        current_value,
        requested_value,
        explanation,
        status,
        created_at,
        decided_at,
        decision_reason,
    ) = row;
    Some(Correction {
        id,
        user_id,
        user_login,
        user_name,
        field: CorrectableField::parse(&field)?,
        current_value,
        requested_value,
        explanation,
        status: match status.as_str() {
            "approved" => CorrectionStatus::Approved,
            "rejected" => CorrectionStatus::Rejected,
            _ => CorrectionStatus::Pending,
        },
        created_at: Timestamp::from_micros(created_at),
        decided_at: decided_at.map(Timestamp::from_micros),
        decision_reason,
    })
}

/// Field-level problems of a request, as Fluent message ids by field.
pub type FieldProblems = Vec<(&'static str, &'static str)>;

/// Files a request to correct `field` of the session's user.
pub async fn request_correction(
    db: &Db,
    session: &ActiveSession,
    field: &str,
    requested: &str,
    explanation: &str,
    now: Timestamp,
    context: &RequestContext<'_>,
) -> Result<Result<String, FieldProblems>, IdentityError> {
    let requested = requested.trim();
    let explanation = explanation.trim();
    let mut problems = Vec::new();
    let field = CorrectableField::parse(field);
    match field {
        None => problems.push(("field", "correction-error-field")),
        Some(field) => {
            if let Err(message) = field.check(requested) {
                problems.push(("value", message));
            } else if field.current(&session.user) == Some(requested) {
                problems.push(("value", "correction-error-unchanged"));
            }
        }
    }
    if explanation.is_empty() {
        problems.push(("explanation", "correction-error-explanation"));
    }
    let Some(field) = field.filter(|_| problems.is_empty()) else {
        return Ok(Err(problems));
    };
    let id = uuid::Uuid::now_v7().to_string();
    let mut tx = db.begin().await?;
    store::insert_correction(
        &mut tx,
        &store::CorrectionInsert {
            id: &id,
            user_id: &session.user.id,
            field: field.as_str(),
            current_value: field.current(&session.user),
            requested_value: requested,
            explanation,
            created_at: now,
        },
    )
    .await?;
    let details = format!("{{\"field\":\"{}\"}}", field.as_str());
    let entry = NewEntry {
        action: "identity.correction.request",
        record: Some(("correction", &id)),
        details: &details,
        ..session.entry(now, context)
    };
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// The user's own requests, newest first.
pub async fn corrections_of(db: &Db, user_id: &str) -> Result<Vec<Correction>, IdentityError> {
    let mut tx = db.begin_read().await?;
    Ok(store::corrections(&mut tx, CorrectionScope::OfUser(user_id)).await?.into_iter().filter_map(from_row).collect())
}

/// Every pending request, oldest first.
pub async fn pending_corrections(
    db: &Db,
    clearance: pencere_store::classified::Clearance,
) -> Result<Vec<Correction>, IdentityError> {
    let mut tx = db.begin_read().await?;
    Ok(store::corrections(&mut tx, CorrectionScope::Pending(clearance))
        .await?
        .into_iter()
        .filter_map(from_row)
        .collect())
}

/// The decision an official takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision<'a> {
    /// Change the data as requested.
    Approve,
    /// Keep the data; the reason is required and shown to the person.
    Reject(&'a str),
}

/// Decides a pending request; approving writes the new value into the person's record.
pub async fn decide(
    db: &Db,
    official: &ActiveSession,
    correction_id: &str,
    decision: Decision<'_>,
    now: Timestamp,
    context: &RequestContext<'_>,
) -> Result<(), IdentityError> {
    let (status, reason) = match decision {
        Decision::Approve => ("approved", None),
        Decision::Reject(reason) if reason.trim().is_empty() => {
            return Err(IdentityError::Invalid { field: "reason", reason: "a rejection needs a reason".to_owned() });
        }
        Decision::Reject(reason) => ("rejected", Some(reason.trim())),
    };
    let mut tx = db.begin().await?;
    let Some(correction) =
        store::corrections(&mut tx, CorrectionScope::One(correction_id)).await?.into_iter().find_map(from_row)
    else {
        return Err(IdentityError::NoSuchCorrection(correction_id.to_owned()));
    };
    if !store::decide_correction(&mut tx, correction_id, status, &official.user.id, reason, now).await? {
        return Err(IdentityError::NoSuchCorrection(correction_id.to_owned()));
    }
    if decision == Decision::Approve {
        store::update_user_field(&mut tx, &correction.user_id, correction.field.as_str(), &correction.requested_value)
            .await?;
    }
    let details = format!(
        "{{\"field\":\"{}\",\"reason\":{}}}",
        correction.field.as_str(),
        reason.map_or_else(|| "null".to_owned(), json_string)
    );
    let action =
        if decision == Decision::Approve { "identity.correction.approve" } else { "identity.correction.reject" };
    let entry = NewEntry {
        action,
        record: Some(("correction", correction_id)),
        subject_id: Some(&correction.user_id),
        details: &details,
        ..official.entry(now, context)
    };
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}
