//! `/api/v1/systems`: the systems running on this platform.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use pencere_core::Lang;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::middleware::UserLang;
use crate::pages::systems::{OFFER_COUNT, SystemText};
use crate::problem::{ApiError, Problem};
use crate::{AppState, Portal};

/// Chooses the language of the texts; overrides `Accept-Language`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct LangQuery {
    /// `az`, `en` or `ru`.
    #[param(example = "en")]
    pub lang: Option<String>,
}

impl LangQuery {
    fn resolve(&self, fallback: Lang) -> Result<Lang, ApiError> {
        match &self.lang {
            None => Ok(fallback),
            Some(tag) => tag.parse().map_err(|_| ApiError {
                detail_id: Some(("problem-detail-unsupported-lang", vec![("lang", tag.clone())])),
                ..ApiError::new(crate::problem::ProblemKind::BadRequest)
            }),
        }
    }
}

/// A system in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct SystemSummary {
    /// Short code: `lic`, `tob`, `kob`, `mig` or `veis`.
    #[schema(example = "lic")]
    pub code: String,
    /// Prefix of the system's requirement ids (`LIC-5.2`).
    #[schema(example = "LIC")]
    pub clause_prefix: String,
    /// The system's name.
    pub name: String,
    /// One sentence on what it is for.
    pub tagline: String,
    /// The agency that owns or operates it.
    pub owner: String,
    /// The page that explains it.
    #[schema(example = "/systems/lic")]
    pub page: String,
}

/// A system with everything its page says.
#[derive(Debug, Serialize, ToSchema)]
pub struct SystemDetail {
    /// The summary fields.
    #[serde(flatten)]
    pub summary: SystemSummary,
    /// The legal act that approved the system's regulation.
    pub regulation: String,
    /// A paragraph explaining the system.
    pub intro: String,
    /// Who uses it.
    pub users: String,
    /// What it offers, most important first.
    pub offers: Vec<String>,
}

fn summary(portal: &Portal, text: &SystemText<'_>) -> SystemSummary {
    SystemSummary {
        code: portal.code.to_owned(),
        clause_prefix: portal.clause_prefix.to_owned(),
        name: text.get("name"),
        tagline: text.get("tagline"),
        owner: text.get("owner"),
        page: format!("/systems/{}", portal.code),
    }
}

fn localized(lang: Lang, body: impl Serialize) -> Response {
    let mut response = Json(body).into_response();
    response.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.as_str()));
    response
}

/// List the systems running on this platform.
#[utoipa::path(
    get,
    path = "/api/v1/systems",
    tag = "platform",
    params(LangQuery),
    responses(
        (status = 200, description = "The systems, in the order the home page shows them", body = [SystemSummary]),
        (status = 400, description = "Unsupported language", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_systems(
    State(state): State<AppState>,
    UserLang(user_lang): UserLang,
    Query(query): Query<LangQuery>,
) -> Result<Response, ApiError> {
    let lang = query.resolve(user_lang)?;
    let tr = state.i18n().tr(lang);
    let systems: Vec<SystemSummary> =
        state.portals().iter().map(|portal| summary(portal, &SystemText::new(tr, portal))).collect();
    Ok(localized(lang, systems))
}

/// Describe one system.
#[utoipa::path(
    get,
    path = "/api/v1/systems/{code}",
    tag = "platform",
    params(("code" = String, Path, description = "The system's code", example = "lic"), LangQuery),
    responses(
        (status = 200, description = "The system", body = SystemDetail),
        (status = 400, description = "Unsupported language", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such system", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_system(
    State(state): State<AppState>,
    UserLang(user_lang): UserLang,
    Path(code): Path<String>,
    Query(query): Query<LangQuery>,
) -> Result<Response, ApiError> {
    let lang = query.resolve(user_lang)?;
    let portal = state
        .portal(&code)
        .ok_or_else(|| ApiError::not_found("problem-detail-no-system", vec![("code", code.clone())]))?;
    let text = SystemText::new(state.i18n().tr(lang), portal);
    let detail = SystemDetail {
        summary: summary(portal, &text),
        regulation: text.get("regulation"),
        intro: text.get("intro"),
        users: text.get("users"),
        offers: (1..=OFFER_COUNT).map(|n| text.get(&format!("offer-{n}"))).collect(),
    };
    Ok(localized(lang, detail))
}
