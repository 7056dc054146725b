//! Public participation (LIC-3.8, LIC-7.2, LIC-8.0.13, LIC-9.1.3, LIC-10.0.3 to LIC-10.0.6).
//!
//! Appeals: anyone, without registering, sends an information inquiry to a licensing body, or a
//! suggestion for improving the portal to its operator. Each is registered with a number
//! (`PREFIX-YEAR-NNNNNN`, gapless per year), a random key for the private link that follows it,
//! and the answer's last day counted on the working-day calendar from the catalog's answer period
//! (the portal's `participation.toml`, never a figure in the code). The receipt and the answer go
//! to the e-mail address given, through the outbox, in the transaction that records them.
//!
//! Drafts of legal acts: an official of a participant body submits a draft to the operator with
//! the day it was sent for approval (LIC-9.1.3 wants the same day; both days are kept), the
//! operator publishes it or returns it with reasons, logged-in users make proposals while the
//! discussion is open, and the submitting body answers each one, publicly.
//!
//! Every submission, publication and answer appends an audit entry in its own transaction.

mod store;

use pencere_core::calendar::Date;
use pencere_core::{Lang, Timestamp};
use pencere_identity::{ActiveSession, RequestContext, RoleName};
use pencere_store::audit::{self, json_string};
use pencere_store::{Db, StoreError, Tx};
use rand_core::{OsRng, RngCore};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::catalog::{self, DayUnit};
use crate::form::{FieldError, is_email, normalize_phone};
use crate::{CatalogError, CatalogSource, Engine, Who};

/// The longest name, subject or title, in characters.
pub const MAX_LINE: usize = 200;
/// The longest text of an appeal, a proposal or an answer.
pub const MAX_TEXT: usize = 5000;
/// The longest summary of a draft.
pub const MAX_SUMMARY: usize = 2000;
/// The longest full text of a draft.
pub const MAX_FULL_TEXT: usize = 100_000;

/// The notices participation sends (`notice-NAME-subject`, `-body`, `-sms`).
pub const NOTICES: [&str; 7] = [
    "inquiry-registered",
    "inquiry-answered",
    "suggestion-registered",
    "suggestion-answered",
    "draft-published",
    "draft-returned",
    "proposal-answered",
];

/// How many inquiries and suggestions the forms, open to anyone, accept (a portal's
/// `[limits]`; operational settings, not legal figures). Each has a default.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// The window over which appeals are counted, in minutes.
    pub window_minutes: i64,
    /// At most this many appeals within the window name one e-mail address, so that the form
    /// cannot be used to flood someone's mailbox with receipts.
    pub per_email: i64,
    /// At most this many appeals within the window come from one client address.
    pub per_ip: i64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { window_minutes: 60, per_email: 5, per_ip: 20 }
    }
}

/// The period an appeal is answered within.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AnswerPeriod {
    /// How many days.
    pub days: u32,
    /// Working or calendar days.
    pub unit: DayUnit,
    /// The article it comes from.
    pub law: String,
    /// Whether the figure was checked against the law's text.
    pub verified: bool,
}

/// A portal's rules of participation (its `participation.toml`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// The number prefix of inquiries.
    pub inquiry_prefix: String,
    /// The number prefix of suggestions.
    pub suggestion_prefix: String,
    /// The answer period of both.
    pub answer: AnswerPeriod,
    /// The rate limits of the public forms.
    #[serde(default)]
    pub limits: Limits,
    /// The system whose licensing bodies are addressed (the portal's code).
    #[serde(skip)]
    pub system: String,
}

impl Rules {
    /// Reads and checks a portal's participation file.
    pub fn load(system: &str, source: &CatalogSource) -> Result<Rules, CatalogError> {
        let mut rules: Rules = catalog::parse(source)?;
        rules.system = system.to_owned();
        for (field, prefix) in
            [("inquiry_prefix", &rules.inquiry_prefix), ("suggestion_prefix", &rules.suggestion_prefix)]
        {
            if !(2..=10).contains(&prefix.len()) || !prefix.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(catalog::error(source.path, field, "2 to 10 capital Latin letters"));
            }
        }
        if rules.inquiry_prefix == rules.suggestion_prefix {
            return Err(catalog::error(source.path, "suggestion_prefix", "differs from inquiry_prefix"));
        }
        if rules.answer.days == 0 || rules.answer.days > 366 {
            return Err(catalog::error(source.path, "answer.days", "1 to 366 days"));
        }
        let limits = &rules.limits;
        if !(1..=10_080).contains(&limits.window_minutes) || limits.per_email < 1 || limits.per_ip < limits.per_email {
            return Err(catalog::error(
                source.path,
                "limits",
                "a window of 1 to 10080 minutes, at least one appeal per e-mail, and no fewer per address",
            ));
        }
        if rules.answer.law.trim().is_empty() {
            return Err(catalog::error(source.path, "answer.law", "names the article the period comes from"));
        }
        Ok(rules)
    }
}

