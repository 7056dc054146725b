//! Pages of the case engine: a page per e-service, the application form with drafts and
//! documents, the applicant's cases with their timeline and deadlines, the cabinet inbox, the
//! officials' work queue, and the operator's statistics and dead letters.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pencere_cases::catalog::{DayUnit, Expiry, FieldKind, Service, Workflow};
use pencere_cases::{CaseDetail, CaseError, CaseSummary, FormData, QueueFilter, Who};
use pencere_core::calendar::Date;
use pencere_core::{Lang, Timestamp};
use pencere_identity::{ActiveSession, LoginStanding};
use serde::Deserialize;

use super::{Chrome, render, render_with_status};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::middleware::UserLang;
use crate::problem::{ApiError, HelpLink, ProblemKind};

/// A moment as people in Azerbaijan read it: Baku time, to the minute.
pub(crate) fn baku_time(at: Timestamp) -> String {
    at.baku_minute()
}

/// The message id of a form problem code.
pub(crate) fn field_message(code: &str) -> &'static str {
    match code {
        "required" => "case-field-required",
        "too-long" => "case-field-too-long",
        "fin" => "case-field-fin",
        "voen" => "case-field-voen",
        "date" => "case-field-date",
        "email" => "case-field-email",
        "phone" => "case-field-phone",
        "number" => "case-field-number",
        "choice" => "case-field-choice",
        "act" => "case-field-act",
        "act-unknown" => "case-field-act-unknown",
        "act-kind" => "case-field-act-kind",
        "licence" => "case-field-licence",
        "licence-unknown" => "case-field-licence-unknown",
        "document-required" => "case-field-document-required",
        "document-type" => "case-field-document-type",
        "document-size" => "case-field-document-size",
        "document-empty" => "case-field-document-empty",
        "reason" => "case-field-reason",
        _ => "case-field-unknown",
    }
}

/// The services of a system whose `act` fields take documents of this template (complaints).
fn citing_services<'a>(
    state: &'a AppState,
    system: &'a str,
    template: &'a str,
) -> impl Iterator<Item = &'a pencere_cases::catalog::Service> + 'a {
    state.engine().catalog().services_of(system).filter(move |service| {
        service.fields.iter().any(|field| field.kind == FieldKind::Act && field.acts.iter().any(|act| act == template))
    })
}

/// Turns an engine error into the HTTP error it means.
pub(crate) fn case_error(error: CaseError) -> ApiError {
    match error {
        CaseError::NotFound => ApiError::not_found("problem-detail-no-case", Vec::new()),
        CaseError::UnknownService(id) => ApiError::not_found("problem-detail-no-service", vec![("service", id)]),
        CaseError::Forbidden => ApiError::new(ProblemKind::Forbidden),
        CaseError::LoginRequired(_) => ApiError {
            detail_id: Some(("login-method-required", Vec::new())),
            link: Some(HelpLink::EsignLogin),
            ..ApiError::new(ProblemKind::Forbidden)
        },
        CaseError::Invalid(errors) => ApiError::validation(
            errors
                .into_iter()
                .map(|error| crate::problem::FieldError { field: error.field, message_id: field_message(error.code) })
                .collect(),
        ),
        CaseError::ReasonRequired => ApiError::validation(vec![crate::problem::FieldError {
            field: "reason".into(),
            message_id: "case-field-reason",
        }]),
        CaseError::Document(error) => ApiError::validation(vec![crate::problem::FieldError {
            field: "file".into(),
            message_id: field_message(document_code(&error)),
        }]),
        CaseError::NotPossible(_) | CaseError::Conflict => ApiError {
            detail_id: Some(("problem-detail-case-changed", Vec::new())),
            ..ApiError::new(ProblemKind::Conflict)
        },
        CaseError::UnknownBody(body) => {
            tracing::warn!(%body, "an application to a service whose competent body is not recorded");
            ApiError {
                detail_id: Some(("problem-detail-service-unavailable", Vec::new())),
                ..ApiError::new(ProblemKind::Unavailable)
            }
        }
        error @ (CaseError::Signature(_) | CaseError::WrongSigner) => {
            ApiError::validation(vec![crate::problem::FieldError {
                field: "signature".into(),
                message_id: super::issued::signature_error_id(&error),
            }])
        }
        other => ApiError::internal(other),
    }
}

/// The form problem code of a refused document.
fn document_code(error: &pencere_cases::documents::DocumentError) -> &'static str {
    use pencere_cases::documents::DocumentError;
    match error {
        DocumentError::Empty => "document-empty",
        DocumentError::TooLarge => "document-size",
        DocumentError::WrongType => "document-type",
    }
}

fn service_of<'a>(state: &'a AppState, id: &str) -> Result<(&'a Service, &'a Workflow), ApiError> {
    state
        .engine()
        .catalog()
        .service_and_workflow(id)
        .ok_or_else(|| ApiError::not_found("problem-detail-no-service", vec![("service", id.to_owned())]))
}

/// The name of an organization by id, in a language.
async fn organization_name(state: &AppState, lang: Lang, id: &str) -> Result<String, ApiError> {
    let mut tx = state.db().begin_read().await?;
    let organizations = pencere_store::organizations::list(&mut tx).await?;
    Ok(organizations.iter().find(|org| org.id == id).map(|org| org.name(lang).to_owned()).unwrap_or_default())
}

async fn body_name_by_code(state: &AppState, lang: Lang, code: &str) -> Result<String, ApiError> {
    let mut tx = state.db().begin_read().await?;
    Ok(pencere_store::organizations::find_by_code(&mut tx, code)
        .await?
        .map(|org| org.name(lang).to_owned())
        .unwrap_or_else(|| code.to_owned()))
}

fn days_text(chrome: &Chrome<'_>, days: u32, unit: DayUnit) -> String {
    let id = match unit {
        DayUnit::Working => "case-days-working",
        DayUnit::Calendar => "case-days-calendar",
    };
    chrome.tr.t_with(id, &[("days", i64::from(days).into())])
}

// ---------------------------------------------------------------------------------------------
// The service page.

struct RuleView {
    name: String,
    days: String,
    law: String,
    verified: bool,
    expiry: String,
}

struct SlotInfo {
    name: String,
    required: bool,
}

#[derive(Template)]
#[template(path = "service.html")]
struct ServicePage<'a> {
    chrome: Chrome<'a>,
    id: String,
    system_code: String,
    system_name: String,
    name: String,
    summary: String,
    body: String,
    law: String,
    fee: Option<(String, String, bool)>,
    rules: Vec<RuleView>,
    documents: Vec<SlotInfo>,
    fields: Vec<String>,
    calendar_verified: bool,
    information: super::publication::InformationView,
    banner: Vec<super::participants::OutageLine>,
    login_notice: Option<LoginNotice>,
}

