//! The unified registry of licences and permits in public (LIC-3.5, LIC-7.3, LIC-10.0.7):
//! search without logging in, each licence's page with its history, and extracts signed with the
//! platform's key (`openssl dgst -sha256 -verify seal.pem -signature extract.sig extract.pdf`).
//! A supervisory body files its reasoned motions from the licence's page (LIC-6.5); the licensing
//! body dismisses them there or answers with a signed act on the case. The receiving bodies read
//! their feed through the API (LIC-6.3, LIC-6.4). The public search, entry pages and extracts
//! read through [`AppState::read_db`]: from the read replica when one is configured.

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pencere_cases::Who;
use pencere_cases::registry::{
    EntryStatus, FeedItem, Motion, MotionAction, RegistryEntry, RegistryEvent, RegistryQuery,
};
use pencere_core::Lang;
use pencere_core::calendar::Date;
use pencere_identity::ActiveSession;
use pencere_store::organizations::Organization;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::cases::{baku_time, case_error};
use super::issued::download;
use super::{Chrome, render_with_status};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::api::ApiJson;
use crate::i18n::Tr;
use crate::middleware::UserLang;
use crate::problem::{ApiError, FieldError, Problem, ProblemKind};

/// The search's parameters, as the form and the API send them.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct RegistryParams {
    /// Part of the holder's name, VÖEN or the licence number.
    #[serde(default)]
    pub q: Option<String>,
    /// The service (licensed activity) id, e.g. `lic.fire-protection`.
    #[serde(default)]
    pub service: Option<String>,
    /// The issuing body's code, e.g. `economy`.
    #[serde(default)]
    pub body: Option<String>,
    /// `active`, `suspended` or `revoked`.
    #[serde(default)]
    pub status: Option<String>,
    /// Issued on or after (`YYYY-MM-DD`).
    #[serde(default)]
    pub from: Option<String>,
    /// Issued on or before (`YYYY-MM-DD`).
    #[serde(default)]
    pub to: Option<String>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|value| !value.is_empty())
}

/// The query the parameters ask, or the fields that are wrong.
fn query_of(
    params: &RegistryParams,
    organizations: &[Organization],
    viewer: &Viewer,
) -> Result<RegistryQuery, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut date = |field: &'static str, value: &Option<String>| match given(value) {
        None => None,
        Some(text) => {
            let parsed = Date::parse(text);
            if parsed.is_none() {
                errors.push(FieldError { field: field.into(), message_id: "registry-error-date" });
            }
            parsed
        }
    };
    let issued_from = date("from", &params.from);
    let issued_to = date("to", &params.to);
    let status = given(&params.status).and_then(|text| {
        let parsed = EntryStatus::parse(text);
        if parsed.is_none() {
            errors.push(FieldError { field: "status".into(), message_id: "registry-error-status" });
        }
        parsed
    });
    // An unknown body matches nothing rather than everything.
    let body_org_id = given(&params.body).map(|code| {
        organizations.iter().find(|org| org.code == code).map_or_else(|| "-".to_owned(), |org| org.id.clone())
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(RegistryQuery {
        text: given(&params.q).map(str::to_owned),
        service: given(&params.service).map(str::to_owned),
        body_org_id,
        status,
        issued_from,
        issued_to,
        clearance: viewer.clearance(),
    })
}

async fn organizations(state: &AppState) -> Result<Vec<Organization>, ApiError> {
    let mut tx = state.read_db().begin_read().await?;
    Ok(pencere_store::organizations::list(&mut tx).await?)
}

fn org<'a>(organizations: &'a [Organization], id: &str) -> Option<&'a Organization> {
    organizations.iter().find(|org| org.id == id)
}

struct EntryView {
    number: String,
    status_id: &'static str,
    status: String,
    holder: String,
    voen: String,
    address: String,
    service: String,
    body: String,
    issued_on: String,
    details: Vec<DetailJson>,
}

