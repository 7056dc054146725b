//! Public participation (LIC-3.8, LIC-7.2, LIC-8.0.13, LIC-9.1.3, LIC-10.0.3 to LIC-10.0.6):
//! inquiries to licensing bodies and suggestions to the operator, sent without logging in and
//! followed through a private link; the answering side's queues; drafts of legal acts submitted
//! by participant bodies, published by the operator, discussed by logged-in users and answered
//! by the body; and the API for integrators.

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_cases::Who;
use pencere_cases::participation::{
    Appeal, AppealForm, AppealKind, Draft, DraftForm, DraftStatus, ParticipationError, Proposal,
};
use pencere_core::Lang;
use pencere_core::calendar::Date;
use pencere_identity::ActiveSession;
use pencere_store::organizations::Organization;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::cases::{baku_time, field_message};
use super::{Chrome, render, render_with_status};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::api::ApiJson;
use crate::i18n::Tr;
use crate::middleware::UserLang;
use crate::problem::{ApiError, FieldError, Problem, ProblemKind};

/// The message id of a participation form problem code.
fn message_of(code: &str) -> &'static str {
    match code {
        "date-future" => "participation-error-date-future",
        "date-past" => "participation-error-date-past",
        "limit-email" => "participation-error-limit-email",
        "limit-ip" => "participation-error-limit-ip",
        other => field_message(other),
    }
}

/// Turns an engine error into the HTTP error it means.
pub(crate) fn participation_error(error: ParticipationError) -> ApiError {
    match error {
        ParticipationError::NotFound | ParticipationError::NotConfigured => {
            ApiError::not_found("problem-detail-participation-not-found", Vec::new())
        }
        ParticipationError::Forbidden => ApiError::new(ProblemKind::Forbidden),
        ParticipationError::Invalid(errors) => ApiError::validation(
            errors
                .into_iter()
                .map(|error| FieldError { field: error.field, message_id: message_of(error.code) })
                .collect(),
        ),
        ParticipationError::TooMany(error) => ApiError {
            detail_id: Some(("problem-detail-appeal-limit", Vec::new())),
            errors: vec![FieldError { field: error.field, message_id: message_of(error.code) }],
            ..ApiError::new(ProblemKind::TooManyRequests)
        },
        ParticipationError::DiscussionClosed => ApiError {
            detail_id: Some(("problem-detail-discussion-closed", Vec::new())),
            ..ApiError::new(ProblemKind::Conflict)
        },
        ParticipationError::Conflict => ApiError {
            detail_id: Some(("problem-detail-participation-answered", Vec::new())),
            ..ApiError::new(ProblemKind::Conflict)
        },
        ParticipationError::Calendar(error) => {
            tracing::error!(%error, "the calendar has no data for an answer period");
            ApiError::new(ProblemKind::Unavailable)
        }
        ParticipationError::Store(error) => ApiError::from(error),
        ParticipationError::Identity(error) => ApiError::internal(error),
    }
}

async fn organizations(state: &AppState) -> Result<Vec<Organization>, ApiError> {
    let mut tx = state.db().begin_read().await?;
    Ok(pencere_store::organizations::list(&mut tx).await?)
}

fn org_name(organizations: &[Organization], id: Option<&str>, lang: Lang) -> String {
    id.and_then(|id| organizations.iter().find(|org| org.id == id))
        .map(|org| org.name(lang).to_owned())
        .unwrap_or_default()
}

fn kind_of(segment: &str) -> AppealKind {
    if segment == "suggestions" { AppealKind::Suggestion } else { AppealKind::Inquiry }
}

fn today(state: &AppState) -> Date {
    Date::in_baku(state.clock().now())
}

/// One field of a form, with its value and its problem.
struct FieldView {
    id: &'static str,
    label: String,
    value: String,
    error: Option<String>,
    required: bool,
    multiline: bool,
    input_type: &'static str,
    max: usize,
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "appeal_form.html")]
struct AppealFormPage<'a> {
    chrome: Chrome<'a>,
    title: String,
    intro: String,
    segment: &'static str,
    kind: &'static str,
    bodies: Vec<Choice>,
    body_error: Option<String>,
    fields: Vec<FieldView>,
    problems: Vec<(String, String)>,
    period: String,
}