/// What the service and apply pages say when the session's login method does not qualify for
/// the service (LIC-3.8): the text, and whether to link to the e-signature login.
pub(crate) struct LoginNotice {
    text: String,
    login_link: Option<(&'static str, String)>,
}

/// The notice for this session on this service, if its login method does not qualify; in the
/// test environment a password session stands in, and the notice says production needs more.
pub(crate) fn login_notice(chrome: &Chrome<'_>, service: &Service, session: &ActiveSession) -> Option<LoginNotice> {
    match session.login_standing(service.login()) {
        LoginStanding::Met => None,
        LoginStanding::StandIn => Some(LoginNotice { text: chrome.t("login-method-notice-demo"), login_link: None }),
        LoginStanding::Unmet => Some(LoginNotice {
            text: chrome.t("login-method-notice"),
            login_link: Some((HelpLink::EsignLogin.href(), chrome.t(HelpLink::EsignLogin.label_id()))),
        }),
    }
}

/// `GET /services/{id}`: what the service is, who decides, the fee, the documents, and the
/// deadlines with the article each comes from.
pub(crate) async fn service_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (service, workflow) = service_of(&state, &id)?;
    let chrome = Chrome::new(&state, lang, &format!("/services/{id}"), &viewer);
    let rules = service
        .deadlines
        .values()
        .map(|rule| RuleView {
            name: rule.name.get(lang).to_owned(),
            days: days_text(&chrome, rule.days, rule.unit),
            law: rule.law.clone(),
            verified: rule.verified,
            expiry: match (rule.on_expiry, rule.transition.as_deref().and_then(|t| workflow.transition(t))) {
                (Expiry::Transition, Some(transition)) => {
                    workflow.state(&transition.to).map_or_else(String::new, |state| {
                        chrome.tr.t_with("case-expiry-act", &[("state", state.name.get(lang).to_owned().into())])
                    })
                }
                _ => chrome.t("case-expiry-flag"),
            },
        })
        .collect();
    let today = Date::in_baku(state.clock().now());
    let information = super::publication::information_view(&state, &chrome.tr, lang, service, &viewer).await?;
    let banner = super::participants::banner(&state, &chrome.tr, service.system()).await;
    let login_notice = viewer.0.as_deref().and_then(|session| login_notice(&chrome, service, session));
    let page = ServicePage {
        information,
        banner,
        login_notice,
        id: service.id.clone(),
        system_code: service.system().to_owned(),
        system_name: chrome.t(&format!("system-{}-name", service.system())),
        name: service.name.get(lang).to_owned(),
        summary: service.summary.get(lang).to_owned(),
        body: body_name_by_code(&state, lang, &service.competent_body).await?,
        law: service.law.clone(),
        fee: service.fee.as_ref().map(|fee| (fee.amount.clone(), fee.law.clone(), fee.verified)),
        rules,
        documents: service
            .documents
            .iter()
            .map(|slot| SlotInfo { name: slot.name.get(lang).to_owned(), required: slot.required })
            .collect(),
        fields: service.fields.iter().map(|field| field.label.get(lang).to_owned()).collect(),
        calendar_verified: state.engine().calendar().is_verified(today.year()).unwrap_or(false),
        chrome,
    };
    Ok(render(&page))
}

// ---------------------------------------------------------------------------------------------
// The application form.

struct OptionView {
    value: String,
    label: String,
    selected: bool,
}

struct FieldView {
    id: String,
    label: String,
    hint: String,
    input_type: &'static str,
    textarea: bool,
    choice: bool,
    options: Vec<OptionView>,
    value: String,
    required: bool,
    error: Option<String>,
}

struct SlotView {
    id: String,
    name: String,
    required: bool,
    current: Option<String>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "apply.html")]
struct ApplyPage<'a> {
    chrome: Chrome<'a>,
    service_id: String,
    name: String,
    draft_id: String,
    idempotency_key: String,
    fields: Vec<FieldView>,
    documents: Vec<SlotView>,
    problems: Vec<(String, String)>,
    saved: bool,
    login_notice: Option<LoginNotice>,
    /// What the state registries filled in, or that they did not answer (id, text).
    registry_notes: Vec<crate::exchange::RegistryNote>,
}

#[derive(Deserialize)]
pub(crate) struct ApplyQuery {
    #[serde(default)]
    draft: Option<String>,
    /// The verification code of an act the new application cites (a complaint's link).
    #[serde(default)]
    act: Option<String>,
    #[serde(default)]
    saved: Option<String>,
}

#[allow(clippy::too_many_arguments, reason = "a form page is many small facts")]
fn apply_page_view<'a>(
    chrome: Chrome<'a>,
    service: &Service,
    draft_id: Option<&str>,
    values: &FormData,
    documents: &[pencere_cases::StoredDocument],
    errors: &[pencere_cases::FieldError],
    saved: bool,
) -> ApplyPage<'a> {
    let lang = chrome.lang;
    let error_for =
        |id: &str| errors.iter().find(|error| error.field == id).map(|error| chrome.t(field_message(error.code)));
    let fields = service
        .fields
        .iter()
        .map(|field| FieldView {
            id: field.id.clone(),
            label: field.label.get(lang).to_owned(),
            hint: field.hint.as_ref().map(|hint| hint.get(lang).to_owned()).unwrap_or_default(),
            input_type: match field.kind {
                FieldKind::Email => "email",
                FieldKind::Phone => "tel",
                FieldKind::Date => "date",
                _ => "text",
            },
            textarea: field.kind == FieldKind::LongText,
            choice: field.kind == FieldKind::Choice,
            options: field
                .options
                .iter()
                .map(|option| OptionView {
                    value: option.value.clone(),
                    label: option.label.get(lang).to_owned(),
                    selected: values.get(&field.id) == Some(&option.value),
                })
                .collect(),
            value: values.get(&field.id).cloned().unwrap_or_default(),
            required: field.required,
            error: error_for(&field.id),
        })
        .collect();
    let slots = service
        .documents
        .iter()
        .map(|slot| SlotView {
            id: slot.id.clone(),
            name: slot.name.get(lang).to_owned(),
            required: slot.required,
            current: documents.iter().rfind(|document| document.slot == slot.id).map(|document| {
                format!("{} (v{}, {} KB)", document.file_name, document.version, (document.size + 1023) / 1024)
            }),
            error: error_for(&slot.id),
        })
        .collect();
    let problems = errors
        .iter()
        .map(|error| {
            let label = service
                .field(&error.field)
                .map(|field| field.label.get(lang).to_owned())
                .or_else(|| {
                    service.documents.iter().find(|slot| slot.id == error.field).map(|s| s.name.get(lang).to_owned())
                })
                .unwrap_or_else(|| error.field.clone());
            (format!("#f-{}", error.field), format!("{label}: {}", chrome.t(field_message(error.code))))
        })
        .collect();
    ApplyPage {
        service_id: service.id.clone(),
        name: service.name.get(lang).to_owned(),
        draft_id: draft_id.unwrap_or_default().to_owned(),
        idempotency_key: uuid::Uuid::new_v4().to_string(),
        fields,
        documents: slots,
        problems,
        saved,
        login_notice: None,
        registry_notes: Vec::new(),
        chrome,
    }
}

