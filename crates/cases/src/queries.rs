//! Verification queries about doubtful documents (LIC-5.8).
//!
//! When the competent body has reasonable doubts about the authenticity of an attached document
//! or the accuracy of its data, its official asks a relevant body through the portal. The asked
//! body's officials see the case and answer once; the answer stays on the case for the competent
//! body. The time this takes counts within the review deadline (the Law's arts. 14.1 and 14.2),
//! so nothing pauses: the applicant's timeline shows that a query was sent and answered, and the
//! deadline keeps running on both sides. The question and the answer are for the officials.

use pencere_core::{Lang, Timestamp};
use pencere_identity::ActiveSession;
use pencere_store::Db;
use pencere_store::audit::{self, json_string};
use pencere_store::organizations::OrganizationKind;

use crate::{CaseError, CaseSummary, Engine, FieldError, Who, store};

/// A verification query on a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseQuery {
    /// Its id.
    pub id: String,
    /// The body asked (organization id).
    pub body_org_id: String,
    /// The body's names (az, en, ru).
    pub body: [String; 3],
    /// The document slot the doubt is about, if one.
    pub slot: Option<String>,
    /// What was asked.
    pub question: String,
    /// When it was asked.
    pub asked_at: Timestamp,
    /// `pending` or `answered`.
    pub status: String,
    /// The answer.
    pub answer: Option<String>,
    /// When it was answered.
    pub answered_at: Option<Timestamp>,
}

impl From<store::QueryRow> for CaseQuery {
    fn from(row: store::QueryRow) -> CaseQuery {
        CaseQuery {
            id: row.id,
            body_org_id: row.body_org_id,
            body: row.body,
            slot: row.slot,
            question: row.question,
            asked_at: Timestamp::from_micros(row.asked_at),
            status: row.status,
            answer: row.answer,
            answered_at: row.answered_at.map(Timestamp::from_micros),
        }
    }
}

