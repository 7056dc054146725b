//! The portal's participants and the operator's supervision of them.
//!
//! Participants are the state bodies (organizations of kind agency) whose information systems
//! are integrated with a system of the platform. A participant's official registers its
//! integrated systems and submits the information on their compliance with the technical
//! requirements, which the operator accepts or returns (LIC-9.1.1, LIC-8.0.2). The operator sends
//! participants notices to make changes and improvements, or methodological explanations, which
//! the participant answers (LIC-8.0.10, LIC-8.0.16); warns a participant with a reason and a date
//! by which to remove the shortcomings and, when they are not removed, suspends its activity on
//! the portal until the suspension is lifted (LIC-8.0.9). While suspended, the web layer refuses
//! the participant's officials once, where the access decision is made ([`suspension_of`]).
//! Participants announce planned work on their systems a number of working days ahead
//! ([`NoticeRule`], from each portal's catalog: LIC-9.1.6, MIG-6.2.5), the operator records incidents (LIC-8.0.6),
//! and both are shown to users until they are over ([`current_outages`]).
//!
//! Every change, its audit entry and its notices commit in one transaction.
//! Invariant: no HTTP, no Fluent; SQL only in `store.rs`.

mod store;

use pencere_core::Timestamp;
use pencere_core::calendar::{CalendarError, Date};
use pencere_identity::{ActiveSession, RoleName};
use pencere_store::audit::{self, json_string};
use pencere_store::organizations::{self, OrganizationKind};
use pencere_store::{Db, StoreError, Tx};

pub use store::{
    MeasureRow as Measure, NoticeRow as ParticipantNotice, OutageRow as Outage, SystemRow as IntegratedSystem,
};

use serde::Deserialize;

use crate::catalog::{self, CatalogError, CatalogSource, DayUnit};
use crate::{Engine, Who};

/// How far ahead a system's participants announce planned work on an integrated system: the
/// portal's `catalog/maintenance.toml`, e.g. two working days for the licence portal
/// (LIC-9.1.6), five for the migration portal (MIG-6.2.5).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NoticeRule {
    /// The period.
    pub notice: NoticePeriod,
    /// The system it applies to (the portal's code).
    #[serde(skip)]
    pub system: String,
}

/// A notice period with its source.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NoticePeriod {
    /// How many days ahead.
    pub days: u32,
    /// Only working days: the regulations count this notice in working days.
    pub unit: DayUnit,
    /// The article it comes from.
    pub law: String,
    /// Whether the figure was checked against the regulation's text.
    pub verified: bool,
}

impl NoticeRule {
    /// Reads and checks a portal's maintenance file, refusing a broken one by file and field.
    pub fn load(system: &str, source: &CatalogSource) -> Result<NoticeRule, CatalogError> {
        let mut rule: NoticeRule = catalog::parse(source)?;
        rule.system = system.to_owned();
        if rule.notice.unit != DayUnit::Working {
            return Err(catalog::error(
                source.path,
                "notice.unit",
                "\"working\": the notice is counted in working days",
            ));
        }
        if rule.notice.days == 0 || rule.notice.days > 60 {
            return Err(catalog::error(source.path, "notice.days", "1 to 60 working days"));
        }
        if rule.notice.law.trim().is_empty() {
            return Err(catalog::error(source.path, "notice.law", "names the article the period comes from"));
        }
        Ok(rule)
    }
}

/// The notice periods of the systems whose catalogs give one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoticePeriods(Vec<NoticeRule>);

impl NoticePeriods {
    /// Collects the systems' rules; a system with two is refused.
    pub fn new(rules: Vec<NoticeRule>) -> Result<NoticePeriods, CatalogError> {
        for (index, rule) in rules.iter().enumerate() {
            if rules[..index].iter().any(|other| other.system == rule.system) {
                return Err(catalog::error(
                    &format!("{}/catalog/maintenance.toml", rule.system),
                    "-",
                    "the system's notice period is given twice",
                ));
            }
        }
        Ok(NoticePeriods(rules))
    }

