//! Notes on a registry entry: what the registry's owner and operator enter about it, and the
//! errors its holder reports in it.
//!
//! The owner (the officials of the body that keeps the entry, holding a role of its system there)
//! and the operator (`platform.admin`) may enter the data they obtain in their work about an
//! entry (TOB-6.1.15, TOB-7.1.8); the holder is notified and follows them on the entry's page
//! (TOB-8.1.7). The holder reports an error in the entry's data for correction (TOB-8.1.6,
//! TOB-9.1.2); the owner's officials are notified and answer once, and the holder is told the
//! answer — the correction itself is an act on the entry (a re-issue). Notes are seen by the holder,
//! the owner's officials and the operator, never by the public. Each note, its audit entry and
//! its notices commit in one transaction.

mod store;

use pencere_core::{Lang, Timestamp};
use pencere_identity::{ActiveSession, RoleName};
use pencere_store::Db;
use pencere_store::audit::{self, json_string};

use crate::{CaseError, Engine, FieldError, Who};

/// The longest note, report or answer, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;

/// What a note is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Data the owner or the operator entered about the entry.
    Entered,
    /// An error in the entry's data, reported by its holder.
    ErrorReport,
}

impl NoteKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Entered => "entered",
            NoteKind::ErrorReport => "error_report",
        }
    }
}

/// A note on a registry entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryNote {
    /// Its id.
    pub id: String,
    /// What it is.
    pub kind: NoteKind,
    /// Its text.
    pub text: String,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub at: Timestamp,
    /// An error report's answer, once given.
    pub answer: Option<String>,
    /// When it was answered.
    pub answered_at: Option<Timestamp>,
}

impl EntryNote {
    /// Whether this is an error report still waiting for its answer.
    pub fn is_open(&self) -> bool {
        self.kind == NoteKind::ErrorReport && self.answer.is_none()
    }
}

fn note(row: store::NoteRow) -> EntryNote {
    let (id, _, kind, _, _, text, at, _, answer, answered_at, author) = row;
    EntryNote {
        id,
        kind: if kind == "entered" { NoteKind::Entered } else { NoteKind::ErrorReport },
        text,
        author,
        at: Timestamp::from_micros(at),
        answer,
        answered_at: answered_at.map(Timestamp::from_micros),
    }
}

/// An error report waiting for the body's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenReport {
    /// The report's id.
    pub id: String,
    /// The entry's number.
    pub number: String,
    /// When it was reported.
    pub at: Timestamp,
}

/// Who may see an entry's notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteAccess {
    /// Nobody but the holder, the owner and the operator: this caller sees nothing.
    None,
    /// The holder: sees the notes and may report an error.
    Holder,
    /// The owner's official or the operator: sees the notes, enters data and answers reports.
    Keeper,
}

fn checked_text(field: &str, text: &str) -> Result<String, CaseError> {
    let text = text.trim();
    let code = if text.is_empty() {
        "required"
    } else if text.chars().count() > MAX_NOTE_CHARS {
        "too-long"
    } else {
        return Ok(text.to_owned());
    };
    Err(CaseError::Invalid(vec![FieldError { field: field.to_owned(), code }]))
}

impl Engine {
    async fn access_to(
        &self,
        tx: &mut pencere_store::Tx,
        session: &ActiveSession,
        entry: &crate::store::EntryRow,
    ) -> Result<NoteAccess, CaseError> {
        if session.has_role(RoleName::PLATFORM_ADMIN)
            || self.is_official_of_body(session, &entry.body_org_id, &entry.service)
        {
            return Ok(NoteAccess::Keeper);
        }
        let case = crate::store::case_by_id(tx, &entry.case_id).await?.ok_or(CaseError::NotFound)?;
        Ok(if crate::holds(&case, session) { NoteAccess::Holder } else { NoteAccess::None })
    }

    /// The notes of an entry, oldest first, for its holder, its owner's officials and the
    /// operator; anyone else is refused as if the entry had none ([`CaseError::NotFound`]).
    pub async fn entry_notes(
        &self,
        db: &Db,
        session: &ActiveSession,
        number: &str,
    ) -> Result<(NoteAccess, Vec<EntryNote>), CaseError> {
        let mut tx = db.begin_read().await?;
        let entry = crate::store::entry_by_number(&mut tx, number)
            .await?
            .filter(|e| e.status != "reserved")
            .ok_or(CaseError::NotFound)?;
        let access = self.access_to(&mut tx, session, &entry).await?;
        if access == NoteAccess::None {
            return Err(CaseError::NotFound);
        }
        let notes = store::of_entry(&mut tx, &entry.id).await?.into_iter().map(note).collect();
        Ok((access, notes))
    }

