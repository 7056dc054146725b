//! The portal's participants and the operator's supervision of them (LIC-9.1.1, LIC-8.0.2,
//! LIC-8.0.9, LIC-8.0.10, LIC-8.0.16, LIC-9.1.6, LIC-8.0.6): the operator's list of participants
//! and their integrated systems (`/admin/participants`), one participant's page for the operator
//! (compliance decisions, notices, warnings, suspension) and for its own officials
//! (`/work/participant`: systems, compliance information, answers, maintenance announcements),
//! the public list of announced work and incidents (`/maintenance`), and the banner the pages of
//! an affected system show.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_cases::Who;
use pencere_cases::participants::{
    self, Announcement, IntegratedSystem, Measure, NoticeKind, Outage, ParticipantError, ParticipantNotice, SystemForm,
};
use pencere_core::calendar::Date;
use pencere_core::{Lang, Timestamp};
use pencere_identity::ActiveSession;
use pencere_store::organizations::{self, Organization, OrganizationKind};
use serde::Deserialize;

use super::{Chrome, render, render_with_status};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::i18n::Tr;
use crate::middleware::UserLang;
use crate::problem::{ApiError, FieldError, ProblemKind};

/// Baku is UTC+4 all year.
const BAKU_OFFSET_SECONDS: i64 = 4 * 3600;

pub(crate) use super::cases::baku_time;

/// Reads Baku's local `YYYY-MM-DDTHH:MM` (a `datetime-local` input) or `YYYY-MM-DD HH:MM`.
pub(crate) fn parse_baku_time(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    let (date, time) = text.split_once('T').or_else(|| text.split_once(' '))?;
    let date = Date::parse(date)?;
    let (hour, minute) = time.split_once(':')?;
    let hour: i64 = hour.parse().ok()?;
    let minute: i64 = minute.get(..2).unwrap_or(minute).parse().ok()?;
    if !(0..24).contains(&hour) || !(0..60).contains(&minute) {
        return None;
    }
    let (year, month, day) = date.ymd();
    Some(Timestamp::from_utc_date(year, month, day)?.plus_seconds(hour * 3600 + minute * 60 - BAKU_OFFSET_SECONDS))
}

/// The Fluent id of a field problem.
pub(crate) fn field_message(field: &str, code: &str) -> &'static str {
    match (field, code) {
        (_, "too_long") => "participants-error-too-long",
        (_, "date") => "participants-error-date",
        (_, "future") => "participants-error-future",
        ("due_on", "order") => "participants-error-due-order",
        (_, "order") => "participants-error-end-order",
        (_, "no_warning") => "participants-error-no-warning",
        (_, "kind") => "participants-error-kind",
        (_, "datetime") => "participants-error-datetime",
        ("system", "no_notice") => "maintenance-error-no-notice-period",
        _ => "participants-error-required",
    }
}

/// A participant operation's error at the HTTP edge.
pub(crate) fn participant_error(error: ParticipantError) -> ApiError {
    match error {
        ParticipantError::NotFound => ApiError::not_found("problem-detail-no-participant-record", Vec::new()),
        ParticipantError::Forbidden => ApiError::new(ProblemKind::Forbidden),
        ParticipantError::Invalid { field, code } => {
            ApiError::validation(vec![FieldError { field: field.to_owned(), message_id: field_message(field, code) }])
        }
        ParticipantError::TooSoon { earliest, days } => ApiError {
            detail_id: Some((
                "maintenance-error-too-soon",
                vec![("earliest", earliest.to_string()), ("days", days.to_string())],
            )),
            ..ApiError::validation(vec![FieldError {
                field: "starts_at".to_owned(),
                message_id: "maintenance-error-too-soon-field",
            }])
        },
        ParticipantError::NotPossible => ApiError {
            detail_id: Some(("participants-detail-not-possible", Vec::new())),
            ..ApiError::new(ProblemKind::Conflict)
        },
        ParticipantError::Calendar(error) => ApiError::internal(error),
        ParticipantError::Store(error) => ApiError::from(error),
    }
}