/// `GET /services/{id}/apply`: the form, prefilled (LIC-4.2), or a draft continued.
pub(crate) async fn apply_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    Path(id): Path<String>,
    Query(query): Query<ApplyQuery>,
) -> Result<Response, ApiError> {
    let (service, _) = service_of(&state, &id)?;
    let chrome = Chrome::new(&state, lang, &format!("/services/{id}/apply"), &viewer);
    let mut notes = Vec::new();
    let (values, documents) = match query.draft.as_deref().filter(|draft| !draft.is_empty()) {
        Some(draft) => {
            let case =
                state.engine().case_for_applicant(state.db(), &session.user.id, draft).await.map_err(case_error)?;
            if case.summary.service != service.id || case.summary.number.is_some() {
                return Ok(Redirect::to(&format!("/cabinet/cases/{draft}")).into_response());
            }
            (case.data, case.documents)
        }
        None => {
            let mut values = state.engine().prefill(state.db(), service, &session).await.map_err(case_error)?;
            if let Some(code) = query.act.as_deref().filter(|code| !code.is_empty()) {
                for field in service.fields.iter().filter(|field| field.kind == FieldKind::Act) {
                    values.insert(field.id.clone(), pencere_cases::issuance::normalize_code(code));
                }
            }
            let registries = crate::exchange::prefill(&state, service, &session, &mut values).await;
            notes = registries.notes(&chrome.tr, service);
            (values, Vec::new())
        }
    };
    let mut page =
        apply_page_view(chrome, service, query.draft.as_deref(), &values, &documents, &[], query.saved.is_some());
    page.login_notice = login_notice(&page.chrome, service, &session);
    page.registry_notes = notes;
    Ok(render(&page))
}

