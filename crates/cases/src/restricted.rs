//! Restricted-access information in applications (LIC-8.0.11): fields and document slots a
//! service marks `restricted = "medical" | "criminal-record" | "commercial-secret" | "tax-secret"`
//! are shown only to officials holding a role the service clears for that kind
//! (`[clearances]`), in the body they act for — and always to the applicant, whose data it is.
//!
//! Everyone else who may see the case (other officials of the competent body, a body asked for
//! its opinion, a body asked a verification query) sees that the item exists and why it is
//! withheld, never its value; a restricted document's download is refused to them. Each view in
//! which restricted information was shown to a cleared official is journaled
//! (`case.restricted_read`, naming the kinds), so the holder's cabinet and the operator can see
//! who read it.

use pencere_core::Timestamp;
use pencere_identity::ActiveSession;
use pencere_store::audit::{self, NewEntry, json_string};

use crate::catalog::{Restriction, Service};
use crate::{CaseDetail, CaseError, Engine, Who};

/// An item of a case kept from the viewer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Withheld {
    /// The field's or the document slot's id.
    pub id: String,
    /// Why it is withheld.
    pub kind: Restriction,
    /// Whether it is a document slot (else a form field).
    pub document: bool,
}

impl Engine {
    /// Whether the session may see restricted information of `kind` on the service's cases: it
    /// holds, in the body it acts for, one of the roles the service clears for that kind.
    pub fn cleared(&self, service: &Service, session: &ActiveSession, kind: Restriction) -> bool {
        service.clearances.get(&kind).is_some_and(|roles| roles.iter().any(|role| session.has_role(role)))
    }

    /// Removes from an official's view the restricted values and documents the session is not
    /// cleared for, listing them in `withheld`; lists the kinds shown in `disclosed`.
    pub(crate) fn withhold(&self, detail: &mut CaseDetail, session: &ActiveSession) {
        let Some(service) = self.catalog.service(&detail.summary.service) else { return };
        let mut withheld = Vec::new();
        let mut disclosed = Vec::new();
        for field in &service.fields {
            let Some(kind) = field.restricted else { continue };
            if self.cleared(service, session, kind) {
                if detail.data.get(&field.id).is_some_and(|value| !value.is_empty()) {
                    disclosed.push(kind);
                }
            } else if detail.data.remove(&field.id).is_some() {
                withheld.push(Withheld { id: field.id.clone(), kind, document: false });
            }
        }
        for slot in &service.documents {
            let Some(kind) = slot.restricted else { continue };
            let present = detail.documents.iter().any(|document| document.slot == slot.id);
            if self.cleared(service, session, kind) {
                if present {
                    disclosed.push(kind);
                }
            } else if present {
                detail.documents.retain(|document| document.slot != slot.id);
                withheld.push(Withheld { id: slot.id.clone(), kind, document: true });
            }
        }
        disclosed.sort();
        disclosed.dedup();
        detail.withheld = withheld;
        detail.disclosed = disclosed;
    }

    /// Whether a document slot of the service is kept from this session (which is not the
    /// applicant).
    pub(crate) fn slot_withheld(&self, service_id: &str, slot: &str, session: &ActiveSession) -> bool {
        self.catalog.service(service_id).is_some_and(|service| {
            service
                .documents
                .iter()
                .find(|candidate| candidate.id == slot)
                .and_then(|candidate| candidate.restricted)
                .is_some_and(|kind| !self.cleared(service, session, kind))
        })
    }

    /// Journals that restricted information of a case was shown to a cleared official
    /// (`case.restricted_read`, with the kinds; the applicant is the entry's subject). Nothing is
    /// written when nothing restricted was shown.
    pub async fn journal_disclosure(
        &self,
        db: &pencere_store::Db,
        who: Who<'_>,
        case: &CaseDetail,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        if case.disclosed.is_empty() {
            return Ok(());
        }
        let kinds: Vec<String> = case.disclosed.iter().map(|kind| json_string(kind.as_str())).collect();
        let details = format!("{{\"kinds\":[{}]}}", kinds.join(","));
        let mut tx = db.begin().await?;
        audit::append(
            &mut tx,
            &NewEntry {
                action: "case.restricted_read",
                record: Some(("case", &case.summary.id)),
                subject_id: Some(&case.summary.applicant_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