/// A message under a form's field.
struct FieldProblem {
    /// Which form (`system`, `compliance-ID`, `notice`, `warn`, …).
    form: String,
    field: String,
    message: String,
    /// What was typed into the form's fields, so that nothing is lost when it comes back.
    typed: Vec<(&'static str, String)>,
}

impl FieldProblem {
    fn of(tr: &Tr<'_>, form: &str, error: &ParticipantError) -> Option<FieldProblem> {
        let (field, message) = match error {
            ParticipantError::Invalid { field, code } => ((*field).to_owned(), tr.t(field_message(field, code))),
            ParticipantError::TooSoon { earliest, days } => (
                "starts_at".to_owned(),
                tr.t_with(
                    "maintenance-error-too-soon",
                    &[("earliest", earliest.to_string().into()), ("days", days.to_string().into())],
                ),
            ),
            _ => return None,
        };
        Some(FieldProblem { form: form.to_owned(), field, message, typed: Vec::new() })
    }
}

struct SystemLine {
    id: String,
    name: String,
    portal: String,
    purpose: String,
    endpoint: String,
    contact: String,
    status: String,
    status_label: String,
    statement: String,
    on: String,
    answer: String,
}

struct NoticeLine {
    id: String,
    kind_label: String,
    system: String,
    body: String,
    status: String,
    status_label: String,
    answer: String,
    sent: String,
}

struct MeasureLine {
    kind: String,
    kind_label: String,
    reason: String,
    due_on: String,
    decided: String,
    lifted: String,
    lift_reason: String,
}

/// One announced work or incident, as pages show it.
pub(crate) struct OutageLine {
    pub(crate) id: String,
    pub(crate) kind: String,
    pub(crate) kind_label: String,
    pub(crate) system: String,
    pub(crate) portal: String,
    pub(crate) description: String,
    pub(crate) starts: String,
    pub(crate) ends: String,
    pub(crate) ongoing: bool,
}

fn system_line(tr: &Tr<'_>, system: &IntegratedSystem) -> SystemLine {
    SystemLine {
        id: system.id.clone(),
        name: system.name.clone(),
        portal: tr.t(&format!("system-{}-name", system.portal)),
        purpose: system.purpose.clone(),
        endpoint: system.endpoint.clone(),
        contact: system.contact.clone(),
        status: system.compliance_status.clone(),
        status_label: tr.t(&format!("participants-compliance-{}", system.compliance_status)),
        statement: system.compliance_statement.clone().unwrap_or_default(),
        on: system.compliance_on.clone().unwrap_or_default(),
        answer: system.compliance_answer.clone().unwrap_or_default(),
    }
}

fn notice_line(tr: &Tr<'_>, systems: &[IntegratedSystem], notice: &ParticipantNotice) -> NoticeLine {
    NoticeLine {
        id: notice.id.clone(),
        kind_label: tr.t(&format!("participants-notice-kind-{}", notice.kind)),
        system: notice
            .system_id
            .as_deref()
            .and_then(|id| systems.iter().find(|system| system.id == id))
            .map(|system| system.name.clone())
            .unwrap_or_default(),
        body: notice.body.clone(),
        status: notice.status.clone(),
        status_label: tr.t(&format!("participants-notice-{}", notice.status)),
        answer: notice.answer.clone().unwrap_or_default(),
        sent: baku_time(Timestamp::from_micros(notice.sent_at)),
    }
}

fn measure_line(tr: &Tr<'_>, measure: &Measure) -> MeasureLine {
    MeasureLine {
        kind: measure.kind.clone(),
        kind_label: tr.t(&format!("participants-measure-{}", measure.kind)),
        reason: measure.reason.clone(),
        due_on: measure.due_on.clone().unwrap_or_default(),
        decided: baku_time(Timestamp::from_micros(measure.decided_at)),
        lifted: measure.lifted_at.map(|at| baku_time(Timestamp::from_micros(at))).unwrap_or_default(),
        lift_reason: measure.lift_reason.clone().unwrap_or_default(),
    }
}

/// An outage as pages show it.
pub(crate) fn outage_line(tr: &Tr<'_>, now: Timestamp, outage: &Outage) -> OutageLine {
    OutageLine {
        id: outage.id.clone(),
        kind: outage.kind.clone(),
        kind_label: tr.t(&format!("maintenance-kind-{}", outage.kind)),
        system: outage.system_name.clone().unwrap_or_default(),
        portal: tr.t(&format!("system-{}-name", outage.portal)),
        description: outage.description.clone(),
        starts: baku_time(Timestamp::from_micros(outage.starts_at)),
        ends: outage.ends_at.map(|at| baku_time(Timestamp::from_micros(at))).unwrap_or_default(),
        ongoing: outage.starts_at <= now.as_micros(),
    }
}

/// The banner lines of a system of the platform: the work announced and the incidents not yet
/// over (one indexed query; a failure only hides the banner).
pub(crate) async fn banner(state: &AppState, tr: &Tr<'_>, portal: &str) -> Vec<OutageLine> {
    let now = state.clock().now();
    match participants::current_outages(state.db(), Some(portal), now).await {
        Ok(outages) => outages.iter().map(|outage| outage_line(tr, now, outage)).collect(),
        Err(error) => {
            tracing::warn!(%error, "the maintenance banner could not be read");
            Vec::new()
        }
    }
}

async fn agencies(state: &AppState) -> Result<Vec<Organization>, ApiError> {
    let mut tx = state.db().begin_read().await?;
    Ok(organizations::list(&mut tx).await?.into_iter().filter(|org| org.kind == OrganizationKind::Agency).collect())
}

struct ParticipantLine {
    code: String,
    name: String,
    systems: Vec<SystemLine>,
    suspended: bool,
}

#[derive(Template)]
#[template(path = "participants.html")]
struct ParticipantsPage<'a> {
    chrome: Chrome<'a>,
    participants: Vec<ParticipantLine>,
    outages: Vec<OutageLine>,
    portals: Vec<(String, String)>,
    problem: Option<FieldProblem>,
}