/// `POST /services/{id}/apply`: save the draft, or submit (checked field by field; the number
/// and the notice come at once).
pub(crate) async fn apply_submit(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(mut form): CsrfForm<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let (service, _) = service_of(&state, &id)?;
    let action = form.remove("action").unwrap_or_default();
    let draft = form.remove("draft").filter(|draft| !draft.is_empty());
    let key = form.remove("idempotency_key").filter(|key| !key.is_empty());
    let data: FormData =
        form.into_iter().filter_map(|(name, value)| name.strip_prefix("f.").map(|id| (id.to_owned(), value))).collect();
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let now = state.clock().now();
    let engine = state.engine();
    let outcome = if action == "save" {
        engine
            .save_draft(state.db(), who, &service.id, draft.as_deref(), &data, lang, now)
            .await
            .map(|id| Redirect::to(&format!("/services/{}/apply?draft={id}&saved=1", service.id)).into_response())
    } else {
        engine
            .submit(state.db(), who, &service.id, draft.as_deref(), &data, key.as_deref(), lang, now)
            .await
            .map(|submitted| Redirect::to(&format!("/cabinet/cases/{}?registered=1", submitted.id)).into_response())
    };
    match outcome {
        Ok(response) => Ok(response),
        Err(CaseError::Invalid(errors)) => {
            let documents = match draft.as_deref() {
                Some(draft) => engine
                    .case_for_applicant(state.db(), &session.user.id, draft)
                    .await
                    .map(|case| case.documents)
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            let chrome = Chrome::new(&state, lang, &format!("/services/{id}/apply"), &viewer);
            let mut page = apply_page_view(chrome, service, draft.as_deref(), &data, &documents, &errors, false);
            page.login_notice = login_notice(&page.chrome, service, &session);
            Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(error) => Err(case_error(error)),
    }
}

/// `POST /cabinet/cases/{id}/documents`: attach a document (multipart: `csrf`, `slot`, `file`).
pub(crate) async fn upload_document(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, ApiError> {
    let mut csrf = String::new();
    let mut slot = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart.next_field().await.map_err(|error| ApiError::bad_request(error.body_text()))? {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.map_err(|error| ApiError::bad_request(error.body_text()))?,
            "slot" => slot = field.text().await.map_err(|error| ApiError::bad_request(error.body_text()))?,
            "file" => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(|error| ApiError::bad_request(error.body_text()))?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    if csrf != session.csrf_token {
        return Err(ApiError {
            detail_id: Some(("problem-detail-csrf", Vec::new())),
            ..ApiError::new(ProblemKind::Forbidden)
        });
    }
    let (name, bytes) = file.unwrap_or_default();
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let engine = state.engine();
    let result = engine.attach(state.db(), who, &id, &slot, &name, &bytes, state.clock().now()).await;
    let case = engine.case_for_applicant(state.db(), &session.user.id, &id).await.map_err(case_error)?;
    let back = if case.summary.number.is_some() {
        format!("/cabinet/cases/{id}")
    } else {
        format!("/services/{}/apply?draft={id}", case.summary.service)
    };
    match result {
        Ok(_) => Ok(Redirect::to(&back).into_response()),
        Err(CaseError::Document(error)) if case.summary.number.is_none() => {
            let (service, _) = service_of(&state, &case.summary.service)?;
            let chrome = Chrome::new(&state, lang, &back, &viewer);
            let errors = [pencere_cases::FieldError { field: slot, code: document_code(&error) }];
            let page = apply_page_view(chrome, service, Some(&id), &case.data, &case.documents, &errors, false);
            Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(error) => Err(case_error(error)),
    }
}

/// `GET /cases/{id}/documents/{slot}/{version}`: a document, for its applicant or an official of
/// the competent body.
pub(crate) async fn download_document(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path((id, slot, version)): Path<(String, String, i64)>,
) -> Result<Response, ApiError> {
    let (file_name, content_type, bytes) =
        state.engine().document(state.db(), &session, &id, &slot, version).await.map_err(case_error)?;
    // Header values are ASCII: an ASCII fallback name, and the real one encoded (RFC 6266, 8187).
    let fallback: String = file_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .collect();
    let disposition =
        format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{}", super::percent_encode(&file_name));
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

// ---------------------------------------------------------------------------------------------
// The applicant's cases and the officials' case page.

struct CaseLine {
    href: String,
    number: String,
    service: String,
    state: String,
    applicant: String,
    submitted: String,
    due: String,
    overdue: bool,
    assigned: String,
}

#[derive(Template)]
#[template(path = "my_cases.html")]
struct MyCasesPage<'a> {
    chrome: Chrome<'a>,
    cases: Vec<CaseLine>,
}

pub(crate) fn state_name(state: &AppState, lang: Lang, service: &str, id: &str) -> String {
    if id == pencere_cases::catalog::DRAFT {
        return state.i18n().tr(lang).t("case-state-draft");
    }
    state
        .engine()
        .catalog()
        .service_and_workflow(service)
        .and_then(|(_, workflow)| workflow.state(id))
        .map_or_else(|| id.to_owned(), |state| state.name.get(lang).to_owned())
}

fn service_name(state: &AppState, lang: Lang, id: &str) -> String {
    state.engine().catalog().service(id).map_or_else(|| id.to_owned(), |service| service.name.get(lang).to_owned())
}

fn line(
    state: &AppState,
    lang: Lang,
    case: &CaseSummary,
    href: String,
    applicant: String,
    assigned: String,
) -> CaseLine {
    CaseLine {
        href,
        number: case.number.clone().unwrap_or_default(),
        service: service_name(state, lang, &case.service),
        state: state_name(state, lang, &case.service, &case.state),
        applicant,
        submitted: case.submitted_at.map(baku_time).unwrap_or_default(),
        due: case.next_due.map(|due| due.to_string()).unwrap_or_default(),
        overdue: case.overdue,
        assigned,
    }
}

/// `GET /cabinet/cases`: the applicant's applications and drafts.
pub(crate) async fn my_cases_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
) -> Result<Response, ApiError> {
    let cases = state.engine().my_cases(state.db(), &session.user.id).await.map_err(case_error)?;
    let lines = cases
        .iter()
        .map(|case| {
            let href = if case.number.is_some() {
                format!("/cabinet/cases/{}", case.id)
            } else {
                format!("/services/{}/apply?draft={}", case.service, case.id)
            };
            line(&state, lang, case, href, String::new(), String::new())
        })
        .collect();
    let page = MyCasesPage { chrome: Chrome::new(&state, lang, "/cabinet/cases", &viewer), cases: lines };
    Ok(render(&page))
}

struct DeadlineView {
    name: String,
    started: String,
    due: String,
    status: String,
    law: String,
    verified: bool,
    open: bool,
}

struct EventView {
    at: String,
    what: String,
    who: String,
    body: String,
    note: String,
}

struct DocumentLine {
    slot: String,
    version: i64,
    file_name: String,
    size: String,
    uploaded: String,
    href: String,
}

struct DeliveryView {
    at: String,
    channel: String,
    status: String,
}

struct ActionView {
    id: String,
    name: String,
    reason: bool,
}

struct PaymentView {
    code: String,
    purpose: String,
    amount: String,
    beneficiary: String,
    status_id: &'static str,
    status: String,
    paid_at: String,
    pay_href: Option<String>,
}

struct IssuedView {
    id: String,
    title: String,
    code: String,
    status_id: &'static str,
    status: String,
    status_reason: String,
    signer: String,
    signed_at: String,
    prepared_at: String,
    signed: bool,
    /// Services of the system that contest or cite this act (a complaint), for the applicant.
    contest: Vec<(String, String)>,
}

/// The document awaiting the viewer's own signature.
struct SigningView {
    id: String,
    title: String,
    phone: String,
    user_id: String,
}

struct OpinionView {
    body: String,
    status: String,
    answer: String,
    at: String,
}

#[derive(Template)]
#[template(path = "case.html")]
pub(crate) struct CasePage<'a> {
    pub(crate) chrome: Chrome<'a>,
    pub(crate) queries: super::followups::QueriesPanel,
    pub(crate) paper: super::followups::PaperPanel,
    official: bool,
    case_id: String,
    number: String,
    service_id: String,
    service: String,
    state: String,
    closed: bool,
    awaits_applicant: bool,
    submitted: String,
    body: String,
    applicant: String,
    assigned: String,
    data: Vec<(String, String)>,
    deadlines: Vec<DeadlineView>,
    timeline: Vec<EventView>,
    documents: Vec<DocumentLine>,
    /// Restricted documents kept from this official: the slot's name and why.
    withheld_documents: Vec<(String, String)>,
    slots: Vec<(String, String)>,
    deliveries: Vec<DeliveryView>,
    actions: Vec<ActionView>,
    act_url: String,
    reason_error: Option<String>,
    registered: bool,
    opinions: Vec<OpinionView>,
    answers_opinion: bool,
    competent: bool,
    payments: Vec<PaymentView>,
    issued: Vec<IssuedView>,
    signing: Option<SigningView>,
    awaiting_signature: bool,
    /// The licence's number in the unified registry, once it is signed.
    licence: Option<String>,
}

#[allow(clippy::too_many_arguments, reason = "the page's facts come from several places")]
pub(crate) async fn case_page_view<'a>(
    state: &'a AppState,
    lang: Lang,
    viewer: &Viewer,
    session: &ActiveSession,
    case: &CaseDetail,
    official: bool,
    reason_error: Option<String>,
    registered: bool,
) -> Result<CasePage<'a>, ApiError> {
    let path = if official {
        format!("/work/cases/{}", case.summary.id)
    } else {
        format!("/cabinet/cases/{}", case.summary.id)
    };
    let chrome = Chrome::new(state, lang, &path, viewer);
    let (service, workflow) = service_of(state, &case.summary.service)?;
    let tr = chrome.tr;
    let state_of =
        |id: &Option<String>| id.as_deref().map(|id| state_name(state, lang, &service.id, id)).unwrap_or_default();
    let timeline = case
        .timeline
        .iter()
        .map(|event| {
            let what = match event.kind.as_str() {
                "created" => tr.t("case-event-created"),
                "registered" => {
                    tr.t_with("case-event-registered", &[("number", event.note.clone().unwrap_or_default().into())])
                }
                "transition" => tr.t_with(
                    "case-event-transition",
                    &[("from", state_of(&event.from_state).into()), ("to", state_of(&event.to_state).into())],
                ),
                "assigned" => tr.t("case-event-assigned"),
                "deadline_expired" => {
                    let name = event
                        .note
                        .as_deref()
                        .and_then(|name| service.deadlines.get(name))
                        .map(|rule| rule.name.get(lang).to_owned())
                        .unwrap_or_default();
                    tr.t_with("case-event-deadline-expired", &[("deadline", name.into())])
                }
                "document" => tr.t("case-event-document"),
                "opinion" => tr.t("case-event-opinion"),
                "document_prepared" => tr.t("case-event-document-prepared"),
                "signature_declined" => tr.t("case-event-signature-declined"),
                "motion_suspend" | "motion_revoke" => tr.t_with(
                    "case-event-motion",
                    &[("action", tr.t(&format!("motion-action-{}", &event.kind["motion_".len()..])).into())],
                ),
                "motion_dismissed" => tr.t("case-event-motion-dismissed"),
                "verification_asked" => tr.t("case-event-verification-asked"),
                "verification_answered" => tr.t("case-event-verification-answered"),
                "paper_requested" => tr.t("case-event-paper-requested"),
                "paper_handed_over" => tr.t("case-event-paper-handed-over"),
                "paper_superseded" => tr.t("case-event-paper-superseded"),
                "cited" => tr.t_with("case-event-cited", &[("number", event.note.clone().unwrap_or_default().into())]),
                other => other.to_owned(),
            };
            let who = if event.by_applicant {
                tr.t("case-by-applicant")
            } else {
                match (&event.actor_name, official) {
                    (Some(name), true) => name.clone(),
                    (Some(_), false) => tr.t("case-by-official"),
                    (None, _) => tr.t("case-by-system"),
                }
            };
            let note = match event.kind.as_str() {
                "registered" | "deadline_expired" | "cited" => String::new(),
                _ => event.note.clone().unwrap_or_default(),
            };
            EventView {
                at: baku_time(event.at),
                what,
                who,
                body: event.body.as_ref().map(|names| lang.pick(names).clone()).unwrap_or_default(),
                note,
            }
        })
        .collect();
    let deadlines = case
        .deadlines
        .iter()
        .map(|deadline| {
            let rule = service.deadlines.get(&deadline.name);
            DeadlineView {
                name: rule.map_or_else(|| deadline.name.clone(), |rule| rule.name.get(lang).to_owned()),
                started: deadline.started_on.to_string(),
                due: deadline.due_on.to_string(),
                status: tr.t(&format!("case-deadline-{}", deadline.status)),
                law: rule.map(|rule| rule.law.clone()).unwrap_or_default(),
                verified: rule.is_some_and(|rule| rule.verified),
                open: deadline.status == "open",
            }
        })
        .collect();
    let documents = case
        .documents
        .iter()
        .map(|document| DocumentLine {
            slot: service
                .documents
                .iter()
                .find(|slot| slot.id == document.slot)
                .map_or_else(|| document.slot.clone(), |slot| slot.name.get(lang).to_owned()),
            version: document.version,
            file_name: document.file_name.clone(),
            size: format!("{} KB", (document.size + 1023) / 1024),
            uploaded: baku_time(document.uploaded_at),
            href: format!("/cases/{}/documents/{}/{}", case.summary.id, document.slot, document.version),
        })
        .collect();
    let deliveries = case
        .deliveries
        .iter()
        .map(|delivery| DeliveryView {
            at: baku_time(delivery.sent_at.unwrap_or(delivery.created_at)),
            channel: tr.t(&format!("case-channel-{}", delivery.channel)),
            status: tr.t(&format!("case-delivery-{}", delivery.status)),
        })
        .collect();
    let transitions = if official {
        state.engine().official_transitions(session, &case.summary)
    } else {
        state.engine().applicant_transitions(&case.summary)
    };
    let actions = transitions
        .into_iter()
        .map(|transition| ActionView {
            id: transition.id.clone(),
            name: transition.name.get(lang).to_owned(),
            reason: transition.reason,
        })
        .collect();
    let withheld_note = |kind: pencere_cases::catalog::Restriction| {
        let kind = tr.t(&format!("restricted-{}", kind.as_str()));
        tr.t_with("restricted-withheld", &[("kind", fluent_bundle::FluentValue::from(kind))])
    };
    let withheld_documents: Vec<(String, String)> = case
        .withheld
        .iter()
        .filter(|item| item.document)
        .map(|item| {
            let name = service
                .documents
                .iter()
                .find(|slot| slot.id == item.id)
                .map_or_else(|| item.id.clone(), |slot| slot.name.get(lang).to_owned());
            (name, withheld_note(item.kind))
        })
        .collect();
    let data = service
        .fields
        .iter()
        .map(|field| {
            if let Some(item) = case.withheld.iter().find(|item| !item.document && item.id == field.id) {
                return (field.label.get(lang).to_owned(), withheld_note(item.kind));
            }
            let value = case.data.get(&field.id).cloned().unwrap_or_default();
            let shown = field
                .options
                .iter()
                .find(|option| option.value == value)
                .map_or(value.clone(), |option| option.label.get(lang).to_owned());
            (field.label.get(lang).to_owned(), shown)
        })
        .collect();
    let awaits_applicant = workflow.state(&case.summary.state).is_some_and(|state| state.awaits_applicant);
    let applicant = if official {
        let mut tx = state.db().begin_read().await?;
        pencere_identity::find_user(&mut tx, &case.summary.applicant_id)
            .await
            .map_err(ApiError::internal)?
            .map(|user| user.full_name)
            .unwrap_or_default()
    } else {
        String::new()
    };
    let assigned = match &case.summary.assigned_to {
        Some(user) if official => {
            let mut tx = state.db().begin_read().await?;
            pencere_identity::find_user(&mut tx, user)
                .await
                .map_err(ApiError::internal)?
                .map(|u| u.full_name)
                .unwrap_or_default()
        }
        _ => String::new(),
    };
    let acting = session.acting_org_id.as_deref();
    let answers_opinion = official
        && case.opinions.iter().any(|opinion| {
            Some(opinion.body_org_id.as_str()) == acting
                && opinion.status == "pending"
                && session.has_role(&opinion.role)
        });
    let opinions = case
        .opinions
        .iter()
        .map(|opinion| OpinionView {
            body: lang.pick(&opinion.body).clone(),
            status: tr.t(&format!("case-opinion-{}", opinion.status)),
            answer: opinion.answer.clone().unwrap_or_default(),
            at: opinion.answered_at.map(baku_time).unwrap_or_default(),
        })
        .collect();
    let sandbox_pay = state.services().payment_sandbox.is_some();
    let payments = case
        .payments
        .iter()
        .map(|order| PaymentView {
            code: order.code.clone(),
            purpose: order.purpose.clone(),
            amount: format!("{} {}", order.amount, order.currency),
            beneficiary: order.beneficiary.clone(),
            status_id: order.status.as_str(),
            status: tr.t(&format!("payment-status-{}", order.status.as_str())),
            paid_at: order.paid_at.map(baku_time).unwrap_or_default(),
            pay_href: (sandbox_pay && !official && order.status == pencere_payments::OrderStatus::Due)
                .then(|| format!("/test/pay/{}", order.code)),
        })
        .collect();
    use pencere_cases::issuance::DocumentStatus;
    let issued = case
        .issued
        .iter()
        .filter(|document| {
            official || !matches!(document.status, DocumentStatus::AwaitingSignature | DocumentStatus::Declined)
        })
        .map(|document| IssuedView {
            id: document.id.clone(),
            title: document.title.clone(),
            code: document.code.clone(),
            status_id: document.status.as_str(),
            status: tr.t(&format!("document-status-{}", document.status.as_str())),
            status_reason: document.status_reason.clone().unwrap_or_default(),
            signer: document.signer_name.clone().unwrap_or_default(),
            signed_at: document.signed_at.map(baku_time).unwrap_or_default(),
            prepared_at: baku_time(document.prepared_at),
            signed: document.signed_at.is_some(),
            contest: if official || document.signed_at.is_none() {
                Vec::new()
            } else {
                citing_services(state, service.system(), &document.template)
                    .map(|citing| {
                        (
                            format!("/services/{}/apply?act={}", citing.id, document.code),
                            citing.name.get(lang).to_owned(),
                        )
                    })
                    .collect()
            },
        })
        .collect();
    let pending = case.issued.iter().find(|document| document.status == DocumentStatus::AwaitingSignature);
    let signing = pending.filter(|document| document.prepared_by == session.user.id).map(|document| {
        let user_id = state
            .services()
            .sandbox
            .as_ref()
            .and_then(|sandbox| {
                sandbox.accounts().find(|(login, ..)| *login == session.user.login).map(|(_, _, id)| id.to_owned())
            })
            .unwrap_or_default();
        SigningView {
            id: document.id.clone(),
            title: document.title.clone(),
            phone: session.user.phone.clone().unwrap_or_default(),
            user_id,
        }
    });
    let licence = state
        .engine()
        .registry_entry_of_case(state.db(), &case.summary.id)
        .await
        .map_err(case_error)?
        .map(|entry| entry.number);
    let queries = super::followups::queries_panel(state, &tr, lang, session, case, service, workflow, official).await?;
    let paper = super::followups::paper_panel(&tr, session, case, workflow, official);
    Ok(CasePage {
        queries,
        paper,
        licence,
        awaiting_signature: pending.is_some(),
        signing,
        payments,
        issued,
        opinions,
        answers_opinion,
        competent: acting == Some(case.body_org_id.as_str()),
        official,
        case_id: case.summary.id.clone(),
        number: case.summary.number.clone().unwrap_or_default(),
        service_id: service.id.clone(),
        service: service.name.get(lang).to_owned(),
        state: state_name(state, lang, &service.id, &case.summary.state),
        closed: case.summary.closed,
        awaits_applicant,
        submitted: case.summary.submitted_at.map(baku_time).unwrap_or_default(),
        body: organization_name(state, lang, &case.body_org_id).await?,
        applicant,
        assigned,
        data,
        deadlines,
        timeline,
        documents,
        withheld_documents,
        slots: service.documents.iter().map(|slot| (slot.id.clone(), slot.name.get(lang).to_owned())).collect(),
        deliveries,
        actions,
        act_url: format!("{path}/act"),
        reason_error,
        registered,
        chrome,
    })
}

#[derive(Deserialize)]
pub(crate) struct CaseQuery {
    #[serde(default)]
    registered: Option<String>,
}

/// `GET /cabinet/cases/{id}`: the applicant's case: state, deadlines, timeline, documents,
/// notices and what they can do.
pub(crate) async fn my_case_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    Path(id): Path<String>,
    Query(query): Query<CaseQuery>,
) -> Result<Response, ApiError> {
    let case = state.engine().case_for_applicant(state.db(), &session.user.id, &id).await.map_err(case_error)?;
    if case.summary.number.is_none() {
        return Ok(Redirect::to(&format!("/services/{}/apply?draft={id}", case.summary.service)).into_response());
    }
    let page = case_page_view(&state, lang, &viewer, &session, &case, false, None, query.registered.is_some()).await?;
    Ok(render(&page))
}

