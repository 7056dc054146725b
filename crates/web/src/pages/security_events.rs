//! Security events of a system, for its owner's officials (`/work/security/events`) and the
//! operator (`/admin/security/events`):
//! reporting a detected threat, incident or intrusion attempt to the authorities it concerns at
//! once (e.g. TOB-6.1.6, TOB-6.1.8, TOB-7.1.2, TOB-7.1.3), recording their inquiries and
//! answering them within the contacts' hours, with the due time shown and an overdue one marked.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use pencere_cases::security::{IncidentKind, RECIPIENTS};
use pencere_cases::{CaseError, Who};
use pencere_core::Lang;
use pencere_identity::ActiveSession;
use serde::Deserialize;

use super::cases::{baku_time, case_error, field_message};
use super::{Chrome, render_with_status};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};

struct InquiryView {
    id: String,
    recipient: String,
    question: String,
    asked_at: String,
    due_at: String,
    overdue: bool,
    answer: String,
    answered_at: String,
}

struct EventView {
    id: String,
    system: String,
    role: String,
    reporter: String,
    kind: String,
    kind_id: &'static str,
    summary: String,
    reported_at: String,
    reports: Vec<(String, String, String)>,
    inquiries: Vec<InquiryView>,
}

#[derive(Template)]
#[template(path = "security_events.html")]
struct EventsPage<'a> {
    chrome: Chrome<'a>,
    systems: Vec<(String, String)>,
    kinds: Vec<(&'static str, String)>,
    recipients: Vec<(&'static str, String)>,
    events: Vec<EventView>,
    configured: bool,
    hours_note: String,
    /// `/work/security` or `/admin/security`, the desk the page was opened at.
    base: &'static str,
    /// The form that came back with a problem (`report`, `inquiry-{id}`, `answer-{id}`), its
    /// message.
    error: Option<(String, String)>,
}

impl EventsPage<'_> {
    fn error_of(&self, form: &str) -> Option<&str> {
        self.error.as_ref().filter(|(name, _)| name == form).map(|(_, message)| message.as_str())
    }
}

fn recipient_name(state: &AppState, lang: Lang, code: &str) -> String {
    state
        .config()
        .security_contacts
        .as_ref()
        .and_then(|contacts| contacts.recipients.get(code))
        .map_or_else(|| code.to_owned(), |recipient| recipient.name.get(lang).to_owned())
}

/// The desk a request came to: the operator's or the officials'.
fn base_of(uri: &Uri) -> &'static str {
    if uri.path().starts_with("/admin/") { "/admin/security" } else { "/work/security" }
}

async fn page(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    session: &ActiveSession,
    base: &'static str,
    error: Option<(String, String)>,
) -> Result<Response, ApiError> {
    let scope = state.engine().security_scope(session);
    if scope.is_empty() {
        return Err(ApiError::new(ProblemKind::Forbidden));
    }
    let chrome = Chrome::new(state, lang, &format!("{base}/events"), viewer);
    let now = state.clock().now();
    let events = state.engine().security_incidents(state.db(), session).await.map_err(case_error)?;
    let events = events
        .into_iter()
        .map(|event| EventView {
            system: chrome.t(&format!("system-{}-name", event.system)),
            role: chrome.t(&format!("security-role-{}", event.reporter_role)),
            reporter: event.reporter.clone(),
            kind: chrome.t(&format!("security-kind-{}", event.kind.as_str())),
            kind_id: event.kind.as_str(),
            summary: event.summary.clone(),
            reported_at: baku_time(event.reported_at),
            reports: event
                .reports
                .iter()
                .map(|(code, address, at)| {
                    let address = address.clone().unwrap_or_else(|| chrome.t("security-not-sent"));
                    (recipient_name(state, lang, code), address, baku_time(*at))
                })
                .collect(),
            inquiries: event
                .inquiries
                .iter()
                .map(|inquiry| InquiryView {
                    id: inquiry.id.clone(),
                    recipient: recipient_name(state, lang, &inquiry.recipient),
                    question: inquiry.question.clone(),
                    asked_at: baku_time(inquiry.asked_at),
                    due_at: baku_time(inquiry.due_at),
                    overdue: inquiry.overdue(now),
                    answer: inquiry.answer.clone().unwrap_or_default(),
                    answered_at: inquiry.answered_at.map(baku_time).unwrap_or_default(),
                })
                .collect(),
            id: event.id,
        })
        .collect();
    let contacts = state.config().security_contacts.as_ref();
    let page = EventsPage {
        systems: scope.iter().map(|(system, _)| (system.clone(), chrome.t(&format!("system-{system}-name")))).collect(),
        kinds: IncidentKind::ALL
            .iter()
            .map(|kind| (kind.as_str(), chrome.t(&format!("security-kind-{}", kind.as_str()))))
            .collect(),
        recipients: RECIPIENTS.iter().map(|code| (*code, recipient_name(state, lang, code))).collect(),
        events,
        configured: contacts.is_some(),
        base,
        hours_note: chrome.tr.t_with(
            "security-inquiry-hours",
            &[("hours", fluent_bundle::FluentValue::from(pencere_cases::security::answer_hours(contacts)))],
        ),
        error,
        chrome,
    };
    let status = if page.error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok(render_with_status(&page, status))
}

