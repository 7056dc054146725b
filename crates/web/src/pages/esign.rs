//! Logging in with the enhanced e-signature through the mobile signature service, and the
//! test environment's "phone" that confirms the signature.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_identity::esign::{self, CertificateLoginError, SignedChallenge};
use serde::Deserialize;

use super::{Chrome, render};
use crate::AppState;
use crate::access::{RequestMeta, Viewer};
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};
use crate::sandbox::MobileState;

#[derive(Template)]
#[template(path = "login_mobile.html")]
struct ConfirmPage<'a> {
    chrome: Chrome<'a>,
    request: String,
    code: String,
    next: String,
    waiting: bool,
}

#[derive(Deserialize)]
pub(crate) struct MobileForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    next: String,
}

/// `POST /login/mobile`: asks the mobile signature service to have the person sign a challenge.
pub(crate) async fn start(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Form(form): Form<MobileForm>,
) -> Result<Response, ApiError> {
    let Some(sandbox) = state.services().sandbox.clone() else {
        return Ok(super::login_failure(&state, lang, &viewer, "esign-unavailable", StatusCode::SERVICE_UNAVAILABLE));
    };
    let challenge = esign::new_challenge(state.db(), state.clock().now()).await.map_err(ApiError::internal)?;
    let Some((request, code)) = sandbox.start(&form.phone, &form.user_id, &challenge.id, &challenge.value) else {
        return Ok(super::login_failure(
            &state,
            lang,
            &viewer,
            "esign-not-registered",
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    let chrome = Chrome::new(&state, lang, "/login", &viewer);
    Ok(render(&ConfirmPage { chrome, request, code, next: super::after_login(&form.next), waiting: false }))
}

#[derive(Deserialize)]
pub(crate) struct CompleteForm {
    #[serde(default)]
    request: String,
    #[serde(default)]
    next: String,
}

/// `POST /login/mobile/complete`: once confirmed on the phone, checks the signature and logs in.
pub(crate) async fn complete(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
    Form(form): Form<CompleteForm>,
) -> Result<Response, ApiError> {
    let Some(sandbox) = state.services().sandbox.clone() else {
        return Ok(super::login_failure(&state, lang, &viewer, "esign-unavailable", StatusCode::SERVICE_UNAVAILABLE));
    };
    let Some((outcome, challenge_id, certificate)) = sandbox.outcome(&form.request) else {
        return Ok(super::login_failure(
            &state,
            lang,
            &viewer,
            "esign-error-unknown-challenge",
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    let signature = match outcome {
        MobileState::Waiting => {
            let chrome = Chrome::new(&state, lang, "/login", &viewer);
            let code = String::new();
            let page = ConfirmPage {
                chrome,
                request: form.request.clone(),
                code,
                next: super::after_login(&form.next),
                waiting: true,
            };
            return Ok(super::render_with_status(&page, StatusCode::ACCEPTED));
        }
        MobileState::Declined => {
            return Ok(super::login_failure(&state, lang, &viewer, "esign-declined", StatusCode::UNAUTHORIZED));
        }
        MobileState::Signed(signature) => signature,
    };
    let now = state.clock().now();
    let signed = SignedChallenge { challenge_id: &challenge_id, certificate: &certificate, signature: &signature };
    match esign::certificate_login(
        state.db(),
        &state.services().store,
        now,
        &signed,
        &state.config().session,
        &meta.context(),
    )
    .await
    {
        Ok((_, started)) => {
            Ok(crate::access::logged_in_redirect(&state, &super::after_login(&form.next), &started.token))
        }
        Err(CertificateLoginError::Identity(error)) => Err(ApiError::internal(error)),
        Err(error) => {
            Ok(super::login_failure(&state, lang, &viewer, certificate_error_id(&error), StatusCode::UNAUTHORIZED))
        }
    }
}

/// The Fluent id explaining why a certificate login was refused.
pub(crate) fn certificate_error_id(error: &CertificateLoginError) -> &'static str {
    use pencere_trust::TrustError;
    match error {
        CertificateLoginError::UnknownChallenge => "esign-error-unknown-challenge",
        CertificateLoginError::ChallengeUsed => "esign-error-challenge-used",
        CertificateLoginError::ChallengeExpired => "esign-error-challenge-expired",
        CertificateLoginError::NoFin => "esign-error-no-fin",
        CertificateLoginError::Certificate(TrustError::UnknownIssuer) => "esign-error-unknown-issuer",
        CertificateLoginError::Certificate(TrustError::Expired) => "esign-error-expired",
        CertificateLoginError::Certificate(TrustError::Revoked) => "esign-error-revoked",
        CertificateLoginError::Certificate(TrustError::BadSignature) => "esign-error-signature",
        CertificateLoginError::Certificate(_) | CertificateLoginError::Identity(_) => "esign-error-certificate",
    }
}

#[derive(Template)]
#[template(path = "phone.html")]
struct PhonePage<'a> {
    chrome: Chrome<'a>,
    phone: String,
    prompts: Vec<crate::sandbox::PhonePrompt>,
    numbers: Vec<(String, String, String)>,
}

#[derive(Deserialize)]
pub(crate) struct PhoneQuery {
    #[serde(default)]
    phone: String,
}

/// `GET /test/phone`: the test environment's stand-in for the person's phone.
pub(crate) async fn phone_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Query(query): Query<PhoneQuery>,
) -> Result<Response, ApiError> {
    let Some(sandbox) = state.services().sandbox.clone() else {
        return Err(ApiError::new(ProblemKind::NotFound));
    };
    let chrome = Chrome::new(&state, lang, "/test/phone", &viewer);
    let prompts = if query.phone.trim().is_empty() { Vec::new() } else { sandbox.pending_for(&query.phone) };
    let numbers =
        sandbox.accounts().map(|(login, phone, id)| (login.to_owned(), phone.to_owned(), id.to_owned())).collect();
    Ok(render(&PhonePage { chrome, phone: query.phone.trim().to_owned(), prompts, numbers }))
}

#[derive(Deserialize)]
pub(crate) struct AnswerForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    request: String,
    #[serde(default)]
    answer: String,
}

/// `POST /test/phone/answer`: confirm or decline on the "phone".
pub(crate) async fn phone_answer(
    State(state): State<AppState>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, ApiError> {
    let Some(sandbox) = state.services().sandbox.clone() else {
        return Err(ApiError::new(ProblemKind::NotFound));
    };
    let done = match form.answer.as_str() {
        "confirm" => sandbox.confirm(&form.request),
        "decline" => sandbox.decline(&form.request),
        _ => false,
    };
    if !done {
        return Err(ApiError::new(ProblemKind::Conflict));
    }
    Ok(Redirect::to(&format!("/test/phone?phone={}", super::percent_encode(&form.phone))).into_response())
}