/// What an entry records beyond the holder (the fields its service marks for the registry,
/// e.g. the registered activity, TOB-4.1.3), in the catalog's order and the reader's language.
fn entry_details(state: &AppState, lang: Lang, entry: &RegistryEntry) -> Vec<DetailJson> {
    let Some(service) = state.engine().catalog().service(&entry.service) else {
        return Vec::new();
    };
    service
        .fields
        .iter()
        .filter(|field| field.registry)
        .filter_map(|field| {
            let value = entry.details.get(&field.id)?;
            let value_label = field
                .options
                .iter()
                .find(|option| &option.value == value)
                .map_or_else(|| value.clone(), |option| option.label.get(lang).to_owned());
            Some(DetailJson {
                field: field.id.clone(),
                label: field.label.get(lang).to_owned(),
                value: value.clone(),
                value_label,
            })
        })
        .collect()
}

fn entry_view(
    state: &AppState,
    tr: &Tr<'_>,
    lang: Lang,
    organizations: &[Organization],
    entry: &RegistryEntry,
) -> EntryView {
    let service = state
        .engine()
        .catalog()
        .service(&entry.service)
        .map_or_else(|| entry.service.clone(), |service| service.name.get(lang).to_owned());
    EntryView {
        number: entry.number.clone(),
        status_id: entry.status.as_str(),
        status: tr.t(&format!("registry-status-{}", entry.status.as_str())),
        holder: entry.holder_name.clone(),
        voen: entry.holder_voen.clone().unwrap_or_default(),
        address: entry.address.clone().unwrap_or_default(),
        service,
        body: org(organizations, &entry.body_org_id).map(|org| org.name(lang).to_owned()).unwrap_or_default(),
        issued_on: entry.issued_on.clone(),
        details: entry_details(state, lang, entry),
    }
}

struct EventView {
    at: String,
    kind: String,
    kind_id: String,
    reason: String,
    act_code: String,
}

fn event_view(tr: &Tr<'_>, event: &RegistryEvent) -> EventView {
    EventView {
        at: baku_time(event.at),
        kind: tr.t(&format!("registry-event-{}", event.kind)),
        kind_id: event.kind.clone(),
        reason: event.reason.clone().unwrap_or_default(),
        act_code: event.act_code.clone().unwrap_or_default(),
    }
}

struct DateField {
    field: &'static str,
    label: String,
    value: String,
    error: Option<String>,
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "registry.html")]
struct SearchPage<'a> {
    chrome: Chrome<'a>,
    q: String,
    dates: Vec<DateField>,
    services: Vec<Choice>,
    bodies: Vec<Choice>,
    statuses: Vec<Choice>,
    errors: Vec<(String, String)>,
    entries: Vec<EntryView>,
    searched: bool,
    limit: i64,
}

/// `GET /registry`: the public search.
pub(crate) async fn search_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Query(params): Query<RegistryParams>,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(&state, lang, "/registry", &viewer);
    let organizations = organizations(&state).await?;
    let (entries, errors) = match query_of(&params, &organizations, &viewer) {
        Ok(query) => (state.engine().registry_search(state.read_db(), &query).await.map_err(case_error)?, Vec::new()),
        Err(errors) => (Vec::new(), errors),
    };
    let catalog = state.engine().catalog();
    let issuing: Vec<_> = catalog
        .services()
        .iter()
        .filter(|service| {
            catalog.service_and_workflow(&service.id).is_some_and(|(_, workflow)| {
                workflow.transitions.iter().any(|t| t.registry == Some(pencere_cases::catalog::RegistryAction::Issue))
            })
        })
        .collect();
    let services = issuing
        .iter()
        .map(|service| Choice {
            value: service.id.clone(),
            label: service.name.get(lang).to_owned(),
            selected: given(&params.service) == Some(service.id.as_str()),
        })
        .collect();
    let mut body_codes: Vec<&str> = issuing.iter().map(|service| service.competent_body.as_str()).collect();
    body_codes.sort_unstable();
    body_codes.dedup();
    let bodies = body_codes
        .into_iter()
        .map(|code| Choice {
            value: code.to_owned(),
            label: organizations.iter().find(|org| org.code == code).map_or(code, |org| org.name(lang)).to_owned(),
            selected: given(&params.body) == Some(code),
        })
        .collect();
    let statuses = [EntryStatus::Active, EntryStatus::Suspended, EntryStatus::Revoked]
        .into_iter()
        .map(|status| Choice {
            value: status.as_str().to_owned(),
            label: chrome.t(&format!("registry-status-{}", status.as_str())),
            selected: given(&params.status) == Some(status.as_str()),
        })
        .collect();
    let views = entries.iter().map(|entry| entry_view(&state, &chrome.tr, lang, &organizations, entry)).collect();
    let errors: Vec<(String, String)> =
        errors.iter().map(|error| (error.field.to_string(), chrome.t(error.message_id))).collect();
    let searched = [&params.q, &params.service, &params.body, &params.status, &params.from, &params.to]
        .iter()
        .any(|value| given(value).is_some());
    let error_of = |field: &str| errors.iter().find(|(name, _)| name == field).map(|(_, message)| message.clone());
    let dates = vec![
        DateField {
            field: "from",
            label: chrome.t("registry-issued-from"),
            value: given(&params.from).unwrap_or_default().to_owned(),
            error: error_of("from"),
        },
        DateField {
            field: "to",
            label: chrome.t("registry-issued-to"),
            value: given(&params.to).unwrap_or_default().to_owned(),
            error: error_of("to"),
        },
    ];
    let page = SearchPage {
        q: given(&params.q).unwrap_or_default().to_owned(),
        dates,
        services,
        bodies,
        statuses,
        errors,
        entries: views,
        searched,
        limit: pencere_cases::registry::SEARCH_LIMIT,
        chrome,
    };
    let status = if page.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_with_status(&page, status))
}