fn appeal_fields(chrome: &Chrome<'_>, form: &AppealForm, errors: &[FieldError]) -> Vec<FieldView> {
    let error = |id: &str| errors.iter().find(|error| error.field == id).map(|error| chrome.t(error.message_id));
    let field =
        |id: &'static str, value: &str, required: bool, multiline: bool, input_type: &'static str, max| FieldView {
            id,
            label: chrome.t(&format!("appeal-field-{id}")),
            value: value.to_owned(),
            error: error(id),
            required,
            multiline,
            input_type,
            max,
        };
    use pencere_cases::participation::{MAX_LINE, MAX_TEXT};
    vec![
        field("name", &form.name, true, false, "text", MAX_LINE),
        field("email", &form.email, true, false, "email", MAX_LINE),
        field("phone", &form.phone, false, false, "tel", 30),
        field("subject", &form.subject, true, false, "text", MAX_LINE),
        field("text", &form.text, true, true, "text", MAX_TEXT),
    ]
}

async fn appeal_form_response(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    kind: AppealKind,
    form: &AppealForm,
    errors: &[FieldError],
) -> Result<Response, ApiError> {
    let segment = kind.segment();
    let chrome = Chrome::new(state, lang, &format!("/{segment}/new"), viewer);
    let organizations = organizations(state).await?;
    let bodies = state
        .engine()
        .inquiry_bodies()
        .into_iter()
        .map(|code| Choice {
            label: organizations
                .iter()
                .find(|org| org.code == code)
                .map_or(code.as_str(), |org| org.name(lang))
                .to_owned(),
            selected: form.body == code,
            value: code,
        })
        .collect();
    let period = state.engine().participation().map_or_else(String::new, |rules| {
        chrome.tr.t_with(
            &format!(
                "appeal-period-{}",
                if rules.answer.unit == pencere_cases::catalog::DayUnit::Working { "working" } else { "calendar" }
            ),
            &[("days", i64::from(rules.answer.days).into()), ("law", rules.answer.law.clone().into())],
        )
    });
    let page = AppealFormPage {
        title: chrome.t(&format!("appeal-{}-title", kind.as_str())),
        intro: chrome.t(&format!("appeal-{}-intro", kind.as_str())),
        segment,
        kind: kind.as_str(),
        bodies,
        body_error: errors.iter().find(|error| error.field == "body").map(|error| chrome.t(error.message_id)),
        fields: appeal_fields(&chrome, form, errors),
        problems: errors.iter().map(|error| (format!("#f-{}", error.field), chrome.t(error.message_id))).collect(),
        period,
        chrome,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_with_status(&page, status))
}

/// Prefills the sender's name and address for a logged-in user.
fn prefilled(viewer: &Viewer) -> AppealForm {
    let mut form = AppealForm::default();
    if let Some(session) = viewer.0.as_deref() {
        form.name = session.user.full_name.clone();
        form.email = session.user.email.clone().unwrap_or_default();
        form.phone = session.user.phone.clone().unwrap_or_default();
    }
    form
}

/// `GET /inquiries/new`, `GET /suggestions/new`: the form, for anyone.
pub(crate) async fn appeal_form(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    uri: axum::http::Uri,
) -> Result<Response, ApiError> {
    let kind = kind_of(uri.path().trim_start_matches('/').split('/').next().unwrap_or_default());
    appeal_form_response(&state, lang, &viewer, kind, &prefilled(&viewer), &[]).await
}

#[derive(Deserialize)]
pub(crate) struct AppealFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    text: String,
}

#[derive(Template)]
#[template(path = "appeal_receipt.html")]
struct ReceiptPage<'a> {
    chrome: Chrome<'a>,
    registered: String,
    number: String,
    due_on: String,
    link: String,
    email: String,
}

/// `POST /inquiries/new`, `POST /suggestions/new`: registers it and shows the receipt; a
/// logged-in sender's form must carry the session's anti-CSRF token.
pub(crate) async fn appeal_submit(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
    uri: axum::http::Uri,
    axum::Form(fields): axum::Form<AppealFields>,
) -> Result<Response, ApiError> {
    let kind = kind_of(uri.path().trim_start_matches('/').split('/').next().unwrap_or_default());
    if let Some(session) = viewer.0.as_deref()
        && session.csrf_token != fields.csrf
    {
        return Err(ApiError {
            detail_id: Some(("problem-detail-csrf", Vec::new())),
            ..ApiError::new(ProblemKind::Forbidden)
        });
    }
    let form = AppealForm {
        body: fields.body,
        name: fields.name,
        email: fields.email,
        phone: fields.phone,
        subject: fields.subject,
        text: fields.text,
    };
    let context = meta.context();
    let who = viewer.0.as_deref().map(|session| Who { session, context: &context });
    let now = state.clock().now();
    let base = state.config().public_url.clone();
    match state.engine().submit_appeal(state.db(), who, &context, kind, &form, lang, &base, now).await {
        Ok(receipt) => {
            let segment = kind.segment();
            let chrome = Chrome::new(&state, lang, &format!("/{segment}/new"), &viewer);
            render_ok(&ReceiptPage {
                registered: chrome.t(&format!("appeal-{}-registered", kind.as_str())),
                link: format!("/{segment}/{}?key={}", receipt.number, receipt.key),
                number: receipt.number,
                due_on: receipt.due_on.to_string(),
                email: form.email.trim().to_owned(),
                chrome,
            })
        }
        Err(ParticipationError::Invalid(errors)) => {
            let errors: Vec<FieldError> = errors
                .into_iter()
                .map(|error| FieldError { field: error.field, message_id: message_of(error.code) })
                .collect();
            appeal_form_response(&state, lang, &viewer, kind, &form, &errors).await
        }
        Err(ParticipationError::TooMany(error)) => {
            // The form comes back with what was typed and the limit under its field, as 429.
            let errors = [FieldError { field: error.field, message_id: message_of(error.code) }];
            let mut response = appeal_form_response(&state, lang, &viewer, kind, &form, &errors).await?;
            *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            Ok(response)
        }
        Err(error) => Err(participation_error(error)),
    }
}