/// `GET /work/security/events`, `GET /admin/security/events`.
pub(crate) async fn events_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    uri: Uri,
) -> Result<Response, ApiError> {
    page(&state, lang, &viewer, &session, base_of(&uri), None).await
}

/// The page again with the form's problem, or the error as it is.
async fn problem(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    session: &ActiveSession,
    base: &'static str,
    form: String,
    error: CaseError,
) -> Result<Response, ApiError> {
    match error {
        CaseError::Invalid(errors) => {
            let code = errors.first().map_or("required", |error| error.code);
            let message = state.i18n().tr(lang).t(field_message(code));
            page(state, lang, viewer, session, base, Some((form, message))).await
        }
        other => Err(case_error(other)),
    }
}

#[derive(Deserialize)]
pub(crate) struct ReportForm {
    #[serde(default)]
    system: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    ehis: Option<String>,
    #[serde(default)]
    summary: String,
}

/// `POST {base}/events`: reports a detected event to the authorities it concerns, at once.
pub(crate) async fn report(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    uri: Uri,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<Response, ApiError> {
    let base = base_of(&uri);
    let Some(kind) = IncidentKind::parse(&form.kind) else {
        let error = CaseError::Invalid(vec![pencere_cases::FieldError { field: "kind".to_owned(), code: "choice" }]);
        return problem(&state, lang, &viewer, &session, base, "report".to_owned(), error).await;
    };
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let contacts = state.config().security_contacts.as_ref();
    let now = state.clock().now();
    let reported = state
        .engine()
        .report_security_incident(
            state.db(),
            who,
            contacts,
            &form.system,
            kind,
            form.ehis.is_some(),
            &form.summary,
            now,
        )
        .await;
    match reported {
        Ok(id) => Ok(Redirect::to(&format!("{base}/events#event-{id}")).into_response()),
        Err(error) => problem(&state, lang, &viewer, &session, base, "report".to_owned(), error).await,
    }
}

#[derive(Deserialize)]
pub(crate) struct InquiryForm {
    #[serde(default)]
    recipient: String,
    #[serde(default)]
    question: String,
}

/// `POST {base}/events/{id}/inquiries`: records an authority's inquiry, due within the hours.
#[allow(clippy::too_many_arguments, reason = "axum extractors, one per part of the request")]
pub(crate) async fn record_inquiry(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    uri: Uri,
    CsrfForm(form): CsrfForm<InquiryForm>,
) -> Result<Response, ApiError> {
    let base = base_of(&uri);
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let contacts = state.config().security_contacts.as_ref();
    let now = state.clock().now();
    match state
        .engine()
        .record_security_inquiry(state.db(), who, contacts, &id, &form.recipient, &form.question, now)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("{base}/events#event-{id}")).into_response()),
        Err(error) => problem(&state, lang, &viewer, &session, base, format!("inquiry-{id}"), error).await,
    }
}

#[derive(Deserialize)]
pub(crate) struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// `POST {base}/inquiries/{id}/answer`: answers an inquiry once, e-mailing the answer.
#[allow(clippy::too_many_arguments, reason = "axum extractors, one per part of the request")]
pub(crate) async fn answer(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    uri: Uri,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, ApiError> {
    let base = base_of(&uri);
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let contacts = state.config().security_contacts.as_ref();
    let now = state.clock().now();
    match state.engine().answer_security_inquiry(state.db(), who, contacts, &id, &form.answer, now).await {
        Ok(()) => Ok(Redirect::to(&format!("{base}/events")).into_response()),
        Err(error) => problem(&state, lang, &viewer, &session, base, format!("answer-{id}"), error).await,
    }
}