async fn participants_response(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    problem: Option<FieldProblem>,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(state, lang, "/admin/participants", viewer);
    let systems = participants::all_systems(state.db()).await.map_err(participant_error)?;
    let mut lines = Vec::new();
    for org in agencies(state).await? {
        let suspended = participants::suspension_of(state.db(), &org.id).await.map_err(participant_error)?.is_some();
        lines.push(ParticipantLine {
            code: org.code.clone(),
            name: org.name(lang).to_owned(),
            systems: systems.iter().filter(|s| s.org_id == org.id).map(|s| system_line(&chrome.tr, s)).collect(),
            suspended,
        });
    }
    let now = state.clock().now();
    let outages = participants::current_outages(state.db(), None, now).await.map_err(participant_error)?;
    let page = ParticipantsPage {
        participants: lines,
        outages: outages.iter().map(|outage| outage_line(&chrome.tr, now, outage)).collect(),
        portals: state
            .portals()
            .iter()
            .map(|p| (p.code.to_owned(), chrome.t(&format!("system-{}-name", p.code))))
            .collect(),
        chrome,
        problem,
    };
    let status = if page.problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok(render_with_status(&page, status))
}

/// `GET /admin/participants`: every participant, its integrated systems and their compliance.
pub(crate) async fn operator_list(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    participants_response(&state, lang, &viewer, None).await
}

#[derive(Template)]
#[template(path = "participant.html")]
struct ParticipantPage<'a> {
    chrome: Chrome<'a>,
    operator: bool,
    code: String,
    name: String,
    suspended: Option<MeasureLine>,
    systems: Vec<SystemLine>,
    notices: Vec<NoticeLine>,
    measures: Vec<MeasureLine>,
    outages: Vec<OutageLine>,
    portals: Vec<(String, String)>,
    work_kinds: Vec<(&'static str, String)>,
    /// One line a system whose catalog names a notice period.
    notice_days: Vec<String>,
    problem: Option<FieldProblem>,
    today: String,
}

impl ParticipantsPage<'_> {
    /// What was typed into a field of the incident form that came back with a problem.
    fn typed(&self, field: &str) -> &str {
        self.problem.as_ref().map_or("", |p| p.typed_in(field))
    }
}

