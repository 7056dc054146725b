//! The second login factor in the e-cabinet: turning a one-time-code app on and off (KOB-3.6).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_identity::totp;
use serde::Deserialize;

use super::Chrome;
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::middleware::UserLang;
use crate::problem::ApiError;

#[derive(Template)]
#[template(path = "cabinet_security.html")]
struct SecurityPage<'a> {
    chrome: Chrome<'a>,
    enabled: bool,
    secret: String,
    uri: String,
    code_error: Option<String>,
    changed: bool,
}

#[derive(Deserialize)]
pub(crate) struct SecurityQuery {
    changed: Option<String>,
}

fn page(
    state: &AppState,
    lang: pencere_core::Lang,
    viewer: &Viewer,
    code_error: Option<&str>,
    changed: bool,
    secret: Option<String>,
) -> Response {
    let Some(active) = viewer.0.clone() else {
        return ApiError::new(crate::problem::ProblemKind::Unauthorized).into_response();
    };
    let chrome = Chrome::new(state, lang, "/cabinet/security", viewer);
    let secret = secret.unwrap_or_else(totp::new_secret);
    let page = SecurityPage {
        enabled: active.user.has_totp(),
        uri: totp::provisioning_uri(&secret, &active.user.login),
        secret,
        code_error: code_error.map(|id| chrome.t(id)),
        changed,
        chrome,
    };
    let status = if code_error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    super::render_with_status(&page, status)
}

/// `GET /cabinet/security`.
pub(crate) async fn security_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Query(query): Query<SecurityQuery>,
) -> Response {
    page(&state, lang, &viewer, None, query.changed.is_some(), None)
}

#[derive(Deserialize)]
pub(crate) struct TotpForm {
    #[serde(default)]
    secret: String,
    #[serde(default)]
    code: String,
}

/// `POST /cabinet/security/totp`: turns the second factor on (with the secret shown) or off.
pub(crate) async fn change_totp(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(active): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<TotpForm>,
) -> Result<Response, ApiError> {
    let now = state.clock().now();
    let changed = if active.user.has_totp() {
        totp::disable(state.db(), &active, &form.code, now, &meta.context()).await
    } else {
        totp::enable(state.db(), &active, form.secret.trim(), &form.code, now, &meta.context()).await
    }
    .map_err(ApiError::internal)?;
    if changed {
        Ok(Redirect::to("/cabinet/security?changed=1").into_response())
    } else {
        let secret = (!active.user.has_totp()).then(|| form.secret.trim().to_owned()).filter(|s| !s.is_empty());
        Ok(page(&state, lang, &viewer, Some("security-error-code"), false, secret))
    }
}
