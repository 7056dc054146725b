//! Documents cases issue (LIC-5.9, LIC-6.1, LIC-6.6): the official signs on the phone through
//! the mobile signature service (or sends a detached CMS made with their own key, through the
//! API), declines, or later suspends, reinstates or revokes; holders download the PDF and its
//! signature; anyone verifies a document by its code at `/verify/{code}`.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{MatchedPath, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pencere_cases::issuance::IssuedDocument;
use pencere_cases::{CaseError, Who};
use pencere_core::Lang;
use serde::Deserialize;

use super::cases::{baku_time, case_error};
use super::{Chrome, render, render_with_status};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::middleware::UserLang;
use crate::problem::{ApiError, FieldError, ProblemKind};
use crate::sandbox::MobileState;

/// The Fluent id explaining why a signature was not accepted.
pub(crate) fn signature_error_id(error: &CaseError) -> &'static str {
    use pencere_trust::TrustError;
    match error {
        CaseError::WrongSigner => "sign-error-wrong-signer",
        CaseError::Signature(TrustError::Revoked) => "esign-error-revoked",
        CaseError::Signature(TrustError::Expired) => "esign-error-expired",
        CaseError::Signature(TrustError::UnknownIssuer) => "esign-error-unknown-issuer",
        _ => "esign-error-signature",
    }
}

fn signature_problem(error: &CaseError) -> ApiError {
    ApiError::validation(vec![FieldError { field: "signature".into(), message_id: signature_error_id(error) }])
}

#[derive(Template)]
#[template(path = "sign.html")]
struct SignPage<'a> {
    chrome: Chrome<'a>,
    /// `work` for an official's act, `cabinet` for an applicant's own confirmation (LIC-5.3).
    desk: &'static str,
    document_id: String,
    case_id: String,
    title: String,
    request: String,
    code: String,
    waiting: bool,
    error: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct SignForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    user_id: String,
}

/// Where the signer works on the case: an official at `/work`, an applicant, confirming with
/// their own signature (LIC-5.3), in the cabinet. The same handlers serve both routes.
fn desk(path: &MatchedPath) -> &'static str {
    if path.as_str().starts_with("/cabinet/") { "cabinet" } else { "work" }
}

