//! Pəncərə's case engine: how every system handles applications (müraciət).
//!
//! An e-service is declared as data in its system's catalog ([`catalog`]): the form, documents,
//! fee, competent body, legal deadlines and the workflow. An applicant keeps a draft, submits it
//! (checked field by field, [`form`]), and the case is registered at once with a number, routed
//! to the competent body and the applicant notified (LIC-4.3, LIC-4.4, MIG-4.7). Officials move it
//! through the workflow's transitions; each transition, its timeline event, its deadline changes,
//! its audit entry and its notices commit in one transaction. Deadlines are counted on the
//! working-day calendar; [`Engine::sweep`] acts on the expired ones (an automatic act where the
//! rule says so, LIC-5.5, a flag otherwise), claiming each with `FOR UPDATE SKIP LOCKED` on
//! PostgreSQL so several instances can run it.
//!
//! Invariant: no HTTP, no Fluent; names come from the catalog, texts of notices from templates.
//! Invariant: SQL only in `store.rs`.

pub mod catalog;
pub mod documents;
pub mod form;
pub mod issuance;
pub mod notes;
pub mod paper;
pub mod participants;
pub mod participation;
pub mod publication;
pub mod queries;
pub mod registry;
pub mod reports;
pub mod restricted;
pub mod security;
mod store;

use std::collections::BTreeMap;
use std::sync::Arc;

use pencere_core::calendar::{CalendarError, Date, WorkingCalendar};
use pencere_core::{Lang, Timestamp};
use pencere_identity::{ActiveSession, LoginMethod, RequestContext};
use pencere_payments::{Applied, Callback, Money, NewOrder, OrderStatus, Refusal};
use pencere_store::audit::{self, NewEntry, json_string};
use pencere_store::{Db, StoreError, Tx};

use catalog::{Actor, DayUnit, Expiry, Service, Transition, Workflow};
pub use catalog::{Catalog, CatalogError, CatalogSource};
pub use form::{FieldError, FormData, Strictness};

/// What went wrong with a case operation.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// No such case, or not one the caller may see.
    #[error("no such case")]
    NotFound,
    /// No such service.
    #[error("no such service {0}")]
    UnknownService(String),
    /// The caller may not do this.
    #[error("not allowed")]
    Forbidden,
    /// The service's applications need a login by one of these methods, and the session was
    /// started by another (LIC-3.8: the enhanced e-signature for licence and permit actions).
    #[error("this service needs a login by {}", .0.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(" or "))]
    LoginRequired(Vec<LoginMethod>),
    /// The form has problems.
    #[error("the form has {} problem(s)", .0.len())]
    Invalid(Vec<FieldError>),
    /// The transition does not leave the case's current state.
    #[error("transition {0} is not possible in the case's state")]
    NotPossible(String),
    /// The transition needs a reason.
    #[error("a reason is required")]
    ReasonRequired,
    /// Someone else changed the case first.
    #[error("the case was changed by someone else")]
    Conflict,
    /// The competent body is not an organization of this installation.
    #[error("competent body {0} is unknown")]
    UnknownBody(String),
    /// A document was refused.
    #[error(transparent)]
    Document(#[from] documents::DocumentError),
    /// The calendar has no data for a year a deadline reaches.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The storage layer failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Identity lookups failed.
    #[error(transparent)]
    Identity(#[from] pencere_identity::IdentityError),
    /// The transition issues a document but this installation renders none.
    #[error("no paperwork is configured to render documents")]
    NoPaperwork,
    /// A document could not be rendered or prepared for signing.
    #[error("the document could not be prepared: {0}")]
    Render(String),
    /// The signature does not verify.
    #[error("the signature is not valid: {0}")]
    Signature(pencere_trust::TrustError),
    /// The signature is valid but its certificate names someone other than the official.
    #[error("the certificate names someone else")]
    WrongSigner,
}

/// The engine: the catalog and the calendar.
#[derive(Clone, Debug)]
pub struct Engine {
    catalog: Arc<Catalog>,
    calendar: Arc<WorkingCalendar>,
    paperwork: Option<Arc<dyn issuance::Paperwork>>,
    participation: Option<Arc<participation::Rules>>,
    maintenance: Arc<participants::NoticePeriods>,
}

impl std::fmt::Debug for dyn issuance::Paperwork {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Paperwork")
    }
}

/// Refuses an applicant's action on a service whose applications need another login method
/// (LIC-3.8). The session says how its user logged in, and whether the test environment lets
/// a password session stand in (`ActiveSession::allow_stand_in`, done where sessions are loaded).
fn check_login(service: &Service, session: &ActiveSession) -> Result<(), CaseError> {
    if session.login_standing(service.login()).allows() {
        Ok(())
    } else {
        Err(CaseError::LoginRequired(service.login().to_vec()))
    }
}

/// Who acts: a logged-in user and where the request came from.
#[derive(Clone, Copy)]
pub struct Who<'a> {
    /// The session.
    pub session: &'a ActiveSession,
    /// The request.
    pub context: &'a RequestContext<'a>,
}

/// The result of a submission.
#[derive(Clone, Debug)]
pub struct Submitted {
    /// The case's id.
    pub id: String,
    /// Its registration number.
    pub number: String,
    /// False when the same submission (same idempotency key) had already been registered.
    pub fresh: bool,
}

/// A line of a list of cases.
#[derive(Clone, Debug)]
pub struct CaseSummary {
    /// The case's id.
    pub id: String,
    /// Its registration number, once registered.
    pub number: Option<String>,
    /// The service.
    pub service: String,
    /// The state.
    pub state: String,
    /// Who applied.
    pub applicant_id: String,
    /// The official it is assigned to.
    pub assigned_to: Option<String>,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it was registered.
    pub submitted_at: Option<Timestamp>,
    /// When it ended.
    pub decided_at: Option<Timestamp>,
    /// The earliest due date of its open deadlines.
    pub next_due: Option<Date>,
    /// Whether a deadline passed without the act it called for.
    pub overdue: bool,
    /// Whether the case has ended.
    pub closed: bool,
}

/// A deadline of a case, as both sides see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseDeadline {
    /// Its name in the service's catalog.
    pub name: String,
    /// The day the event happened (the period starts the day after).
    pub started_on: Date,
    /// The last day of the period.
    pub due_on: Date,
    /// `open`, `paused`, `met`, `expired` or `stopped`.
    pub status: String,
    /// When it was paused, if it is.
    pub paused_on: Option<Date>,
}

/// A step of a case's timeline.
#[derive(Clone, Debug)]
pub struct TimelineEvent {
    /// When.
    pub at: Timestamp,
    /// `created`, `registered`, `transition`, `assigned`, `deadline_expired`, `document`.
    pub kind: String,
    /// The state before.
    pub from_state: Option<String>,
    /// The state after.
    pub to_state: Option<String>,
    /// The reason or other note.
    pub note: Option<String>,
    /// Who acted (a person's name), if a person did.
    pub actor_name: Option<String>,
    /// Whether the acting person is the applicant.
    pub by_applicant: bool,
    /// The body acted for, in az, en, ru.
    pub body: Option<[String; 3]>,
}

/// A stored version of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredDocument {
    /// The slot.
    pub slot: String,
    /// The version, from 1.
    pub version: i64,
    /// The SHA-256 of the content, hexadecimal.
    pub sha256: String,
    /// The (sanitized) file name.
    pub file_name: String,
    /// `application/pdf`, `image/jpeg` or `image/png`.
    pub content_type: String,
    /// The size in bytes.
    pub size: i64,
    /// When it was uploaded.
    pub uploaded_at: Timestamp,
}