    /// Enters data about an entry, as its owner's official or the operator (TOB-6.1.15,
    /// TOB-7.1.8); the holder is notified in the same transaction (TOB-8.1.7). Returns the id.
    pub async fn enter_note(
        &self,
        db: &Db,
        who: Who<'_>,
        number: &str,
        text: &str,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let text = checked_text("text", text)?;
        let mut tx = db.begin().await?;
        let entry = crate::store::entry_by_number(&mut tx, number)
            .await?
            .filter(|e| e.status != "reserved")
            .ok_or(CaseError::NotFound)?;
        match self.access_to(&mut tx, who.session, &entry).await? {
            NoteAccess::Keeper => {}
            NoteAccess::Holder => return Err(CaseError::Forbidden),
            NoteAccess::None => return Err(CaseError::NotFound),
        }
        let id = uuid::Uuid::now_v7().to_string();
        store::insert(
            &mut tx,
            &store::NewNote {
                id: &id,
                entry_id: &entry.id,
                kind: NoteKind::Entered.as_str(),
                author_id: &who.session.user.id,
                author_org_id: who.session.acting_org_id.as_deref(),
                text: &text,
                status: None,
                now,
            },
        )
        .await?;
        let case = crate::store::case_by_id(&mut tx, &entry.case_id).await?.ok_or(CaseError::NotFound)?;
        let details = format!("{{\"number\":{}}}", json_string(&entry.number));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "registry.note_entered",
                record: Some(("registry_note", &id)),
                subject_id: Some(&case.applicant_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        let (service, workflow) = self.service(&case.service)?;
        self.notify_applicant(&mut tx, &case, service, workflow, "registry-note-entered", None, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Reports an error in an entry's data, as its holder (TOB-8.1.6, TOB-9.1.2); the owner's
    /// officials are notified in the same transaction. Returns the report's id.
    pub async fn report_entry_error(
        &self,
        db: &Db,
        who: Who<'_>,
        number: &str,
        text: &str,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let text = checked_text("text", text)?;
        let mut tx = db.begin().await?;
        let entry = crate::store::entry_by_number(&mut tx, number)
            .await?
            .filter(|e| e.status != "reserved")
            .ok_or(CaseError::NotFound)?;
        let case = crate::store::case_by_id(&mut tx, &entry.case_id).await?.ok_or(CaseError::NotFound)?;
        if !crate::holds(&case, who.session) {
            return Err(CaseError::Forbidden);
        }
        let id = uuid::Uuid::now_v7().to_string();
        store::insert(
            &mut tx,
            &store::NewNote {
                id: &id,
                entry_id: &entry.id,
                kind: NoteKind::ErrorReport.as_str(),
                author_id: &who.session.user.id,
                author_org_id: who.session.acting_org_id.as_deref(),
                text: &text,
                status: Some("open"),
                now,
            },
        )
        .await?;
        let details = format!("{{\"number\":{}}}", json_string(&entry.number));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "registry.error_reported",
                record: Some(("registry_note", &id)),
                subject_id: Some(&case.applicant_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        let (service, _) = self.service(&entry.service)?;
        let recipients = crate::store::body_officials(&mut tx, &entry.body_org_id, service.system()).await?;
        for (user_id, email, phone) in &recipients {
            let recipient =
                pencere_notify::Recipient { user_id, email: email.as_deref(), phone: phone.as_deref(), lang: Lang::Az };
            let notice = pencere_notify::Notice {
                template: "registry-error-reported",
                args: vec![("licence", entry.number.clone()), ("service", service.name.get(Lang::Az).to_owned())],
                case_id: None,
            };
            pencere_notify::notify(&mut tx, &recipient, &notice, now).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Answers an error report, once, as the owner's official or the operator; the holder is
    /// told the answer in the same transaction. Returns the entry's number.
    pub async fn answer_entry_error(
        &self,
        db: &Db,
        who: Who<'_>,
        report_id: &str,
        answer: &str,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let answer = checked_text("answer", answer)?;
        let mut tx = db.begin().await?;
        let row = store::by_id(&mut tx, report_id).await?.ok_or(CaseError::NotFound)?;
        let report = note(row.clone());
        let entry = crate::store::entry_by_id(&mut tx, &row.1).await?.ok_or(CaseError::NotFound)?;
        if self.access_to(&mut tx, who.session, &entry).await? != NoteAccess::Keeper {
            return Err(CaseError::NotFound);
        }
        if report.kind != NoteKind::ErrorReport {
            return Err(CaseError::NotFound);
        }
        if !store::answer(&mut tx, report_id, &answer, &who.session.user.id, now).await? {
            return Err(CaseError::Conflict);
        }
        let case = crate::store::case_by_id(&mut tx, &entry.case_id).await?.ok_or(CaseError::NotFound)?;
        let details = format!("{{\"number\":{}}}", json_string(&entry.number));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "registry.error_answered",
                record: Some(("registry_note", report_id)),
                subject_id: Some(&case.applicant_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        let (service, workflow) = self.service(&case.service)?;
        self.notify_applicant(&mut tx, &case, service, workflow, "registry-error-answered", Some(&answer), now).await?;
        tx.commit().await?;
        Ok(entry.number)
    }

    /// The error reports waiting for an answer from the body the official acts for, about entries
    /// of the systems they hold a role of.
    pub async fn open_entry_errors(&self, db: &Db, session: &ActiveSession) -> Result<Vec<OpenReport>, CaseError> {
        let Some(body) = session.acting_org_id.as_deref() else {
            return Ok(Vec::new());
        };
        let mut tx = db.begin_read().await?;
        Ok(store::open_reports_of_body(&mut tx, body, session.clearance())
            .await?
            .into_iter()
            .filter(|(_, _, service, _)| self.is_official_of_body(session, body, service))
            .map(|(id, number, _, at)| OpenReport { id, number, at: Timestamp::from_micros(at) })
            .collect())
    }
}
