//! Consents to move commercial or tax-secret data sets (TOB-4.3): the entity (a company by its
//! VÖEN, a person by FİN) gives and revokes them; the gateway checks them on every call of such
//! a data set. Each change is journaled in the audit log in its transaction.

use pencere_core::Timestamp;
use pencere_store::audit::{self, NewEntry};
use pencere_store::{Db, StoreError};

use crate::{Adapter, store};

/// Who acts, for the journal.
#[derive(Clone, Copy, Debug)]
pub struct Actor<'a> {
    /// The user.
    pub user_id: &'a str,
    /// Their login, for the journal's label.
    pub label: &'a str,
    /// The organization they act for.
    pub org_id: Option<&'a str>,
    /// The client's address.
    pub ip: Option<&'a str>,
    /// The request's id.
    pub request_id: Option<&'a str>,
    /// When.
    pub at: Timestamp,
}

impl Actor<'_> {
    fn entry<'e>(&'e self, action: &'e str, record: (&'e str, &'e str), details: &'e str) -> NewEntry<'e> {
        NewEntry {
            at: self.at,
            actor_id: Some(self.user_id),
            actor_label: self.label,
            acting_org_id: self.org_id,
            action,
            record: Some(record),
            subject_id: None,
            ip: self.ip,
            request_id: self.request_id,
            details,
        }
    }
}

/// A consent, in force or revoked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consent {
    /// Its id.
    pub id: String,
    /// The VÖEN or FİN of the entity that gave it.
    pub subject: String,
    /// The data set ([`Adapter::dataset`]).
    pub dataset: String,
    /// The user who gave it.
    pub given_by: String,
    /// When.
    pub given_at: Timestamp,
    /// When it was revoked, if it was.
    pub revoked_at: Option<Timestamp>,
}

/// Why a consent could not be given or revoked.
#[derive(Debug, thiserror::Error)]
pub enum ConsentError {
    /// The data set needs no consent, or is unknown.
    #[error("{0} is not a data set that moves by consent")]
    NotConsentable(String),
    /// A consent to this data set is already in force.
    #[error("a consent is already in force")]
    AlreadyGiven,
    /// No such consent in force about a subject the actor may speak for.
    #[error("no such consent in force")]
    NotFound,
    /// Storage.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The adapter whose data set `dataset` names, when it moves only by consent.
fn consentable(dataset: &str) -> Result<Adapter, ConsentError> {
    Adapter::ALL
        .into_iter()
        .find(|adapter| adapter.dataset() == dataset && adapter.sensitivity().needs_consent())
        .ok_or_else(|| ConsentError::NotConsentable(dataset.to_owned()))
}

/// Records the entity's consent to move `dataset` about `subject`, journaled in the same
/// transaction. The caller has checked that the actor speaks for the subject.
pub async fn give_consent(db: &Db, subject: &str, dataset: &str, actor: &Actor<'_>) -> Result<String, ConsentError> {
    consentable(dataset)?;
    let id = uuid::Uuid::now_v7().to_string();
    let mut tx = db.begin().await?;
    if !store::insert_consent(&mut tx, &id, subject, dataset, actor.user_id, actor.at).await? {
        return Err(ConsentError::AlreadyGiven);
    }
    let details = serde_json::json!({ "subject": subject, "dataset": dataset }).to_string();
    audit::append(&mut tx, &actor.entry("exchange.consent.give", ("exchange_consent", &id), &details)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Revokes a consent in force about one of `subjects` (those the actor speaks for), journaled in
/// the same transaction; from then on the gateway refuses the data set.
pub async fn revoke_consent(db: &Db, id: &str, subjects: &[String], actor: &Actor<'_>) -> Result<(), ConsentError> {
    let mut tx = db.begin().await?;
    match store::consent_subject(&mut tx, id).await? {
        Some((subject, _)) if subjects.contains(&subject) => {}
        _ => return Err(ConsentError::NotFound),
    }
    let Some((subject, dataset)) = store::revoke_consent(&mut tx, id, actor.user_id, actor.at).await? else {
        return Err(ConsentError::NotFound);
    };
    let details = serde_json::json!({ "subject": subject, "dataset": dataset }).to_string();
    audit::append(&mut tx, &actor.entry("exchange.consent.revoke", ("exchange_consent", id), &details)).await?;
    tx.commit().await?;
    Ok(())
}

/// The consents about these subjects: in force first, then revoked, newest first.
pub async fn consents_of(db: &Db, subjects: &[String]) -> Result<Vec<Consent>, StoreError> {
    store::consents_of(db, subjects).await
}