struct MotionView {
    id: String,
    action: String,
    reason: String,
    status_id: String,
    status: String,
    answer: String,
    filed_at: String,
    from: String,
    case_href: String,
}

fn motion_view(tr: &Tr<'_>, lang: Lang, organizations: &[Organization], motion: &Motion) -> MotionView {
    MotionView {
        id: motion.id.clone(),
        action: tr.t(&format!("motion-action-{}", motion.action.as_str())),
        reason: motion.reason.clone(),
        status_id: motion.status.clone(),
        status: tr.t(&format!("motion-status-{}", motion.status)),
        answer: motion.answer.clone().unwrap_or_default(),
        filed_at: baku_time(motion.filed_at),
        from: org(organizations, &motion.from_org_id).map(|org| org.name(lang).to_owned()).unwrap_or_default(),
        case_href: format!("/work/cases/{}", motion.case_id),
    }
}

#[derive(Template)]
#[template(path = "registry_entry.html")]
struct EntryPage<'a> {
    chrome: Chrome<'a>,
    entry: EntryView,
    events: Vec<EventView>,
    signed_extract: bool,
    may_move: bool,
    licensing_official: bool,
    motions: Vec<MotionView>,
    motion_error: Option<String>,
    notes: Option<super::notes::NotesPanel>,
}

/// Who may see the motions on a licence: the licensing body's officials, and the supervisory
/// body's officials who may file them.
fn sees_motions(
    state: &AppState,
    session: &ActiveSession,
    entry: &RegistryEntry,
    supervisor_id: Option<&str>,
) -> (bool, bool) {
    let licensing = state.engine().is_official_of_body(session, &entry.body_org_id, &entry.service);
    let may_move = supervisor_id.is_some_and(|id| state.engine().may_file_motion(session, entry, id));
    (licensing, may_move)
}

fn supervisor_id(state: &AppState, organizations: &[Organization], entry: &RegistryEntry) -> Option<String> {
    let code = state.engine().catalog().service(&entry.service)?.supervisor.clone()?;
    organizations.iter().find(|org| org.code == code).map(|org| org.id.clone())
}

