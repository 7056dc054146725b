//! `/api/v1/session` and `/api/v1/me`: logging in with a password, logging out, who am I.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pencere_core::Lang;
use pencere_identity::{ActiveSession, Credentials, LoginError, UserKind, password_login, session};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::access::{Authenticated, RequestMeta, clear_session_cookie, session_cookie};
use crate::api::ApiJson;
use crate::middleware::UserLang;
use crate::problem::{ApiError, Problem, ProblemKind};

/// Login name and password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginBody {
    /// The login name (case does not matter).
    #[schema(example = "applicant")]
    pub login: String,
    /// The password.
    pub password: String,
    /// The one-time code, for accounts that turned on the second factor.
    #[serde(default)]
    pub totp: Option<String>,
}

/// A started session. The token itself travels only in the `pencere_session` cookie.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    /// Who logged in.
    pub user: MeView,
    /// Send this in `X-CSRF-Token` with every state-changing request made with the cookie.
    pub csrf_token: String,
    /// When the session ends at the latest (RFC 3339).
    pub expires_at: String,
}

/// The logged-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    /// Stable id.
    pub id: String,
    /// Login name.
    pub login: String,
    /// `person`, `foreigner` or `official`.
    pub kind: String,
    /// Full name.
    pub full_name: String,
    /// FİN, for persons.
    pub fin: Option<String>,
    /// The organization acted for, by code.
    pub acting_organization: Option<String>,
    /// Roles held, per organization.
    pub memberships: Vec<MembershipView>,
}

/// A role in an organization.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipView {
    /// The organization's code.
    pub organization: String,
    /// Its name in the requested language.
    pub organization_name: String,
    /// The role (`lic.reviewer`).
    pub role: String,
}

fn me_view(session: &ActiveSession, lang: Lang) -> MeView {
    let kind = match session.user.kind {
        UserKind::Person => "person",
        UserKind::Foreigner => "foreigner",
        UserKind::Official => "official",
    };
    MeView {
        id: session.user.id.clone(),
        login: session.user.login.clone(),
        kind: kind.to_owned(),
        full_name: session.user.full_name.clone(),
        fin: session.user.fin.as_ref().map(|fin| fin.to_string()),
        acting_organization: session
            .memberships
            .iter()
            .find(|m| session.acting_org_id.as_deref() == Some(m.organization.id.as_str()))
            .map(|m| m.organization.code.clone()),
        memberships: session
            .memberships
            .iter()
            .map(|m| MembershipView {
                organization: m.organization.code.clone(),
                organization_name: m.organization.name(lang).to_owned(),
                role: m.role.to_string(),
            })
            .collect(),
    }
}

/// Log in with a login name and password; sets the session cookie.
///
/// A wrong login name and a wrong password get the same answer. After repeated failures the
/// login name is locked for a while (429 with `Retry-After`), whether or not the account exists.
#[utoipa::path(
    post,
    path = "/api/v1/session",
    tag = "identity",
    request_body = LoginBody,
    responses(
        (status = 200, description = "Logged in; the cookie `pencere_session` is set", body = SessionView),
        (status = 401, description = "Wrong login name or password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_session(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    meta: RequestMeta,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<Response, ApiError> {
    let now = state.clock().now();
    let config = state.config();
    let login = password_login(
        state.db(),
        now,
        &Credentials { login: &body.login, password: &body.password, totp: body.totp.as_deref() },
        (&config.login, &config.session),
        &meta.context(),
    )
    .await;
    match login {
        Ok((_, started)) => {
            let active = session::resolve(state.db(), &started.token, now, &config.session)
                .await
                .map_err(ApiError::internal)?
                .ok_or_else(|| ApiError::internal("a session just started does not resolve"))?;
            let view = SessionView {
                user: me_view(&active, lang),
                csrf_token: started.csrf_token,
                expires_at: started.expires_at.to_string(),
            };
            let cookie = session_cookie(&started.token, config.session.absolute_seconds, !config.demo);
            let mut response = Json(view).into_response();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            Ok(response)
        }
        Err(LoginError::SecondFactorRequired) => Err(ApiError {
            detail_id: Some(("login-error-totp-required", Vec::new())),
            ..ApiError::new(ProblemKind::Unauthorized)
        }),
        Err(LoginError::Invalid) => Err(ApiError {
            detail_id: Some(("login-error-invalid", Vec::new())),
            ..ApiError::new(ProblemKind::Unauthorized)
        }),
        Err(LoginError::Locked { until }) => {
            let wait = until.seconds_since(now).max(1);
            let mut response = ApiError {
                detail_id: Some(("login-error-locked", vec![("minutes", ((wait + 59) / 60).to_string())])),
                ..ApiError::new(ProblemKind::TooManyRequests)
            }
            .into_response();
            if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            Ok(response)
        }
        Err(LoginError::Identity(error)) => Err(ApiError::internal(error)),
    }
}

/// Log out: end this session and clear the cookie. Needs `X-CSRF-Token`.
#[utoipa::path(
    delete,
    path = "/api/v1/session",
    tag = "identity",
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong X-CSRF-Token", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_session(
    State(state): State<AppState>,
    Authenticated(active): Authenticated,
    meta: RequestMeta,
) -> Result<Response, ApiError> {
    session::logout(state.db(), &active, state.clock().now(), &meta.context()).await.map_err(ApiError::internal)?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(value) = HeaderValue::from_str(&clear_session_cookie(!state.config().demo)) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// Who is logged in, and the roles they hold.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "identity",
    responses(
        (status = 200, description = "The logged-in user", body = MeView),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_me(Authenticated(active): Authenticated, UserLang(lang): UserLang) -> Json<MeView> {
    Json(me_view(&active, lang))
}