/// Everything about one case.
#[derive(Clone, Debug)]
pub struct CaseDetail {
    /// The summary.
    pub summary: CaseSummary,
    /// The form's values.
    pub data: FormData,
    /// The language the applicant wrote in.
    pub lang: Lang,
    /// The organization the applicant acted for.
    pub applicant_org_id: Option<String>,
    /// The competent body.
    pub body_org_id: String,
    /// The timeline, oldest first.
    pub timeline: Vec<TimelineEvent>,
    /// The deadlines.
    pub deadlines: Vec<CaseDeadline>,
    /// The documents, every version.
    pub documents: Vec<StoredDocument>,
    /// The notices written about it and their delivery.
    pub deliveries: Vec<pencere_notify::Delivery>,
    /// The opinions asked of other bodies.
    pub opinions: Vec<CaseOpinion>,
    /// The payment orders of its fees.
    pub payments: Vec<pencere_payments::Order>,
    /// The documents it issued or is issuing.
    pub issued: Vec<issuance::IssuedDocument>,
    /// Verification queries about its documents (for officials: see [`queries`]).
    pub queries: Vec<queries::CaseQuery>,
    /// Requests for paper copies of its licence.
    pub paper_copies: Vec<paper::PaperCopy>,
    /// Restricted information kept from this viewer (an official not cleared for it).
    pub withheld: Vec<restricted::Withheld>,
    /// The kinds of restricted information shown to this viewer (an official cleared for them):
    /// journal the view with [`Engine::journal_disclosure`].
    pub disclosed: Vec<catalog::Restriction>,
}

/// An opinion asked of another body, as both sides see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseOpinion {
    /// The body asked.
    pub body_org_id: String,
    /// Its name in az, en, ru.
    pub body: [String; 3],
    /// The role that answers.
    pub role: String,
    /// `pending`, `consent` or `refusal`.
    pub status: String,
    /// The answer's text.
    pub answer: Option<String>,
    /// When it was answered.
    pub answered_at: Option<Timestamp>,
}

/// Which cases a work queue shows.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    /// Only this service.
    pub service: Option<String>,
    /// Only cases assigned to this official.
    pub assigned_to: Option<String>,
    /// Closed cases too.
    pub include_closed: bool,
    /// Whether cases of classified persons (VEIS-1.10) are listed; not by default.
    pub clearance: pencere_store::classified::Clearance,
}

/// Statistics of one service.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceStats {
    /// The service.
    pub service: String,
    /// Registered applications.
    pub received: usize,
    /// Applications that reached a final state.
    pub decided: usize,
    /// Median days from registration to decision.
    pub median_days: Option<f64>,
    /// 90th percentile of days from registration to decision.
    pub p90_days: Option<f64>,
    /// Share of decided cases decided without a deadline passing, 0 to 1.
    pub within_deadline: Option<f64>,
}

/// What a sweep of the timers did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Deadlines that moved their case on by themselves.
    pub acted: usize,
    /// Deadlines that flagged their case overdue.
    pub flagged: usize,
}

/// Who takes a transition, for the journal and the timeline.
struct ActorRef<'a> {
    user_id: Option<&'a str>,
    label: &'a str,
    org_id: Option<&'a str>,
    context: RequestContext<'a>,
}

impl<'a> ActorRef<'a> {
    /// The system acting for the competent body (timers, payments, the last opinion).
    fn system(body_org_id: &'a str) -> ActorRef<'a> {
        ActorRef {
            user_id: None,
            label: "system",
            org_id: Some(body_org_id),
            context: RequestContext { ip: None, request_id: None },
        }
    }
}

impl Engine {
    /// An engine over a catalog and a calendar.
    pub fn new(catalog: Catalog, calendar: WorkingCalendar) -> Engine {
        Engine {
            catalog: Arc::new(catalog),
            calendar: Arc::new(calendar),
            paperwork: None,
            participation: None,
            maintenance: Arc::new(participants::NoticePeriods::default()),
        }
    }

    /// The same engine, rendering documents with `paperwork`.
    #[must_use]
    pub fn with_paperwork(mut self, paperwork: Arc<dyn issuance::Paperwork>) -> Engine {
        self.paperwork = Some(paperwork);
        self
    }

    /// The same engine, taking inquiries, suggestions and drafts of legal acts under `rules`.
    #[must_use]
    pub fn with_participation(mut self, rules: participation::Rules) -> Engine {
        self.participation = Some(Arc::new(rules));
        self
    }

    /// Adds the notice periods the systems' participants give before planned work, each from
    /// its portal's catalog (LIC-9.1.6, MIG-6.2.5).
    pub fn with_maintenance_notices(mut self, periods: participants::NoticePeriods) -> Engine {
        self.maintenance = Arc::new(periods);
        self
    }

    /// The notice periods before planned work, by system.
    pub fn maintenance_notices(&self) -> &participants::NoticePeriods {
        &self.maintenance
    }

    /// The catalog.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The calendar.
    pub fn calendar(&self) -> &WorkingCalendar {
        &self.calendar
    }

    fn service(&self, id: &str) -> Result<(&Service, &Workflow), CaseError> {
        self.catalog.service_and_workflow(id).ok_or_else(|| CaseError::UnknownService(id.to_owned()))
    }

    /// Checks that every competent body exists; returns the missing ones as an error naming the
    /// catalog file.
    pub async fn check_bodies(&self, db: &Db) -> Result<(), CatalogError> {
        let mut tx = db.begin_read().await.map_err(|error| CatalogError {
            file: "-".into(),
            field: "competent_body".into(),
            reason: error.to_string(),
        })?;
        for service in self.catalog.services() {
            let bodies = std::iter::once(("competent_body".to_owned(), &service.competent_body))
                .chain(
                    service
                        .opinions
                        .iter()
                        .enumerate()
                        .map(|(index, opinion)| (format!("opinions[{index}].body"), &opinion.body)),
                )
                .chain(service.report_to.iter().enumerate().map(|(index, code)| (format!("report_to[{index}]"), code)))
                .chain(service.supervisor.iter().map(|code| ("supervisor".to_owned(), code)));
            for (field, code) in bodies {
                let found = pencere_store::organizations::find_by_code(&mut tx, code).await.ok().flatten();
                if found.is_none() {
                    return Err(CatalogError {
                        file: service.file().to_owned(),
                        field,
                        reason: format!("no organization {code}"),
                    });
                }
            }
        }
        Ok(())
    }

    /// The values a new form starts with: those the catalog prefills from the applicant's data
    /// and the organization they act for (LIC-4.2).
    pub async fn prefill(&self, db: &Db, service: &Service, session: &ActiveSession) -> Result<FormData, CaseError> {
        use catalog::Prefill;
        let organization = match session.acting_memberships().next() {
            Some(membership) => {
                let mut tx = db.begin_read().await?;
                pencere_store::organizations::find_by_code(&mut tx, &membership.organization.code).await?
            }
            None => None,
        };
        let mut data = FormData::new();
        for field in &service.fields {
            let value = match field.prefill {
                Some(Prefill::ApplicantName) => Some(session.user.full_name.clone()),
                Some(Prefill::ApplicantFin) => session.user.fin.as_ref().map(ToString::to_string),
                Some(Prefill::ApplicantEmail) => session.user.email.clone(),
                Some(Prefill::ApplicantPhone) => session.user.phone.clone(),
                Some(Prefill::OrganizationName) => organization.as_ref().map(|org| org.name(Lang::Az).to_owned()),
                Some(Prefill::OrganizationVoen) => organization.as_ref().and_then(|org| org.voen.clone()),
                // Filled through the exchange gateway by the caller.
                // Filled from registries by the web layer, through the EHİS gateway.
                Some(
                    Prefill::TaxpayerName
                    | Prefill::TaxpayerLegalAddress
                    | Prefill::PersonAddress
                    | Prefill::TaxpayerRegisteredOn
                    | Prefill::TaxObjectAddresses
                    | Prefill::ProductionSince,
                )
                | None => None,
            };
            if let Some(value) = value {
                data.insert(field.id.clone(), value);
            }
        }
        Ok(data)
    }