pub(crate) async fn entry_page_response(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    number: &str,
    motion_error: Option<String>,
    note_error: Option<super::notes::NoteError>,
) -> Result<Response, ApiError> {
    let found = state.engine().registry_entry(state.read_db(), number, viewer.clearance()).await.map_err(case_error)?;
    let (entry, events) = found.ok_or_else(|| ApiError::not_found("problem-detail-no-licence", Vec::new()))?;
    let chrome = Chrome::new(state, lang, &format!("/registry/{number}"), viewer);
    let organizations = organizations(state).await?;
    let supervisor = supervisor_id(state, &organizations, &entry);
    let (licensing, may_move) = match viewer.0.as_deref() {
        Some(session) => sees_motions(state, session, &entry, supervisor.as_deref()),
        None => (false, false),
    };
    let motions = if licensing || may_move {
        let all = state.engine().motions_of(state.db(), &entry.number).await.map_err(case_error)?;
        all.iter().map(|motion| motion_view(&chrome.tr, lang, &organizations, motion)).collect()
    } else {
        Vec::new()
    };
    let notes = match viewer.0.as_deref() {
        Some(session) => super::notes::panel(state, &chrome.tr, session, &entry.number, note_error).await?,
        None => None,
    };
    let page = EntryPage {
        notes,
        entry: entry_view(state, &chrome.tr, lang, &organizations, &entry),
        events: events.iter().map(|event| event_view(&chrome.tr, event)).collect(),
        signed_extract: state.services().seal.is_some(),
        may_move,
        licensing_official: licensing,
        motions,
        motion_error,
        chrome,
    };
    let invalid = page.motion_error.is_some() || page.notes.as_ref().is_some_and(|notes| notes.error.is_some());
    let status = if invalid { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok(render_with_status(&page, status))
}

/// `GET /registry/{number}`: a licence's page and its history.
pub(crate) async fn entry_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Path(number): Path<String>,
) -> Result<Response, ApiError> {
    entry_page_response(&state, lang, &viewer, &number, None, None).await
}

/// The extract of an entry, in a language: the same bytes for the same entry and history.
async fn extract_pdf(state: &AppState, lang: Lang, viewer: &Viewer, number: &str) -> Result<Vec<u8>, ApiError> {
    let found = state.engine().registry_entry(state.read_db(), number, viewer.clearance()).await.map_err(case_error)?;
    let (entry, events) = found.ok_or_else(|| ApiError::not_found("problem-detail-no-licence", Vec::new()))?;
    let organizations = organizations(state).await?;
    let tr = state.i18n().tr(lang);
    let view = entry_view(state, &tr, lang, &organizations, &entry);
    let as_of = events.last().map_or(entry.updated_at, |event| event.at);
    let mut fields = vec![
        (tr.t("registry-number"), view.number.clone()),
        (tr.t("registry-status"), view.status.clone()),
        (tr.t("registry-holder"), view.holder.clone()),
        (tr.t("registry-voen"), view.voen.clone()),
        (tr.t("registry-activity"), view.service.clone()),
    ];
    fields.extend(view.details.iter().map(|detail| (detail.label.clone(), detail.value_label.clone())));
    fields.extend([
        (tr.t("registry-address"), view.address.clone()),
        (tr.t("registry-body"), view.body.clone()),
        (tr.t("registry-issued-on"), view.issued_on.clone()),
    ]);
    let mut paragraphs = vec![tr.t("registry-history")];
    for event in &events {
        let event = event_view(&tr, event);
        let mut line = format!("{} — {}", event.at, event.kind);
        if !event.reason.is_empty() {
            line.push_str(&format!(": {}", event.reason));
        }
        if !event.act_code.is_empty() {
            line.push_str(&format!(" ({} {})", tr.t("doc-verification-code"), event.act_code));
        }
        paragraphs.push(line);
    }
    let url = format!("{}/registry/{}", state.config().public_url.trim_end_matches('/'), entry.number);
    let title = tr.t("registry-extract-title");
    let footer = tr.t_with("registry-extract-footer", &[("at", baku_time(as_of).into()), ("url", url.clone().into())]);
    let label = tr.t("registry-number");
    let document = pencere_render::Document {
        issuer: &view.body,
        title: &title,
        subtitle: Some(&entry.number),
        fields: &fields,
        paragraphs: &paragraphs,
        verification_code: &entry.number,
        verification_label: &label,
        verify_url: &url,
        footer: &footer,
        lang: lang.as_str(),
    };
    pencere_render::render_pdf(&document).map_err(ApiError::internal)
}

/// `GET /registry/{number}/extract.pdf`: the extract (LIC-7.3), in the page's language.
pub(crate) async fn extract(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Path(number): Path<String>,
) -> Result<Response, ApiError> {
    let pdf = extract_pdf(&state, lang, &viewer, &number).await?;
    Ok(download(pdf, "application/pdf", format!("{number}.pdf")))
}

/// `GET /registry/{number}/extract.sig`: the platform's signature over the extract in the same
/// language (DER ECDSA P-256/SHA-256).
pub(crate) async fn extract_signature(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Path(number): Path<String>,
) -> Result<Response, ApiError> {
    let seal = state.services().seal.clone().ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    let pdf = extract_pdf(&state, lang, &viewer, &number).await?;
    Ok(download(seal.sign_der(&pdf), "application/octet-stream", format!("{number}.sig")))
}