fn render_ok(page: &impl Template) -> Result<Response, ApiError> {
    Ok(render(page))
}

struct AppealView {
    id: String,
    number: String,
    body: String,
    name: String,
    email: String,
    phone: String,
    subject: String,
    text: String,
    submitted_at: String,
    due_on: String,
    overdue: bool,
    answered: bool,
    answer: String,
    answered_at: String,
    error: Option<String>,
}

fn appeal_view(appeal: &Appeal, organizations: &[Organization], lang: Lang, today: Date) -> AppealView {
    AppealView {
        id: appeal.id.clone(),
        number: appeal.number.clone(),
        body: org_name(organizations, appeal.body_org_id.as_deref(), lang),
        name: appeal.name.clone(),
        email: appeal.email.clone(),
        phone: appeal.phone.clone().unwrap_or_default(),
        subject: appeal.subject.clone(),
        text: appeal.text.clone(),
        submitted_at: baku_time(appeal.submitted_at),
        due_on: appeal.due_on.to_string(),
        overdue: appeal.overdue(today),
        answered: appeal.answered,
        answer: appeal.answer.clone().unwrap_or_default(),
        answered_at: appeal.answered_at.map(baku_time).unwrap_or_default(),
        error: None,
    }
}

#[derive(Template)]
#[template(path = "appeal.html")]
struct AppealPage<'a> {
    chrome: Chrome<'a>,
    heading: String,
    appeal: AppealView,
}

/// The private link's key.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct KeyQuery {
    /// The key from the receipt.
    #[serde(default)]
    pub key: String,
}

/// `GET /inquiries/{number}?key=…`, `GET /suggestions/{number}?key=…`: the private link; a
/// wrong key is 404, never the appeal.
pub(crate) async fn appeal_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    uri: axum::http::Uri,
    Path(number): Path<String>,
    Query(query): Query<KeyQuery>,
) -> Result<Response, ApiError> {
    let kind = kind_of(uri.path().trim_start_matches('/').split('/').next().unwrap_or_default());
    let found = state
        .engine()
        .appeal_by_key(state.db(), kind, &number, &query.key)
        .await
        .map_err(participation_error)?
        .ok_or_else(|| ApiError::not_found("problem-detail-participation-not-found", Vec::new()))?;
    let organizations = organizations(&state).await?;
    let chrome = Chrome::new(&state, lang, uri.path(), &viewer);
    render_ok(&AppealPage {
        heading: chrome.t(&format!("appeal-{}-one", found.kind.as_str())),
        appeal: appeal_view(&found, &organizations, lang, today(&state)),
        chrome,
    })
}

#[derive(Template)]
#[template(path = "appeal_queue.html")]
struct QueuePage<'a> {
    chrome: Chrome<'a>,
    title: String,
    action_base: &'static str,
    appeals: Vec<AppealView>,
    failed: bool,
}

