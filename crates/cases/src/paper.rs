//! Paper copies of licences and permits issued through the portal (LIC-6.2).
//!
//! The electronic licence is the licence; a paper copy is also provided when it is used directly
//! in foreign economic activity, when an international agreement requires it, or at the holder's
//! request. The holder asks for it from the case, naming the ground; the issuing body's official
//! records that it was handed over (when, and how); the holder is notified. Both steps are on
//! the case's timeline and in the audit journal. One request of a document is open at a time.

use pencere_core::Timestamp;
use pencere_store::Db;
use pencere_store::audit::{self, json_string};

use crate::catalog::RegistryAction;
use crate::issuance::DocumentStatus;
use crate::{CaseError, Engine, FieldError, Who, check_login, store};

/// Why a paper copy is asked for: the regulation's three grounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaperGround {
    /// It is used directly in foreign economic activity.
    ForeignTrade,
    /// An international agreement requires it.
    InternationalAgreement,
    /// The holder asks for it.
    HolderRequest,
}

impl PaperGround {
    /// Every ground, in the order a form lists them.
    pub const ALL: [PaperGround; 3] =
        [PaperGround::HolderRequest, PaperGround::ForeignTrade, PaperGround::InternationalAgreement];

    /// Its name in forms and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            PaperGround::ForeignTrade => "foreign_trade",
            PaperGround::InternationalAgreement => "international_agreement",
            PaperGround::HolderRequest => "holder_request",
        }
    }

    /// Reads a ground's name.
    pub fn parse(text: &str) -> Option<PaperGround> {
        PaperGround::ALL.into_iter().find(|ground| ground.as_str() == text)
    }
}

/// A request for a paper copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperCopy {
    /// Its id.
    pub id: String,
    /// The document it copies.
    pub document_id: String,
    /// The case that issued the document.
    pub case_id: String,
    /// The document's title.
    pub title: String,
    /// The ground named.
    pub ground: String,
    /// The holder's note (how they wish to receive it).
    pub note: Option<String>,
    /// When it was asked for.
    pub requested_at: Timestamp,
    /// `requested`, `handed_over`, or `superseded` (closed because the document was replaced by
    /// a re-issued one or a duplicate before it was handed over).
    pub status: String,
    /// When it was handed over.
    pub handed_at: Option<Timestamp>,
    /// How it was handed over.
    pub handed_note: Option<String>,
}

impl From<store::PaperRow> for PaperCopy {
    fn from(row: store::PaperRow) -> PaperCopy {
        PaperCopy {
            id: row.id,
            document_id: row.document_id,
            case_id: row.case_id,
            title: row.title,
            ground: row.ground,
            note: row.note,
            requested_at: Timestamp::from_micros(row.requested_at),
            status: row.status,
            handed_at: row.handed_at.map(Timestamp::from_micros),
            handed_note: row.handed_note,
        }
    }
}