/// `GET /registry/seal.pem`: the public key extracts are signed with.
pub(crate) async fn seal_key(State(state): State<AppState>) -> Result<Response, ApiError> {
    let seal = state.services().seal.clone().ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    Ok(([(header::CONTENT_TYPE, "application/x-pem-file")], seal.public_pem()).into_response())
}

#[derive(Deserialize)]
pub(crate) struct MotionForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
}

/// `POST /registry/{number}/motions`: a supervisory body's reasoned motion (LIC-6.5).
pub(crate) async fn file_motion(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(number): Path<String>,
    CsrfForm(form): CsrfForm<MotionForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let Some(action) = MotionAction::parse(&form.action) else {
        return Err(ApiError::bad_request("action is suspend or revoke"));
    };
    let now = state.clock().now();
    match state.engine().file_motion(state.db(), who, &number, action, &form.reason, now).await {
        Ok(_) => Ok(Redirect::to(&format!("/registry/{number}")).into_response()),
        Err(pencere_cases::CaseError::ReasonRequired) => {
            let message = state.i18n().tr(lang).t("case-field-reason");
            entry_page_response(&state, lang, &viewer, &number, Some(message), None).await
        }
        Err(error) => Err(case_error(error)),
    }
}

#[derive(Deserialize)]
pub(crate) struct DismissForm {
    #[serde(default)]
    answer: String,
}

/// `POST /work/motions/{id}/dismiss`: the licensing body dismisses a motion, with reasons.
pub(crate) async fn dismiss_motion(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DismissForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let now = state.clock().now();
    state.engine().dismiss_motion(state.db(), who, &id, &form.answer, now).await.map_err(case_error)?;
    Ok(Redirect::to("/work").into_response())
}

/// A licence in the registry, as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryJson {
    /// The licence's number.
    pub number: String,
    /// `active`, `suspended` or `revoked`.
    pub status: String,
    /// The holder's name.
    pub holder_name: String,
    /// The holder's VÖEN.
    pub holder_voen: Option<String>,
    /// Where the activity is carried out.
    pub address: Option<String>,
    /// The service id.
    pub service: String,
    /// The licensed activity's name, in the requested language.
    pub activity: String,
    /// The issuing body's code.
    pub body: String,
    /// The day of issue (`YYYY-MM-DD`).
    pub issued_on: String,
    /// What the entry records beyond the holder: the fields its service marks for the
    /// registry (the tobacco registry's activity, cigarettes and economic region).
    pub details: Vec<DetailJson>,
    /// The acts in its history (only in a single entry's answer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<EventJson>>,
}

/// One recorded field of a registry entry.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DetailJson {
    /// The field's id in the service's form (`activity`).
    pub field: String,
    /// The field's name, in the requested language.
    pub label: String,
    /// The stored value (`import`).
    pub value: String,
    /// The value as the reader reads it (a choice's label), in the requested language.
    pub value_label: String,
}

/// One act in a licence's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventJson {
    /// When (RFC 3339).
    pub at: String,
    /// `issued`, `suspended`, `restored` or `revoked`.
    pub kind: String,
    /// The act's reasons.
    pub reason: Option<String>,
    /// The signed act's verification code (`/api/v1/verify/{code}`).
    pub act_code: Option<String>,
}

fn entry_json(state: &AppState, lang: Lang, organizations: &[Organization], entry: &RegistryEntry) -> EntryJson {
    EntryJson {
        number: entry.number.clone(),
        status: entry.status.as_str().to_owned(),
        holder_name: entry.holder_name.clone(),
        holder_voen: entry.holder_voen.clone(),
        address: entry.address.clone(),
        service: entry.service.clone(),
        activity: state
            .engine()
            .catalog()
            .service(&entry.service)
            .map_or_else(|| entry.service.clone(), |service| service.name.get(lang).to_owned()),
        body: org(organizations, &entry.body_org_id).map(|org| org.code.clone()).unwrap_or_default(),
        issued_on: entry.issued_on.clone(),
        details: entry_details(state, lang, entry),
        history: None,
    }
}