async fn queue_response(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    session: &ActiveSession,
    kind: AppealKind,
    error: Option<(String, String)>,
) -> Result<Response, ApiError> {
    let appeals = state.engine().appeal_queue(state.db(), session, kind).await.map_err(participation_error)?;
    let organizations = organizations(state).await?;
    let (path, action_base) = match kind {
        AppealKind::Inquiry => ("/work/inquiries", "/work/inquiries"),
        AppealKind::Suggestion => ("/admin/suggestions", "/admin/suggestions"),
    };
    let chrome = Chrome::new(state, lang, path, viewer);
    let today = today(state);
    let views = appeals
        .iter()
        .map(|appeal| {
            let mut view = appeal_view(appeal, &organizations, lang, today);
            view.error = error.as_ref().filter(|(id, _)| *id == appeal.id).map(|(_, message)| message.clone());
            view
        })
        .collect();
    let page = QueuePage {
        title: chrome.t(&format!("appeal-{}-queue", kind.as_str())),
        action_base,
        appeals: views,
        failed: error.is_some(),
        chrome,
    };
    let status = if page.failed { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok(render_with_status(&page, status))
}

/// `GET /work/inquiries`: the inquiries to the body the official acts for, with their deadlines.
pub(crate) async fn inquiry_queue(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
) -> Result<Response, ApiError> {
    queue_response(&state, lang, &viewer, &session, AppealKind::Inquiry, None).await
}

/// `GET /admin/suggestions`: the suggestions for improving the portal, for its operator.
pub(crate) async fn suggestion_queue(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
) -> Result<Response, ApiError> {
    queue_response(&state, lang, &viewer, &session, AppealKind::Suggestion, None).await
}

#[derive(Deserialize)]
pub(crate) struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// What answering an appeal needs from the request.
pub(crate) struct AnswerRequest {
    lang: Lang,
    viewer: Viewer,
    session: std::sync::Arc<ActiveSession>,
    meta: RequestMeta,
    id: String,
    answer: String,
}

async fn answer(state: &AppState, kind: AppealKind, request: AnswerRequest) -> Result<Response, ApiError> {
    let AnswerRequest { lang, viewer, session, meta, id, answer } = request;
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let now = state.clock().now();
    match state.engine().answer_appeal(state.db(), who, &id, &answer, now).await {
        Ok(()) => {
            let back = if kind == AppealKind::Suggestion { "/admin/suggestions" } else { "/work/inquiries" };
            Ok(Redirect::to(back).into_response())
        }
        Err(ParticipationError::Invalid(errors)) => {
            let message =
                errors.first().map(|error| state.i18n().tr(lang).t(message_of(error.code))).unwrap_or_default();
            queue_response(state, lang, &viewer, &session, kind, Some((id, message))).await
        }
        Err(error) => Err(participation_error(error)),
    }
}

/// `POST /work/inquiries/{id}/answer`: the body's official answers an inquiry.
pub(crate) async fn answer_inquiry(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, ApiError> {
    let request = AnswerRequest { lang, viewer, session, meta, id, answer: form.answer };
    answer(&state, AppealKind::Inquiry, request).await
}

/// `POST /admin/suggestions/{id}/answer`: the operator answers a suggestion.
pub(crate) async fn answer_suggestion(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, ApiError> {
    let request = AnswerRequest { lang, viewer, session, meta, id, answer: form.answer };
    answer(&state, AppealKind::Suggestion, request).await
}

struct DraftView {
    id: String,
    title: String,
    summary: String,
    full_text: String,
    body: String,
    sent_for_approval_on: String,
    submitted_on: String,
    same_day: bool,
    discussion_until: String,
    published_on: String,
    open: bool,
    status: &'static str,
    status_label: String,
    return_reason: String,
}

fn draft_view(tr: &Tr<'_>, draft: &Draft, organizations: &[Organization], lang: Lang, today: Date) -> DraftView {
    DraftView {
        id: draft.id.clone(),
        title: draft.title.clone(),
        summary: draft.summary.clone(),
        full_text: draft.full_text.clone(),
        body: org_name(organizations, Some(&draft.body_org_id), lang),
        sent_for_approval_on: draft.sent_for_approval_on.to_string(),
        submitted_on: draft.submitted_on.to_string(),
        same_day: draft.same_day(),
        discussion_until: draft.discussion_until.to_string(),
        published_on: draft.published_on.map(|day| day.to_string()).unwrap_or_default(),
        open: draft.open_on(today),
        status: draft.status.as_str(),
        status_label: tr.t(&format!("draft-status-{}", draft.status.as_str())),
        return_reason: draft.return_reason.clone().unwrap_or_default(),
    }
}

struct ProposalView {
    id: String,
    display_name: String,
    text: String,
    submitted_at: String,
    answer: String,
    answered_at: String,
}

fn proposal_view(proposal: &Proposal) -> ProposalView {
    ProposalView {
        id: proposal.id.clone(),
        display_name: proposal.display_name.clone(),
        text: proposal.text.clone(),
        submitted_at: baku_time(proposal.submitted_at),
        answer: proposal.answer.clone().unwrap_or_default(),
        answered_at: proposal.answered_at.map(baku_time).unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "drafts.html")]
struct DraftsPage<'a> {
    chrome: Chrome<'a>,
    drafts: Vec<DraftView>,
}

/// `GET /drafts`: the drafts published for discussion, for anyone (LIC-8.0.13).
pub(crate) async fn drafts_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    let drafts = state.engine().published_drafts(state.db()).await.map_err(participation_error)?;
    let organizations = organizations(&state).await?;
    let today = today(&state);
    let chrome = Chrome::new(&state, lang, "/drafts", &viewer);
    render_ok(&DraftsPage {
        drafts: drafts.iter().map(|draft| draft_view(&chrome.tr, draft, &organizations, lang, today)).collect(),
        chrome,
    })
}

#[derive(Template)]
#[template(path = "draft.html")]
struct DraftPage<'a> {
    chrome: Chrome<'a>,
    draft: DraftView,
    proposals: Vec<ProposalView>,
    logged_in: bool,
    answers: bool,
    proposal_error: Option<String>,
    /// What the user typed, shown again when the proposal was not accepted.
    proposal_text: String,
}

