//! "My data" in the e-cabinet, and the requests to correct it (MIG-7.1.2, KOB-7.1.11,
//! TOB-6.1.11, VEIS-6.1.11); the officials' side is in [`super::admin`].

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_identity::corrections::{self, CorrectableField, Correction, CorrectionStatus};
use serde::Deserialize;

use super::Chrome;
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::middleware::UserLang;
use crate::problem::ApiError;

/// A correction request as a row.
pub(crate) struct CorrectionLine {
    pub(crate) id: String,
    pub(crate) person: String,
    pub(crate) field: String,
    pub(crate) current: String,
    pub(crate) requested: String,
    pub(crate) explanation: String,
    pub(crate) status: String,
    pub(crate) reason: String,
    pub(crate) created: String,
}

pub(crate) fn correction_line(chrome: &Chrome<'_>, correction: Correction) -> CorrectionLine {
    let status = match correction.status {
        CorrectionStatus::Pending => "correction-status-pending",
        CorrectionStatus::Approved => "correction-status-approved",
        CorrectionStatus::Rejected => "correction-status-rejected",
    };
    CorrectionLine {
        id: correction.id,
        person: format!("{} ({})", correction.user_name, correction.user_login),
        field: chrome.t(&format!("correction-field-{}", correction.field.as_str().replace('_', "-"))),
        current: correction.current_value.unwrap_or_default(),
        requested: correction.requested_value,
        explanation: correction.explanation,
        status: chrome.t(status),
        reason: correction.decision_reason.unwrap_or_default(),
        created: correction.created_at.to_string().replace('T', " ").replace('Z', " UTC"),
    }
}

struct FieldChoice {
    value: &'static str,
    label: String,
    current: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "cabinet_data.html")]
struct DataPage<'a> {
    chrome: Chrome<'a>,
    fields: Vec<FieldChoice>,
    memberships: Vec<String>,
    requests: Vec<CorrectionLine>,
    value: String,
    explanation: String,
    field_error: Option<String>,
    value_error: Option<String>,
    explanation_error: Option<String>,
    submitted: bool,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct CorrectionForm {
    #[serde(default)]
    field: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    explanation: String,
}

async fn data_page(
    state: &AppState,
    lang: pencere_core::Lang,
    viewer: &Viewer,
    form: Option<(&CorrectionForm, Vec<(&str, &str)>)>,
    submitted: bool,
) -> Result<Response, ApiError> {
    let Some(active) = viewer.0.clone() else {
        return Err(ApiError::new(crate::problem::ProblemKind::Unauthorized));
    };
    let chrome = Chrome::new(state, lang, "/cabinet/data", viewer);
    let (form, problems) = match &form {
        Some((form, problems)) => (Some(*form), problems.clone()),
        None => (None, Vec::new()),
    };
    let problem = |field: &str| problems.iter().find(|(name, _)| *name == field).map(|(_, id)| chrome.t(id));
    let selected = form.map_or("", |form| form.field.as_str());
    let fields = CorrectableField::ALL
        .into_iter()
        .map(|field| FieldChoice {
            value: field.as_str(),
            label: chrome.t(&format!("correction-field-{}", field.as_str().replace('_', "-"))),
            current: match field {
                CorrectableField::FullName => active.user.full_name.clone(),
                CorrectableField::Email => active.user.email.clone().unwrap_or_default(),
                CorrectableField::Phone => active.user.phone.clone().unwrap_or_default(),
            },
            selected: field.as_str() == selected,
        })
        .collect();
    let memberships = active
        .memberships
        .iter()
        .map(|m| {
            format!(
                "{} — {}",
                m.organization.name(lang),
                chrome.t(&format!("role-{}", m.role.as_str().replace('.', "-")))
            )
        })
        .collect();
    let requests = corrections::corrections_of(state.db(), &active.user.id)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .map(|correction| correction_line(&chrome, correction))
        .collect();
    let page = DataPage {
        field_error: problem("field"),
        value_error: problem("value"),
        explanation_error: problem("explanation"),
        fields,
        memberships,
        requests,
        value: form.map(|form| form.value.clone()).unwrap_or_default(),
        explanation: form.map(|form| form.explanation.clone()).unwrap_or_default(),
        submitted,
        chrome,
    };
    let status = if !problems.is_empty() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok(super::render_with_status(&page, status))
}

#[derive(Deserialize)]
pub(crate) struct DataQuery {
    #[serde(default)]
    sent: Option<String>,
}

/// `GET /cabinet/data`: what the system holds about me, and my correction requests.
pub(crate) async fn my_data_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    axum::extract::Query(query): axum::extract::Query<DataQuery>,
) -> Result<Response, ApiError> {
    data_page(&state, lang, &viewer, None, query.sent.is_some()).await
}

/// `POST /cabinet/data/corrections`: asks for a correction.
pub(crate) async fn request_correction(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(active): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<CorrectionForm>,
) -> Result<Response, ApiError> {
    let outcome = corrections::request_correction(
        state.db(),
        &active,
        &form.field,
        &form.value,
        &form.explanation,
        state.clock().now(),
        &meta.context(),
    )
    .await
    .map_err(ApiError::internal)?;
    match outcome {
        Ok(_) => Ok(Redirect::to("/cabinet/data?sent=1").into_response()),
        Err(problems) => data_page(&state, lang, &viewer, Some((&form, problems)), false).await,
    }
}