/// Searches the unified registry; no login needed.
#[utoipa::path(get, path = "/api/v1/registry", tag = "registry", params(RegistryParams),
    responses(
        (status = 200, description = "Matching licences, the newest first (at most 100)", body = [EntryJson]),
        (status = 422, description = "A date or status is not valid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_search(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Query(params): Query<RegistryParams>,
) -> Result<Json<Vec<EntryJson>>, ApiError> {
    let organizations = organizations(&state).await?;
    let query = query_of(&params, &organizations, &viewer).map_err(ApiError::validation)?;
    let entries = state.engine().registry_search(state.read_db(), &query).await.map_err(case_error)?;
    Ok(Json(entries.iter().map(|entry| entry_json(&state, lang, &organizations, entry)).collect()))
}

/// One licence of the registry with its history; no login needed.
#[utoipa::path(get, path = "/api/v1/registry/{number}", tag = "registry",
    params(("number" = String, Path, description = "The licence's number")),
    responses(
        (status = 200, description = "The licence and its history", body = EntryJson),
        (status = 404, description = "No licence has this number", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_entry(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Path(number): Path<String>,
) -> Result<Json<EntryJson>, ApiError> {
    let found =
        state.engine().registry_entry(state.read_db(), &number, viewer.clearance()).await.map_err(case_error)?;
    let (entry, events) = found.ok_or_else(|| ApiError::not_found("problem-detail-no-licence", Vec::new()))?;
    let organizations = organizations(&state).await?;
    let mut json = entry_json(&state, lang, &organizations, &entry);
    json.history = Some(
        events
            .iter()
            .map(|event| EventJson {
                at: event.at.to_string(),
                kind: event.kind.clone(),
                reason: event.reason.clone(),
                act_code: event.act_code.clone(),
            })
            .collect(),
    );
    Ok(Json(json))
}

/// Where to continue a feed.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct FeedParams {
    /// The last `seq` already read (0: from the start).
    #[serde(default)]
    pub after: i64,
    /// At most this many items (1–500, default 100).
    #[serde(default)]
    pub limit: Option<i64>,
}

/// One item of a feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedJson {
    /// Its place in the caller's feed.
    pub seq: i64,
    /// When the act took effect (RFC 3339).
    pub at: String,
    /// The act (`event`, `reason`, `act_code`) and the licence as it stood after it.
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
}

/// The acts on licences that the caller's organization receives in real time: the tax
/// authority (LIC-6.3) and the supervisory bodies (LIC-6.4). Each organization reads only its
/// own feed.
#[utoipa::path(get, path = "/api/v1/registry/feed", tag = "registry", params(FeedParams),
    responses(
        (status = 200, description = "The feed after `after`, in order", body = [FeedJson]),
        (status = 403, description = "Not an official of an organization", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_feed(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(params): Query<FeedParams>,
) -> Result<Json<Vec<FeedJson>>, ApiError> {
    let items: Vec<FeedItem> = state
        .engine()
        .registry_feed(state.db(), &session, params.after, params.limit.unwrap_or(100))
        .await
        .map_err(case_error)?;
    Ok(Json(
        items
            .into_iter()
            .map(|item| FeedJson { seq: item.seq, at: item.at.to_string(), payload: item.payload })
            .collect(),
    ))
}

/// A motion, as the API takes it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MotionBody {
    /// `suspend` or `revoke`.
    pub action: String,
    /// The reasons: the non-compliance found.
    pub reason: String,
}

/// A supervisory body moves to suspend or revoke a licence, with reasons (LIC-6.5).
#[utoipa::path(post, path = "/api/v1/registry/{number}/motions", tag = "registry",
    params(("number" = String, Path, description = "The licence's number")),
    request_body = MotionBody,
    responses(
        (status = 201, description = "The motion is filed with the licensing body"),
        (status = 403, description = "Not the licence's supervisory body", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reasons, or an unknown action", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_file_motion(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(number): Path<String>,
    ApiJson(body): ApiJson<MotionBody>,
) -> Result<Response, ApiError> {
    let action = MotionAction::parse(&body.action).ok_or_else(|| {
        ApiError::validation(vec![FieldError { field: "action".into(), message_id: "registry-error-action" }])
    })?;
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let id = state
        .engine()
        .file_motion(state.db(), who, &number, action, &body.reason, state.clock().now())
        .await
        .map_err(case_error)?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id, "status": "open" }))).into_response())
}
