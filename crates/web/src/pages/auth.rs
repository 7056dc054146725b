//! Logging in and out in the browser.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pencere_identity::{Credentials, LoginError, password_login, session};
use serde::Deserialize;

use super::{Chrome, render};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer, clear_session_cookie};
use crate::middleware::UserLang;
use crate::problem::ApiError;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    chrome: Chrome<'a>,
    next: String,
    login: String,
    login_error: Option<String>,
    password_error: Option<String>,
    code_error: Option<String>,
    form_error: Option<String>,
    demo: bool,
}

#[derive(Deserialize)]
pub(crate) struct NextQuery {
    next: Option<String>,
    /// Set when a logged-in user must log in again by another method (the e-signature an
    /// action requires, LIC-3.8): the page is shown instead of sending them on.
    again: Option<String>,
}

fn safe_next(next: Option<String>) -> String {
    super::after_login(next.as_deref().unwrap_or_default())
}

/// `GET /login`.
pub(crate) async fn login_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Query(query): Query<NextQuery>,
) -> Response {
    let next = safe_next(query.next);
    if viewer.0.is_some() && query.again.is_none() {
        return Redirect::to(&next).into_response();
    }
    let chrome = Chrome::new(&state, lang, "/login", &viewer);
    render(&LoginPage {
        chrome,
        next,
        login: String::new(),
        login_error: None,
        password_error: None,
        code_error: None,
        form_error: None,
        demo: state.config().demo,
    })
}

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
    next: Option<String>,
}

/// `POST /login`: checks the password; on success sets the session cookie and goes on.
pub(crate) async fn login_submit(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = safe_next(form.next);
    let chrome = Chrome::new(&state, lang, "/login", &viewer);
    let mut page = LoginPage {
        next: next.clone(),
        login: form.login.trim().to_owned(),
        login_error: form.login.trim().is_empty().then(|| chrome.t("login-error-login-required")),
        password_error: form.password.is_empty().then(|| chrome.t("login-error-password-required")),
        code_error: None,
        form_error: None,
        demo: state.config().demo,
        chrome,
    };
    if page.login_error.is_some() || page.password_error.is_some() {
        return super::render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let now = state.clock().now();
    let config = state.config();
    match password_login(
        state.db(),
        now,
        &Credentials { login: &form.login, password: &form.password, totp: Some(form.code.as_str()) },
        (&config.login, &config.session),
        &meta.context(),
    )
    .await
    {
        Ok((_, started)) => crate::access::logged_in_redirect(&state, &next, &started.token),
        Err(LoginError::SecondFactorRequired) => {
            page.code_error = Some(page.chrome.t("login-error-totp-required"));
            super::render_with_status(&page, StatusCode::UNAUTHORIZED)
        }
        Err(LoginError::Invalid) => {
            page.form_error = Some(page.chrome.t("login-error-invalid"));
            super::render_with_status(&page, StatusCode::UNAUTHORIZED)
        }
        Err(LoginError::Locked { until }) => {
            let minutes = ((until.seconds_since(now).max(1) + 59) / 60).to_string();
            page.form_error = Some(page.chrome.tr.t_with("login-error-locked", &[("minutes", minutes.into())]));
            super::render_with_status(&page, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(LoginError::AddressThrottled { until }) => {
            let minutes = ((until.seconds_since(now).max(1) + 59) / 60).to_string();
            page.form_error =
                Some(page.chrome.tr.t_with("login-error-address-throttled", &[("minutes", minutes.into())]));
            super::render_with_status(&page, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(LoginError::Identity(error)) => ApiError::internal(error).into_response(),
    }
}

fn logged_out(state: &AppState) -> Response {
    let mut response = Redirect::to("/").into_response();
    if let Ok(value) = HeaderValue::from_str(&clear_session_cookie(!state.config().demo)) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// `POST /logout`: ends this session.
pub(crate) async fn logout(
    State(state): State<AppState>,
    Authenticated(active): Authenticated,
    meta: RequestMeta,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, ApiError> {
    session::logout(state.db(), &active, state.clock().now(), &meta.context()).await.map_err(ApiError::internal)?;
    Ok(logged_out(&state))
}

/// `POST /logout-everywhere`: ends every session of the user, on every device.
pub(crate) async fn logout_everywhere(
    State(state): State<AppState>,
    Authenticated(active): Authenticated,
    meta: RequestMeta,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, ApiError> {
    session::logout_everywhere(state.db(), &active, state.clock().now(), &meta.context())
        .await
        .map_err(ApiError::internal)?;
    Ok(logged_out(&state))
}

/// A form with no fields but the anti-CSRF token.
#[derive(Deserialize)]
pub(crate) struct Empty {}
