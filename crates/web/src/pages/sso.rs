//! Single sign-on in the browser: the relying party's two steps (`/login/sso`,
//! `/login/sso/callback`) and the test environment's identity provider (`/test/oidc/…`),
//! which stands for the *Vahid Giriş* window.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use pencere_identity::sso;
use serde::Deserialize;

use super::{Chrome, render};
use crate::AppState;
use crate::access::{RequestMeta, Viewer};
use crate::middleware::{FinalBody, UserLang};
use crate::problem::{ApiError, ProblemKind};

/// The cookie that ties a started single sign-on to the browser that started it.
const FLOW_COOKIE: &str = "pencere_sso";

#[derive(Deserialize)]
pub(crate) struct StartQuery {
    #[serde(default)]
    next: String,
}

/// `GET /login/sso`: sends the person to the identity provider.
pub(crate) async fn start(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Query(query): Query<StartQuery>,
) -> Result<Response, ApiError> {
    let Some(client) = state.services().sso.clone() else {
        return Ok(super::login_failure(&state, lang, &viewer, "sso-unavailable", StatusCode::SERVICE_UNAVAILABLE));
    };
    let next = super::after_login(&query.next);
    let started = sso::begin(state.db(), state.clock().now(), &next).await.map_err(ApiError::internal)?;
    match client.authorization_url(&started).await {
        Ok(url) => {
            // Binds the flow to this browser: the callback must come back with the same cookie.
            let mut response = Redirect::to(&url).into_response();
            let secure = if state.config().demo { "" } else { "; Secure" };
            let cookie = format!(
                "{FLOW_COOKIE}={}; Path=/login/sso; Max-Age=600; HttpOnly; SameSite=Lax{secure}",
                started.state
            );
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            Ok(response)
        }
        Err(error) => {
            tracing::warn!(%error, "identity provider unavailable");
            Ok(super::login_failure(&state, lang, &viewer, "sso-unavailable", StatusCode::SERVICE_UNAVAILABLE))
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct CallbackQuery {
    #[serde(default)]
    code: String,
    #[serde(default)]
    state: String,
}

/// `GET /login/sso/callback`: the provider sends the person back with a code.
pub(crate) async fn callback(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
    headers: axum::http::HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Result<Response, ApiError> {
    let Some(client) = state.services().sso.clone() else {
        return Ok(super::login_failure(&state, lang, &viewer, "sso-unavailable", StatusCode::SERVICE_UNAVAILABLE));
    };
    let now = state.clock().now();
    let refuse = |reason: String, message_id: &'static str| {
        let state = state.clone();
        let viewer = viewer.clone();
        let meta = meta.clone();
        async move {
            sso::refused(state.db(), now, &reason, &meta.context()).await.map_err(ApiError::internal)?;
            Ok::<Response, ApiError>(super::login_failure(&state, lang, &viewer, message_id, StatusCode::UNAUTHORIZED))
        }
    };
    let bound = crate::middleware::cookie(&headers, FLOW_COOKIE) == Some(query.state.as_str());
    if !bound {
        return refuse("the state is not this browser's".to_owned(), "sso-error-state").await;
    }
    let Some(returning) = sso::resume(state.db(), now, &query.state).await.map_err(ApiError::internal)? else {
        return refuse("unknown or reused state".to_owned(), "sso-error-state").await;
    };
    let identified = match client.identify(&query.code, &returning.verifier, &returning.nonce, now).await {
        Ok(identified) => identified,
        Err(crate::sso::SsoError::Provider(reason)) => {
            tracing::warn!(%reason, "identity provider unavailable");
            return Ok(super::login_failure(&state, lang, &viewer, "sso-unavailable", StatusCode::SERVICE_UNAVAILABLE));
        }
        Err(error) => return refuse(error.to_string(), "sso-error-response").await,
    };
    let (_, started) =
        sso::login(state.db(), now, &identified.fin, &identified.name, &state.config().session, &meta.context())
            .await
            .map_err(ApiError::internal)?;
    Ok(crate::access::logged_in_redirect(&state, &returning.next, &started.token))
}

fn provider(state: &AppState) -> Result<std::sync::Arc<crate::sandbox::OidcProvider>, ApiError> {
    state.services().provider.clone().ok_or_else(|| ApiError::new(ProblemKind::NotFound))
}

/// `GET /test/oidc/.well-known/openid-configuration`.
pub(crate) async fn discovery(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(Json(provider(&state)?.discovery()))
}

/// `GET /test/oidc/jwks`.
pub(crate) async fn jwks(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(Json(provider(&state)?.jwks()))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct AuthorizeParams {
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    nonce: String,
    #[serde(default)]
    code_challenge: String,
    #[serde(default)]
    code_challenge_method: String,
    #[serde(default)]
    response_type: String,
    #[serde(default)]
    fin: String,
    #[serde(default)]
    password: String,
}

#[derive(Template)]
#[template(path = "vahid.html")]
struct ProviderPage<'a> {
    chrome: Chrome<'a>,
    params: AuthorizeParams,
    error: Option<String>,
}

/// `GET /test/oidc/authorize`: the provider's login window.
pub(crate) async fn authorize_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Query(params): Query<AuthorizeParams>,
) -> Result<Response, ApiError> {
    let provider = provider(&state)?;
    if !provider.knows_client(&params.client_id, &params.redirect_uri)
        || params.response_type != "code"
        || params.code_challenge_method != "S256"
        || params.code_challenge.is_empty()
    {
        return Err(ApiError::bad_request("unknown client, redirect or unsupported request"));
    }
    let chrome = Chrome::new(&state, lang, "/test/oidc/authorize", &viewer);
    Ok(render(&ProviderPage { chrome, params: AuthorizeParams { password: String::new(), ..params }, error: None }))
}

/// `POST /test/oidc/authorize`: identifies the person and sends them back with a code.
pub(crate) async fn authorize(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Form(params): Form<AuthorizeParams>,
) -> Result<Response, ApiError> {
    let provider = provider(&state)?;
    if !provider.knows_client(&params.client_id, &params.redirect_uri) || params.code_challenge_method != "S256" {
        return Err(ApiError::bad_request("unknown client or redirect"));
    }
    let now = state.clock().now();
    match provider.authorize(&params.fin, &params.password, &params.code_challenge, &params.nonce, now) {
        Some(code) => {
            let mut url = reqwest::Url::parse(&params.redirect_uri).map_err(|_| ApiError::bad_request("redirect"))?;
            url.query_pairs_mut().append_pair("code", &code).append_pair("state", &params.state);
            Ok(Redirect::to(url.as_str()).into_response())
        }
        None => {
            let chrome = Chrome::new(&state, lang, "/test/oidc/authorize", &viewer);
            let error = Some(chrome.t("login-error-invalid"));
            let page = ProviderPage { chrome, params: AuthorizeParams { password: String::new(), ..params }, error };
            Ok(super::render_with_status(&page, StatusCode::UNAUTHORIZED))
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct TokenForm {
    #[serde(default)]
    grant_type: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    code_verifier: String,
}

/// `POST /test/oidc/token`: exchanges a code for an ID token (RFC 6749 errors as JSON).
pub(crate) async fn token(State(state): State<AppState>, Form(form): Form<TokenForm>) -> Result<Response, ApiError> {
    let provider = provider(&state)?;
    let outcome = if form.grant_type == "authorization_code" {
        provider.exchange(&form.code, &form.client_id, &form.redirect_uri, &form.code_verifier, state.clock().now())
    } else {
        Err(crate::sandbox::OAuthError("unsupported_grant_type"))
    };
    let mut response = match outcome {
        Ok(tokens) => Json(tokens).into_response(),
        Err(error) => (StatusCode::BAD_REQUEST, Json(serde_json::json!({ "error": error.0 }))).into_response(),
    };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response.extensions_mut().insert(FinalBody);
    Ok(response)
}