/// What went wrong with a participation operation.
#[derive(Debug, thiserror::Error)]
pub enum ParticipationError {
    /// No such appeal, draft or proposal, or not one the caller may see.
    #[error("not found")]
    NotFound,
    /// The caller may not do this.
    #[error("not allowed")]
    Forbidden,
    /// Some fields are wrong.
    #[error("the form has {} problem(s)", .0.len())]
    Invalid(Vec<FieldError>),
    /// Too many appeals were sent within [`SUBMISSION_WINDOW_SECONDS`] to this e-mail address
    /// (code `limit-email`) or from this client address (code `limit-ip`); the field is named.
    #[error("too many submissions; try again later")]
    TooMany(FieldError),
    /// The draft's discussion is over (or it is not published).
    #[error("the discussion is closed")]
    DiscussionClosed,
    /// It was answered or decided already.
    #[error("already answered or decided")]
    Conflict,
    /// This installation has no participation rules.
    #[error("participation is not configured")]
    NotConfigured,
    /// The calendar has no data for the year the answer is due in.
    #[error(transparent)]
    Calendar(#[from] pencere_core::calendar::CalendarError),
    /// The storage layer failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Identity lookups failed.
    #[error(transparent)]
    Identity(#[from] pencere_identity::IdentityError),
}

/// An inquiry to a body or a suggestion to the operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppealKind {
    /// An information inquiry to a licensing body (LIC-10.0.3).
    Inquiry,
    /// A suggestion for improving the portal (LIC-10.0.5).
    Suggestion,
}

impl AppealKind {
    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AppealKind::Inquiry => "inquiry",
            AppealKind::Suggestion => "suggestion",
        }
    }

    /// Its path segment (`/inquiries/…`, `/suggestions/…`).
    pub fn segment(self) -> &'static str {
        match self {
            AppealKind::Inquiry => "inquiries",
            AppealKind::Suggestion => "suggestions",
        }
    }

    fn parse(text: &str) -> AppealKind {
        if text == "suggestion" { AppealKind::Suggestion } else { AppealKind::Inquiry }
    }
}

/// What a sender writes.
#[derive(Clone, Debug, Default)]
pub struct AppealForm {
    /// The body addressed (organization code), for inquiries.
    pub body: String,
    /// The sender's name.
    pub name: String,
    /// Where the answer goes.
    pub email: String,
    /// A phone number, optional.
    pub phone: String,
    /// The subject.
    pub subject: String,
    /// The text.
    pub text: String,
}

/// What the sender keeps: the number, the private link's key and the answer's last day.
#[derive(Clone, Debug)]
pub struct Receipt {
    /// The registration number.
    pub number: String,
    /// The key of the private link (`?key=`), shown once and e-mailed.
    pub key: String,
    /// The last day of the answer period.
    pub due_on: Date,
}

/// An appeal, as its sender (through the private link) and the answering side see it.
#[derive(Clone, Debug)]
pub struct Appeal {
    /// Its id.
    pub id: String,
    /// Its number.
    pub number: String,
    /// Inquiry or suggestion.
    pub kind: AppealKind,
    /// The body addressed (organization id), for inquiries.
    pub body_org_id: Option<String>,
    /// The sender's name.
    pub name: String,
    /// The sender's e-mail address.
    pub email: String,
    /// The sender's phone number.
    pub phone: Option<String>,
    /// The subject.
    pub subject: String,
    /// The text.
    pub text: String,
    /// The language the sender wrote in.
    pub lang: Lang,
    /// Whether it was answered.
    pub answered: bool,
    /// The day it was registered (Baku).
    pub submitted_on: Date,
    /// The answer's last day.
    pub due_on: Date,
    /// The answer.
    pub answer: Option<String>,
    /// When it was answered.
    pub answered_at: Option<Timestamp>,
    /// When it was registered.
    pub submitted_at: Timestamp,
}

impl Appeal {
    /// Whether the answer period passed without an answer (on `today`, Baku).
    pub fn overdue(&self, today: Date) -> bool {
        !self.answered && today > self.due_on
    }
}

fn appeal(row: store::AppealRow) -> Appeal {
    let (id, number, kind, body, name, email, phone, subject, text, lang, status, on, due, answer, at, submitted) = row;
    Appeal {
        id,
        number,
        kind: AppealKind::parse(&kind),
        body_org_id: body,
        name,
        email,
        phone,
        subject,
        text,
        lang: lang.parse().unwrap_or(Lang::Az),
        answered: status == "answered",
        submitted_on: Date::parse(&on).unwrap_or(Date::in_baku(Timestamp::from_micros(submitted))),
        due_on: Date::parse(&due).unwrap_or(Date::in_baku(Timestamp::from_micros(submitted))),
        answer,
        answered_at: at.map(Timestamp::from_micros),
        submitted_at: Timestamp::from_micros(submitted),
    }
}