    /// The working days of notice a system's participants give, if its catalog names them.
    pub fn working_days(&self, system: &str) -> Option<u32> {
        self.0.iter().find(|rule| rule.system == system).map(|rule| rule.notice.days)
    }

    /// Every system's rule.
    pub fn rules(&self) -> &[NoticeRule] {
        &self.0
    }
}

/// The longest text a field takes.
const MAX_TEXT: usize = 4000;

/// What went wrong with a participant operation.
#[derive(Debug, thiserror::Error)]
pub enum ParticipantError {
    /// No such record, or not one the caller may see.
    #[error("not found")]
    NotFound,
    /// The caller may not do this.
    #[error("not allowed")]
    Forbidden,
    /// A field is missing or malformed; `code` names the problem.
    #[error("field {field}: {code}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// `required`, `too_long`, `date`, `order`, `no_warning`, `kind`.
        code: &'static str,
    },
    /// Planned work starts sooner than the regulation's notice allows.
    #[error("the work may start on {earliest} at the earliest")]
    TooSoon {
        /// The first day the work may start on.
        earliest: Date,
        /// The working days of notice required.
        days: u32,
    },
    /// The record is not in a state that allows this (already decided, already suspended).
    #[error("not possible in the current state")]
    NotPossible,
    /// The calendar has no data for the year.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The storage layer failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn text(field: &'static str, value: &str) -> Result<String, ParticipantError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ParticipantError::Invalid { field, code: "required" });
    }
    if value.chars().count() > MAX_TEXT {
        return Err(ParticipantError::Invalid { field, code: "too_long" });
    }
    Ok(value.to_owned())
}

fn operator_only(session: &ActiveSession) -> Result<(), ParticipantError> {
    if session.has_role(RoleName::PLATFORM_ADMIN) { Ok(()) } else { Err(ParticipantError::Forbidden) }
}

/// The participant an official acts for: an agency, and the official holds a body's role there.
async fn acting_participant(tx: &mut Tx, session: &ActiveSession) -> Result<String, ParticipantError> {
    let org_id = session.acting_org_id.clone().filter(|_| session.is_official()).ok_or(ParticipantError::Forbidden)?;
    match organizations::find_by_id(tx, &org_id).await? {
        Some(org) if org.kind == OrganizationKind::Agency => Ok(org_id),
        _ => Err(ParticipantError::Forbidden),
    }
}

async fn participant(tx: &mut Tx, org_id: &str) -> Result<organizations::Organization, ParticipantError> {
    match organizations::find_by_id(tx, org_id).await? {
        Some(org) if org.kind == OrganizationKind::Agency => Ok(org),
        _ => Err(ParticipantError::NotFound),
    }
}

/// Writes a notice to each recipient (in Azerbaijani, the officials' working language).
async fn tell(
    tx: &mut Tx,
    recipients: &[store::RecipientRow],
    template: &str,
    args: &[(&str, String)],
    now: Timestamp,
) -> Result<(), StoreError> {
    for (user_id, email, phone) in recipients {
        let recipient = pencere_notify::Recipient {
            user_id,
            email: email.as_deref(),
            phone: phone.as_deref(),
            lang: pencere_core::Lang::Az,
        };
        let notice = pencere_notify::Notice { template, args: args.to_vec(), case_id: None };
        pencere_notify::notify(tx, &recipient, &notice, now).await?;
    }
    Ok(())
}

async fn journal(
    tx: &mut Tx,
    who: &Who<'_>,
    action: &str,
    record: (&str, &str),
    details: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    audit::append(
        tx,
        &audit::NewEntry {
            action,
            record: Some(record),
            subject_id: None,
            details,
            ..who.session.entry(now, who.context)
        },
    )
    .await?;
    Ok(())
}