async fn draft_response(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    id: &str,
    proposal: Option<(String, &str)>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let (proposal_error, proposal_text) = match proposal {
        Some((error, text)) => (Some(error), text.to_owned()),
        None => (None, String::new()),
    };
    let (draft, proposals) = state
        .engine()
        .public_draft(state.db(), id)
        .await
        .map_err(participation_error)?
        .ok_or_else(|| ApiError::not_found("problem-detail-participation-not-found", Vec::new()))?;
    let organizations = organizations(state).await?;
    let chrome = Chrome::new(state, lang, &format!("/drafts/{id}"), viewer);
    let answers = viewer.0.as_deref().is_some_and(|session| {
        state.engine().may_submit_drafts(session)
            && session.acting_org_id.as_deref() == Some(draft.body_org_id.as_str())
    });
    let page = DraftPage {
        draft: draft_view(&chrome.tr, &draft, &organizations, lang, today(state)),
        proposals: proposals.iter().map(proposal_view).collect(),
        logged_in: viewer.0.is_some(),
        answers,
        proposal_error,
        proposal_text,
        chrome,
    };
    Ok(render_with_status(&page, status))
}

/// `GET /drafts/{id}`: a published draft with its proposals and the body's answers, for anyone.
pub(crate) async fn draft_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    draft_response(&state, lang, &viewer, &id, None, StatusCode::OK).await
}

#[derive(Deserialize)]
pub(crate) struct ProposalForm {
    #[serde(default)]
    text: String,
}

/// `POST /drafts/{id}/proposals`: a logged-in user's proposal while the discussion is open.
pub(crate) async fn submit_proposal(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ProposalForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let now = state.clock().now();
    match state.engine().submit_proposal(state.db(), who, &id, &form.text, lang, now).await {
        Ok(_) => Ok(Redirect::to(&format!("/drafts/{id}#proposals")).into_response()),
        Err(ParticipationError::Invalid(errors)) => {
            let message =
                errors.first().map(|error| state.i18n().tr(lang).t(message_of(error.code))).unwrap_or_default();
            draft_response(&state, lang, &viewer, &id, Some((message, &form.text)), StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
        Err(ParticipationError::DiscussionClosed) => {
            let message = state.i18n().tr(lang).t("draft-discussion-closed");
            draft_response(&state, lang, &viewer, &id, Some((message, &form.text)), StatusCode::CONFLICT).await
        }
        Err(error) => Err(participation_error(error)),
    }
}

/// `POST /work/proposals/{id}/answer`: the submitting body answers a proposal, publicly.
pub(crate) async fn answer_proposal(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let now = state.clock().now();
    state.engine().answer_proposal(state.db(), who, &id, &form.answer, now).await.map_err(participation_error)?;
    Ok(Redirect::to("/work/drafts").into_response())
}

#[derive(Template)]
#[template(path = "work_drafts.html")]
struct WorkDraftsPage<'a> {
    chrome: Chrome<'a>,
    may_submit: bool,
    fields: Vec<FieldView>,
    problems: Vec<(String, String)>,
    drafts: Vec<(DraftView, Vec<ProposalView>)>,
}

fn draft_fields(chrome: &Chrome<'_>, form: &DraftForm, errors: &[FieldError]) -> Vec<FieldView> {
    use pencere_cases::participation::{MAX_FULL_TEXT, MAX_LINE, MAX_SUMMARY};
    let error = |id: &str| errors.iter().find(|error| error.field == id).map(|error| chrome.t(error.message_id));
    let field = |id: &'static str, value: &str, multiline: bool, input_type: &'static str, max| FieldView {
        id,
        label: chrome.t(&format!("draft-field-{}", id.replace('_', "-"))),
        value: value.to_owned(),
        error: error(id),
        required: true,
        multiline,
        input_type,
        max,
    };
    vec![
        field("title", &form.title, false, "text", MAX_LINE),
        field("summary", &form.summary, true, "text", MAX_SUMMARY),
        field("full_text", &form.full_text, true, "text", MAX_FULL_TEXT),
        field("sent_for_approval_on", &form.sent_for_approval_on, false, "date", 10),
        field("discussion_until", &form.discussion_until, false, "date", 10),
    ]
}

async fn work_drafts_response(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    session: &ActiveSession,
    form: &DraftForm,
    errors: &[FieldError],
) -> Result<Response, ApiError> {
    let drafts = state.engine().drafts_of_body(state.db(), session).await.map_err(participation_error)?;
    let organizations = organizations(state).await?;
    let today = today(state);
    let chrome = Chrome::new(state, lang, "/work/drafts", viewer);
    let page = WorkDraftsPage {
        may_submit: state.engine().may_submit_drafts(session),
        fields: draft_fields(&chrome, form, errors),
        problems: errors.iter().map(|error| (format!("#f-{}", error.field), chrome.t(error.message_id))).collect(),
        drafts: drafts
            .iter()
            .map(|(draft, proposals)| {
                (
                    draft_view(&chrome.tr, draft, &organizations, lang, today),
                    proposals.iter().map(proposal_view).collect(),
                )
            })
            .collect(),
        chrome,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_with_status(&page, status))
}

/// `GET /work/drafts`: the body's drafts, their proposals, and the form to submit one.
pub(crate) async fn work_drafts(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
) -> Result<Response, ApiError> {
    let form = DraftForm { sent_for_approval_on: today(&state).to_string(), ..DraftForm::default() };
    work_drafts_response(&state, lang, &viewer, &session, &form, &[]).await
}

#[derive(Deserialize)]
pub(crate) struct DraftFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    full_text: String,
    #[serde(default)]
    sent_for_approval_on: String,
    #[serde(default)]
    discussion_until: String,
}