/// `POST /work/documents/{id}/sign` (and `/cabinet/…`): asks the mobile signature service to
/// have the signer sign the document's signed attributes on their phone.
#[allow(clippy::too_many_arguments, reason = "an extractor per part of the request, the route telling the desk")]
pub(crate) async fn sign_start(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    matched: MatchedPath,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<SignForm>,
) -> Result<Response, ApiError> {
    let desk = desk(&matched);
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let document = state.engine().document_to_sign(state.db(), who, &id).await.map_err(case_error)?;
    let chrome = Chrome::new(&state, lang, &format!("/{desk}/cases/{}", document.case_id), &viewer);
    let page = |chrome, request: String, code: String, error: Option<String>| SignPage {
        chrome,
        desk,
        document_id: id.clone(),
        case_id: document.case_id.clone(),
        title: document.title.clone(),
        request,
        code,
        waiting: false,
        error,
    };
    let Some(sandbox) = state.services().sandbox.clone() else {
        let error = chrome.tr.t("esign-unavailable");
        return Ok(render_with_status(
            &page(chrome, String::new(), String::new(), Some(error)),
            StatusCode::SERVICE_UNAVAILABLE,
        ));
    };
    let Some(certificate) = sandbox.certificate_for(&form.phone, &form.user_id) else {
        let error = chrome.tr.t("esign-not-registered");
        return Ok(render_with_status(
            &page(chrome, String::new(), String::new(), Some(error)),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    let now = state.clock().now();
    let attributes =
        state.engine().start_signing(state.db(), who, &id, &certificate, None, now).await.map_err(case_error)?;
    let label = format!("{} — {}", document.title, document.code);
    let Some((request, code)) = sandbox.start_signing(&form.phone, &form.user_id, &id, attributes, &label) else {
        let error = chrome.tr.t("esign-not-registered");
        return Ok(render_with_status(
            &page(chrome, String::new(), String::new(), Some(error)),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    Ok(render(&page(chrome, request, code, None)))
}

#[derive(Deserialize)]
pub(crate) struct CompleteForm {
    #[serde(default)]
    request: String,
}

/// `POST /work/documents/{id}/sign/complete`: once the official answered on the phone, the
/// signature completes the document and its transition (or the decline sets it aside).
#[allow(clippy::too_many_arguments, reason = "an extractor per part of the request, the route telling the desk")]
pub(crate) async fn sign_complete(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    matched: MatchedPath,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<CompleteForm>,
) -> Result<Response, ApiError> {
    let desk = desk(&matched);
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let document = state.engine().document_to_sign(state.db(), who, &id).await.map_err(case_error)?;
    let back = format!("/{desk}/cases/{}", document.case_id);
    let sandbox = state.services().sandbox.clone().ok_or_else(|| ApiError::new(ProblemKind::Unavailable))?;
    let outcome = sandbox.outcome(&form.request).filter(|(_, reference, _)| *reference == id);
    let Some((outcome, _, _)) = outcome else {
        return Err(ApiError::not_found("problem-detail-no-case", Vec::new()));
    };
    let now = state.clock().now();
    match outcome {
        MobileState::Waiting => {
            let chrome = Chrome::new(&state, lang, &back, &viewer);
            let page = SignPage {
                chrome,
                desk,
                document_id: id.clone(),
                case_id: document.case_id.clone(),
                title: document.title.clone(),
                request: form.request.clone(),
                code: String::new(),
                waiting: true,
                error: None,
            };
            Ok(render_with_status(&page, StatusCode::ACCEPTED))
        }
        MobileState::Declined => {
            state.engine().decline_signature(state.db(), who, &id, now).await.map_err(case_error)?;
            Ok(Redirect::to(&back).into_response())
        }
        MobileState::Signed(signature) => {
            let trust = &state.services().store;
            match state.engine().finish_signing(state.db(), who, &id, &signature, trust, now).await {
                Ok(()) => Ok(Redirect::to(&back).into_response()),
                Err(error @ (CaseError::Signature(_) | CaseError::WrongSigner)) => {
                    let chrome = Chrome::new(&state, lang, &back, &viewer);
                    let message = chrome.tr.t(signature_error_id(&error));
                    let page = SignPage {
                        chrome,
                        desk,
                        document_id: id.clone(),
                        case_id: document.case_id.clone(),
                        title: document.title.clone(),
                        request: String::new(),
                        code: String::new(),
                        waiting: false,
                        error: Some(message),
                    };
                    Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY))
                }
                Err(error) => Err(case_error(error)),
            }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct EmptyForm {}

/// `POST /work/documents/{id}/decline`: the official declines to sign.
pub(crate) async fn decline(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    matched: MatchedPath,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, ApiError> {
    let desk = desk(&matched);
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let document = state.engine().document_to_sign(state.db(), who, &id).await.map_err(case_error)?;
    state.engine().decline_signature(state.db(), who, &id, state.clock().now()).await.map_err(case_error)?;
    Ok(Redirect::to(&format!("/{desk}/cases/{}", document.case_id)).into_response())
}

/// A file to save, never cached by shared caches.
pub(crate) fn download(bytes: Vec<u8>, content_type: &str, file_name: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

fn file_stem(document: &IssuedDocument) -> String {
    format!("{}-{}", document.template, document.code)
}

/// `GET /documents/{id}/pdf`: the document, for its holder or an official of the issuing body.
pub(crate) async fn download_pdf(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let (document, pdf, _) = state.engine().issued_files(state.db(), who, &id).await.map_err(case_error)?;
    Ok(download(pdf, "application/pdf", format!("{}.pdf", file_stem(&document))))
}

/// `GET /documents/{id}/signature`: the detached CMS signature over the PDF's bytes (`.p7s`).
pub(crate) async fn download_signature(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let (document, _, signature) = state.engine().issued_files(state.db(), who, &id).await.map_err(case_error)?;
    let signature = signature.ok_or_else(|| ApiError::not_found("problem-detail-no-document", Vec::new()))?;
    Ok(download(signature, "application/pkcs7-signature", format!("{}.pdf.p7s", file_stem(&document))))
}

/// `POST /api/v1/documents/{id}/signature`: the official who prepared the document sends a
/// detached CMS signature (DER) over the PDF's bytes, made with their own key.
#[utoipa::path(post, path = "/api/v1/documents/{id}/signature", tag = "trust",
    params(("id" = String, Path, description = "The document awaiting the caller's signature")),
    request_body(content = inline(crate::api::RawBytes), content_type = "application/pkcs7-signature",
        description = "A detached CMS (CAdES-BES) signature in DER over the PDF from GET /documents/{id}/pdf"),
    responses(
        (status = 200, description = "Signed; the case's transition is taken"),
        (status = 404, description = "No such document, or not visible to the caller", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The signature does not verify or names someone else", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The document no longer awaits a signature", body = crate::problem::Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn api_sign(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let trust = &state.services().store;
    match state.engine().complete_signature(state.db(), who, &id, &body, trust, state.clock().now()).await {
        Ok(()) => Ok(axum::Json(serde_json::json!({ "status": "valid" })).into_response()),
        Err(error @ (CaseError::Signature(_) | CaseError::WrongSigner)) => Err(signature_problem(&error)),
        Err(error) => Err(case_error(error)),
    }
}

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage<'a> {
    chrome: Chrome<'a>,
    code: String,
    found: Option<VerifyView>,
}

struct VerifyView {
    title: String,
    number: String,
    body: String,
    signer: String,
    signed_at: String,
    signature_valid: bool,
    signature_problem: String,
    status_id: &'static str,
    status: String,
    status_reason: String,
    status_changed: String,
}

#[derive(Deserialize)]
pub(crate) struct VerifyQuery {
    #[serde(default)]
    code: String,
}

/// `GET /verify?code=…`: the form, and its target (redirecting to the code's page).
pub(crate) async fn verify_form(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Query(query): Query<VerifyQuery>,
) -> Response {
    let code = pencere_cases::issuance::normalize_code(&query.code);
    if code.is_empty() {
        let chrome = Chrome::new(&state, lang, "/verify", &viewer);
        return render(&VerifyPage { chrome, code, found: None });
    }
    Redirect::to(&format!("/verify/{code}")).into_response()
}

fn status_view(
    lang: Lang,
    tr: &crate::i18n::Tr<'_>,
    verification: &pencere_cases::issuance::Verification,
) -> VerifyView {
    let document = &verification.document;
    let (signature_valid, signature_problem) = match &verification.signature {
        Ok(_) => (true, String::new()),
        Err(error) => (false, error.to_string()),
    };
    let status_id = document.status.as_str();
    VerifyView {
        title: document.title.clone(),
        number: verification.number.clone().unwrap_or_default(),
        body: lang.pick(&verification.body).clone(),
        signer: document.signer_name.clone().unwrap_or_default(),
        signed_at: document.signed_at.map(baku_time).unwrap_or_default(),
        signature_valid,
        signature_problem,
        status_id,
        status: tr.t(&format!("document-status-{status_id}")),
        status_reason: document.status_reason.clone().unwrap_or_default(),
        status_changed: document.status_changed_at.map(baku_time).unwrap_or_default(),
    }
}

/// `GET /verify/{code}`: what anyone may learn of a document by its code, without logging in.
pub(crate) async fn verify_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    let verification = state.engine().verify(state.db(), &code, &state.services().store).await.map_err(case_error)?;
    let chrome = Chrome::new(&state, lang, &format!("/verify/{code}"), &viewer);
    let found = verification.as_ref().map(|verification| status_view(lang, &chrome.tr, verification));
    let status = if found.is_some() { StatusCode::OK } else { StatusCode::NOT_FOUND };
    let code = pencere_cases::issuance::normalize_code(&code);
    Ok(render_with_status(&VerifyPage { chrome, code, found }, status))
}

/// `GET /api/v1/verify/{code}`: the same, as JSON.
#[utoipa::path(get, path = "/api/v1/verify/{code}", tag = "trust",
    params(("code" = String, Path, description = "The verification code printed on the document")),
    responses(
        (status = 200, description = "What the document is, who signed it, whether the signature verifies, its status"),
        (status = 404, description = "No signed document has this code", body = crate::problem::Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn api_verify(State(state): State<AppState>, Path(code): Path<String>) -> Result<Response, ApiError> {
    let verification = state.engine().verify(state.db(), &code, &state.services().store).await.map_err(case_error)?;
    let verification = verification.ok_or_else(|| ApiError::not_found("problem-detail-no-document", Vec::new()))?;
    let document = &verification.document;
    Ok(axum::Json(serde_json::json!({
        "code": document.code,
        "title": document.title,
        "number": verification.number,
        "issuer": { "az": verification.body[0], "en": verification.body[1], "ru": verification.body[2] },
        "status": document.status.as_str(),
        "status_reason": document.status_reason,
        "signed_by": document.signer_name,
        "signed_at": document.signed_at.map(|at| at.to_string()),
        "signature_valid": verification.signature.is_ok(),
        "sha256": document.sha256,
    }))
    .into_response())
}

/// `GET /test/pki/ca.pem`: the test CA's root certificate, the trust anchor of the test
/// environment's signatures.
pub(crate) async fn test_ca(State(state): State<AppState>) -> Result<Response, ApiError> {
    let sandbox = state.services().sandbox.clone().ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    Ok(([(header::CONTENT_TYPE, "application/x-pem-file")], sandbox.ca_pem().to_owned()).into_response())
}

/// `GET /test/pki/crl`: the test CA's certificate revocation list (DER), signed now.
pub(crate) async fn test_crl(State(state): State<AppState>) -> Result<Response, ApiError> {
    let sandbox = state.services().sandbox.clone().ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    let crl = sandbox.crl(state.clock().now()).ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    Ok(([(header::CONTENT_TYPE, "application/pkix-crl")], crl).into_response())
}

#[derive(Deserialize)]
pub(crate) struct RevokeForm {
    login: String,
}

/// `POST /test/pki/revoke`: the operator revokes a demo account's certificate. The test CA
/// publishes it in its list, and the platform applies the signed list to its trust store, as
/// it would a real CA's: from then on the certificate neither logs in nor signs.
pub(crate) async fn test_revoke(
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<RevokeForm>,
) -> Result<Response, ApiError> {
    let sandbox = state.services().sandbox.clone().ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    let now = state.clock().now();
    let serial = sandbox
        .revoke(form.login.trim(), now)
        .ok_or_else(|| ApiError::not_found("problem-detail-no-certificate", Vec::new()))?;
    let crl = sandbox.crl(now).ok_or_else(|| ApiError::internal("the test CA made no list"))?;
    state.services().store.apply_crl(&crl).map_err(ApiError::internal)?;
    tracing::info!(%serial, login = %form.login, "a test certificate was revoked");
    Ok(axum::Json(serde_json::json!({ "revoked": serial })).into_response())
}