impl ParticipantPage<'_> {
    /// The message for a field of a form (`form` alone, or `form-id` for a record's form).
    fn err(&self, form: &str, id: &str, field: &str) -> Option<&str> {
        self.problem.as_ref().filter(|p| p.field == field && p.is_of(form, id)).map(|p| p.message.as_str())
    }

    /// What was typed into a field of a form that came back with a problem, or nothing.
    fn typed(&self, form: &str, id: &str, field: &str) -> &str {
        self.problem.as_ref().filter(|p| p.is_of(form, id)).map_or("", |p| p.typed_in(field))
    }
}

impl FieldProblem {
    /// Whether it is a problem of this form (`form` alone, or `form-id` for a record's form).
    fn is_of(&self, form: &str, id: &str) -> bool {
        if id.is_empty() {
            self.form == form
        } else {
            self.form.strip_prefix(form).and_then(|rest| rest.strip_prefix('-')) == Some(id)
        }
    }

    fn typed_in(&self, field: &str) -> &str {
        self.typed.iter().find(|(name, _)| *name == field).map_or("", |(_, value)| value.as_str())
    }
}

/// Where a participant's page is shown: to the operator, or to the participant's officials.
enum Place {
    Operator(String),
    Own,
}

async fn participant_response(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    place: &Place,
    problem: Option<FieldProblem>,
) -> Result<Response, ApiError> {
    let org = match place {
        Place::Operator(code) => agencies(state).await?.into_iter().find(|org| &org.code == code),
        Place::Own => {
            let acting = viewer.0.as_ref().and_then(|session| session.acting_org_id.clone());
            agencies(state).await?.into_iter().find(|org| Some(&org.id) == acting.as_ref())
        }
    };
    let Some(org) = org else {
        return match place {
            Place::Operator(_) => Err(ApiError::not_found("problem-detail-no-participant-record", Vec::new())),
            Place::Own => Err(ApiError::new(ProblemKind::Forbidden)),
        };
    };
    let path = match place {
        Place::Operator(code) => format!("/admin/participants/{code}"),
        Place::Own => "/work/participant".to_owned(),
    };
    let chrome = Chrome::new(state, lang, &path, viewer);
    let db = state.db();
    let systems = participants::systems_of(db, &org.id).await.map_err(participant_error)?;
    let notices = participants::notices_of(db, &org.id).await.map_err(participant_error)?;
    let measures = participants::measures_of(db, &org.id).await.map_err(participant_error)?;
    let now = state.clock().now();
    let outages = participants::current_outages(db, None, now).await.map_err(participant_error)?;
    let own: Vec<&Outage> = outages.iter().filter(|outage| outage.org_id.as_deref() == Some(org.id.as_str())).collect();
    // Each system's notice period, from its portal's catalog.
    let notice_days = state
        .engine()
        .maintenance_notices()
        .rules()
        .iter()
        .map(|rule| {
            chrome.tr.t_with(
                "maintenance-notice-rule",
                &[
                    ("system", chrome.t(&format!("system-{}-name", rule.system)).into()),
                    ("days", rule.notice.days.to_string().into()),
                ],
            )
        })
        .collect();
    let page = ParticipantPage {
        operator: matches!(place, Place::Operator(_)),
        code: org.code.clone(),
        name: org.name(lang).to_owned(),
        suspended: measures
            .iter()
            .find(|m| m.kind == "suspension" && m.lifted_at.is_none())
            .map(|m| measure_line(&chrome.tr, m)),
        notices: notices.iter().map(|notice| notice_line(&chrome.tr, &systems, notice)).collect(),
        systems: systems.iter().map(|system| system_line(&chrome.tr, system)).collect(),
        measures: measures.iter().map(|measure| measure_line(&chrome.tr, measure)).collect(),
        outages: own.into_iter().map(|outage| outage_line(&chrome.tr, now, outage)).collect(),
        portals: state
            .portals()
            .iter()
            .map(|p| (p.code.to_owned(), chrome.t(&format!("system-{}-name", p.code))))
            .collect(),
        work_kinds: participants::WORK_KINDS
            .iter()
            .map(|kind| (*kind, chrome.t(&format!("maintenance-kind-{kind}"))))
            .collect(),
        notice_days,
        today: Date::in_baku(now).to_string(),
        problem,
        chrome,
    };
    let status = if page.problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok(render_with_status(&page, status))
}

/// `GET /admin/participants/{code}`: one participant, for the operator.
pub(crate) async fn operator_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    participant_response(&state, lang, &viewer, &Place::Operator(code), None).await
}