/// `POST /work/drafts`: a participant body submits a draft to the operator (LIC-9.1.3).
pub(crate) async fn submit_draft(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    CsrfForm(fields): CsrfForm<DraftFields>,
) -> Result<Response, ApiError> {
    let form = DraftForm {
        title: fields.title,
        summary: fields.summary,
        full_text: fields.full_text,
        sent_for_approval_on: fields.sent_for_approval_on,
        discussion_until: fields.discussion_until,
    };
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let now = state.clock().now();
    match state.engine().submit_draft(state.db(), who, &form, lang, now).await {
        Ok(_) => Ok(Redirect::to("/work/drafts").into_response()),
        Err(ParticipationError::Invalid(errors)) => {
            let errors: Vec<FieldError> = errors
                .into_iter()
                .map(|error| FieldError { field: error.field, message_id: message_of(error.code) })
                .collect();
            work_drafts_response(&state, lang, &viewer, &session, &form, &errors).await
        }
        Err(error) => Err(participation_error(error)),
    }
}

#[derive(Template)]
#[template(path = "admin_drafts.html")]
struct AdminDraftsPage<'a> {
    chrome: Chrome<'a>,
    drafts: Vec<DraftView>,
}

/// `GET /admin/drafts`: the drafts awaiting the operator's decision, with whether each came the
/// day it was sent for approval.
pub(crate) async fn admin_drafts(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
) -> Result<Response, ApiError> {
    let drafts = state.engine().submitted_drafts(state.db(), &session).await.map_err(participation_error)?;
    let organizations = organizations(&state).await?;
    let today = today(&state);
    let chrome = Chrome::new(&state, lang, "/admin/drafts", &viewer);
    render_ok(&AdminDraftsPage {
        drafts: drafts.iter().map(|draft| draft_view(&chrome.tr, draft, &organizations, lang, today)).collect(),
        chrome,
    })
}

#[derive(Deserialize)]
pub(crate) struct DecideForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

/// `POST /admin/drafts/{id}/decide`: publish, or return with reasons.
pub(crate) async fn decide_draft(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> Result<Response, ApiError> {
    let reason = match form.decision.as_str() {
        "publish" => None,
        "return" => Some(form.reason.as_str()),
        _ => {
            return Err(ApiError::validation(vec![FieldError {
                field: "decision".into(),
                message_id: "case-field-choice",
            }]));
        }
    };
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let now = state.clock().now();
    state.engine().decide_draft(state.db(), who, &id, reason, now).await.map_err(participation_error)?;
    Ok(Redirect::to("/admin/drafts").into_response())
}

// ---- API ----

/// An inquiry or a suggestion, as an integrator sends it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AppealBody {
    /// The licensing body addressed (organization code, e.g. `economy`); inquiries only.
    #[serde(default)]
    pub body: String,
    /// The sender's name.
    pub name: String,
    /// Where the receipt and the answer go.
    pub email: String,
    /// A phone number, optional.
    #[serde(default)]
    pub phone: String,
    /// The subject (at most 200 characters).
    pub subject: String,
    /// The text (at most 5000 characters).
    pub text: String,
}