impl Engine {
    /// The holder asks for a paper copy of a licence or permit in force. Returns the request's
    /// id, or a conflict when a request of the same document is still open.
    pub async fn request_paper_copy(
        &self,
        db: &Db,
        who: Who<'_>,
        document_id: &str,
        ground: &str,
        note: &str,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let note = Some(note.trim()).filter(|note| !note.is_empty());
        let mut tx = db.begin().await?;
        let document = store::issued_by_id(&mut tx, document_id).await?.ok_or(CaseError::NotFound)?;
        let case = store::case_by_id(&mut tx, &document.case_id).await?.ok_or(CaseError::NotFound)?;
        if case.applicant_id != who.session.user.id {
            return Err(CaseError::NotFound);
        }
        let (service, workflow) = self.service(&case.service)?;
        // Asking for a paper copy is one of the holder's actions on the licence (LIC-3.8).
        check_login(service, who.session)?;
        let licence = workflow
            .transition(&document.transition)
            .is_some_and(|transition| transition.registry.is_some_and(RegistryAction::is_licence));
        if !licence || DocumentStatus::parse(&document.status) != Some(DocumentStatus::Valid) {
            return Err(CaseError::NotPossible("paper_copy".to_owned()));
        }
        let Some(ground) = PaperGround::parse(ground) else {
            return Err(CaseError::Invalid(vec![FieldError { field: "ground".to_owned(), code: "choice" }]));
        };
        if note.is_some_and(|note| note.chars().count() > 1000) {
            return Err(CaseError::Invalid(vec![FieldError { field: "note".to_owned(), code: "too-long" }]));
        }
        let id = uuid::Uuid::now_v7().to_string();
        let new = store::NewPaper {
            id: &id,
            document_id,
            case_id: &case.id,
            ground: ground.as_str(),
            note,
            requested_by: &who.session.user.id,
            now,
        };
        if !store::insert_paper(&mut tx, &new).await? {
            return Err(CaseError::Conflict);
        }
        store::insert_event(
            &mut tx,
            &store::NewEvent {
                case_id: &case.id,
                at: now,
                kind: "paper_requested",
                from_state: None,
                to_state: None,
                actor_id: Some(&who.session.user.id),
                actor_org_id: who.session.acting_org_id.as_deref(),
                note,
            },
        )
        .await?;
        let details =
            format!("{{\"document\":{},\"ground\":{}}}", json_string(document_id), json_string(ground.as_str()));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "case.paper_requested",
                record: Some(("paper_copy", &id)),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The issuing body's official records that a requested paper copy was handed over; the
    /// holder is notified in the same transaction.
    pub async fn hand_over_paper_copy(
        &self,
        db: &Db,
        who: Who<'_>,
        copy_id: &str,
        note: &str,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let note = note.trim();
        let mut tx = db.begin().await?;
        let copy = store::paper_by_id(&mut tx, copy_id).await?.ok_or(CaseError::NotFound)?;
        let case = store::case_by_id(&mut tx, &copy.case_id).await?.ok_or(CaseError::NotFound)?;
        if !self.is_official_of_body(who.session, &case.body_org_id, &case.service) {
            return Err(CaseError::NotFound);
        }
        if note.is_empty() {
            return Err(CaseError::Invalid(vec![FieldError { field: "handed_note".to_owned(), code: "required" }]));
        }
        if note.chars().count() > 1000 {
            return Err(CaseError::Invalid(vec![FieldError { field: "handed_note".to_owned(), code: "too-long" }]));
        }
        if !store::hand_over_paper(&mut tx, copy_id, &who.session.user.id, Some(note), now).await? {
            return Err(CaseError::Conflict);
        }
        store::insert_event(
            &mut tx,
            &store::NewEvent {
                case_id: &case.id,
                at: now,
                kind: "paper_handed_over",
                from_state: None,
                to_state: None,
                actor_id: Some(&who.session.user.id),
                actor_org_id: who.session.acting_org_id.as_deref(),
                note: Some(note),
            },
        )
        .await?;
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "case.paper_handed_over",
                record: Some(("paper_copy", copy_id)),
                subject_id: Some(&case.applicant_id),
                details: "{}",
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        let (service, workflow) = self.service(&case.service)?;
        self.notify_applicant(&mut tx, &case, service, workflow, "paper-copy-ready", Some(note), now).await?;
        tx.commit().await?;
        Ok(case.id)
    }

    /// Closes the open requests for paper copies of a licence document that a re-issue or a
    /// duplicate has just superseded, in that act's transaction: each request becomes
    /// `superseded`, its case's timeline and the journal record it, and the holder is notified.
    pub(crate) async fn close_superseded_paper_copies(
        &self,
        tx: &mut pencere_store::Tx,
        document_id: &str,
        who: Who<'_>,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        for copy in store::open_papers_of_document(tx, document_id).await? {
            if !store::supersede_paper(tx, &copy.id).await? {
                continue;
            }
            let case = store::case_by_id(tx, &copy.case_id).await?.ok_or(CaseError::NotFound)?;
            store::insert_event(
                tx,
                &store::NewEvent {
                    case_id: &case.id,
                    at: now,
                    kind: "paper_superseded",
                    from_state: None,
                    to_state: None,
                    actor_id: Some(&who.session.user.id),
                    actor_org_id: who.session.acting_org_id.as_deref(),
                    note: None,
                },
            )
            .await?;
            let details = format!("{{\"document\":{}}}", json_string(document_id));
            audit::append(
                tx,
                &audit::NewEntry {
                    action: "case.paper_superseded",
                    record: Some(("paper_copy", &copy.id)),
                    subject_id: Some(&case.applicant_id),
                    details: &details,
                    ..who.session.entry(now, who.context)
                },
            )
            .await?;
            let (service, workflow) = self.service(&case.service)?;
            self.notify_applicant(tx, &case, service, workflow, "paper-copy-superseded", None, now).await?;
        }
        Ok(())
    }

    /// The open requests for paper copies of the documents of the body the official acts for.
    pub async fn open_paper_copies(
        &self,
        db: &Db,
        session: &pencere_identity::ActiveSession,
    ) -> Result<Vec<(String, PaperCopy)>, CaseError> {
        let Some(body) = session.acting_org_id.as_deref() else {
            return Ok(Vec::new());
        };
        let mut tx = db.begin_read().await?;
        Ok(store::open_papers_of_body(&mut tx, body, session.clearance())
            .await?
            .into_iter()
            .filter(|(_, _, service)| self.is_official_of_body(session, body, service))
            .map(|(row, number, _)| (number.unwrap_or_default(), PaperCopy::from(row)))
            .collect())
    }
}