#[derive(Deserialize)]
pub(crate) struct ActForm {
    transition: String,
    #[serde(default)]
    reason: String,
}

#[allow(clippy::too_many_arguments, reason = "the request's parts, shared by the applicant's and the official's form")]
async fn act(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    session: &ActiveSession,
    meta: &RequestMeta,
    id: &str,
    form: &ActForm,
    official: bool,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session, context: &context };
    let result =
        state.engine().act(state.db(), who, id, &form.transition, Some(&form.reason), state.clock().now()).await;
    let back = if official { format!("/work/cases/{id}") } else { format!("/cabinet/cases/{id}") };
    match result {
        Ok(_) => Ok(Redirect::to(&back).into_response()),
        Err(CaseError::ReasonRequired) => {
            let engine = state.engine();
            let case = if official {
                engine.case_for_official(state.db(), session, id).await
            } else {
                engine.case_for_applicant(state.db(), &session.user.id, id).await
            }
            .map_err(case_error)?;
            let error = state.i18n().tr(lang).t("case-field-reason");
            let page = case_page_view(state, lang, viewer, session, &case, official, Some(error), false).await?;
            Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(error) => Err(case_error(error)),
    }
}

/// `POST /cabinet/cases/{id}/act`: the applicant takes a step (removes deficiencies, withdraws).
pub(crate) async fn applicant_act(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ActForm>,
) -> Result<Response, ApiError> {
    act(&state, lang, &viewer, &session, &meta, &id, &form, false).await
}