/// Where a draft stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftStatus {
    /// Submitted to the operator, not yet decided.
    Submitted,
    /// Published for discussion.
    Published,
    /// Returned to the body with reasons.
    Returned,
}

impl DraftStatus {
    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DraftStatus::Submitted => "submitted",
            DraftStatus::Published => "published",
            DraftStatus::Returned => "returned",
        }
    }

    fn parse(text: &str) -> DraftStatus {
        match text {
            "published" => DraftStatus::Published,
            "returned" => DraftStatus::Returned,
            _ => DraftStatus::Submitted,
        }
    }
}

/// What a body's official submits.
#[derive(Clone, Debug, Default)]
pub struct DraftForm {
    /// The act's title.
    pub title: String,
    /// What it is about.
    pub summary: String,
    /// Its full text.
    pub full_text: String,
    /// The day it was sent for approval (`YYYY-MM-DD`).
    pub sent_for_approval_on: String,
    /// The last day of the discussion (`YYYY-MM-DD`).
    pub discussion_until: String,
}

/// A draft of a legal act.
#[derive(Clone, Debug)]
pub struct Draft {
    /// Its id.
    pub id: String,
    /// The submitting body (organization id).
    pub body_org_id: String,
    /// The title.
    pub title: String,
    /// The summary.
    pub summary: String,
    /// The full text.
    pub full_text: String,
    /// The day it was sent for approval.
    pub sent_for_approval_on: Date,
    /// The day it was submitted to the operator.
    pub submitted_on: Date,
    /// The last day of the discussion.
    pub discussion_until: Date,
    /// Its status.
    pub status: DraftStatus,
    /// Why it was returned.
    pub return_reason: Option<String>,
    /// The day it was published.
    pub published_on: Option<Date>,
    /// When it was submitted.
    pub submitted_at: Timestamp,
}

impl Draft {
    /// Whether it was submitted on the day it was sent for approval (LIC-9.1.3).
    pub fn same_day(&self) -> bool {
        self.sent_for_approval_on == self.submitted_on
    }

    /// Whether proposals are taken on `today` (Baku).
    pub fn open_on(&self, today: Date) -> bool {
        self.status == DraftStatus::Published && today <= self.discussion_until
    }
}

fn draft(row: store::DraftRow) -> (Draft, String, Lang) {
    let (id, body, by, title, summary, full_text, sent, on, until, status, reason, published, at, lang) = row;
    let day = |text: &str| Date::parse(text).unwrap_or(Date::in_baku(Timestamp::from_micros(at)));
    let draft = Draft {
        id,
        body_org_id: body,
        title,
        summary,
        full_text,
        sent_for_approval_on: day(&sent),
        submitted_on: day(&on),
        discussion_until: day(&until),
        status: DraftStatus::parse(&status),
        return_reason: reason,
        published_on: published.as_deref().and_then(Date::parse),
        submitted_at: Timestamp::from_micros(at),
    };
    (draft, by, lang.parse().unwrap_or(Lang::Az))
}

/// A proposal on a draft, as the public sees it.
#[derive(Clone, Debug)]
pub struct Proposal {
    /// Its id.
    pub id: String,
    /// The proposer's display name (never more of their data).
    pub display_name: String,
    /// The proposal.
    pub text: String,
    /// When it was made.
    pub submitted_at: Timestamp,
    /// The body's answer.
    pub answer: Option<String>,
    /// When it was answered.
    pub answered_at: Option<Timestamp>,
}

fn proposal(row: store::ProposalRow) -> Proposal {
    let (id, _, _, display_name, text, at, answer, answered_at, _) = row;
    Proposal {
        id,
        display_name,
        text,
        submitted_at: Timestamp::from_micros(at),
        answer,
        answered_at: answered_at.map(Timestamp::from_micros),
    }
}

/// What the public page shows of a person: the first name and the initial of the last.
pub fn display_name(full_name: &str) -> String {
    let mut words = full_name.split_whitespace();
    let first = words.next().unwrap_or_default();
    match words.last().and_then(|last| last.chars().next()) {
        Some(initial) => format!("{first} {initial}."),
        None => first.to_owned(),
    }
}

/// Checks a text field: trimmed, required, at most `max` characters.
fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError { field: field.to_owned(), code: "required" });
    } else if value.chars().count() > max {
        errors.push(FieldError { field: field.to_owned(), code: "too-long" });
    }
    value.to_owned()
}