/// `GET /work/participant`: the participant the official acts for.
pub(crate) async fn own_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    participant_response(&state, lang, &viewer, &Place::Own, None).await
}

/// After a form: back to the page, or the page again with the field's message.
async fn after(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    place: Place,
    form: &str,
    typed: &[(&'static str, &str)],
    result: Result<(), ParticipantError>,
) -> Result<Response, ApiError> {
    let back = match &place {
        Place::Operator(_) if form == "incident" => "/admin/participants".to_owned(),
        Place::Operator(code) => format!("/admin/participants/{code}"),
        Place::Own => "/work/participant".to_owned(),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&back).into_response()),
        Err(error) => {
            let tr = state.i18n().tr(lang);
            let problem = FieldProblem::of(&tr, form, &error).map(|problem| FieldProblem {
                typed: typed.iter().map(|(field, value)| (*field, (*value).to_owned())).collect(),
                ..problem
            });
            match problem {
                Some(problem) if form == "incident" => participants_response(state, lang, viewer, Some(problem)).await,
                Some(problem) => participant_response(state, lang, viewer, &place, Some(problem)).await,
                None => Err(participant_error(error)),
            }
        }
    }
}

async fn org_id_of(state: &AppState, code: &str) -> Result<String, ApiError> {
    agencies(state)
        .await?
        .into_iter()
        .find(|org| org.code == code)
        .map(|org| org.id)
        .ok_or_else(|| ApiError::not_found("problem-detail-no-participant-record", Vec::new()))
}

fn who<'a>(session: &'a ActiveSession, context: &'a pencere_identity::RequestContext<'a>) -> Who<'a> {
    Who { session, context }
}

#[derive(Deserialize)]
pub(crate) struct SystemBody {
    #[serde(default)]
    portal: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    endpoint: String,
    #[serde(default)]
    contact: String,
}