/// The receipt of a registered inquiry or suggestion.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceiptJson {
    /// The registration number.
    pub number: String,
    /// The key of the private link; keep it, it is not shown again.
    pub key: String,
    /// The last day of the answer period (`YYYY-MM-DD`).
    pub due_on: String,
    /// The private link to follow it.
    pub link: String,
}

async fn api_submit(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    meta: &RequestMeta,
    kind: AppealKind,
    body: AppealBody,
) -> Result<Response, ApiError> {
    let form = AppealForm {
        body: body.body,
        name: body.name,
        email: body.email,
        phone: body.phone,
        subject: body.subject,
        text: body.text,
    };
    let context = meta.context();
    let who = viewer.0.as_deref().map(|session| Who { session, context: &context });
    let base = state.config().public_url.clone();
    let receipt = state
        .engine()
        .submit_appeal(state.db(), who, &context, kind, &form, lang, &base, state.clock().now())
        .await
        .map_err(participation_error)?;
    let segment = kind.segment();
    let json = ReceiptJson {
        link: format!("/{segment}/{}?key={}", receipt.number, receipt.key),
        number: receipt.number,
        key: receipt.key,
        due_on: receipt.due_on.to_string(),
    };
    Ok((StatusCode::CREATED, Json(json)).into_response())
}

/// Sends an information inquiry to a licensing body, without registration (LIC-3.8, LIC-10.0.3).
#[utoipa::path(post, path = "/api/v1/inquiries", tag = "participation", request_body = AppealBody,
    responses(
        (status = 201, description = "Registered; the receipt is also e-mailed", body = ReceiptJson),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_create_inquiry(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
    ApiJson(body): ApiJson<AppealBody>,
) -> Result<Response, ApiError> {
    api_submit(&state, lang, &viewer, &meta, AppealKind::Inquiry, body).await
}

/// Sends a suggestion for improving the portal to its operator (LIC-10.0.5).
#[utoipa::path(post, path = "/api/v1/suggestions", tag = "participation", request_body = AppealBody,
    responses(
        (status = 201, description = "Registered; the receipt is also e-mailed", body = ReceiptJson),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_create_suggestion(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
    ApiJson(body): ApiJson<AppealBody>,
) -> Result<Response, ApiError> {
    api_submit(&state, lang, &viewer, &meta, AppealKind::Suggestion, body).await
}

/// An inquiry or suggestion, as its sender follows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppealJson {
    /// The registration number.
    pub number: String,
    /// `inquiry` or `suggestion`.
    pub kind: String,
    /// The body addressed (organization code), for inquiries.
    pub body: Option<String>,
    /// The subject.
    pub subject: String,
    /// The text.
    pub text: String,
    /// When it was registered (RFC 3339).
    pub submitted_at: String,
    /// The last day of the answer period.
    pub due_on: String,
    /// `open` or `answered`.
    pub status: String,
    /// Whether the period passed without an answer.
    pub overdue: bool,
    /// The answer.
    pub answer: Option<String>,
    /// When it was answered (RFC 3339).
    pub answered_at: Option<String>,
}

/// Follows an inquiry through its private key; a wrong key is 404.
#[utoipa::path(get, path = "/api/v1/inquiries/{number}", tag = "participation",
    params(("number" = String, Path, description = "The registration number"), KeyQuery),
    responses(
        (status = 200, description = "The inquiry, its deadline and its answer", body = AppealJson),
        (status = 404, description = "No such inquiry, or a wrong key", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_get_inquiry(
    State(state): State<AppState>,
    Path(number): Path<String>,
    Query(query): Query<KeyQuery>,
) -> Result<Json<AppealJson>, ApiError> {
    let found = state
        .engine()
        .appeal_by_key(state.db(), AppealKind::Inquiry, &number, &query.key)
        .await
        .map_err(participation_error)?
        .ok_or_else(|| ApiError::not_found("problem-detail-participation-not-found", Vec::new()))?;
    let organizations = organizations(&state).await?;
    let body = found
        .body_org_id
        .as_deref()
        .and_then(|id| organizations.iter().find(|org| org.id == id))
        .map(|org| org.code.clone());
    Ok(Json(AppealJson {
        number: found.number.clone(),
        kind: found.kind.as_str().to_owned(),
        body,
        subject: found.subject.clone(),
        text: found.text.clone(),
        submitted_at: found.submitted_at.to_string(),
        due_on: found.due_on.to_string(),
        status: if found.answered { "answered" } else { "open" }.to_owned(),
        overdue: found.overdue(today(&state)),
        answer: found.answer.clone(),
        answered_at: found.answered_at.map(|at| at.to_string()),
    }))
}

/// A draft of a legal act published for discussion.
#[derive(Debug, Serialize, ToSchema)]
pub struct DraftJson {
    /// Its id.
    pub id: String,
    /// The title.
    pub title: String,
    /// The summary.
    pub summary: String,
    /// The submitting body (organization code).
    pub body: String,
    /// The day it was published.
    pub published_on: Option<String>,
    /// The last day proposals are taken.
    pub discussion_until: String,
    /// Whether proposals are taken today.
    pub open: bool,
    /// The full text (only in a single draft's answer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_text: Option<String>,
    /// The proposals and the body's answers (only in a single draft's answer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposals: Option<Vec<ProposalJson>>,
}

/// A proposal on a draft and the body's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalJson {
    /// Its id.
    pub id: String,
    /// The proposer's display name.
    pub author: String,
    /// The proposal.
    pub text: String,
    /// When it was made (RFC 3339).
    pub submitted_at: String,
    /// The body's answer.
    pub answer: Option<String>,
}

fn draft_json(draft: &Draft, organizations: &[Organization], today: Date) -> DraftJson {
    DraftJson {
        id: draft.id.clone(),
        title: draft.title.clone(),
        summary: draft.summary.clone(),
        body: organizations
            .iter()
            .find(|org| org.id == draft.body_org_id)
            .map(|org| org.code.clone())
            .unwrap_or_default(),
        published_on: draft.published_on.map(|day| day.to_string()),
        discussion_until: draft.discussion_until.to_string(),
        open: draft.open_on(today) && draft.status == DraftStatus::Published,
        full_text: None,
        proposals: None,
    }
}

/// The drafts of legal acts published for discussion, the newest first (LIC-8.0.13).
#[utoipa::path(get, path = "/api/v1/drafts", tag = "participation",
    responses((status = 200, description = "The published drafts", body = [DraftJson])))]
