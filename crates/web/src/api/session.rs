//! `/api/v1/session` and `/api/v1/me`: logging in with a password, logging out, who am I.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pencere_core::{Lang, Timestamp};
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
    /// How this session logged in: `password`, `esign`, `sso` or `email_link`. Licence and
    /// permit applications need `esign` (LIC-3.8).
    pub login_method: String,
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
        login_method: session.login_method.as_str().to_owned(),
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
/// login name is locked for a while (429 with `Retry-After`), whether or not the account exists;
/// so is the client's address after many failures across login names.
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
        Ok((_, started)) => session_response(&state, lang, started, now).await,
        Err(LoginError::SecondFactorRequired) => Err(ApiError {
            detail_id: Some(("login-error-totp-required", Vec::new())),
            ..ApiError::new(ProblemKind::Unauthorized)
        }),
        Err(LoginError::Invalid) => Err(ApiError {
            detail_id: Some(("login-error-invalid", Vec::new())),
            ..ApiError::new(ProblemKind::Unauthorized)
        }),
        Err(LoginError::Locked { until }) => Ok(too_many_attempts("login-error-locked", until, now)),
        Err(LoginError::AddressThrottled { until }) => {
            Ok(too_many_attempts("login-error-address-throttled", until, now))
        }
        Err(LoginError::Identity(error)) => Err(ApiError::internal(error)),
    }
}

/// 429 with the wait in `Retry-After` and, in minutes, in the message `message_id`.
fn too_many_attempts(message_id: &'static str, until: Timestamp, now: Timestamp) -> Response {
    let wait = until.seconds_since(now).max(1);
    let mut response = ApiError {
        detail_id: Some((message_id, vec![("minutes", ((wait + 59) / 60).to_string())])),
        ..ApiError::new(ProblemKind::TooManyRequests)
    }
    .into_response();
    if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
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

/// A challenge to sign for a certificate login.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeView {
    /// Send it back with the signature.
    pub id: String,
    /// Sign these bytes (UTF-8): ECDSA P-256 with SHA-256, DER signature, e.g.
    /// `printf %s "$challenge" | openssl dgst -sha256 -sign key.pem`.
    pub challenge: String,
    /// When it expires (RFC 3339).
    pub expires_at: String,
}

/// Get a one-time challenge to sign with an e-signature certificate.
#[utoipa::path(
    post,
    path = "/api/v1/session/challenge",
    tag = "identity",
    responses((status = 200, description = "A challenge, valid for two minutes", body = ChallengeView))
)]
pub async fn create_challenge(State(state): State<AppState>) -> Result<Json<ChallengeView>, ApiError> {
    let challenge =
        pencere_identity::esign::new_challenge(state.db(), state.clock().now()).await.map_err(ApiError::internal)?;
    Ok(Json(ChallengeView {
        id: challenge.id,
        challenge: challenge.value,
        expires_at: challenge.expires_at.to_string(),
    }))
}

/// A signed challenge.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CertificateLoginBody {
    /// The challenge's id.
    pub challenge_id: String,
    /// The signer's certificate, PEM.
    pub certificate: String,
    /// The DER signature over the challenge, base64.
    pub signature: String,
}

/// Log in with an e-signature certificate: the signed challenge is checked against the trust
/// anchors (chain, validity, key usage, revocation) and used up. A first login creates the
/// person's account and e-cabinet from the certificate.
#[utoipa::path(
    post,
    path = "/api/v1/session/certificate",
    tag = "identity",
    request_body = CertificateLoginBody,
    responses(
        (status = 200, description = "Logged in; the cookie `pencere_session` is set", body = SessionView),
        (status = 401, description = "Refused; `detail` says why (unknown issuer, expired, revoked, replayed challenge, bad signature)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_certificate_session(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    meta: RequestMeta,
    ApiJson(body): ApiJson<CertificateLoginBody>,
) -> Result<Response, ApiError> {
    use base64::Engine as _;
    let refused =
        |id: &'static str| ApiError { detail_id: Some((id, Vec::new())), ..ApiError::new(ProblemKind::Unauthorized) };
    let certificate = pencere_trust::parse_certificate(body.certificate.as_bytes())
        .map_err(|_| refused("esign-error-certificate"))?;
    let signature = base64::engine::general_purpose::STANDARD
        .decode(body.signature.trim())
        .map_err(|_| ApiError::bad_request("signature is not base64"))?;
    let signed = pencere_identity::esign::SignedChallenge {
        challenge_id: &body.challenge_id,
        certificate: &certificate,
        signature: &signature,
    };
    let now = state.clock().now();
    let outcome = pencere_identity::esign::certificate_login(
        state.db(),
        &state.services().store,
        now,
        &signed,
        &state.config().session,
        &meta.context(),
    )
    .await;
    match outcome {
        Ok((_, started)) => session_response(&state, lang, started, now).await,
        Err(pencere_identity::esign::CertificateLoginError::Identity(error)) => Err(ApiError::internal(error)),
        Err(error) => Err(refused(crate::pages::esign::certificate_error_id(&error))),
    }
}

/// The response to a successful login: the session's view and its cookie.
async fn session_response(
    state: &AppState,
    lang: Lang,
    started: pencere_identity::NewSession,
    now: pencere_core::Timestamp,
) -> Result<Response, ApiError> {
    let config = state.config();
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

/// A demo account's signature credentials (test environment only).
#[derive(Debug, Serialize, ToSchema)]
pub struct TestCredentials {
    /// The account's certificate, PEM.
    pub certificate: String,
    /// Its private key, PKCS#8 PEM. Synthetic, generated at start-up, valid only here.
    pub private_key: String,
    /// The test CA's root certificate, PEM.
    pub ca: String,
}

/// The certificate and key of a demo account, for signing challenges in one's own software.
/// Exists only in the test environment.
#[utoipa::path(
    get,
    path = "/api/v1/test/credentials/{login}",
    tag = "identity",
    params(("login" = String, Path, description = "A demo account's login", example = "applicant")),
    responses(
        (status = 200, description = "The credentials", body = TestCredentials),
        (status = 404, description = "Not the test environment, or no such demo account", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_test_credentials(
    State(state): State<AppState>,
    axum::extract::Path(login): axum::extract::Path<String>,
) -> Result<Json<TestCredentials>, ApiError> {
    let sandbox = state.services().sandbox.clone().ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    let (certificate, private_key) = sandbox.credentials(&login).ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    Ok(Json(TestCredentials { certificate, private_key, ca: sandbox.ca_pem().to_owned() }))
}