    /// Saves a draft: a new one, or changes to the caller's own draft. Returns its id.
    #[allow(clippy::too_many_arguments, reason = "one call, each argument a distinct fact of the draft")]
    pub async fn save_draft(
        &self,
        db: &Db,
        who: Who<'_>,
        service_id: &str,
        draft_id: Option<&str>,
        data: &FormData,
        lang: Lang,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let (service, _) = self.service(service_id)?;
        check_login(service, who.session)?;
        let (clean, errors) = form::check(service, data, &[], Strictness::Draft);
        if !errors.is_empty() {
            return Err(CaseError::Invalid(errors));
        }
        let json = to_json(&clean);
        let mut tx = db.begin().await?;
        let id = match draft_id {
            Some(id) => {
                let case = own_case(&mut tx, who.session, id).await?;
                if case.service != service.id || !store::update_draft(&mut tx, id, &json, lang.as_str(), now).await? {
                    return Err(CaseError::Conflict);
                }
                id.to_owned()
            }
            None => {
                let id = uuid::Uuid::now_v7().to_string();
                let body = body_id(&mut tx, service).await?;
                store::insert_draft(
                    &mut tx,
                    &store::NewCase {
                        id: &id,
                        service: &service.id,
                        applicant_id: &who.session.user.id,
                        applicant_org_id: who.session.acting_org_id.as_deref(),
                        body_org_id: &body,
                        lang: lang.as_str(),
                        data: &json,
                        now,
                    },
                )
                .await?;
                store::insert_event(
                    &mut tx,
                    &store::NewEvent {
                        case_id: &id,
                        at: now,
                        kind: "created",
                        from_state: None,
                        to_state: Some(catalog::DRAFT),
                        actor_id: Some(&who.session.user.id),
                        actor_org_id: who.session.acting_org_id.as_deref(),
                        note: None,
                    },
                )
                .await?;
                id
            }
        };
        tx.commit().await?;
        Ok(id)
    }