// ---------------------------------------------------------------------------------------------
// The inbox.

struct InboxLine {
    at: String,
    subject: String,
    body: String,
    unread: bool,
    href: String,
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage<'a> {
    chrome: Chrome<'a>,
    messages: Vec<InboxLine>,
    unread: i64,
}

/// `GET /cabinet/inbox`: the notices of the cabinet (LIC-4.4, LIC-5.1).
pub(crate) async fn inbox_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
) -> Result<Response, ApiError> {
    let mut tx = state.db().begin_read().await?;
    let messages = pencere_notify::inbox(&mut tx, &session.user.id, 200).await?;
    let unread = pencere_notify::unread_count(&mut tx, &session.user.id).await?;
    drop(tx);
    let page = InboxPage {
        chrome: Chrome::new(&state, lang, "/cabinet/inbox", &viewer),
        messages: messages
            .into_iter()
            .map(|message| InboxLine {
                at: baku_time(message.at),
                subject: message.subject,
                body: message.body,
                unread: !message.read,
                href: message.case_id.map(|id| format!("/cabinet/cases/{id}")).unwrap_or_default(),
            })
            .collect(),
        unread,
    };
    Ok(render(&page))
}

#[derive(Deserialize)]
pub(crate) struct NoFields {}

/// `POST /cabinet/inbox/read`: marks every message read.
pub(crate) async fn inbox_read(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, ApiError> {
    let now = state.clock().now();
    let mut tx = state.db().begin().await?;
    for message in pencere_notify::inbox(&mut tx, &session.user.id, 1000).await?.into_iter().filter(|m| !m.read) {
        pencere_notify::mark_read(&mut tx, &session.user.id, message.id, now).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to("/cabinet/inbox").into_response())
}

// ---------------------------------------------------------------------------------------------
// The officials' work queue.

#[derive(Template)]
#[template(path = "queue.html")]
struct QueuePage<'a> {
    chrome: Chrome<'a>,
    body: String,
    cases: Vec<CaseLine>,
    asked: Vec<CaseLine>,
    services: Vec<(String, String, bool)>,
    mine: bool,
    closed: bool,
    /// Open supervisory motions on the body's licences: number, what is asked, reasons, filed.
    motions: Vec<(String, String, String, String)>,
    /// Cases on which the body has verification queries to answer.
    queried: Vec<CaseLine>,
    /// Paper copies to hand over: case number, link, document, ground, asked.
    papers: Vec<(String, String, String, String, String)>,
    /// Error reports about the body's registry entries: number, reported at.
    entry_errors: Vec<(String, String)>,
    /// Whether the body owns a system, whose security events it reports.
    security: bool,
}

