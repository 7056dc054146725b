//! Consents to move commercial or tax-secret data through EHİS (TOB-4.3), in the cabinet and
//! the API: the head or representative of a company gives and revokes, for the company (by its
//! VÖEN), each data set that moves only by consent; the gateway checks them on every call.

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_exchange::{Actor, Adapter, ConsentError};
use pencere_identity::{ActiveSession, RoleName};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Chrome, render};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::api::ApiJson;
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};

/// The entities the user speaks for: the VÖEN and name of each organization they head or
/// represent.
pub(crate) async fn subjects(
    state: &AppState,
    session: &ActiveSession,
    lang: pencere_core::Lang,
) -> Result<Vec<(String, String)>, ApiError> {
    let mut subjects: Vec<(String, String)> = Vec::new();
    let mut tx = state.db().begin_read().await?;
    for membership in &session.memberships {
        let role = membership.role.as_str();
        if role != RoleName::ORG_HEAD && role != RoleName::ORG_REPRESENTATIVE {
            continue;
        }
        let organization = pencere_store::organizations::find_by_code(&mut tx, &membership.organization.code).await?;
        if let Some(organization) = organization
            && let Some(voen) = organization.voen.clone()
            && !subjects.iter().any(|(subject, _)| *subject == voen)
        {
            subjects.push((voen.clone(), organization.name(lang).to_owned()));
        }
    }
    Ok(subjects)
}

fn actor<'a>(session: &'a ActiveSession, meta: &'a RequestMeta, at: pencere_core::Timestamp) -> Actor<'a> {
    let context = meta.context();
    Actor {
        user_id: &session.user.id,
        label: &session.user.login,
        org_id: session.acting_org_id.as_deref(),
        ip: context.ip,
        request_id: context.request_id,
        at,
    }
}

fn consent_error(error: ConsentError) -> ApiError {
    match error {
        ConsentError::NotConsentable(_) => ApiError::bad_request("not a data set that moves by consent"),
        ConsentError::AlreadyGiven => ApiError::new(ProblemKind::Conflict),
        ConsentError::NotFound => ApiError::not_found("problem-detail-no-consent", Vec::new()),
        ConsentError::Store(error) => error.into(),
    }
}

/// The data sets that move only by consent.
fn consentable() -> impl Iterator<Item = Adapter> {
    Adapter::ALL.into_iter().filter(|adapter| adapter.sensitivity().needs_consent())
}

struct ConsentLine {
    organization: String,
    subject: String,
    dataset: String,
    dataset_label: String,
    /// The consent in force, when there is one.
    consent_id: Option<String>,
    given_at: String,
}

struct PastConsent {
    organization: String,
    dataset_label: String,
    given_at: String,
    revoked_at: String,
}

#[derive(Template)]
#[template(path = "consents.html")]
struct ConsentsPage<'a> {
    chrome: Chrome<'a>,
    lines: Vec<ConsentLine>,
    past: Vec<PastConsent>,
}

/// `GET /cabinet/consents`.
pub(crate) async fn consents_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(&state, lang, "/cabinet/consents", &viewer);
    let subjects = subjects(&state, &session, lang).await?;
    let ids: Vec<String> = subjects.iter().map(|(subject, _)| subject.clone()).collect();
    let consents = pencere_exchange::consents_of(state.db(), &ids).await?;
    let name_of =
        |subject: &str| subjects.iter().find(|(id, _)| id == subject).map(|(_, name)| name.clone()).unwrap_or_default();
    let label = |dataset: &str| chrome.t(&format!("consent-dataset-{}", dataset.replace('.', "-")));
    let mut lines = Vec::new();
    for (subject, name) in &subjects {
        for adapter in consentable() {
            let in_force = consents
                .iter()
                .find(|c| c.subject == *subject && c.dataset == adapter.dataset() && c.revoked_at.is_none());
            lines.push(ConsentLine {
                organization: name.clone(),
                subject: subject.clone(),
                dataset: adapter.dataset().to_owned(),
                dataset_label: label(adapter.dataset()),
                consent_id: in_force.map(|c| c.id.clone()),
                given_at: in_force.map(|c| c.given_at.baku_minute()).unwrap_or_default(),
            });
        }
    }
    let past = consents
        .iter()
        .filter_map(|c| {
            c.revoked_at.map(|revoked| PastConsent {
                organization: name_of(&c.subject),
                dataset_label: label(&c.dataset),
                given_at: c.given_at.baku_minute(),
                revoked_at: revoked.baku_minute(),
            })
        })
        .collect();
    Ok(render(&ConsentsPage { chrome, lines, past }))
}