    /// Submits an application: checks it field by field, registers it with a number, starts its
    /// deadlines, journals it and notifies the applicant, all in one transaction. The same
    /// `idempotency_key` from the same applicant returns the case already registered.
    #[allow(clippy::too_many_arguments, reason = "one call, each argument a distinct fact of the submission")]
    pub async fn submit(
        &self,
        db: &Db,
        who: Who<'_>,
        service_id: &str,
        draft_id: Option<&str>,
        data: &FormData,
        idempotency_key: Option<&str>,
        lang: Lang,
        now: Timestamp,
    ) -> Result<Submitted, CaseError> {
        let (service, workflow) = self.service(service_id)?;
        check_login(service, who.session)?;
        let applicant = &who.session.user.id;
        if let Some(key) = idempotency_key {
            let mut tx = db.begin_read().await?;
            if let Some(case) = store::case_by_key(&mut tx, applicant, key).await? {
                return already(case);
            }
        }
        let mut tx = db.begin().await?;
        let documents: Vec<String> = match draft_id {
            Some(id) => {
                let case = own_case(&mut tx, who.session, id).await?;
                if case.service != service.id || case.state != catalog::DRAFT {
                    return Err(CaseError::Conflict);
                }
                store::documents(&mut tx, id).await?.into_iter().map(|row| row.0).collect()
            }
            None => Vec::new(),
        };
        let slots: Vec<&str> = documents.iter().map(String::as_str).collect();
        let (clean, errors) = form::check(service, data, &slots, Strictness::Submission);
        if !errors.is_empty() {
            return Err(CaseError::Invalid(errors));
        }
        let cited = cited_acts(&mut tx, service, &clean, who.session).await?;
        let routed_to = cited.iter().find(|act| act.routes).map(|act| act.case.body_org_id.clone());
        let json = to_json(&clean);
        let id = match draft_id {
            Some(id) => {
                if !store::update_draft(&mut tx, id, &json, lang.as_str(), now).await? {
                    return Err(CaseError::Conflict);
                }
                if let Some(body) = &routed_to {
                    store::set_body(&mut tx, id, body).await?;
                }
                id.to_owned()
            }
            None => {
                let id = uuid::Uuid::now_v7().to_string();
                let body = match &routed_to {
                    Some(body) => body.clone(),
                    None => body_id(&mut tx, service).await?,
                };
                store::insert_draft(
                    &mut tx,
                    &store::NewCase {
                        id: &id,
                        service: &service.id,
                        applicant_id: applicant,
                        applicant_org_id: who.session.acting_org_id.as_deref(),
                        body_org_id: &body,
                        lang: lang.as_str(),
                        data: &json,
                        now,
                    },
                )
                .await?;
                id
            }
        };
        let today = Date::in_baku(now);
        let sequence = store::next_number(&mut tx, &service.number_prefix, today.year()).await?;
        let number = format!("{}-{}-{sequence:06}", service.number_prefix, today.year());
        let registered = match store::register(&mut tx, &id, &number, &workflow.submitted, idempotency_key, now).await {
            Ok(registered) => registered,
            Err(StoreError::Conflict(_)) if idempotency_key.is_some() => {
                drop(tx);
                let mut tx = db.begin_read().await?;
                let key = idempotency_key.unwrap_or_default();
                return match store::case_by_key(&mut tx, applicant, key).await? {
                    Some(case) => already(case),
                    None => Err(CaseError::Conflict),
                };
            }
            Err(error) => return Err(error.into()),
        };
        if !registered {
            return Err(CaseError::Conflict);
        }
        store::insert_event(
            &mut tx,
            &store::NewEvent {
                case_id: &id,
                at: now,
                kind: "registered",
                from_state: Some(catalog::DRAFT),
                to_state: Some(&workflow.submitted),
                actor_id: Some(applicant),
                actor_org_id: who.session.acting_org_id.as_deref(),
                note: Some(&number),
            },
        )
        .await?;
        for name in &workflow.start {
            self.start_deadline(&mut tx, service, &id, name, today).await?;
        }
        for act in &cited {
            store::insert_event(
                &mut tx,
                &store::NewEvent {
                    case_id: &act.case.id,
                    at: now,
                    kind: "cited",
                    from_state: None,
                    to_state: None,
                    actor_id: Some(applicant),
                    actor_org_id: who.session.acting_org_id.as_deref(),
                    note: Some(&number),
                },
            )
            .await?;
        }
        let details = format!("{{\"number\":{},\"service\":{}}}", json_string(&number), json_string(&service.id));
        audit::append(
            &mut tx,
            &NewEntry {
                action: "case.submit",
                record: Some(("case", &id)),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        let case = store::case_by_id(&mut tx, &id).await?.ok_or(CaseError::NotFound)?;
        self.notify_applicant(&mut tx, &case, service, workflow, &workflow.registered_notice, None, now).await?;
        tx.commit().await?;
        Ok(Submitted { id, number, fresh: true })
    }

    /// Takes a transition on a case, as the applicant (on their own case) or as an official of
    /// the competent body holding the transition's role. A transition that issues a document
    /// only prepares it: the answer is the document awaiting the official's signature, and the
    /// transition completes when it is signed.
    pub async fn act(
        &self,
        db: &Db,
        who: Who<'_>,
        case_id: &str,
        transition_id: &str,
        reason: Option<&str>,
        now: Timestamp,
    ) -> Result<Option<String>, CaseError> {
        let mut tx = db.begin().await?;
        let case = store::case_by_id(&mut tx, case_id).await?.ok_or(CaseError::NotFound)?;
        let (service, workflow) = self.service(&case.service)?;
        let transition = workflow.transition(transition_id).ok_or(CaseError::NotFound)?;
        let allowed = match &transition.by {
            Actor::Applicant => case.applicant_id == who.session.user.id,
            Actor::System => false,
            Actor::Role(role) => {
                who.session.acting_org_id.as_deref() == Some(case.body_org_id.as_str()) && who.session.has_role(role)
            }
        };
        if !allowed {
            return Err(if case.applicant_id == who.session.user.id || self.is_official_of(who.session, &case) {
                CaseError::Forbidden
            } else {
                CaseError::NotFound
            });
        }
        if transition.by == Actor::Applicant {
            check_login(service, who.session)?;
        }
        let reason = reason.map(str::trim).filter(|reason| !reason.is_empty());
        if transition.reason && reason.is_none() {
            return Err(CaseError::ReasonRequired);
        }
        if let Some(template) = transition.document.as_deref() {
            let document =
                self.prepare_document(&mut tx, &case, service, transition, template, who, reason, now).await?;
            tx.commit().await?;
            return Ok(Some(document));
        }
        let actor = ActorRef {
            user_id: Some(&who.session.user.id),
            label: &who.session.user.login,
            org_id: who.session.acting_org_id.as_deref(),
            context: *who.context,
        };
        self.apply(&mut tx, &case, service, workflow, transition, &actor, reason, now).await?;
        tx.commit().await?;
        Ok(None)
    }

    fn is_official_of(&self, session: &ActiveSession, case: &store::CaseRow) -> bool {
        self.is_official_of_body(session, &case.body_org_id, &case.service)
    }

    /// Whether the caller acts for this body and holds a role of the service's system there.
    pub fn is_official_of_body(&self, session: &ActiveSession, body_org_id: &str, service: &str) -> bool {
        session.acting_org_id.as_deref() == Some(body_org_id)
            && self.catalog.service(service).is_some_and(|service| {
                let prefix = format!("{}.", service.system());
                session.acting_memberships().any(|membership| membership.role.as_str().starts_with(&prefix))
            })
    }

    #[allow(clippy::too_many_arguments, reason = "the transition's whole context, passed once")]
    async fn apply(
        &self,
        tx: &mut Tx,
        case: &store::CaseRow,
        service: &Service,
        workflow: &Workflow,
        transition: &Transition,
        actor: &ActorRef<'_>,
        reason: Option<&str>,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        // A service that asks no other body cannot wait for their opinions.
        if !transition.from.contains(&case.state) || (transition.request_opinions && service.opinions.is_empty()) {
            return Err(CaseError::NotPossible(transition.id.clone()));
        }
        let closes = workflow.is_final(&transition.to);
        if !store::move_state(tx, &case.id, &case.state, &transition.to, closes, now).await? {
            return Err(CaseError::Conflict);
        }
        store::insert_event(
            tx,
            &store::NewEvent {
                case_id: &case.id,
                at: now,
                kind: "transition",
                from_state: Some(&case.state),
                to_state: Some(&transition.to),
                actor_id: actor.user_id,
                actor_org_id: actor.org_id,
                note: reason,
            },
        )
        .await?;
        let today = Date::in_baku(now);
        let current: BTreeMap<String, store::DeadlineRow> =
            store::deadlines(tx, &case.id).await?.into_iter().map(|row| (row.0.clone(), row)).collect();
        for name in &transition.meet {
            if current.get(name).is_some_and(|row| row.3 == "open" || row.3 == "paused") {
                store::set_deadline(tx, &case.id, name, "met", None, None, Some(now)).await?;
            }
        }
        for name in &transition.pause {
            if current.get(name).is_some_and(|row| row.3 == "open") {
                store::set_deadline(tx, &case.id, name, "paused", None, Some(&today.to_string()), None).await?;
            }
        }
        for name in &transition.resume {
            if let Some(row) = current.get(name).filter(|row| row.3 == "paused") {
                let due = self.resumed_due(service, name, row, today)?;
                store::set_deadline(tx, &case.id, name, "open", Some(&due.to_string()), None, None).await?;
            }
        }
        for name in &transition.start {
            self.start_deadline(tx, service, &case.id, name, today).await?;
        }
        if transition.request_opinions {
            for opinion in &service.opinions {
                let body = pencere_store::organizations::find_by_code(tx, &opinion.body)
                    .await?
                    .ok_or_else(|| CaseError::UnknownBody(opinion.body.clone()))?;
                store::ask_opinion(tx, &case.id, &body.id, &opinion.role, now).await?;
            }
        }
        if transition.request_payment {
            let fee = service.fee.as_ref().ok_or_else(|| CaseError::NotPossible(transition.id.clone()))?;
            let amount = Money::parse(&fee.amount).ok_or_else(|| CaseError::NotPossible(transition.id.clone()))?;
            let purpose = format!("{} — {}", service.name.get(Lang::Az), case.number.as_deref().unwrap_or_default());
            let order = NewOrder {
                case_id: Some(&case.id),
                payer_id: &case.applicant_id,
                purpose: &purpose,
                amount,
                beneficiary: &fee.beneficiary,
            };
            pencere_payments::create_order(tx, &order, now).await?;
        }
        if closes {
            pencere_payments::cancel_due(tx, &case.id).await?;
            for row in store::deadlines(tx, &case.id).await? {
                match row.3.as_str() {
                    "open" => store::set_deadline(tx, &case.id, &row.0, "met", None, None, Some(now)).await?,
                    "paused" => store::set_deadline(tx, &case.id, &row.0, "stopped", None, None, Some(now)).await?,
                    _ => {}
                }
            }
        }
        let details = format!(
            "{{\"transition\":{},\"from\":{},\"to\":{}}}",
            json_string(&transition.id),
            json_string(&case.state),
            json_string(&transition.to)
        );
        audit::append(
            tx,
            &NewEntry {
                at: now,
                actor_id: actor.user_id,
                actor_label: actor.label,
                acting_org_id: actor.org_id,
                action: "case.transition",
                record: Some(("case", &case.id)),
                subject_id: Some(&case.applicant_id),
                ip: actor.context.ip,
                request_id: actor.context.request_id,
                details: &details,
            },
        )
        .await?;
        if let Some(notice) = &transition.notice {
            let mut moved = case.clone();
            moved.state.clone_from(&transition.to);
            self.notify_applicant(tx, &moved, service, workflow, notice, reason, now).await?;
        }
        Ok(())
    }

    fn due_after(&self, service: &Service, name: &str, event: Date) -> Result<Date, CaseError> {
        let rule = service.deadlines.get(name).ok_or_else(|| CaseError::NotPossible(name.to_owned()))?;
        Ok(match rule.unit {
            DayUnit::Working => self.calendar.working_days_after(event, rule.days)?,
            DayUnit::Calendar => self.calendar.calendar_days_after(event, rule.days)?,
        })
    }

    fn resumed_due(
        &self,
        service: &Service,
        name: &str,
        row: &store::DeadlineRow,
        today: Date,
    ) -> Result<Date, CaseError> {
        let rule = service.deadlines.get(name).ok_or_else(|| CaseError::NotPossible(name.to_owned()))?;
        let (Some(paused), Some(due)) = (row.4.as_deref().and_then(Date::parse), Date::parse(&row.2)) else {
            return self.due_after(service, name, today);
        };
        Ok(match rule.unit {
            DayUnit::Working => {
                let left = self.calendar.working_days_between(paused, due)?;
                if left == 0 {
                    self.calendar.on_or_after(today)?
                } else {
                    self.calendar.working_days_after(today, left)?
                }
            }
            DayUnit::Calendar => {
                let left = u32::try_from(paused.days_until(due).max(0)).unwrap_or(0);
                self.calendar.calendar_days_after(today, left)?
            }
        })
    }

    async fn start_deadline(
        &self,
        tx: &mut Tx,
        service: &Service,
        case_id: &str,
        name: &str,
        today: Date,
    ) -> Result<(), CaseError> {
        let due = self.due_after(service, name, today)?;
        store::upsert_deadline(tx, case_id, name, &today.to_string(), &due.to_string()).await?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments, reason = "the notice's whole context, passed once")]
    async fn notify_applicant(
        &self,
        tx: &mut Tx,
        case: &store::CaseRow,
        service: &Service,
        workflow: &Workflow,
        template: &str,
        reason: Option<&str>,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let Some(user) = pencere_identity::find_user(tx, &case.applicant_id).await? else {
            return Ok(());
        };
        let lang = case.lang.parse::<Lang>().unwrap_or(Lang::Az);
        let state = workflow.state(&case.state).map_or(case.state.clone(), |state| state.name.get(lang).to_owned());
        let due = store::deadlines(tx, &case.id)
            .await?
            .into_iter()
            .filter(|row| row.3 == "open")
            .map(|row| row.2)
            .min()
            .unwrap_or_default();
        let due_order = pencere_payments::orders_for_case(tx, &case.id)
            .await?
            .into_iter()
            .rev()
            .find(|order| order.status == OrderStatus::Due);
        let licence = self.target_entry(tx, service, case).await?.map(|entry| entry.number).unwrap_or_default();
        let notice = pencere_notify::Notice {
            template,
            args: vec![
                ("number", case.number.clone().unwrap_or_default()),
                ("licence", licence),
                ("service", service.name.get(lang).to_owned()),
                ("state", state),
                ("due", due),
                ("reason", reason.unwrap_or_default().to_owned()),
                ("code", due_order.as_ref().map(|order| order.code.clone()).unwrap_or_default()),
                (
                    "amount",
                    due_order.as_ref().map(|order| format!("{} {}", order.amount, order.currency)).unwrap_or_default(),
                ),
            ],
            case_id: Some(&case.id),
        };
        let recipient = pencere_notify::Recipient {
            user_id: &user.id,
            email: user.email.as_deref(),
            phone: user.phone.as_deref(),
            lang,
        };
        pencere_notify::notify(tx, &recipient, &notice, now).await?;
        Ok(())
    }

    /// Assigns a case of the caller's body to an official of it (or to nobody).
    pub async fn assign(
        &self,
        db: &Db,
        who: Who<'_>,
        case_id: &str,
        assignee: Option<&str>,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let mut tx = db.begin().await?;
        let case = store::case_by_id(&mut tx, case_id).await?.ok_or(CaseError::NotFound)?;
        if !self.is_official_of(who.session, &case) {
            return Err(CaseError::NotFound);
        }
        if let Some(assignee) = assignee {
            let memberships = pencere_identity::memberships(&mut tx, assignee).await?;
            if !memberships.iter().any(|membership| membership.organization.id == case.body_org_id) {
                return Err(CaseError::Forbidden);
            }
        }
        store::assign(&mut tx, case_id, assignee, now).await?;
        store::insert_event(
            &mut tx,
            &store::NewEvent {
                case_id,
                at: now,
                kind: "assigned",
                from_state: None,
                to_state: None,
                actor_id: Some(&who.session.user.id),
                actor_org_id: who.session.acting_org_id.as_deref(),
                note: None,
            },
        )
        .await?;
        let details = format!("{{\"assignee\":{}}}", assignee.map_or("null".to_owned(), json_string));
        audit::append(
            &mut tx,
            &NewEntry {
                action: "case.assign",
                record: Some(("case", case_id)),
                subject_id: Some(&case.applicant_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Acts on every deadline that ended before today: the rule's automatic transition, or the
    /// overdue flag. Each deadline is handled in its own transaction.
    pub async fn sweep(&self, db: &Db, now: Timestamp) -> Result<SweepReport, CaseError> {
        self.sweep_as_of(db, Date::in_baku(now), now).await
    }

    /// Acts on every deadline that ended before `today` as if it were that day in Baku, recording
    /// what it does (events, notices, journal) at `now`. The server sweeps with `today` taken
    /// from `now`; the test environment sweeps as of a later day, while its notices are still
    /// sent at once.
    pub async fn sweep_as_of(&self, db: &Db, today: Date, now: Timestamp) -> Result<SweepReport, CaseError> {
        let today = today.to_string();
        let mut report = SweepReport::default();
        let mut skipped: Vec<(String, String)> = Vec::new();
        loop {
            let mut tx = db.begin().await?;
            let Some((case_id, name)) = store::claim_expired(&mut tx, &today).await? else {
                break;
            };
            if skipped.contains(&(case_id.clone(), name.clone())) {
                break;
            }
            let case = store::case_by_id(&mut tx, &case_id).await?.ok_or(CaseError::NotFound)?;
            let Some((service, workflow)) = self.catalog.service_and_workflow(&case.service) else {
                tracing::error!(case = %case_id, service = %case.service, "a case's service left the catalog");
                skipped.push((case_id, name));
                continue;
            };
            store::set_deadline(&mut tx, &case_id, &name, "expired", None, None, Some(now)).await?;
            let rule = service.deadlines.get(&name);
            let transition = rule
                .filter(|rule| rule.on_expiry == Expiry::Transition)
                .and_then(|rule| rule.transition.as_deref())
                .and_then(|id| workflow.transition(id))
                .filter(|transition| transition.from.contains(&case.state));
            let system = ActorRef::system(&case.body_org_id);
            match transition {
                Some(transition) => {
                    self.apply(&mut tx, &case, service, workflow, transition, &system, None, now).await?;
                    report.acted += 1;
                }
                None => {
                    store::set_overdue(&mut tx, &case_id).await?;
                    store::insert_event(
                        &mut tx,
                        &store::NewEvent {
                            case_id: &case_id,
                            at: now,
                            kind: "deadline_expired",
                            from_state: None,
                            to_state: None,
                            actor_id: None,
                            actor_org_id: Some(&case.body_org_id),
                            note: Some(&name),
                        },
                    )
                    .await?;
                    let details = format!("{{\"deadline\":{}}}", json_string(&name));
                    audit::append(
                        &mut tx,
                        &NewEntry {
                            at: now,
                            actor_id: None,
                            actor_label: "system",
                            acting_org_id: Some(&case.body_org_id),
                            action: "case.overdue",
                            record: Some(("case", &case_id)),
                            subject_id: Some(&case.applicant_id),
                            ip: None,
                            request_id: None,
                            details: &details,
                        },
                    )
                    .await?;
                    report.flagged += 1;
                }
            }
            tx.commit().await?;
        }
        Ok(report)
    }

    /// How many applications and drafts the user has.
    pub async fn count_cases(&self, db: &Db, user_id: &str) -> Result<i64, CaseError> {
        let mut tx = db.begin_read().await?;
        Ok(store::count_cases_of_applicant(&mut tx, user_id).await?)
    }

    /// The caller's own applications, newest first.
    pub async fn my_cases(&self, db: &Db, user_id: &str) -> Result<Vec<CaseSummary>, CaseError> {
        let mut tx = db.begin_read().await?;
        let rows = store::cases_of_applicant(&mut tx, user_id).await?;
        let mut summaries = Vec::with_capacity(rows.len());
        for row in rows {
            summaries.push(self.summary(row));
        }
        Ok(summaries)
    }

    /// The work queue of a body: registered cases, by earliest due date first.
    pub async fn queue(&self, db: &Db, body_org_id: &str, filter: &QueueFilter) -> Result<Vec<CaseSummary>, CaseError> {
        let mut tx = db.begin_read().await?;
        let rows = store::cases_of_body(&mut tx, body_org_id, filter.clearance).await?;
        let mut summaries = Vec::new();
        for row in rows {
            if filter.service.as_ref().is_some_and(|service| *service != row.service)
                || filter.assigned_to.as_ref().is_some_and(|user| row.assigned_to.as_ref() != Some(user))
            {
                continue;
            }
            let summary = self.summary(row);
            if summary.closed && !filter.include_closed {
                continue;
            }
            summaries.push(summary);
        }
        summaries.sort_by(|a, b| {
            (a.closed, a.next_due.is_none(), a.next_due, a.submitted_at).cmp(&(
                b.closed,
                b.next_due.is_none(),
                b.next_due,
                b.submitted_at,
            ))
        });
        Ok(summaries)
    }

    fn summary(&self, row: store::CaseRow) -> CaseSummary {
        let next_due = row.next_due.as_deref().and_then(Date::parse);
        let closed = self.catalog.service_and_workflow(&row.service).is_some_and(|(_, wf)| wf.is_final(&row.state));
        CaseSummary {
            id: row.id,
            number: row.number,
            service: row.service,
            state: row.state,
            applicant_id: row.applicant_id,
            assigned_to: row.assigned_to,
            created_at: Timestamp::from_micros(row.created_at),
            submitted_at: row.submitted_at.map(Timestamp::from_micros),
            decided_at: row.decided_at.map(Timestamp::from_micros),
            next_due,
            overdue: row.overdue != 0,
            closed,
        }
    }

    /// A case as its applicant sees it; someone else's case is not found.
    pub async fn case_for_applicant(&self, db: &Db, user_id: &str, case_id: &str) -> Result<CaseDetail, CaseError> {
        let mut tx = db.begin_read().await?;
        let row = store::case_by_id(&mut tx, case_id).await?.ok_or(CaseError::NotFound)?;
        if row.applicant_id != user_id {
            return Err(CaseError::NotFound);
        }
        self.detail(&mut tx, row).await
    }

    /// A case as an official of its competent body, or of a body asked for its opinion on it,
    /// sees it; other bodies' cases are not found.
    pub async fn case_for_official(
        &self,
        db: &Db,
        session: &ActiveSession,
        case_id: &str,
    ) -> Result<CaseDetail, CaseError> {
        let mut tx = db.begin_read().await?;
        let row = store::case_by_id(&mut tx, case_id).await?.ok_or(CaseError::NotFound)?;
        let allowed = self.is_official_of(session, &row)
            || asked_of(&mut tx, session, &row.id).await?.is_some()
            || self.was_queried(&mut tx, session, &row).await?;
        if !allowed || row.number.is_none() {
            return Err(CaseError::NotFound);
        }
        // VEIS-1.10: the case of a classified person is not there for an official not cleared.
        if !session.clearance().is_cleared()
            && pencere_store::classified::is_classified_user(&mut tx, &row.applicant_id).await?
        {
            return Err(CaseError::NotFound);
        }
        let mut detail = self.detail(&mut tx, row).await?;
        self.withhold(&mut detail, session);
        Ok(detail)
    }

    /// The cases on which the body the official acts for was asked for its opinion and has not
    /// answered, for officials holding the role that answers.
    pub async fn awaiting_opinion(&self, db: &Db, session: &ActiveSession) -> Result<Vec<CaseSummary>, CaseError> {
        let Some(body) = session.acting_org_id.as_deref() else {
            return Ok(Vec::new());
        };
        let mut tx = db.begin_read().await?;
        let mut summaries = Vec::new();
        for row in store::awaited_by(&mut tx, body, session.clearance()).await? {
            if asked_of(&mut tx, session, &row.id).await?.is_some() {
                summaries.push(self.summary(row));
            }
        }
        Ok(summaries)
    }

    /// Gives the opinion of the body the official acts for (LIC-5.6): consent or refusal, with
    /// its text. When it is the last one awaited, the workflow's `opinions_answered` transition
    /// follows in the same transaction.
    pub async fn answer_opinion(
        &self,
        db: &Db,
        who: Who<'_>,
        case_id: &str,
        consent: bool,
        text: &str,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CaseError::ReasonRequired);
        }
        let mut tx = db.begin().await?;
        let case = store::case_by_id(&mut tx, case_id).await?.ok_or(CaseError::NotFound)?;
        let Some(body) = asked_of(&mut tx, who.session, case_id).await? else {
            return Err(CaseError::NotFound);
        };
        let status = if consent { "consent" } else { "refusal" };
        if !store::answer_opinion(&mut tx, case_id, &body, status, text, &who.session.user.id, now).await? {
            return Err(CaseError::Conflict);
        }
        let note = format!("{status}: {text}");
        store::insert_event(
            &mut tx,
            &store::NewEvent {
                case_id,
                at: now,
                kind: "opinion",
                from_state: None,
                to_state: None,
                actor_id: Some(&who.session.user.id),
                actor_org_id: Some(&body),
                note: Some(&note),
            },
        )
        .await?;
        let details = format!("{{\"opinion\":{}}}", json_string(status));
        audit::append(
            &mut tx,
            &NewEntry {
                action: "case.opinion",
                record: Some(("case", case_id)),
                subject_id: Some(&case.applicant_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        let pending = store::opinions(&mut tx, case_id).await?.iter().filter(|row| row.5 == "pending").count();
        if pending == 0 {
            self.follow(&mut tx, &case, |workflow| workflow.opinions_answered.as_deref(), now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Applies a payment provider's authenticated callback (LIC-5.11, LIC-5.12): checks it
    /// against the order, marks the order paid once, and takes the workflow's `paid` transition,
    /// with its notice, in the same transaction. The same payment twice is answered as a
    /// duplicate and changes nothing. A refusal is recorded (with an audit entry) in a
    /// transaction of its own and nothing else is written.
    pub async fn confirm_payment(
        &self,
        db: &Db,
        provider: &str,
        callback: &Callback,
        body: &str,
        now: Timestamp,
    ) -> Result<Result<Applied, Refusal>, CaseError> {
        let mut tx = db.begin().await?;
        let outcome = pencere_payments::apply(&mut tx, provider, callback, body, now).await?;
        match &outcome {
            Ok(Applied::Paid(order)) => {
                let details = format!(
                    "{{\"provider\":{},\"provider_ref\":{},\"code\":{},\"amount\":{}}}",
                    json_string(provider),
                    json_string(&callback.provider_ref),
                    json_string(&order.code),
                    json_string(&order.amount.to_string())
                );
                audit::append(
                    &mut tx,
                    &NewEntry {
                        at: now,
                        actor_id: None,
                        actor_label: provider,
                        acting_org_id: None,
                        action: "payment.confirmed",
                        record: Some(("payment_order", &order.id)),
                        subject_id: Some(&order.payer_id),
                        ip: None,
                        request_id: None,
                        details: &details,
                    },
                )
                .await?;
                if let Some(case_id) = &order.case_id {
                    let case = store::case_by_id(&mut tx, case_id).await?.ok_or(CaseError::NotFound)?;
                    self.follow(&mut tx, &case, |workflow| workflow.paid.as_deref(), now).await?;
                }
                tx.commit().await?;
            }
            Ok(Applied::Duplicate(_)) => tx.commit().await?,
            Err(refusal) => {
                tx.rollback().await?;
                self.record_refusal(db, provider, *refusal, Some(callback), body, now).await?;
            }
        }
        Ok(outcome)
    }

    /// Takes the system transition a workflow names for an event (`opinions_answered`, `paid`),
    /// when it leaves the case's current state.
    async fn follow(
        &self,
        tx: &mut Tx,
        case: &store::CaseRow,
        named: impl Fn(&Workflow) -> Option<&str>,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let (service, workflow) = self.service(&case.service)?;
        let next = named(workflow)
            .and_then(|id| workflow.transition(id))
            .filter(|transition| transition.from.contains(&case.state));
        if let Some(transition) = next {
            let system = ActorRef::system(&case.body_org_id);
            self.apply(tx, case, service, workflow, transition, &system, None, now).await?;
        }
        Ok(())
    }

    /// Records a refused payment callback and its audit entry, in a transaction of its own.
    pub async fn record_refusal(
        &self,
        db: &Db,
        provider: &str,
        refusal: Refusal,
        callback: Option<&Callback>,
        body: &str,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        tracing::warn!(provider, refusal = refusal.code(), "payment callback refused");
        let mut tx = db.begin().await?;
        pencere_payments::record_refusal(&mut tx, provider, refusal, callback, body, now).await?;
        let details = format!(
            "{{\"provider\":{},\"refusal\":{},\"code\":{}}}",
            json_string(provider),
            json_string(refusal.code()),
            json_string(callback.map(|c| c.code.as_str()).unwrap_or_default())
        );
        audit::append(
            &mut tx,
            &NewEntry {
                at: now,
                actor_id: None,
                actor_label: provider,
                acting_org_id: None,
                action: "payment.refused",
                record: None,
                subject_id: None,
                ip: None,
                request_id: None,
                details: &details,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn detail(&self, tx: &mut Tx, row: store::CaseRow) -> Result<CaseDetail, CaseError> {
        let data: FormData = serde_json::from_str(&row.data).unwrap_or_default();
        let lang = row.lang.parse::<Lang>().unwrap_or(Lang::Az);
        let applicant_org_id = row.applicant_org_id.clone();
        let body_org_id = row.body_org_id.clone();
        let applicant_id = row.applicant_id.clone();
        let id = row.id.clone();
        let timeline = store::events(tx, &id)
            .await?
            .into_iter()
            .map(|(at, kind, from_state, to_state, note, actor_name, az, en, ru, actor_id)| TimelineEvent {
                at: Timestamp::from_micros(at),
                kind,
                from_state,
                to_state,
                note,
                by_applicant: actor_id.as_deref() == Some(applicant_id.as_str()),
                actor_name,
                body: match (az, en, ru) {
                    (Some(az), Some(en), Some(ru)) => Some([az, en, ru]),
                    _ => None,
                },
            })
            .collect();
        let deadlines = store::deadlines(tx, &id)
            .await?
            .into_iter()
            .filter_map(|(name, started, due, status, paused)| {
                Some(CaseDeadline {
                    name,
                    started_on: Date::parse(&started)?,
                    due_on: Date::parse(&due)?,
                    status,
                    paused_on: paused.as_deref().and_then(Date::parse),
                })
            })
            .collect();
        let documents = store::documents(tx, &id)
            .await?
            .into_iter()
            .map(|(slot, version, sha256, file_name, content_type, size, uploaded_at, _)| StoredDocument {
                slot,
                version,
                sha256,
                file_name,
                content_type,
                size,
                uploaded_at: Timestamp::from_micros(uploaded_at),
            })
            .collect();
        let deliveries = pencere_notify::deliveries(tx, &id).await?;
        let opinions = store::opinions(tx, &id)
            .await?
            .into_iter()
            .map(|(body_org_id, az, en, ru, role, status, answer, answered_at)| CaseOpinion {
                body_org_id,
                body: [az, en, ru],
                role,
                status,
                answer,
                answered_at: answered_at.map(Timestamp::from_micros),
            })
            .collect();
        let payments = pencere_payments::orders_for_case(tx, &id).await?;
        let issued = self.issued_documents(tx, &id).await?;
        let queries = store::queries_of_case(tx, &id).await?.into_iter().map(queries::CaseQuery::from).collect();
        let paper_copies = store::papers_of_case(tx, &id).await?.into_iter().map(paper::PaperCopy::from).collect();
        let summary = self.summary(row);
        Ok(CaseDetail {
            summary,
            data,
            lang,
            applicant_org_id,
            body_org_id,
            timeline,
            deadlines,
            documents,
            deliveries,
            opinions,
            payments,
            issued,
            queries,
            paper_copies,
            withheld: Vec::new(),
            disclosed: Vec::new(),
        })
    }

    /// The transitions the applicant may take now.
    pub fn applicant_transitions<'a>(&'a self, case: &'a CaseSummary) -> Vec<&'a Transition> {
        self.catalog
            .service_and_workflow(&case.service)
            .map(|(_, workflow)| workflow.from_state(&case.state).filter(|t| t.by == Actor::Applicant).collect())
            .unwrap_or_default()
    }

    /// The transitions an official with this session may take now.
    pub fn official_transitions<'a>(&'a self, session: &ActiveSession, case: &'a CaseSummary) -> Vec<&'a Transition> {
        self.catalog
            .service_and_workflow(&case.service)
            .map(|(service, workflow)| {
                workflow
                    .from_state(&case.state)
                    .filter(|transition| matches!(&transition.by, Actor::Role(role) if session.has_role(role)))
                    .filter(|transition| !transition.request_opinions || !service.opinions.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Attaches a document to the caller's own draft (a new version when the slot has one).
    #[allow(clippy::too_many_arguments, reason = "one call, each argument a distinct fact of the upload")]
    pub async fn attach(
        &self,
        db: &Db,
        who: Who<'_>,
        case_id: &str,
        slot: &str,
        file_name: &str,
        content: &[u8],
        now: Timestamp,
    ) -> Result<i64, CaseError> {
        let mut tx = db.begin().await?;
        let case = own_case(&mut tx, who.session, case_id).await?;
        let (service, workflow) = self.service(&case.service)?;
        check_login(service, who.session)?;
        let awaiting = workflow.state(&case.state).is_some_and(|state| state.awaits_applicant);
        if case.state != catalog::DRAFT && !awaiting {
            return Err(CaseError::Conflict);
        }
        if !service.documents.iter().any(|document| document.id == slot) {
            return Err(CaseError::NotFound);
        }
        let checked = documents::check(file_name, content)?;
        let id = uuid::Uuid::now_v7().to_string();
        let version = store::insert_document(
            &mut tx,
            &store::NewDocument {
                id: &id,
                case_id,
                slot,
                sha256: &checked.sha256,
                file_name: &checked.file_name,
                content_type: checked.content_type,
                content,
                uploaded_by: &who.session.user.id,
                now,
            },
        )
        .await?;
        let note = format!("{slot} v{version}: {}", checked.file_name);
        store::insert_event(
            &mut tx,
            &store::NewEvent {
                case_id,
                at: now,
                kind: "document",
                from_state: None,
                to_state: None,
                actor_id: Some(&who.session.user.id),
                actor_org_id: who.session.acting_org_id.as_deref(),
                note: Some(&note),
            },
        )
        .await?;
        let details = format!(
            "{{\"slot\":{},\"version\":{version},\"sha256\":{}}}",
            json_string(slot),
            json_string(&checked.sha256)
        );
        audit::append(
            &mut tx,
            &NewEntry {
                action: "case.document",
                record: Some(("case", case_id)),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// One version of a document, for the applicant or an official of the competent body:
    /// (file name, content type, bytes).
    pub async fn document(
        &self,
        db: &Db,
        session: &ActiveSession,
        case_id: &str,
        slot: &str,
        version: i64,
    ) -> Result<(String, String, Vec<u8>), CaseError> {
        let mut tx = db.begin_read().await?;
        let case = store::case_by_id(&mut tx, case_id).await?.ok_or(CaseError::NotFound)?;
        let allowed = case.applicant_id == session.user.id
            || self.is_official_of(session, &case)
            || asked_of(&mut tx, session, case_id).await?.is_some();
        if !allowed {
            return Err(CaseError::NotFound);
        }
        if case.applicant_id != session.user.id && self.slot_withheld(&case.service, slot, session) {
            return Err(CaseError::Forbidden);
        }
        store::document_content(&mut tx, case_id, slot, version).await?.ok_or(CaseError::NotFound)
    }

    /// Per-service statistics over every registered case — of classified persons (VEIS-1.10)
    /// only for a cleared caller.
    pub async fn stats(
        &self,
        db: &Db,
        clearance: pencere_store::classified::Clearance,
    ) -> Result<Vec<ServiceStats>, CaseError> {
        let mut tx = db.begin_read().await?;
        let rows = store::registered_cases(&mut tx, clearance).await?;
        drop(tx);
        let mut stats = Vec::new();
        for service in self.catalog.services() {
            let cases: Vec<&store::CaseRow> = rows.iter().filter(|row| row.service == service.id).collect();
            let decided: Vec<&&store::CaseRow> = cases.iter().filter(|row| row.decided_at.is_some()).collect();
            let mut days: Vec<f64> = decided
                .iter()
                .filter_map(|row| Some((row.decided_at? - row.submitted_at?) as f64 / 86_400_000_000.0))
                .collect();
            days.sort_by(f64::total_cmp);
            let within = decided.iter().filter(|row| row.overdue == 0).count();
            stats.push(ServiceStats {
                service: service.id.clone(),
                received: cases.len(),
                decided: decided.len(),
                median_days: percentile(&days, 0.5),
                p90_days: percentile(&days, 0.9),
                within_deadline: (!decided.is_empty()).then(|| within as f64 / decided.len() as f64),
            });
        }
        Ok(stats)
    }
}

/// The nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank.min(sorted.len()) - 1).copied()
}

/// The body (id) the session's official acts for, when it was asked for its opinion on the case
/// and the official holds the role that answers.
async fn asked_of(tx: &mut Tx, session: &ActiveSession, case_id: &str) -> Result<Option<String>, CaseError> {
    let Some(body) = session.acting_org_id.as_deref() else {
        return Ok(None);
    };
    Ok(store::opinions(tx, case_id)
        .await?
        .into_iter()
        .find(|row| row.0 == body && session.has_role(&row.4))
        .map(|row| row.0))
}

fn already(case: store::CaseRow) -> Result<Submitted, CaseError> {
    let number = case.number.ok_or(CaseError::Conflict)?;
    Ok(Submitted { id: case.id, number, fresh: false })
}

async fn own_case(tx: &mut Tx, session: &ActiveSession, id: &str) -> Result<store::CaseRow, CaseError> {
    let case = store::case_by_id(tx, id).await?.ok_or(CaseError::NotFound)?;
    if case.applicant_id != session.user.id {
        return Err(CaseError::NotFound);
    }
    Ok(case)
}

/// Whether what a case obtained is the caller's to cite: a case filed for an organization is
/// that organization's, whoever filed it, so the caller must be acting for it; a case filed by a
/// person for themselves is theirs alone.
pub(crate) fn holds(case: &store::CaseRow, session: &ActiveSession) -> bool {
    match &case.applicant_org_id {
        Some(org) => session.acting_org_id.as_ref() == Some(org),
        None => case.applicant_id == session.user.id,
    }
}

/// A signed act or a licence an application cites in one of its `act` or `licence` fields.
struct CitedAct {
    /// The case that issued it.
    case: store::CaseRow,
    /// Whether its field routes the application to the body that issued it.
    routes: bool,
}

/// Checks the form's `act` fields against the signed acts: each must name an act signed on a
/// case of the applicant (or of the organization they act for), of a kind the field takes; and
/// its `licence` fields against the registry: a licence in force that the applicant holds. An
/// act or a licence that does not exist and one of someone else get the same answer.
async fn cited_acts(
    tx: &mut Tx,
    service: &Service,
    data: &FormData,
    session: &ActiveSession,
) -> Result<Vec<CitedAct>, CaseError> {
    let mut cited = Vec::new();
    let mut errors = Vec::new();
    for field in service.fields.iter().filter(|field| field.kind == catalog::FieldKind::Act) {
        let Some(code) = data.get(&field.id) else {
            continue;
        };
        let act = store::issued_by_code(tx, code).await?;
        let case = match &act {
            Some(act) => store::case_by_id(tx, &act.case_id).await?,
            None => None,
        };
        let theirs = case.as_ref().is_some_and(|case| holds(case, session));
        let signed = act.as_ref().is_some_and(|act| matches!(act.status.as_str(), "valid" | "suspended" | "revoked"));
        match (act, case) {
            (Some(act), Some(case)) if theirs && signed => {
                if field.acts.contains(&act.template) {
                    cited.push(CitedAct { case, routes: field.routes });
                } else {
                    errors.push(FieldError { field: field.id.clone(), code: "act-kind" });
                }
            }
            _ => errors.push(FieldError { field: field.id.clone(), code: "act-unknown" }),
        }
    }
    for field in service.fields.iter().filter(|field| field.kind == catalog::FieldKind::Licence) {
        let Some(number) = data.get(&field.id) else {
            continue;
        };
        // A system's services act only on its own entries of the unified registry: a licence's
        // re-issue never re-formalises a tobacco registration, nor the other way round.
        let entry = store::entry_by_number(tx, number)
            .await?
            .filter(|entry| entry.status == "active" && entry.service.split('.').next() == Some(service.system()));
        let case = match &entry {
            Some(entry) => store::case_by_id(tx, &entry.case_id).await?,
            None => None,
        };
        let held = case.filter(|case| holds(case, session));
        match held {
            Some(case) => cited.push(CitedAct { case, routes: field.routes }),
            None => errors.push(FieldError { field: field.id.clone(), code: "licence-unknown" }),
        }
    }
    if errors.is_empty() { Ok(cited) } else { Err(CaseError::Invalid(errors)) }
}

async fn body_id(tx: &mut Tx, service: &Service) -> Result<String, CaseError> {
    pencere_store::organizations::find_by_code(tx, &service.competent_body)
        .await?
        .map(|organization| organization.id)
        .ok_or_else(|| CaseError::UnknownBody(service.competent_body.clone()))
}

fn to_json(data: &FormData) -> String {
    serde_json::to_string(data).unwrap_or_else(|_| "{}".to_owned())
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn nearest_rank_percentiles() {
        assert_eq!(percentile(&[], 0.5), None);
        assert_eq!(percentile(&[3.0], 0.9), Some(3.0));
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&values, 0.5), Some(5.0));
        assert_eq!(percentile(&values, 0.9), Some(9.0));
    }
}