pub async fn api_list_drafts(State(state): State<AppState>) -> Result<Json<Vec<DraftJson>>, ApiError> {
    let drafts = state.engine().published_drafts(state.db()).await.map_err(participation_error)?;
    let organizations = organizations(&state).await?;
    let today = today(&state);
    Ok(Json(drafts.iter().map(|draft| draft_json(draft, &organizations, today)).collect()))
}

/// A published draft with its full text, the proposals and the body's answers.
#[utoipa::path(get, path = "/api/v1/drafts/{id}", tag = "participation",
    params(("id" = String, Path, description = "The draft's id")),
    responses(
        (status = 200, description = "The draft", body = DraftJson),
        (status = 404, description = "No published draft has this id", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_get_draft(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<DraftJson>, ApiError> {
    let (draft, proposals) = state
        .engine()
        .public_draft(state.db(), &id)
        .await
        .map_err(participation_error)?
        .ok_or_else(|| ApiError::not_found("problem-detail-participation-not-found", Vec::new()))?;
    let organizations = organizations(&state).await?;
    let mut json = draft_json(&draft, &organizations, today(&state));
    json.full_text = Some(draft.full_text.clone());
    json.proposals = Some(
        proposals
            .iter()
            .map(|proposal| ProposalJson {
                id: proposal.id.clone(),
                author: proposal.display_name.clone(),
                text: proposal.text.clone(),
                submitted_at: proposal.submitted_at.to_string(),
                answer: proposal.answer.clone(),
            })
            .collect(),
    );
    Ok(Json(json))
}

/// A proposal on a draft, as the API takes it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProposalBody {
    /// The proposal (at most 5000 characters).
    pub text: String,
}

/// A logged-in user's proposal on a published draft while its discussion is open (LIC-10.0.4).
#[utoipa::path(post, path = "/api/v1/drafts/{id}/proposals", tag = "participation",
    params(("id" = String, Path, description = "The draft's id")),
    request_body = ProposalBody,
    responses(
        (status = 201, description = "The proposal is recorded"),
        (status = 404, description = "No published draft has this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The discussion is over", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No text, or too long", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_create_proposal(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ProposalBody>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let proposal = state
        .engine()
        .submit_proposal(state.db(), who, &id, &body.text, lang, state.clock().now())
        .await
        .map_err(participation_error)?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": proposal }))).into_response())
}
