//! Fallback entry (TOB-4.5, VEIS-4.5): when real-time exchange with a registry is impossible, an
//! authorized official of the source agency enters or corrects the data set, signed with their
//! enhanced e-signature. The web layer verifies the signature and the official's role; this
//! module checks the record against the adapter's schema and keeps it with its provenance. The
//! gateway hands out the newest record when the registry has none or does not answer.

use pencere_core::Timestamp;
use pencere_store::audit;
use pencere_store::{Db, StoreError};

use crate::{Actor, Adapter, store};

/// A data set entered by hand, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManualRecord {
    /// Its id.
    pub id: String,
    /// The registry's service id.
    pub service: String,
    /// The FİN or VÖEN it is about.
    pub subject: String,
    /// The record, in the adapter's JSON schema: the bytes that were signed.
    pub data: String,
    /// The official.
    pub entered_by: String,
    /// Their name.
    pub entered_by_name: String,
    /// The source agency.
    pub organization_id: String,
    /// When.
    pub entered_at: Timestamp,
    /// The signer as their certificate names them.
    pub signer_name: String,
    /// The certificate's serial number.
    pub certificate_serial: String,
}

/// A verified, signed record to keep.
#[derive(Clone, Copy, Debug)]
pub struct NewManualRecord<'a> {
    /// Whose registry.
    pub adapter: Adapter,
    /// The FİN or VÖEN.
    pub subject: &'a str,
    /// The record's JSON, exactly as signed.
    pub data: &'a str,
    /// The official's name.
    pub entered_by_name: &'a str,
    /// The source agency (the organization the official acts for).
    pub organization_id: &'a str,
    /// The detached CMS signature over `data`, already verified.
    pub signature: &'a [u8],
    /// The signer's name from the certificate.
    pub signer_name: &'a str,
    /// The certificate's serial number.
    pub certificate_serial: &'a str,
}

/// Why a manual record was not kept.
#[derive(Debug, thiserror::Error)]
pub enum ManualError {
    /// The record is not of the adapter's schema, or is about another subject.
    #[error("the record does not fit its registry's schema: {0}")]
    Invalid(String),
    /// Storage.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Keeps a signed record and journals it, in one transaction.
pub async fn record_manual(db: &Db, new: &NewManualRecord<'_>, actor: &Actor<'_>) -> Result<ManualRecord, ManualError> {
    new.adapter.check_record(new.subject, new.data).map_err(ManualError::Invalid)?;
    let record = ManualRecord {
        id: uuid::Uuid::now_v7().to_string(),
        service: new.adapter.service_id(),
        subject: new.subject.to_owned(),
        data: new.data.to_owned(),
        entered_by: actor.user_id.to_owned(),
        entered_by_name: new.entered_by_name.to_owned(),
        organization_id: new.organization_id.to_owned(),
        entered_at: actor.at,
        signer_name: new.signer_name.to_owned(),
        certificate_serial: new.certificate_serial.to_owned(),
    };
    let mut tx = db.begin().await?;
    store::insert_manual(&mut tx, &record, new.signature).await?;
    let details = serde_json::json!({
        "service": record.service,
        "subject": record.subject,
        "certificate_serial": record.certificate_serial,
    })
    .to_string();
    let entry = audit::NewEntry {
        at: actor.at,
        actor_id: Some(actor.user_id),
        actor_label: actor.label,
        acting_org_id: actor.org_id,
        action: "exchange.manual_record.enter",
        record: Some(("exchange_manual_record", &record.id)),
        subject_id: None,
        ip: actor.ip,
        request_id: actor.request_id,
        details: &details,
    };
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(record)
}

/// The newest records an organization's officials entered.
pub async fn manual_records_of(db: &Db, organization_id: &str, limit: i64) -> Result<Vec<ManualRecord>, StoreError> {
    store::manual_of_organization(db, organization_id, limit).await
}