#[derive(Deserialize, Default)]
pub(crate) struct QueueQuery {
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    mine: Option<String>,
    #[serde(default)]
    closed: Option<String>,
}

fn acting_body(session: &ActiveSession) -> Result<&str, ApiError> {
    session.acting_org_id.as_deref().ok_or_else(|| ApiError::new(ProblemKind::Forbidden))
}

/// `GET /work`: the cases of the body the official acts for, earliest deadline first.
pub(crate) async fn queue_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Query(query): Query<QueueQuery>,
) -> Result<Response, ApiError> {
    let body = acting_body(&session)?;
    let service = query.service.filter(|service| !service.is_empty());
    let filter = QueueFilter {
        service: service.clone(),
        assigned_to: query.mine.is_some().then(|| session.user.id.clone()),
        include_closed: query.closed.is_some(),
        clearance: session.clearance(),
    };
    let mut cases = state.engine().queue(state.db(), body, &filter).await.map_err(case_error)?;
    let asked = state.engine().awaiting_opinion(state.db(), &session).await.map_err(case_error)?;
    let queried = state.engine().awaiting_verification(state.db(), &session).await.map_err(case_error)?;
    let own = cases.len();
    let asked_count = asked.len();
    cases.extend(asked);
    cases.extend(queried);
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut tx = state.db().begin_read().await?;
    for case in &cases {
        for user in std::iter::once(&case.applicant_id).chain(case.assigned_to.iter()) {
            if !names.contains_key(user) {
                let name = pencere_identity::find_user(&mut tx, user)
                    .await
                    .map_err(ApiError::internal)?
                    .map(|user| user.full_name)
                    .unwrap_or_default();
                names.insert(user.clone(), name);
            }
        }
    }
    drop(tx);
    let reads: Vec<pencere_identity::tracker::Read<'_>> = cases
        .iter()
        .map(|case| pencere_identity::tracker::Read { subject_id: &case.applicant_id, record: ("case", &case.id) })
        .collect();
    pencere_identity::tracker::journal_reads(
        state.db(),
        &session,
        state.clock().now(),
        &meta.context(),
        "work_queue",
        &reads,
    )
    .await
    .map_err(ApiError::internal)?;
    let mut lines: Vec<CaseLine> = cases
        .iter()
        .map(|case| {
            let applicant = names.get(&case.applicant_id).cloned().unwrap_or_default();
            let assigned = case.assigned_to.as_ref().and_then(|user| names.get(user).cloned()).unwrap_or_default();
            line(&state, lang, case, format!("/work/cases/{}", case.id), applicant, assigned)
        })
        .collect();
    let mut asked_lines = lines.split_off(own);
    let queried_lines = asked_lines.split_off(asked_count);
    let body_code = session.acting_memberships().next().map(|m| m.organization.code.clone()).unwrap_or_default();
    let services = state
        .engine()
        .catalog()
        .services()
        .iter()
        .filter(|candidate| candidate.competent_body == body_code)
        .map(|candidate| {
            (
                candidate.id.clone(),
                candidate.name.get(lang).to_owned(),
                service.as_deref() == Some(candidate.id.as_str()),
            )
        })
        .collect();
    let chrome = Chrome::new(&state, lang, "/work", &viewer);
    let motions = state
        .engine()
        .open_motions(state.db(), &session)
        .await
        .map_err(case_error)?
        .into_iter()
        .map(|motion| {
            let action = chrome.t(&format!("motion-action-{}", motion.action.as_str()));
            (motion.number, action, motion.reason, baku_time(motion.filed_at))
        })
        .collect();
    let papers = state
        .engine()
        .open_paper_copies(state.db(), &session)
        .await
        .map_err(case_error)?
        .into_iter()
        .map(|(number, copy)| {
            let ground = chrome.t(&format!("case-paper-ground-{}", copy.ground));
            (
                number,
                format!("/work/cases/{}#paper-heading", copy.case_id),
                copy.title,
                ground,
                baku_time(copy.requested_at),
            )
        })
        .collect();
    let entry_errors = state
        .engine()
        .open_entry_errors(state.db(), &session)
        .await
        .map_err(case_error)?
        .into_iter()
        .map(|report| (report.number, baku_time(report.at)))
        .collect();
    let page = QueuePage {
        body: organization_name(&state, lang, body).await?,
        security: !state.engine().security_scope(&session).is_empty(),
        entry_errors,
        motions,
        queried: queried_lines,
        papers,
        chrome,
        cases: lines,
        asked: asked_lines,
        services,
        mine: query.mine.is_some(),
        closed: query.closed.is_some(),
    };
    Ok(render(&page))
}

/// `GET /work/cases/{id}`: a case of the official's body, with the applicant's data (journaled
/// as a read of their personal data).
pub(crate) async fn work_case_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let case = state.engine().case_for_official(state.db(), &session, &id).await.map_err(case_error)?;
    let context = meta.context();
    state
        .engine()
        .journal_disclosure(state.db(), Who { session: &session, context: &context }, &case, state.clock().now())
        .await
        .map_err(case_error)?;
    pencere_identity::tracker::journal_reads(
        state.db(),
        &session,
        state.clock().now(),
        &meta.context(),
        "case",
        &[pencere_identity::tracker::Read {
            subject_id: &case.summary.applicant_id,
            record: ("case", &case.summary.id),
        }],
    )
    .await
    .map_err(ApiError::internal)?;
    let page = case_page_view(&state, lang, &viewer, &session, &case, true, None, false).await?;
    Ok(render(&page))
}

/// `POST /work/cases/{id}/act`: the official takes a step of the workflow.
pub(crate) async fn official_act(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ActForm>,
) -> Result<Response, ApiError> {
    act(&state, lang, &viewer, &session, &meta, &id, &form, true).await
}

#[derive(Deserialize)]
pub(crate) struct OpinionForm {
    answer: String,
    #[serde(default)]
    text: String,
}

/// `POST /work/cases/{id}/opinion`: the opinion of a body asked (LIC-5.6): `answer=consent` or
/// `answer=refusal`, with its text.
pub(crate) async fn give_opinion(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<OpinionForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let consent = match form.answer.as_str() {
        "consent" => true,
        "refusal" => false,
        _ => return Err(ApiError::bad_request("answer is consent or refusal")),
    };
    let result = state.engine().answer_opinion(state.db(), who, &id, consent, &form.text, state.clock().now()).await;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/work/cases/{id}")).into_response()),
        Err(CaseError::ReasonRequired) => {
            let case = state.engine().case_for_official(state.db(), &session, &id).await.map_err(case_error)?;
            let error = state.i18n().tr(lang).t("case-field-opinion");
            let page = case_page_view(&state, lang, &viewer, &session, &case, true, Some(error), false).await?;
            Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(error) => Err(case_error(error)),
    }
}