/// `POST /work/participant/systems`: registers an integrated system.
pub(crate) async fn register_system(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<SystemBody>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let system = SystemForm {
        portal: form.portal,
        name: form.name,
        purpose: form.purpose,
        endpoint: form.endpoint,
        contact: form.contact,
    };
    let known = |code: &str| state.portal(code).is_some();
    let typed = [
        ("portal", system.portal.clone()),
        ("name", system.name.clone()),
        ("purpose", system.purpose.clone()),
        ("endpoint", system.endpoint.clone()),
        ("contact", system.contact.clone()),
    ];
    let typed: Vec<(&'static str, &str)> = typed.iter().map(|(field, value)| (*field, value.as_str())).collect();
    let result =
        participants::register_system(state.db(), who(&session, &context), &system, known, state.clock().now())
            .await
            .map(|_| ());
    after(&state, lang, &viewer, Place::Own, "system", &typed, result).await
}

#[derive(Deserialize)]
pub(crate) struct ComplianceBody {
    #[serde(default)]
    statement: String,
    #[serde(default)]
    on: String,
}

/// `POST /work/participant/systems/{id}/compliance`: the information on compliance.
pub(crate) async fn submit_compliance(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ComplianceBody>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let now = state.clock().now();
    let result =
        participants::submit_compliance(state.db(), who(&session, &context), &id, &form.statement, &form.on, now).await;
    let typed = [("statement", form.statement.as_str()), ("on", form.on.as_str())];
    after(&state, lang, &viewer, Place::Own, &format!("compliance-{id}"), &typed, result).await
}

#[derive(Deserialize)]
pub(crate) struct DecisionBody {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    answer: String,
}

/// `POST /admin/participants/{code}/systems/{id}/compliance`: accepts or returns it.
pub(crate) async fn decide_compliance(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path((code, id)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<DecisionBody>,
) -> Result<Response, ApiError> {
    let accept = match form.decision.as_str() {
        "accept" => true,
        "return" => false,
        _ => return Err(ApiError::bad_request("decision is accept or return")),
    };
    let org_id = org_id_of(&state, &code).await?;
    if !participants::systems_of(state.db(), &org_id).await.map_err(participant_error)?.iter().any(|s| s.id == id) {
        return Err(ApiError::not_found("problem-detail-no-participant-record", Vec::new()));
    }
    let context = meta.context();
    let now = state.clock().now();
    let result =
        participants::decide_compliance(state.db(), who(&session, &context), &id, accept, &form.answer, now).await;
    after(&state, lang, &viewer, Place::Operator(code), &format!("decide-{id}"), &[("answer", &form.answer)], result)
        .await
}

#[derive(Deserialize)]
pub(crate) struct NoticeBody {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    system: String,
    #[serde(default)]
    body: String,
}

/// `POST /admin/participants/{code}/notices`: a notice to the participant.
pub(crate) async fn send_notice(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<NoticeBody>,
) -> Result<Response, ApiError> {
    let org_id = org_id_of(&state, &code).await?;
    let context = meta.context();
    let result = match NoticeKind::parse(&form.kind) {
        None => Err(ParticipantError::Invalid { field: "kind", code: "kind" }),
        Some(kind) => participants::send_notice(
            state.db(),
            who(&session, &context),
            &org_id,
            Some(form.system.as_str()),
            kind,
            &form.body,
            state.clock().now(),
        )
        .await
        .map(|_| ()),
    };
    let typed = [("kind", form.kind.as_str()), ("system", form.system.as_str()), ("body", form.body.as_str())];
    after(&state, lang, &viewer, Place::Operator(code), "notice", &typed, result).await
}

#[derive(Deserialize)]
pub(crate) struct AnswerBody {
    #[serde(default)]
    answer: String,
}

/// `POST /work/participant/notices/{id}/answer`: what the participant did.
pub(crate) async fn answer_notice(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AnswerBody>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let now = state.clock().now();
    let result = participants::answer_notice(state.db(), who(&session, &context), &id, &form.answer, now).await;
    after(&state, lang, &viewer, Place::Own, &format!("answer-{id}"), &[("answer", &form.answer)], result).await
}

#[derive(Deserialize)]
pub(crate) struct MeasureBody {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    due_on: String,
}

/// `POST /admin/participants/{code}/warn`: a warning with a date.
pub(crate) async fn warn(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<MeasureBody>,
) -> Result<Response, ApiError> {
    let org_id = org_id_of(&state, &code).await?;
    let context = meta.context();
    let now = state.clock().now();
    let result =
        participants::warn(state.db(), who(&session, &context), &org_id, &form.reason, &form.due_on, now).await;
    let typed = [("reason", form.reason.as_str()), ("due_on", form.due_on.as_str())];
    after(&state, lang, &viewer, Place::Operator(code), "warn", &typed, result.map(|_| ())).await
}

/// `POST /admin/participants/{code}/suspend`: suspends the participant's activity.
pub(crate) async fn suspend(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<MeasureBody>,
) -> Result<Response, ApiError> {
    let org_id = org_id_of(&state, &code).await?;
    let context = meta.context();
    let now = state.clock().now();
    let result = participants::suspend(state.db(), who(&session, &context), &org_id, &form.reason, now).await;
    after(&state, lang, &viewer, Place::Operator(code), "suspend", &[("reason", &form.reason)], result.map(|_| ()))
        .await
}

/// `POST /admin/participants/{code}/lift`: lifts the suspension.
pub(crate) async fn lift(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<MeasureBody>,
) -> Result<Response, ApiError> {
    let org_id = org_id_of(&state, &code).await?;
    let context = meta.context();
    let now = state.clock().now();
    let result = participants::lift_suspension(state.db(), who(&session, &context), &org_id, &form.reason, now).await;
    after(&state, lang, &viewer, Place::Operator(code), "lift", &[("reason", &form.reason)], result).await
}

#[derive(Deserialize)]
pub(crate) struct MaintenanceBody {
    #[serde(default)]
    system: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    description: String,
}

/// Reads the two moments of a form, naming the field that is not a date and time.
fn moments(starts_at: &str, ends_at: &str) -> Result<(Timestamp, Timestamp), ParticipantError> {
    let starts =
        parse_baku_time(starts_at).ok_or(ParticipantError::Invalid { field: "starts_at", code: "datetime" })?;
    let ends = parse_baku_time(ends_at).ok_or(ParticipantError::Invalid { field: "ends_at", code: "datetime" })?;
    Ok((starts, ends))
}

/// `POST /work/participant/maintenance`: announces planned work (LIC-9.1.6).
pub(crate) async fn announce(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<MaintenanceBody>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let result = match moments(&form.starts_at, &form.ends_at) {
        Err(error) => Err(error),
        Ok((starts_at, ends_at)) => {
            let announcement = Announcement {
                system_id: &form.system,
                kind: &form.kind,
                starts_at,
                ends_at,
                description: &form.description,
            };
            participants::announce_maintenance(
                state.db(),
                state.engine(),
                who(&session, &context),
                &announcement,
                state.clock().now(),
            )
            .await
            .map(|_| ())
        }
    };
    let typed = [
        ("system", form.system.as_str()),
        ("kind", form.kind.as_str()),
        ("starts_at", form.starts_at.as_str()),
        ("ends_at", form.ends_at.as_str()),
        ("description", form.description.as_str()),
    ];
    after(&state, lang, &viewer, Place::Own, "maintenance", &typed, result).await
}

#[derive(Deserialize)]
pub(crate) struct IncidentBody {
    #[serde(default)]
    portal: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    description: String,
}

/// `POST /admin/incidents`: the operator records an incident or outage (LIC-8.0.6).
pub(crate) async fn record_incident(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<IncidentBody>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let place = Place::Operator(String::new());
    let typed = [
        ("portal", form.portal.as_str()),
        ("starts_at", form.starts_at.as_str()),
        ("ends_at", form.ends_at.as_str()),
        ("description", form.description.as_str()),
    ];
    if state.portal(form.portal.trim()).is_none() {
        let error = ParticipantError::Invalid { field: "portal", code: "required" };
        return after(&state, lang, &viewer, place, "incident", &typed, Err(error)).await;
    }
    let starts = parse_baku_time(&form.starts_at);
    let ends = (!form.ends_at.trim().is_empty()).then(|| parse_baku_time(&form.ends_at));
    let result = match (starts, ends) {
        (None, _) => Err(ParticipantError::Invalid { field: "starts_at", code: "datetime" }),
        (_, Some(None)) => Err(ParticipantError::Invalid { field: "ends_at", code: "datetime" }),
        (Some(starts), ends) => participants::record_incident(
            state.db(),
            who(&session, &context),
            form.portal.trim(),
            starts,
            ends.flatten(),
            &form.description,
            state.clock().now(),
        )
        .await
        .map(|_| ()),
    };
    after(&state, lang, &viewer, place, "incident", &typed, result).await
}

/// A form with nothing but its anti-CSRF token.
#[derive(Deserialize)]
pub(crate) struct NoFields {}

/// `POST /admin/incidents/{id}/resolve`: the incident is over.
pub(crate) async fn resolve_incident(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    participants::resolve_incident(state.db(), who(&session, &context), &id, state.clock().now())
        .await
        .map_err(participant_error)?;
    Ok(Redirect::to("/admin/participants").into_response())
}

#[derive(Template)]
#[template(path = "maintenance.html")]
struct MaintenancePage<'a> {
    chrome: Chrome<'a>,
    outages: Vec<OutageLine>,
}

/// `GET /maintenance`: the announced work and incidents not yet over, for everyone.
pub(crate) async fn public_list(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(&state, lang, "/maintenance", &viewer);
    let now = state.clock().now();
    let outages = participants::current_outages(state.db(), None, now).await.map_err(participant_error)?;
    let page = MaintenancePage {
        outages: outages.iter().map(|outage| outage_line(&chrome.tr, now, outage)).collect(),
        chrome,
    };
    Ok(render(&page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baku_local_times_round_trip() {
        let at = parse_baku_time("2026-11-30T10:00").unwrap_or(Timestamp::from_micros(0));
        assert_eq!(at.to_string(), "2026-11-30T06:00:00Z");
        assert_eq!(baku_time(at), "2026-11-30 10:00");
        assert_eq!(parse_baku_time("2026-11-30 10:00:00"), Some(at));
        for bad in ["2026-11-30", "2026-02-30T10:00", "2026-11-30T25:00", "tomorrow"] {
            assert_eq!(parse_baku_time(bad), None, "{bad}");
        }
    }
}
