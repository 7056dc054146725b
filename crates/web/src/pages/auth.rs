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
    /// The test environment's login as a person or company of the sandbox registries.
    sandbox: Option<SandboxPanel>,
}

/// The demo login by FİN (and VÖEN), its values, errors and example identifiers.
#[derive(Default)]
struct SandboxPanel {
    fin: String,
    voen: String,
    consent: bool,
    fin_error: Option<String>,
    voen_error: Option<String>,
    consent_error: Option<String>,
    form_error: Option<String>,
    /// Some persons the sandbox knows: FİN and name.
    persons: Vec<(String, String)>,
    /// Some companies it knows: VÖEN and name.
    companies: Vec<(String, String)>,
}

/// The panel, in the test environment with the EHİS gateway only.
fn sandbox_panel(state: &AppState) -> Option<SandboxPanel> {
    if !state.config().demo || state.services().exchange.is_none() {
        return None;
    }
    let registries = state.services().registries.as_deref();
    let persons = registries
        .map(|sandbox| {
            sandbox
                .persons_page(0, 12)
                .into_iter()
                .filter(|(_, person)| person.fin.parse().is_ok_and(|fin| !sandbox.classified(&fin)))
                .take(5)
                .map(|(_, person)| (person.fin.clone(), person.full_name()))
                .collect()
        })
        .unwrap_or_default();
    let companies = registries
        .map(|sandbox| sandbox.companies_page(0, 3).into_iter().map(|company| (company.voen, company.name)).collect())
        .unwrap_or_default();
    Some(SandboxPanel { persons, companies, ..SandboxPanel::default() })
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
        sandbox: sandbox_panel(&state),
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
        sandbox: sandbox_panel(&state),
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

#[derive(Deserialize)]
pub(crate) struct SandboxLoginForm {
    #[serde(default)]
    fin: String,
    #[serde(default)]
    voen: String,
    #[serde(default)]
    consent: Option<String>,
    next: Option<String>,
}

/// Why a sandbox login did not happen: the page to show again, and its status.
fn refused_sandbox(page: LoginPage<'_>, status: StatusCode) -> Response {
    super::render_with_status(&page, status)
}

/// `POST /login/sandbox` (the test environment only; 404 elsewhere): logs in as the person the
/// sandbox civil registry knows by this FİN — read through the EHİS gateway, so the message log
/// and the person's data tracker show it — creating the account and e-cabinet on first use; with
/// a VÖEN, as the representative of that company, whose taxpayer record (a tax secret, read with
/// the consent given here) names the organization created for it.
pub(crate) async fn sandbox_login(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
    Form(form): Form<SandboxLoginForm>,
) -> Result<Response, ApiError> {
    use pencere_exchange::{Actor, Adapter, ConsentError, ExchangeError, Purpose};
    let (Some(gateway), Some(mut panel)) = (state.services().exchange.clone(), sandbox_panel(&state)) else {
        return Err(ApiError::new(crate::problem::ProblemKind::NotFound));
    };
    let next = safe_next(form.next);
    let chrome = Chrome::new(&state, lang, "/login", &viewer);
    panel.fin = form.fin.trim().to_uppercase();
    panel.voen = form.voen.trim().to_owned();
    panel.consent = form.consent.is_some();
    let fin = panel.fin.parse::<pencere_core::Fin>().ok();
    if fin.is_none() {
        let id =
            if panel.fin.is_empty() { "login-sandbox-error-fin-required" } else { "login-sandbox-error-fin-invalid" };
        panel.fin_error = Some(chrome.t(id));
    }
    let voen = (!panel.voen.is_empty()).then(|| panel.voen.parse::<pencere_core::Voen>().ok());
    if voen == Some(None) {
        panel.voen_error = Some(chrome.t("login-sandbox-error-voen-invalid"));
    }
    if voen.is_some() && !panel.consent {
        panel.consent_error = Some(chrome.t("login-sandbox-error-consent"));
    }
    let page = |chrome, panel| LoginPage {
        chrome,
        next: next.clone(),
        login: String::new(),
        login_error: None,
        password_error: None,
        code_error: None,
        form_error: None,
        demo: true,
        sandbox: Some(panel),
    };
    let (Some(fin), None | Some(Some(_)), None) = (fin, &voen, &panel.consent_error) else {
        return Ok(refused_sandbox(page(chrome, panel), StatusCode::UNPROCESSABLE_ENTITY));
    };
    let voen = voen.flatten();
    let now = state.clock().now();
    let person = match gateway.person(&fin, &Purpose::system("login sandbox")).await {
        Ok(Some(person)) => person.value,
        Ok(None) => {
            // Unknown, or classified and withheld (VEIS-1.10): the same answer, which reveals nothing.
            panel.fin_error = Some(chrome.t("login-sandbox-error-fin-unknown"));
            return Ok(refused_sandbox(page(chrome, panel), StatusCode::UNPROCESSABLE_ENTITY));
        }
        Err(ExchangeError::Log(error)) => return Err(ApiError::internal(error)),
        Err(error) => {
            tracing::warn!(%error, "the sandbox civil registry did not answer a demo login");
            panel.form_error = Some(chrome.t("login-sandbox-error-unavailable"));
            return Ok(refused_sandbox(page(chrome, panel), StatusCode::SERVICE_UNAVAILABLE));
        }
    };
    let user = pencere_identity::sandbox_login::person(state.db(), &fin, &person.full_name(), now)
        .await
        .map_err(ApiError::internal)?;
    let mut taxpayer = None;
    if let Some(voen) = &voen {
        let context = meta.context();
        let actor = Actor {
            user_id: &user.id,
            label: &user.login,
            org_id: None,
            ip: context.ip,
            request_id: context.request_id,
            at: now,
        };
        match pencere_exchange::give_consent(state.db(), voen.as_str(), Adapter::Tax.dataset(), &actor).await {
            Ok(_) | Err(ConsentError::AlreadyGiven) => {}
            Err(error) => return Err(ApiError::internal(error)),
        }
        let purpose = Purpose { text: "login sandbox", user_id: Some(&user.id), body_id: None, role: None };
        match gateway.taxpayer(voen, &purpose).await {
            Ok(Some(found)) => taxpayer = Some(found.value),
            Ok(None) => {
                panel.voen_error = Some(chrome.t("login-sandbox-error-voen-unknown"));
                return Ok(refused_sandbox(page(chrome, panel), StatusCode::UNPROCESSABLE_ENTITY));
            }
            Err(ExchangeError::Log(error)) => return Err(ApiError::internal(error)),
            Err(error) => {
                tracing::warn!(%error, "the sandbox tax register did not answer a demo login");
                panel.form_error = Some(chrome.t("login-sandbox-error-unavailable"));
                return Ok(refused_sandbox(page(chrome, panel), StatusCode::SERVICE_UNAVAILABLE));
            }
        }
    }
    let company = voen
        .as_ref()
        .zip(taxpayer.as_ref())
        .map(|(voen, taxpayer)| pencere_identity::sandbox_login::Company { voen, name: &taxpayer.name });
    let config = state.config();
    let started = pencere_identity::sandbox_login::login(
        state.db(),
        now,
        &user,
        company.as_ref(),
        &config.session,
        &meta.context(),
    )
    .await
    .map_err(ApiError::internal)?;
    Ok(crate::access::logged_in_redirect(&state, &next, &started.token))
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