#[derive(Deserialize)]
pub(crate) struct AssignForm {
    #[serde(default)]
    to: String,
}

/// `POST /work/cases/{id}/assign`: take the case (`to=me`) or give it back (`to=`).
pub(crate) async fn assign(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AssignForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let assignee = (form.to == "me").then_some(session.user.id.as_str());
    state.engine().assign(state.db(), who, &id, assignee, state.clock().now()).await.map_err(case_error)?;
    Ok(Redirect::to(&format!("/work/cases/{id}")).into_response())
}

// ---------------------------------------------------------------------------------------------
// The operator's statistics and dead letters.

struct StatsLine {
    service: String,
    received: usize,
    decided: usize,
    median: String,
    p90: String,
    within: String,
}

#[derive(Template)]
#[template(path = "statistics.html")]
struct StatsPage<'a> {
    chrome: Chrome<'a>,
    rows: Vec<StatsLine>,
}

/// `GET /admin/statistics`: per service: received, decided, median and 90th-percentile
/// processing time, share decided within the legal deadline.
pub(crate) async fn statistics_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    // VEIS-1.10: the cases of classified persons are counted only for a cleared operator.
    let stats = state.engine().stats(state.read_db(), viewer.clearance()).await.map_err(case_error)?;
    let days = |value: Option<f64>| value.map(|days| format!("{days:.1}")).unwrap_or_else(|| "—".to_owned());
    let rows = stats
        .into_iter()
        .map(|row| StatsLine {
            service: service_name(&state, lang, &row.service),
            received: row.received,
            decided: row.decided,
            median: days(row.median_days),
            p90: days(row.p90_days),
            within: row.within_deadline.map(|share| format!("{:.0}%", share * 100.0)).unwrap_or_else(|| "—".to_owned()),
        })
        .collect();
    Ok(render(&StatsPage { chrome: Chrome::new(&state, lang, "/admin/statistics", &viewer), rows }))
}

/// `GET /admin/statistics.csv`: the same figures as CSV (service id, received, decided, median
/// and 90th-percentile days, share within the deadline), counted as for the page.
pub(crate) async fn statistics_csv(State(state): State<AppState>, viewer: Viewer) -> Result<Response, ApiError> {
    let stats = state.engine().stats(state.read_db(), viewer.clearance()).await.map_err(case_error)?;
    let figure = |value: Option<f64>, digits: usize| value.map(|value| format!("{value:.digits$}")).unwrap_or_default();
    let mut csv = String::from("service,received,decided,median_days,p90_days,within_deadline\r\n");
    for row in stats {
        csv.push_str(&format!(
            "{},{},{},{},{},{}\r\n",
            row.service,
            row.received,
            row.decided,
            figure(row.median_days, 1),
            figure(row.p90_days, 1),
            figure(row.within_deadline, 3)
        ));
    }
    let mut response = (StatusCode::OK, csv).into_response();
    response
        .headers_mut()
        .insert(axum::http::header::CONTENT_TYPE, axum::http::HeaderValue::from_static("text/csv; charset=utf-8"));
    response.headers_mut().insert(
        axum::http::header::CONTENT_DISPOSITION,
        axum::http::HeaderValue::from_static("attachment; filename=\"statistics.csv\""),
    );
    Ok(response)
}

struct DeadLine {
    id: String,
    channel: String,
    address: String,
    template: String,
    attempts: i64,
    error: String,
    created: String,
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage<'a> {
    chrome: Chrome<'a>,
    rows: Vec<DeadLine>,
}

/// `GET /admin/outbox`: notices that could not be delivered.
pub(crate) async fn outbox_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    let mut tx = state.db().begin_read().await?;
    let dead = pencere_notify::dead_letters(&mut tx, 200, viewer.clearance()).await?;
    drop(tx);
    let chrome = Chrome::new(&state, lang, "/admin/outbox", &viewer);
    let rows = dead
        .into_iter()
        .map(|letter| DeadLine {
            id: letter.id,
            channel: chrome.t(&format!("case-channel-{}", letter.channel)),
            address: letter.address.unwrap_or_default(),
            template: letter.template,
            attempts: letter.attempts,
            error: letter.last_error.unwrap_or_default(),
            created: baku_time(letter.created_at),
        })
        .collect();
    Ok(render(&OutboxPage { chrome, rows }))
}

#[derive(Deserialize)]
pub(crate) struct RetryForm {
    id: String,
}

/// `POST /admin/outbox/retry`: sends a dead letter again.
pub(crate) async fn outbox_retry(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<RetryForm>,
) -> Result<Response, ApiError> {
    let now = state.clock().now();
    let mut tx = state.db().begin().await?;
    if !pencere_notify::retry_dead(&mut tx, &form.id, now).await? {
        return Err(ApiError::not_found("problem-detail-no-message", Vec::new()));
    }
    let context = meta.context();
    let details = format!("{{\"message\":{}}}", pencere_store::audit::json_string(&form.id));
    pencere_store::audit::append(
        &mut tx,
        &pencere_store::audit::NewEntry {
            action: "outbox.retry",
            record: Some(("outbox", &form.id)),
            subject_id: None,
            details: &details,
            ..session.entry(now, &context)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/outbox").into_response())
}

// ---------------------------------------------------------------------------------------------
// The test environment's SMS gateway and inbox.

struct SmsLine {
    to: String,
    text: String,
}

#[derive(Template)]
#[template(path = "sms.html")]
struct SmsPage<'a> {
    chrome: Chrome<'a>,
    messages: Vec<SmsLine>,
}

/// `GET /test/sms`: what the sandbox SMS gateway received (test environment only).
pub(crate) async fn sms_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    let sandbox = state.services().sms_sandbox.clone().ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    let messages = sandbox.messages().into_iter().map(|sms| SmsLine { to: sms.to, text: sms.text }).collect();
    Ok(render(&SmsPage { chrome: Chrome::new(&state, lang, "/test/sms", &viewer), messages }))
}

#[derive(Deserialize)]
pub(crate) struct GatewaySms {
    id: String,
    to: String,
    text: String,
}

/// `POST /test/sms/gateway`: the sandbox SMS gateway (test environment only).
pub(crate) async fn sms_gateway(
    State(state): State<AppState>,
    axum::Json(sms): axum::Json<GatewaySms>,
) -> Result<Response, ApiError> {
    let sandbox = state.services().sms_sandbox.clone().ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    sandbox.receive(pencere_notify::sms::Sms { id: sms.id, to: sms.to, text: sms.text });
    Ok(StatusCode::ACCEPTED.into_response())
}