/// A system to register.
#[derive(Clone, Debug, Default)]
pub struct SystemForm {
    /// The platform's system it is integrated with (`lic`).
    pub portal: String,
    /// Its name.
    pub name: String,
    /// What it does for the portal.
    pub purpose: String,
    /// The address or endpoint the portal reaches it at.
    pub endpoint: String,
    /// Whom to contact about it.
    pub contact: String,
}

/// A participant's official registers an integrated system of their body (LIC-9.1.1, LIC-8.0.2).
pub async fn register_system(
    db: &Db,
    who: Who<'_>,
    form: &SystemForm,
    known_portal: impl Fn(&str) -> bool,
    now: Timestamp,
) -> Result<String, ParticipantError> {
    if !known_portal(form.portal.trim()) {
        return Err(ParticipantError::Invalid { field: "portal", code: "required" });
    }
    let name = text("name", &form.name)?;
    let purpose = text("purpose", &form.purpose)?;
    let endpoint = text("endpoint", &form.endpoint)?;
    let contact = text("contact", &form.contact)?;
    let mut tx = db.begin().await?;
    let org_id = acting_participant(&mut tx, who.session).await?;
    let id = uuid::Uuid::now_v7().to_string();
    store::insert_system(
        &mut tx,
        &store::NewSystem {
            id: &id,
            org_id: &org_id,
            portal: form.portal.trim(),
            name: &name,
            purpose: &purpose,
            endpoint: &endpoint,
            contact: &contact,
            created_by: &who.session.user.id,
            now,
        },
    )
    .await?;
    let details = format!("{{\"name\":{},\"endpoint\":{}}}", json_string(&name), json_string(&endpoint));
    journal(&mut tx, &who, "participant.system_registered", ("participant_system", &id), &details, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// A participant's official submits the information on a system's compliance with the technical
/// requirements (LIC-9.1.1): a statement and the date it speaks for; the operator is told.
pub async fn submit_compliance(
    db: &Db,
    who: Who<'_>,
    system_id: &str,
    statement: &str,
    on: &str,
    now: Timestamp,
) -> Result<(), ParticipantError> {
    let statement = text("statement", statement)?;
    let on = Date::parse(on.trim()).ok_or(ParticipantError::Invalid { field: "on", code: "date" })?;
    if on > Date::in_baku(now) {
        return Err(ParticipantError::Invalid { field: "on", code: "future" });
    }
    let mut tx = db.begin().await?;
    let org_id = acting_participant(&mut tx, who.session).await?;
    let system = store::system_by_id(&mut tx, system_id)
        .await?
        .filter(|system| system.org_id == org_id)
        .ok_or(ParticipantError::NotFound)?;
    store::submit_compliance(&mut tx, system_id, &statement, &on.to_string(), now).await?;
    let details = format!("{{\"on\":{}}}", json_string(&on.to_string()));
    journal(&mut tx, &who, "participant.compliance_submitted", ("participant_system", system_id), &details, now)
        .await?;
    let operators = store::operators(&mut tx).await?;
    tell(&mut tx, &operators, "participant-compliance-submitted", &[("system", system.name.clone())], now).await?;
    tx.commit().await?;
    Ok(())
}

/// The operator accepts the compliance information, or returns it with the reasons; the
/// participant's officials are told.
pub async fn decide_compliance(
    db: &Db,
    who: Who<'_>,
    system_id: &str,
    accept: bool,
    answer: &str,
    now: Timestamp,
) -> Result<(), ParticipantError> {
    operator_only(who.session)?;
    let answer = answer.trim();
    if !accept && answer.is_empty() {
        return Err(ParticipantError::Invalid { field: "answer", code: "required" });
    }
    let answer = (!answer.is_empty()).then(|| text("answer", answer)).transpose()?;
    let mut tx = db.begin().await?;
    let system = store::system_by_id(&mut tx, system_id).await?.ok_or(ParticipantError::NotFound)?;
    let status = if accept { "accepted" } else { "returned" };
    if !store::decide_compliance(&mut tx, system_id, status, answer.as_deref(), &who.session.user.id, now).await? {
        return Err(ParticipantError::NotPossible);
    }
    let details = format!("{{\"status\":{}}}", json_string(status));
    journal(&mut tx, &who, "participant.compliance_decided", ("participant_system", system_id), &details, now).await?;
    let officials = store::officials_of(&mut tx, &system.org_id).await?;
    let template = if accept { "participant-compliance-accepted" } else { "participant-compliance-returned" };
    tell(&mut tx, &officials, template, &[("system", system.name), ("answer", answer.unwrap_or_default())], now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The systems of a participant, oldest first.
pub async fn systems_of(db: &Db, org_id: &str) -> Result<Vec<IntegratedSystem>, ParticipantError> {
    let mut tx = db.begin_read().await?;
    Ok(store::systems(&mut tx, Some(org_id)).await?)
}

/// Every participant's systems, oldest first (the operator's view).
pub async fn all_systems(db: &Db) -> Result<Vec<IntegratedSystem>, ParticipantError> {
    let mut tx = db.begin_read().await?;
    Ok(store::systems(&mut tx, None).await?)
}

/// What the operator's notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Make changes and improvements: the system does not meet the requirements (LIC-8.0.10).
    Changes,
    /// A methodological explanation or information (LIC-8.0.16).
    Guidance,
}

impl NoticeKind {
    /// Its name in forms and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Changes => "changes",
            NoticeKind::Guidance => "guidance",
        }
    }

    /// Reads a kind's name.
    pub fn parse(text: &str) -> Option<NoticeKind> {
        match text {
            "changes" => Some(NoticeKind::Changes),
            "guidance" => Some(NoticeKind::Guidance),
            _ => None,
        }
    }
}

/// The operator sends a participant a notice, optionally about one of its systems; it reaches
/// the participant's officials (inbox, e-mail, SMS) and stays on the participant's page.
pub async fn send_notice(
    db: &Db,
    who: Who<'_>,
    org_id: &str,
    system_id: Option<&str>,
    kind: NoticeKind,
    body: &str,
    now: Timestamp,
) -> Result<String, ParticipantError> {
    operator_only(who.session)?;
    let body = text("body", body)?;
    let mut tx = db.begin().await?;
    participant(&mut tx, org_id).await?;
    let system = match system_id.filter(|id| !id.is_empty()) {
        Some(id) => Some(
            store::system_by_id(&mut tx, id)
                .await?
                .filter(|system| system.org_id == org_id)
                .ok_or(ParticipantError::Invalid { field: "system", code: "required" })?,
        ),
        None => None,
    };
    let id = uuid::Uuid::now_v7().to_string();
    store::insert_notice(
        &mut tx,
        &store::NewNotice {
            id: &id,
            org_id,
            system_id: system.as_ref().map(|system| system.id.as_str()),
            kind: kind.as_str(),
            body: &body,
            sent_by: &who.session.user.id,
            now,
        },
    )
    .await?;
    let details = format!("{{\"org\":{},\"kind\":{}}}", json_string(org_id), json_string(kind.as_str()));
    journal(&mut tx, &who, "participant.notice_sent", ("participant_notice", &id), &details, now).await?;
    let officials = store::officials_of(&mut tx, org_id).await?;
    let system_name = system.map(|system| system.name).unwrap_or_default();
    tell(&mut tx, &officials, "participant-notice", &[("system", system_name), ("text", body)], now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The participant's official answers a notice: what the body did.
pub async fn answer_notice(
    db: &Db,
    who: Who<'_>,
    notice_id: &str,
    answer: &str,
    now: Timestamp,
) -> Result<(), ParticipantError> {
    let answer = text("answer", answer)?;
    let mut tx = db.begin().await?;
    let org_id = acting_participant(&mut tx, who.session).await?;
    store::notice_by_id(&mut tx, notice_id)
        .await?
        .filter(|notice| notice.org_id == org_id)
        .ok_or(ParticipantError::NotFound)?;
    if !store::answer_notice(&mut tx, notice_id, &answer, &who.session.user.id, now).await? {
        return Err(ParticipantError::NotPossible);
    }
    journal(&mut tx, &who, "participant.notice_answered", ("participant_notice", notice_id), "{}", now).await?;
    let operators = store::operators(&mut tx).await?;
    tell(&mut tx, &operators, "participant-notice-answered", &[("text", answer)], now).await?;
    tx.commit().await?;
    Ok(())
}

/// A participant's notices, the newest first.
pub async fn notices_of(db: &Db, org_id: &str) -> Result<Vec<ParticipantNotice>, ParticipantError> {
    let mut tx = db.begin_read().await?;
    Ok(store::notices_of(&mut tx, org_id).await?)
}

/// The operator warns a participant, with the reason and the day by which to remove the
/// shortcomings (LIC-8.0.9).
pub async fn warn(
    db: &Db,
    who: Who<'_>,
    org_id: &str,
    reason: &str,
    due_on: &str,
    now: Timestamp,
) -> Result<String, ParticipantError> {
    operator_only(who.session)?;
    let reason = text("reason", reason)?;
    let due = Date::parse(due_on.trim()).ok_or(ParticipantError::Invalid { field: "due_on", code: "date" })?;
    if due <= Date::in_baku(now) {
        return Err(ParticipantError::Invalid { field: "due_on", code: "order" });
    }
    let mut tx = db.begin().await?;
    participant(&mut tx, org_id).await?;
    let id = uuid::Uuid::now_v7().to_string();
    let due_text = due.to_string();
    let measure = store::NewMeasure {
        id: &id,
        org_id,
        kind: "warning",
        reason: &reason,
        due_on: Some(&due_text),
        by: &who.session.user.id,
        now,
    };
    store::insert_measure(&mut tx, &measure).await?;
    let details = format!("{{\"org\":{},\"due_on\":{}}}", json_string(org_id), json_string(&due_text));
    journal(&mut tx, &who, "participant.warned", ("participant_measure", &id), &details, now).await?;
    let officials = store::officials_of(&mut tx, org_id).await?;
    tell(&mut tx, &officials, "participant-warned", &[("reason", reason), ("due", due_text)], now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The operator suspends a participant's activity on the portal (LIC-8.0.9): only after a
/// warning whose day has passed, with the reason; it lasts until lifted.
pub async fn suspend(
    db: &Db,
    who: Who<'_>,
    org_id: &str,
    reason: &str,
    now: Timestamp,
) -> Result<String, ParticipantError> {
    operator_only(who.session)?;
    let reason = text("reason", reason)?;
    let mut tx = db.begin().await?;
    participant(&mut tx, org_id).await?;
    let today = Date::in_baku(now).to_string();
    let measures = store::measures_of(&mut tx, org_id).await?;
    let warned = measures
        .iter()
        .any(|measure| measure.kind == "warning" && measure.due_on.as_deref().is_some_and(|due| due < today.as_str()));
    if !warned {
        return Err(ParticipantError::Invalid { field: "reason", code: "no_warning" });
    }
    if store::suspension_in_force(&mut tx, org_id).await?.is_some() {
        return Err(ParticipantError::NotPossible);
    }
    let id = uuid::Uuid::now_v7().to_string();
    let measure = store::NewMeasure {
        id: &id,
        org_id,
        kind: "suspension",
        reason: &reason,
        due_on: None,
        by: &who.session.user.id,
        now,
    };
    match store::insert_measure(&mut tx, &measure).await {
        Err(StoreError::Conflict(_)) => return Err(ParticipantError::NotPossible),
        other => other?,
    }
    let details = format!("{{\"org\":{}}}", json_string(org_id));
    journal(&mut tx, &who, "participant.suspended", ("participant_measure", &id), &details, now).await?;
    let officials = store::officials_of(&mut tx, org_id).await?;
    tell(&mut tx, &officials, "participant-suspended", &[("reason", reason)], now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The operator lifts a participant's suspension: the shortcomings are removed.
pub async fn lift_suspension(
    db: &Db,
    who: Who<'_>,
    org_id: &str,
    reason: &str,
    now: Timestamp,
) -> Result<(), ParticipantError> {
    operator_only(who.session)?;
    let reason = text("reason", reason)?;
    let mut tx = db.begin().await?;
    participant(&mut tx, org_id).await?;
    let Some(suspension) = store::suspension_in_force(&mut tx, org_id).await? else {
        return Err(ParticipantError::NotPossible);
    };
    if !store::lift_suspension(&mut tx, org_id, &reason, &who.session.user.id, now).await? {
        return Err(ParticipantError::NotPossible);
    }
    let details = format!("{{\"org\":{}}}", json_string(org_id));
    journal(&mut tx, &who, "participant.suspension_lifted", ("participant_measure", &suspension.id), &details, now)
        .await?;
    let officials = store::officials_of(&mut tx, org_id).await?;
    tell(&mut tx, &officials, "participant-lifted", &[("reason", reason)], now).await?;
    tx.commit().await?;
    Ok(())
}

/// A participant's warnings and suspensions, the newest first.
pub async fn measures_of(db: &Db, org_id: &str) -> Result<Vec<Measure>, ParticipantError> {
    let mut tx = db.begin_read().await?;
    Ok(store::measures_of(&mut tx, org_id).await?)
}

/// The suspension in force on an organization, if any: the reason and since when. One read by
/// a unique partial index; the access guard calls it on officials' requests.
pub async fn suspension_of(db: &Db, org_id: &str) -> Result<Option<Measure>, ParticipantError> {
    let mut tx = db.begin_read().await?;
    Ok(store::suspension_in_force(&mut tx, org_id).await?)
}

/// What planned work is.
pub const WORK_KINDS: [&str; 4] = ["preventive", "repair", "tuning", "other"];

/// A maintenance announcement.
#[derive(Clone, Debug)]
pub struct Announcement<'a> {
    /// The integrated system the work is on.
    pub system_id: &'a str,
    /// One of [`WORK_KINDS`].
    pub kind: &'a str,
    /// When the work starts.
    pub starts_at: Timestamp,
    /// When it ends.
    pub ends_at: Timestamp,
    /// What is done and what users will notice.
    pub description: &'a str,
}

/// A participant's official announces planned work on one of its systems (LIC-9.1.6): the start
/// must fall on or after the day the system's notice period ([`NoticeRule`]) ends, counted in
/// working days after today (Baku) on the engine's calendar; a system whose catalog names no
/// period takes no announcement. The operator is told, and so is every applicant with an
/// application in progress on the system's portal.
pub async fn announce_maintenance(
    db: &Db,
    engine: &Engine,
    who: Who<'_>,
    announcement: &Announcement<'_>,
    now: Timestamp,
) -> Result<String, ParticipantError> {
    if !WORK_KINDS.contains(&announcement.kind) {
        return Err(ParticipantError::Invalid { field: "kind", code: "kind" });
    }
    let description = text("description", announcement.description)?;
    if announcement.ends_at <= announcement.starts_at {
        return Err(ParticipantError::Invalid { field: "ends_at", code: "order" });
    }
    let mut tx = db.begin().await?;
    let org_id = acting_participant(&mut tx, who.session).await?;
    let system = store::system_by_id(&mut tx, announcement.system_id)
        .await?
        .filter(|system| system.org_id == org_id)
        .ok_or(ParticipantError::Invalid { field: "system", code: "required" })?;
    let days = engine
        .maintenance_notices()
        .working_days(&system.portal)
        .ok_or(ParticipantError::Invalid { field: "system", code: "no_notice" })?;
    let earliest = engine.calendar().working_days_after(Date::in_baku(now), days)?;
    if Date::in_baku(announcement.starts_at) < earliest {
        return Err(ParticipantError::TooSoon { earliest, days });
    }
    let id = uuid::Uuid::now_v7().to_string();
    store::insert_outage(
        &mut tx,
        &store::NewOutage {
            id: &id,
            kind: announcement.kind,
            portal: &system.portal,
            system_id: Some(&system.id),
            org_id: Some(&org_id),
            description: &description,
            starts_at: announcement.starts_at,
            ends_at: Some(announcement.ends_at),
            by: &who.session.user.id,
            now,
        },
    )
    .await?;
    let details = format!(
        "{{\"system\":{},\"starts_at\":{},\"ends_at\":{}}}",
        json_string(&system.id),
        json_string(&announcement.starts_at.to_string()),
        json_string(&announcement.ends_at.to_string())
    );
    journal(&mut tx, &who, "participant.maintenance_announced", ("outage_notice", &id), &details, now).await?;
    let operators = store::operators(&mut tx).await?;
    let args = [
        ("system", system.name.clone()),
        ("starts", announcement.starts_at.baku_minute()),
        ("ends", announcement.ends_at.baku_minute()),
        ("text", description),
    ];
    tell(&mut tx, &operators, "maintenance-announced", &args, now).await?;
    // The users it affects: those with an application in progress on the system's portal.
    let affected = store::applicants_in_progress(&mut tx, &system.portal).await?;
    tell(&mut tx, &affected, "maintenance-affects-you", &args, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The operator records an incident or outage of a system of the platform (LIC-8.0.6), shown to
/// users until resolved and told to every participant's officials; `resolved_at` may be given at once for one already over.
pub async fn record_incident(
    db: &Db,
    who: Who<'_>,
    portal: &str,
    starts_at: Timestamp,
    resolved_at: Option<Timestamp>,
    description: &str,
    now: Timestamp,
) -> Result<String, ParticipantError> {
    operator_only(who.session)?;
    let description = text("description", description)?;
    if resolved_at.is_some_and(|end| end <= starts_at) {
        return Err(ParticipantError::Invalid { field: "ends_at", code: "order" });
    }
    let mut tx = db.begin().await?;
    let id = uuid::Uuid::now_v7().to_string();
    store::insert_outage(
        &mut tx,
        &store::NewOutage {
            id: &id,
            kind: "incident",
            portal,
            system_id: None,
            org_id: None,
            description: &description,
            starts_at,
            ends_at: resolved_at,
            by: &who.session.user.id,
            now,
        },
    )
    .await?;
    let details = format!("{{\"portal\":{}}}", json_string(portal));
    journal(&mut tx, &who, "participant.incident_recorded", ("outage_notice", &id), &details, now).await?;
    // Participants are informed, as users are by the banner (LIC-8.0.6).
    let officials = store::officials_of_participants(&mut tx).await?;
    let args = [("starts", starts_at.baku_minute()), ("text", description)];
    tell(&mut tx, &officials, "incident-recorded", &args, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The operator marks an open incident resolved now.
pub async fn resolve_incident(db: &Db, who: Who<'_>, id: &str, now: Timestamp) -> Result<(), ParticipantError> {
    operator_only(who.session)?;
    let mut tx = db.begin().await?;
    if !store::resolve_incident(&mut tx, id, now).await? {
        return Err(ParticipantError::NotFound);
    }
    journal(&mut tx, &who, "participant.incident_resolved", ("outage_notice", id), "{}", now).await?;
    tx.commit().await?;
    Ok(())
}

/// The announced work and incidents not yet over, of one system of the platform or of all, by
/// start: one indexed query, for the banner on the system's pages and the public list.
pub async fn current_outages(db: &Db, portal: Option<&str>, now: Timestamp) -> Result<Vec<Outage>, ParticipantError> {
    let mut tx = db.begin_read().await?;
    Ok(store::current_outages(&mut tx, portal, now).await?)
}