impl Engine {
    /// Asks a relevant body to verify a document of an open case, as an official of the case's
    /// competent body. Returns the query's id.
    #[allow(clippy::too_many_arguments, reason = "one call, each argument a distinct fact of the query")]
    pub async fn ask_verification(
        &self,
        db: &Db,
        who: Who<'_>,
        case_id: &str,
        body_org_id: &str,
        slot: Option<&str>,
        question: &str,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let question = question.trim();
        let mut tx = db.begin().await?;
        let case = store::case_by_id(&mut tx, case_id).await?.ok_or(CaseError::NotFound)?;
        if !self.is_official_of_body(who.session, &case.body_org_id, &case.service) || case.number.is_none() {
            return Err(CaseError::NotFound);
        }
        let (_, workflow) = self.service(&case.service)?;
        if workflow.is_final(&case.state) {
            return Err(CaseError::NotPossible("ask_verification".to_owned()));
        }
        let mut errors = Vec::new();
        let body = pencere_store::organizations::find_by_id(&mut tx, body_org_id).await?;
        if !body.is_some_and(|body| body.kind == OrganizationKind::Agency && body.id != case.body_org_id) {
            errors.push(FieldError { field: "body".to_owned(), code: "choice" });
        }
        let slot = slot.map(str::trim).filter(|slot| !slot.is_empty());
        if let Some(slot) = slot {
            let attached = store::documents(&mut tx, case_id).await?.iter().any(|document| document.0 == slot);
            if !attached {
                errors.push(FieldError { field: "slot".to_owned(), code: "choice" });
            }
        }
        if question.is_empty() {
            errors.push(FieldError { field: "question".to_owned(), code: "required" });
        } else if question.chars().count() > 4000 {
            errors.push(FieldError { field: "question".to_owned(), code: "too-long" });
        }
        if !errors.is_empty() {
            return Err(CaseError::Invalid(errors));
        }
        let id = uuid::Uuid::now_v7().to_string();
        store::insert_query(
            &mut tx,
            &store::NewQuery { id: &id, case_id, body_org_id, slot, question, asked_by: &who.session.user.id, now },
        )
        .await?;
        store::insert_event(
            &mut tx,
            &store::NewEvent {
                case_id,
                at: now,
                kind: "verification_asked",
                from_state: None,
                to_state: None,
                actor_id: Some(&who.session.user.id),
                actor_org_id: who.session.acting_org_id.as_deref(),
                note: None,
            },
        )
        .await?;
        let details = format!("{{\"body\":{},\"slot\":{}}}", json_string(body_org_id), json_string(slot.unwrap_or("")));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "case.verification_asked",
                record: Some(("case_query", &id)),
                subject_id: Some(&case.applicant_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        // The asked body's officials are told that a query waits for them.
        let recipients = store::body_officials(&mut tx, body_org_id, self.system_of(&case.service)?).await?;
        self.tell_officials(&mut tx, &recipients, "verification-asked", &case, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Answers a verification query, as an official of the body asked (acting for it and holding
    /// a role of the case's system there). A query answered before is a conflict.
    pub async fn answer_verification(
        &self,
        db: &Db,
        who: Who<'_>,
        query_id: &str,
        answer: &str,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let answer = answer.trim();
        let mut tx = db.begin().await?;
        let query = store::query_by_id(&mut tx, query_id).await?.ok_or(CaseError::NotFound)?;
        let case = store::case_by_id(&mut tx, &query.case_id).await?.ok_or(CaseError::NotFound)?;
        if !self.is_official_of_body(who.session, &query.body_org_id, &case.service) {
            return Err(CaseError::NotFound);
        }
        if answer.is_empty() {
            return Err(CaseError::Invalid(vec![FieldError { field: "answer".to_owned(), code: "required" }]));
        }
        if answer.chars().count() > 4000 {
            return Err(CaseError::Invalid(vec![FieldError { field: "answer".to_owned(), code: "too-long" }]));
        }
        if !store::answer_query(&mut tx, query_id, answer, &who.session.user.id, now).await? {
            return Err(CaseError::Conflict);
        }
        store::insert_event(
            &mut tx,
            &store::NewEvent {
                case_id: &case.id,
                at: now,
                kind: "verification_answered",
                from_state: None,
                to_state: None,
                actor_id: Some(&who.session.user.id),
                actor_org_id: Some(&query.body_org_id),
                note: None,
            },
        )
        .await?;
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "case.verification_answered",
                record: Some(("case_query", query_id)),
                subject_id: Some(&case.applicant_id),
                details: "{}",
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        // The official who asked is told; when they no longer work for the competent body, its
        // officials are.
        let mut recipients = store::body_officials(&mut tx, &case.body_org_id, self.system_of(&case.service)?).await?;
        if recipients.iter().any(|(user_id, ..)| *user_id == query.asked_by) {
            recipients.retain(|(user_id, ..)| *user_id == query.asked_by);
        }
        self.tell_officials(&mut tx, &recipients, "verification-answered", &case, now).await?;
        tx.commit().await?;
        Ok(case.id)
    }

    /// The system (`lic`) of a service.
    fn system_of(&self, service: &str) -> Result<&str, CaseError> {
        Ok(self.service(service)?.0.system())
    }

    /// Writes a notice about a case's verification query to each official given (in Azerbaijani,
    /// the officials' working language). The notice names the case, the service and the asked
    /// body, never the question or the answer, which stay on the case page.
    async fn tell_officials(
        &self,
        tx: &mut pencere_store::Tx,
        recipients: &[(String, Option<String>, Option<String>)],
        template: &str,
        case: &store::CaseRow,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let (service, _) = self.service(&case.service)?;
        for (user_id, email, phone) in recipients {
            let recipient =
                pencere_notify::Recipient { user_id, email: email.as_deref(), phone: phone.as_deref(), lang: Lang::Az };
            let notice = pencere_notify::Notice {
                template,
                args: vec![
                    ("number", case.number.clone().unwrap_or_default()),
                    ("service", service.name.get(Lang::Az).to_owned()),
                ],
                case_id: None,
            };
            pencere_notify::notify(tx, &recipient, &notice, now).await?;
        }
        Ok(())
    }

    /// The case a verification query is about.
    pub async fn case_of_query(&self, db: &Db, query_id: &str) -> Result<String, CaseError> {
        let mut tx = db.begin_read().await?;
        Ok(store::query_by_id(&mut tx, query_id).await?.ok_or(CaseError::NotFound)?.case_id)
    }

    /// The cases on which the body the official acts for has verification queries to answer.
    pub async fn awaiting_verification(&self, db: &Db, session: &ActiveSession) -> Result<Vec<CaseSummary>, CaseError> {
        let Some(body) = session.acting_org_id.as_deref() else {
            return Ok(Vec::new());
        };
        let mut tx = db.begin_read().await?;
        Ok(store::queried_of(&mut tx, body, session.clearance())
            .await?
            .into_iter()
            .filter(|row| self.is_official_of_body(session, body, &row.service))
            .map(|row| self.summary(row))
            .collect())
    }

    /// Whether the official's body was asked to verify a document of the case.
    pub(crate) async fn was_queried(
        &self,
        tx: &mut pencere_store::Tx,
        session: &ActiveSession,
        case: &store::CaseRow,
    ) -> Result<bool, CaseError> {
        let Some(body) = session.acting_org_id.as_deref() else {
            return Ok(false);
        };
        Ok(self.is_official_of_body(session, body, &case.service) && store::was_queried(tx, &case.id, body).await?)
    }
}