#[derive(Deserialize)]
pub(crate) struct GiveForm {
    subject: String,
    dataset: String,
}

/// `POST /cabinet/consents`: give a consent for an organization the user speaks for.
pub(crate) async fn give(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<GiveForm>,
) -> Result<Response, ApiError> {
    give_for(&state, &session, &meta, &form.subject, &form.dataset).await?;
    Ok(Redirect::to("/cabinet/consents").into_response())
}

async fn give_for(
    state: &AppState,
    session: &ActiveSession,
    meta: &RequestMeta,
    subject: &str,
    dataset: &str,
) -> Result<String, ApiError> {
    if !subjects(state, session, pencere_core::Lang::Az).await?.iter().any(|(id, _)| id == subject) {
        return Err(ApiError::new(ProblemKind::Forbidden));
    }
    let actor = actor(session, meta, state.clock().now());
    pencere_exchange::give_consent(state.db(), subject, dataset, &actor).await.map_err(consent_error)
}

async fn revoke_for(state: &AppState, session: &ActiveSession, meta: &RequestMeta, id: &str) -> Result<(), ApiError> {
    let subjects: Vec<String> =
        subjects(state, session, pencere_core::Lang::Az).await?.into_iter().map(|(id, _)| id).collect();
    let actor = actor(session, meta, state.clock().now());
    pencere_exchange::revoke_consent(state.db(), id, &subjects, &actor).await.map_err(consent_error)
}

#[derive(Deserialize)]
pub(crate) struct RevokeForm {
    id: String,
}

/// `POST /cabinet/consents/revoke`.
pub(crate) async fn revoke(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<RevokeForm>,
) -> Result<Response, ApiError> {
    revoke_for(&state, &session, &meta, &form.id).await?;
    Ok(Redirect::to("/cabinet/consents").into_response())
}

/// A consent, in force or revoked.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentView {
    /// Its id.
    pub id: String,
    /// The VÖEN of the organization that gave it.
    pub subject: String,
    /// The data set (`tax.taxpayer`).
    pub dataset: String,
    /// When it was given (RFC 3339).
    pub given_at: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

/// A consent to give.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewConsentBody {
    /// The VÖEN of an organization the caller heads or represents.
    pub subject: String,
    /// The data set (`tax.taxpayer`).
    pub dataset: String,
}

/// The consents of the organizations the caller heads or represents (TOB-4.3).
#[utoipa::path(get, path = "/api/v1/consents", tag = "exchange",
    responses((status = 200, description = "In force first, then revoked", body = [ConsentView])))]
pub async fn api_list(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<Json<Vec<ConsentView>>, ApiError> {
    let ids: Vec<String> =
        subjects(&state, &session, pencere_core::Lang::Az).await?.into_iter().map(|(id, _)| id).collect();
    let consents = pencere_exchange::consents_of(state.db(), &ids).await?;
    Ok(Json(
        consents
            .into_iter()
            .map(|c| ConsentView {
                id: c.id,
                subject: c.subject,
                dataset: c.dataset,
                given_at: c.given_at.to_string(),
                revoked_at: c.revoked_at.map(|at| at.to_string()),
            })
            .collect(),
    ))
}

/// Gives a consent to move a commercial or tax-secret data set of an organization the caller
/// heads or represents through EHİS (TOB-4.3).
#[utoipa::path(post, path = "/api/v1/consents", tag = "exchange", request_body = NewConsentBody,
    responses(
        (status = 201, description = "Given; the body has its id"),
        (status = 403, description = "The caller does not speak for that organization", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "A consent is already in force", body = crate::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_give(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    ApiJson(body): ApiJson<NewConsentBody>,
) -> Result<Response, ApiError> {
    let id = give_for(&state, &session, &meta, &body.subject, &body.dataset).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response())
}

/// Revokes a consent in force: from then on the gateway refuses the data set.
#[utoipa::path(post, path = "/api/v1/consents/{id}/revoke", tag = "exchange",
    params(("id" = String, Path, description = "The consent")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such consent in force for the caller", body = crate::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_revoke(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    revoke_for(&state, &session, &meta, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