fn random_key() -> String {
    let mut bytes = [0_u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

use pencere_core::hex;

fn key_hash(key: &str) -> String {
    hex(&Sha256::digest(key.as_bytes()))
}

/// An audit entry by whoever acts: a logged-in user or an anonymous sender.
fn entry<'a>(
    who: Option<Who<'a>>,
    context: &'a RequestContext<'a>,
    now: Timestamp,
    action: &'a str,
    record: (&'a str, &'a str),
    details: &'a str,
) -> audit::NewEntry<'a> {
    match who {
        Some(who) => audit::NewEntry { action, record: Some(record), details, ..who.session.entry(now, who.context) },
        None => audit::NewEntry {
            at: now,
            actor_id: None,
            actor_label: "anonymous",
            acting_org_id: None,
            action,
            record: Some(record),
            subject_id: None,
            ip: context.ip,
            request_id: context.request_id,
            details,
        },
    }
}

impl Engine {
    /// The participation rules, when a portal provides them.
    pub fn participation(&self) -> Option<&Rules> {
        self.participation.as_deref()
    }

    /// The organization codes inquiries may be addressed to: the competent bodies of the
    /// participation system's services.
    pub fn inquiry_bodies(&self) -> Vec<String> {
        let Some(rules) = self.participation() else {
            return Vec::new();
        };
        let mut codes: Vec<String> =
            self.catalog.services_of(&rules.system).map(|service| service.competent_body.clone()).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// The last day of an answer period that starts on `today`.
    pub fn answer_due(&self, today: Date) -> Result<Date, ParticipationError> {
        let rules = self.participation().ok_or(ParticipationError::NotConfigured)?;
        Ok(match rules.answer.unit {
            DayUnit::Working => self.calendar.working_days_after(today, rules.answer.days)?,
            DayUnit::Calendar => self.calendar.calendar_days_after(today, rules.answer.days)?,
        })
    }

    /// Whether the caller answers inquiries to this body: they act for it and hold a role of the
    /// participation system there.
    fn answers_for(&self, session: &ActiveSession, body_org_id: &str) -> bool {
        let Some(rules) = self.participation() else {
            return false;
        };
        let prefix = format!("{}.", rules.system);
        session.acting_org_id.as_deref() == Some(body_org_id)
            && session.acting_memberships().any(|membership| membership.role.as_str().starts_with(&prefix))
    }

    /// Registers an inquiry or a suggestion, by anyone (LIC-3.8: no registration needed): its
    /// number, key and answer period, the receipt e-mailed to the address given (with the private
    /// link under `link_base`, the portal's public address), and the audit entry, in one
    /// transaction.
    #[allow(clippy::too_many_arguments, reason = "one call, each argument a distinct fact of the submission")]
    pub async fn submit_appeal(
        &self,
        db: &Db,
        who: Option<Who<'_>>,
        context: &RequestContext<'_>,
        kind: AppealKind,
        form: &AppealForm,
        lang: Lang,
        link_base: &str,
        now: Timestamp,
    ) -> Result<Receipt, ParticipationError> {
        let rules = self.participation().ok_or(ParticipationError::NotConfigured)?;
        let mut errors = Vec::new();
        let name = text(&mut errors, "name", &form.name, MAX_LINE);
        let email = form.email.trim().to_owned();
        if email.is_empty() {
            errors.push(FieldError { field: "email".into(), code: "required" });
        } else if !is_email(&email) || email.chars().count() > MAX_LINE {
            errors.push(FieldError { field: "email".into(), code: "email" });
        }
        let phone = match form.phone.trim() {
            "" => None,
            given => {
                let normalized = normalize_phone(given);
                if normalized.is_none() {
                    errors.push(FieldError { field: "phone".into(), code: "phone" });
                }
                normalized
            }
        };
        let code = form.body.trim();
        if kind == AppealKind::Inquiry && !self.inquiry_bodies().iter().any(|body| body == code) {
            errors.push(FieldError { field: "body".into(), code: if code.is_empty() { "required" } else { "choice" } });
        }
        let subject = text(&mut errors, "subject", &form.subject, MAX_LINE);
        let body_text = text(&mut errors, "text", &form.text, MAX_TEXT);
        if !errors.is_empty() {
            return Err(ParticipationError::Invalid(errors));
        }
        let today = Date::in_baku(now);
        let due_on = self.answer_due(today)?;
        let mut tx = db.begin().await?;
        // The rate limit is counted in the database, under a lock, so it holds across instances.
        store::lock_submissions(&mut tx).await?;
        let since = now.plus_seconds(-rules.limits.window_minutes * 60);
        let (by_email, by_ip) = store::recent_submissions(&mut tx, &email, context.ip, since).await?;
        if by_email >= rules.limits.per_email {
            return Err(ParticipationError::TooMany(FieldError { field: "email".into(), code: "limit-email" }));
        }
        if by_ip >= rules.limits.per_ip {
            return Err(ParticipationError::TooMany(FieldError { field: "email".into(), code: "limit-ip" }));
        }
        let body = match kind {
            AppealKind::Inquiry => {
                Some(pencere_store::organizations::find_by_code(&mut tx, code).await?.ok_or_else(|| {
                    ParticipationError::Invalid(vec![FieldError { field: "body".into(), code: "choice" }])
                })?)
            }
            AppealKind::Suggestion => None,
        };
        let prefix = match kind {
            AppealKind::Inquiry => &rules.inquiry_prefix,
            AppealKind::Suggestion => &rules.suggestion_prefix,
        };
        let sequence = store::next_number(&mut tx, prefix, today.year()).await?;
        let number = format!("{prefix}-{}-{sequence:06}", today.year());
        let key = random_key();
        let id = uuid::Uuid::now_v7().to_string();
        store::insert_appeal(
            &mut tx,
            &store::NewAppeal {
                id: &id,
                number: &number,
                kind: kind.as_str(),
                body_org_id: body.as_ref().map(|body| body.id.as_str()),
                user_id: who.map(|who| who.session.user.id.as_str()),
                name: &name,
                email: &email,
                phone: phone.as_deref(),
                subject: &subject,
                text: &body_text,
                lang: lang.as_str(),
                key_hash: &key_hash(&key),
                submitted_on: &today.to_string(),
                due_on: &due_on.to_string(),
                client_ip: context.ip,
                now,
            },
        )
        .await?;
        // Anyone may type any address: the receipt repeats nothing the sender wrote (not the
        // name, the addressee, the subject or the text), only the number, the answer's last day
        // and the private link, whose key is erased from the outbox once the e-mail is sent.
        let template = format!("{}-registered", kind.as_str());
        let notice = pencere_notify::Notice {
            template: &template,
            args: vec![
                ("number", number.clone()),
                ("due", due_on.to_string()),
                ("link", format!("{}/{}/{number}?key={key}", link_base.trim_end_matches('/'), kind.segment())),
            ],
            case_id: None,
        };
        pencere_notify::notify_email_erasing(&mut tx, &email, lang, &notice, &["link"], now).await?;
        let details = format!(
            "{{\"number\":{},\"body\":{},\"due_on\":{}}}",
            json_string(&number),
            json_string(code),
            json_string(&due_on.to_string())
        );
        let action = format!("{}.submitted", kind.as_str());
        audit::append(&mut tx, &entry(who, context, now, &action, ("appeal", &id), &details)).await?;
        tx.commit().await?;
        Ok(Receipt { number, key, due_on })
    }

    /// An appeal through its private link; `None` for a wrong number, key or kind.
    pub async fn appeal_by_key(
        &self,
        db: &Db,
        kind: AppealKind,
        number: &str,
        key: &str,
    ) -> Result<Option<Appeal>, ParticipationError> {
        if key.is_empty() {
            return Ok(None);
        }
        let mut tx = db.begin_read().await?;
        Ok(store::appeal_by_key(&mut tx, number, &key_hash(key)).await?.map(appeal).filter(|found| found.kind == kind))
    }

    /// Whether the caller answers appeals of this kind: inquiries as an official of the body
    /// acted for, suggestions as the operator.
    fn may_answer(&self, session: &ActiveSession, found: &Appeal) -> bool {
        match (found.kind, found.body_org_id.as_deref()) {
            (AppealKind::Inquiry, Some(body)) => self.answers_for(session, body),
            (AppealKind::Suggestion, _) => session.has_role(RoleName::PLATFORM_ADMIN),
            (AppealKind::Inquiry, None) => false,
        }
    }

    /// The appeals the caller answers: inquiries to the body they act for, or (as the operator)
    /// suggestions; open ones first, by due day.
    pub async fn appeal_queue(
        &self,
        db: &Db,
        session: &ActiveSession,
        kind: AppealKind,
    ) -> Result<Vec<Appeal>, ParticipationError> {
        let mut tx = db.begin_read().await?;
        let rows = match kind {
            AppealKind::Inquiry => {
                let Some(body) = session.acting_org_id.as_deref().filter(|body| self.answers_for(session, body)) else {
                    return Ok(Vec::new());
                };
                store::appeals_of(&mut tx, kind.as_str(), Some(body)).await?
            }
            AppealKind::Suggestion => {
                if !session.has_role(RoleName::PLATFORM_ADMIN) {
                    return Err(ParticipationError::Forbidden);
                }
                store::appeals_of(&mut tx, kind.as_str(), None).await?
            }
        };
        Ok(rows.into_iter().map(appeal).collect())
    }

    /// Answers an appeal: the answer recorded, e-mailed to the sender's address and journaled, in
    /// one transaction (LIC-7.2).
    pub async fn answer_appeal(
        &self,
        db: &Db,
        who: Who<'_>,
        id: &str,
        answer: &str,
        now: Timestamp,
    ) -> Result<(), ParticipationError> {
        let mut errors = Vec::new();
        let answer = text(&mut errors, "answer", answer, MAX_TEXT);
        let mut tx = db.begin().await?;
        let found = store::appeal_by_id(&mut tx, id).await?.map(appeal).ok_or(ParticipationError::NotFound)?;
        if !self.may_answer(who.session, &found) {
            return Err(ParticipationError::NotFound);
        }
        if !errors.is_empty() {
            return Err(ParticipationError::Invalid(errors));
        }
        if !store::answer_appeal(&mut tx, id, &answer, &who.session.user.id, now).await? {
            return Err(ParticipationError::Conflict);
        }
        let template = format!("{}-answered", found.kind.as_str());
        let notice = pencere_notify::Notice {
            template: &template,
            args: vec![
                ("name", found.name.clone()),
                ("number", found.number.clone()),
                ("subject", found.subject.clone()),
                ("answer", answer.clone()),
            ],
            case_id: None,
        };
        pencere_notify::notify_email(&mut tx, &found.email, found.lang, &notice, now).await?;
        let details = format!("{{\"number\":{}}}", json_string(&found.number));
        let action = format!("{}.answered", found.kind.as_str());
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: &action,
                record: Some(("appeal", id)),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the caller may submit drafts: an official of a participant body (a role of the
    /// participation system in the organization acted for).
    pub fn may_submit_drafts(&self, session: &ActiveSession) -> bool {
        session.acting_org_id.as_deref().is_some_and(|body| self.answers_for(session, body))
    }

    /// A participant body submits a draft of a legal act to the operator (LIC-9.1.3).
    pub async fn submit_draft(
        &self,
        db: &Db,
        who: Who<'_>,
        form: &DraftForm,
        lang: Lang,
        now: Timestamp,
    ) -> Result<String, ParticipationError> {
        if !self.may_submit_drafts(who.session) {
            return Err(ParticipationError::Forbidden);
        }
        let body = who.session.acting_org_id.clone().unwrap_or_default();
        let today = Date::in_baku(now);
        let mut errors = Vec::new();
        let title = text(&mut errors, "title", &form.title, MAX_LINE);
        let summary = text(&mut errors, "summary", &form.summary, MAX_SUMMARY);
        let full_text = text(&mut errors, "full_text", &form.full_text, MAX_FULL_TEXT);
        let mut day = |field: &str, value: &str| match value.trim() {
            "" => {
                errors.push(FieldError { field: field.to_owned(), code: "required" });
                None
            }
            given => {
                let parsed = Date::parse(given);
                if parsed.is_none() {
                    errors.push(FieldError { field: field.to_owned(), code: "date" });
                }
                parsed
            }
        };
        let sent = day("sent_for_approval_on", &form.sent_for_approval_on);
        let until = day("discussion_until", &form.discussion_until);
        if sent.is_some_and(|sent| sent > today) {
            errors.push(FieldError { field: "sent_for_approval_on".into(), code: "date-future" });
        }
        if until.is_some_and(|until| until < today) {
            errors.push(FieldError { field: "discussion_until".into(), code: "date-past" });
        }
        let (Some(sent), Some(until), true) = (sent, until, errors.is_empty()) else {
            return Err(ParticipationError::Invalid(errors));
        };
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = db.begin().await?;
        store::insert_draft(
            &mut tx,
            &store::NewDraft {
                id: &id,
                body_org_id: &body,
                submitted_by: &who.session.user.id,
                title: &title,
                summary: &summary,
                full_text: &full_text,
                sent_for_approval_on: &sent.to_string(),
                submitted_on: &today.to_string(),
                discussion_until: &until.to_string(),
                lang: lang.as_str(),
                now,
            },
        )
        .await?;
        let details = format!(
            "{{\"title\":{},\"sent_for_approval_on\":{},\"same_day\":{}}}",
            json_string(&title),
            json_string(&sent.to_string()),
            sent == today
        );
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "legal_draft.submitted",
                record: Some(("legal_draft", &id)),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The operator publishes a submitted draft (`reason` none) or returns it with reasons; the
    /// submitting official is notified, in the decision's transaction. A draft whose last day of
    /// discussion has passed cannot be published (it goes back to the body with reasons).
    pub async fn decide_draft(
        &self,
        db: &Db,
        who: Who<'_>,
        id: &str,
        return_reason: Option<&str>,
        now: Timestamp,
    ) -> Result<(), ParticipationError> {
        if !who.session.has_role(RoleName::PLATFORM_ADMIN) {
            return Err(ParticipationError::Forbidden);
        }
        let reason = return_reason.map(str::trim);
        if reason.is_some_and(str::is_empty) {
            return Err(ParticipationError::Invalid(vec![FieldError { field: "reason".into(), code: "reason" }]));
        }
        if reason.is_some_and(|reason| reason.chars().count() > MAX_TEXT) {
            return Err(ParticipationError::Invalid(vec![FieldError { field: "reason".into(), code: "too-long" }]));
        }
        let mut tx = db.begin().await?;
        let (found, submitter, lang) =
            store::draft_by_id(&mut tx, id).await?.map(draft).ok_or(ParticipationError::NotFound)?;
        if reason.is_none() && found.discussion_until < Date::in_baku(now) {
            // Published after its last day, it could take no proposal: the body sets a new one.
            return Err(ParticipationError::Invalid(vec![FieldError {
                field: "discussion_until".into(),
                code: "date-past",
            }]));
        }
        let today = Date::in_baku(now).to_string();
        let (status, published_on) = match reason {
            Some(_) => (DraftStatus::Returned, None),
            None => (DraftStatus::Published, Some(today.as_str())),
        };
        if !store::decide_draft(&mut tx, id, status.as_str(), reason, published_on, &who.session.user.id, now).await? {
            return Err(ParticipationError::Conflict);
        }
        self.notify_user(
            &mut tx,
            &submitter,
            lang,
            &format!("draft-{}", status.as_str()),
            vec![
                ("title", found.title.clone()),
                ("reason", reason.unwrap_or_default().to_owned()),
                ("id", id.to_owned()),
            ],
            now,
        )
        .await?;
        let details = format!("{{\"title\":{}}}", json_string(&found.title));
        let action = format!("legal_draft.{}", status.as_str());
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: &action,
                record: Some(("legal_draft", id)),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn notify_user(
        &self,
        tx: &mut Tx,
        user_id: &str,
        lang: Lang,
        template: &str,
        args: Vec<(&str, String)>,
        now: Timestamp,
    ) -> Result<(), ParticipationError> {
        let Some(user) = pencere_identity::find_user(tx, user_id).await? else {
            return Ok(());
        };
        let recipient = pencere_notify::Recipient {
            user_id: &user.id,
            email: user.email.as_deref(),
            phone: user.phone.as_deref(),
            lang,
        };
        pencere_notify::notify(tx, &recipient, &pencere_notify::Notice { template, args, case_id: None }, now).await?;
        Ok(())
    }

    /// The published drafts, the newest first (public).
    pub async fn published_drafts(&self, db: &Db) -> Result<Vec<Draft>, ParticipationError> {
        let mut tx = db.begin_read().await?;
        Ok(store::drafts_in(&mut tx, "published").await?.into_iter().map(|row| draft(row).0).collect())
    }

    /// A published draft with its proposals and answers (public); `None` otherwise.
    pub async fn public_draft(&self, db: &Db, id: &str) -> Result<Option<(Draft, Vec<Proposal>)>, ParticipationError> {
        let mut tx = db.begin_read().await?;
        let Some((found, _, _)) = store::draft_by_id(&mut tx, id).await?.map(draft) else {
            return Ok(None);
        };
        if found.status != DraftStatus::Published {
            return Ok(None);
        }
        let proposals = store::proposals_of(&mut tx, id).await?.into_iter().map(proposal).collect();
        Ok(Some((found, proposals)))
    }

    /// The drafts awaiting the operator's decision.
    pub async fn submitted_drafts(&self, db: &Db, session: &ActiveSession) -> Result<Vec<Draft>, ParticipationError> {
        if !session.has_role(RoleName::PLATFORM_ADMIN) {
            return Err(ParticipationError::Forbidden);
        }
        let mut tx = db.begin_read().await?;
        Ok(store::drafts_in(&mut tx, "submitted").await?.into_iter().map(|row| draft(row).0).collect())
    }

    /// The drafts of the body the caller acts for, with their proposals.
    pub async fn drafts_of_body(
        &self,
        db: &Db,
        session: &ActiveSession,
    ) -> Result<Vec<(Draft, Vec<Proposal>)>, ParticipationError> {
        let Some(body) = session.acting_org_id.as_deref().filter(|_| self.may_submit_drafts(session)) else {
            return Ok(Vec::new());
        };
        let mut tx = db.begin_read().await?;
        let mut out = Vec::new();
        for row in store::drafts_of_body(&mut tx, body).await? {
            let (found, _, _) = draft(row);
            let proposals = store::proposals_of(&mut tx, &found.id).await?.into_iter().map(proposal).collect();
            out.push((found, proposals));
        }
        Ok(out)
    }

    /// A logged-in user's proposal on a published draft, while its discussion is open (LIC-10.0.4).
    pub async fn submit_proposal(
        &self,
        db: &Db,
        who: Who<'_>,
        draft_id: &str,
        proposal_text: &str,
        lang: Lang,
        now: Timestamp,
    ) -> Result<String, ParticipationError> {
        let mut errors = Vec::new();
        let body_text = text(&mut errors, "text", proposal_text, MAX_TEXT);
        let mut tx = db.begin().await?;
        let (found, _, _) = store::draft_by_id(&mut tx, draft_id)
            .await?
            .map(draft)
            .filter(|(found, _, _)| found.status == DraftStatus::Published)
            .ok_or(ParticipationError::NotFound)?;
        if !found.open_on(Date::in_baku(now)) {
            return Err(ParticipationError::DiscussionClosed);
        }
        if !errors.is_empty() {
            return Err(ParticipationError::Invalid(errors));
        }
        let id = uuid::Uuid::now_v7().to_string();
        store::insert_proposal(
            &mut tx,
            &store::NewProposal {
                id: &id,
                draft_id,
                user_id: &who.session.user.id,
                display_name: &display_name(&who.session.user.full_name),
                text: &body_text,
                lang: lang.as_str(),
                now,
            },
        )
        .await?;
        let details = format!("{{\"draft\":{}}}", json_string(draft_id));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "draft_proposal.submitted",
                record: Some(("draft_proposal", &id)),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The submitting body answers a proposal, publicly; the proposer is notified (cabinet and
    /// e-mail), in the answer's transaction.
    pub async fn answer_proposal(
        &self,
        db: &Db,
        who: Who<'_>,
        proposal_id: &str,
        answer: &str,
        now: Timestamp,
    ) -> Result<(), ParticipationError> {
        let mut errors = Vec::new();
        let answer = text(&mut errors, "answer", answer, MAX_TEXT);
        let mut tx = db.begin().await?;
        let row = store::proposal_by_id(&mut tx, proposal_id).await?.ok_or(ParticipationError::NotFound)?;
        let (found, _, _) =
            store::draft_by_id(&mut tx, &row.1).await?.map(draft).ok_or(ParticipationError::NotFound)?;
        if !self.answers_for(who.session, &found.body_org_id) {
            return Err(ParticipationError::NotFound);
        }
        if !errors.is_empty() {
            return Err(ParticipationError::Invalid(errors));
        }
        if !store::answer_proposal(&mut tx, proposal_id, &answer, &who.session.user.id, now).await? {
            return Err(ParticipationError::Conflict);
        }
        let lang = row.8.parse().unwrap_or(Lang::Az);
        self.notify_user(
            &mut tx,
            &row.2,
            lang,
            "proposal-answered",
            vec![("title", found.title.clone()), ("answer", answer.clone()), ("id", found.id.clone())],
            now,
        )
        .await?;
        let details = format!("{{\"draft\":{}}}", json_string(&found.id));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "draft_proposal.answered",
                record: Some(("draft_proposal", proposal_id)),
                subject_id: Some(&row.2),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_keep_the_first_name_and_an_initial() {
        assert_eq!(display_name("Rəşad Məmmədov"), "Rəşad M.");
        assert_eq!(display_name("Aygün Vaqif qızı Əliyeva"), "Aygün Ə.");
        assert_eq!(display_name("Leyla"), "Leyla");
    }

    #[test]
    fn rules_refuse_a_missing_law_and_bad_prefixes() {
        let load = |text: &'static str| Rules::load("lic", &CatalogSource { path: "lic/participation.toml", text });
        let good = "inquiry_prefix = \"SRG\"\nsuggestion_prefix = \"TKL\"\n\
                    [answer]\ndays = 15\nunit = \"working\"\nlaw = \"Law, art. 10.1\"\nverified = false\n";
        let rules = load(good).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!((rules.answer.days, rules.system.as_str()), (15, "lic"));
        let error = load(
            "inquiry_prefix = \"srg\"\nsuggestion_prefix = \"TKL\"\n[answer]\ndays = 15\nunit = \"working\"\nlaw = \"x\"\nverified = false\n",
        );
        assert!(error.is_err_and(|error| error.field == "inquiry_prefix"));
        let error = load(
            "inquiry_prefix = \"SRG\"\nsuggestion_prefix = \"TKL\"\n[answer]\ndays = 15\nunit = \"working\"\nlaw = \" \"\nverified = false\n",
        );
        assert!(error.is_err_and(|error| error.field == "answer.law"));
    }
}
