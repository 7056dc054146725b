//! The EHİS exchange's pages beyond prefill: the source agency's fallback entry (TOB-4.5,
//! VEIS-4.5) — an official holding `ehis.source` in the organization that keeps a registry
//! enters or corrects a data set, signed with their enhanced e-signature (a detached CMS over the
//! record's JSON, verified against the trust store and naming the official by FİN, as documents
//! are signed by API) — and the operator's view of the exchange (`/admin/exchange`).

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use pencere_exchange::{Actor, Adapter, ManualError, NewManualRecord};
use serde::Deserialize;
use sha2::Digest as _;
use utoipa::ToSchema;

use super::{Chrome, render, render_with_status};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::api::ApiJson;
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};
use crate::sandbox::MobileState;

/// The organization the official acts for and the adapters whose registry it keeps.
fn source_agency(session: &pencere_identity::ActiveSession) -> Result<(String, Vec<Adapter>), ApiError> {
    let membership = session
        .acting_memberships()
        .find(|membership| membership.role.as_str() == pencere_exchange::SOURCE_ROLE)
        .ok_or_else(|| ApiError::new(ProblemKind::Forbidden))?;
    let code = membership.organization.code.as_str();
    let adapters = Adapter::ALL.into_iter().filter(|adapter| adapter.owner() == code).collect();
    Ok((membership.organization.id.clone(), adapters))
}

/// A data set to keep, signed.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ManualRecordBody {
    /// The registry (`civil-registry`, `tax`): one the caller's organization keeps.
    pub registry: String,
    /// The FİN or VÖEN the record is about.
    pub subject: String,
    /// The record in the registry's JSON schema, exactly the bytes signed.
    pub data: String,
    /// A detached CMS (CAdES-BES) signature over `data`, DER in base64, made with the caller's
    /// enhanced e-signature certificate.
    pub signature: String,
}

/// Enters or corrects a data set of the caller's registry by hand, signed (TOB-4.5, VEIS-4.5):
/// the gateway hands it out when the registry has none or does not answer, naming who entered it.
#[utoipa::path(post, path = "/api/v1/exchange/records", tag = "exchange", request_body = ManualRecordBody,
    responses(
        (status = 201, description = "Kept; the body has its id"),
        (status = 403, description = "The caller's organization does not keep that registry", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The signature does not verify or names someone else, or the record does not fit the registry's schema", body = crate::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_record(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    ApiJson(body): ApiJson<ManualRecordBody>,
) -> Result<Response, ApiError> {
    let signature = base64::engine::general_purpose::STANDARD
        .decode(body.signature.trim())
        .map_err(|_| invalid("the signature does not verify"))?;
    let record = keep(&state, &session, &meta, &body.registry, body.subject.trim(), &body.data, &signature).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": record.id }))).into_response())
}

fn invalid(detail: &str) -> ApiError {
    ApiError { raw_detail: Some(detail.to_owned()), ..ApiError::new(ProblemKind::Validation) }
}

/// Checks a signed record of one of the caller's registries and keeps it: the signature
/// verifies against the trust store and names the caller by FİN, and the record fits the
/// registry's schema and is about `subject`.
async fn keep(
    state: &AppState,
    session: &pencere_identity::ActiveSession,
    meta: &RequestMeta,
    registry: &str,
    subject: &str,
    data: &str,
    signature: &[u8],
) -> Result<pencere_exchange::ManualRecord, ApiError> {
    let (organization_id, adapters) = source_agency(session)?;
    let adapter = Adapter::from_name(registry).ok_or_else(|| ApiError::bad_request("no such registry"))?;
    if !adapters.contains(&adapter) {
        return Err(ApiError::new(ProblemKind::Forbidden));
    }
    let verified = state
        .services()
        .store
        .verify_detached(signature, data.as_bytes())
        .map_err(|_| invalid("the signature does not verify"))?;
    let fin = session.user.fin.as_ref().map(ToString::to_string);
    if fin.is_none() || verified.signer.serial_number != fin {
        return Err(invalid("the signature names someone else"));
    }
    let context = meta.context();
    let actor = Actor {
        user_id: &session.user.id,
        label: &session.user.login,
        org_id: Some(&organization_id),
        ip: context.ip,
        request_id: context.request_id,
        at: state.clock().now(),
    };
    let new = NewManualRecord {
        adapter,
        subject,
        data,
        entered_by_name: &session.user.full_name,
        organization_id: &organization_id,
        signature,
        signer_name: &verified.signer.common_name,
        certificate_serial: &verified.signer.certificate_serial,
    };
    match pencere_exchange::record_manual(state.db(), &new, &actor).await {
        Ok(record) => Ok(record),
        Err(ManualError::Invalid(reason)) => Err(invalid(&reason)),
        Err(ManualError::Store(error)) => Err(error.into()),
    }
}

struct RecordLine {
    registry: String,
    subject: String,
    data: String,
    by: String,
    at: String,
    signer: String,
}

/// What the entry form holds.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct EntryForm {
    #[serde(default)]
    registry: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    data: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    user_id: String,
    /// The mobile signature request, on completion.
    #[serde(default)]
    request: String,
    /// The signed attributes the phone signs, base64, on completion.
    #[serde(default)]
    attributes: String,
}

/// A signature request waiting on the official's phone.
struct Pending {
    request: String,
    code: String,
    attributes: String,
    waiting: bool,
}

#[derive(Template)]
#[template(path = "ehis_source.html")]
struct SourcePage<'a> {
    chrome: Chrome<'a>,
    /// The registries the agency keeps: (adapter name, label).
    registries: Vec<(String, String)>,
    records: Vec<RecordLine>,
    form: EntryForm,
    pending: Option<Pending>,
    error: Option<String>,
}

impl SourcePage<'_> {
    fn registry_labels(&self) -> String {
        self.registries.iter().map(|(_, label)| label.as_str()).collect::<Vec<_>>().join(", ")
    }
}

async fn source_view<'a>(
    state: &'a AppState,
    chrome: Chrome<'a>,
    session: &pencere_identity::ActiveSession,
    form: EntryForm,
    pending: Option<Pending>,
    error: Option<String>,
) -> Result<SourcePage<'a>, ApiError> {
    let (organization_id, adapters) = source_agency(session)?;
    let records = pencere_exchange::manual_records_of(state.db(), &organization_id, 50).await?;
    let registry = |service: &str| {
        Adapter::from_service_id(service)
            .map_or_else(|| service.to_owned(), |adapter| chrome.t(&format!("exchange-registry-{}", adapter.as_str())))
    };
    let records = records
        .into_iter()
        .map(|record| RecordLine {
            registry: registry(&record.service),
            subject: record.subject,
            data: record.data,
            by: record.entered_by_name,
            at: record.entered_at.baku_minute(),
            signer: format!("{} ({})", record.signer_name, record.certificate_serial),
        })
        .collect();
    let registries = adapters
        .iter()
        .map(|adapter| (adapter.as_str().to_owned(), chrome.t(&format!("exchange-registry-{}", adapter.as_str()))))
        .collect();
    Ok(SourcePage { chrome, registries, records, form, pending, error })
}

/// `GET /work/ehis`: the entry form, and the records the official's agency entered, with their
/// provenance.
pub(crate) async fn source_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(&state, lang, "/work/ehis", &viewer);
    let form = EntryForm { phone: session.user.phone.clone().unwrap_or_default(), ..EntryForm::default() };
    Ok(render(&source_view(&state, chrome, &session, form, None, None).await?))
}

/// The id the mobile signature request carries: the SHA-256 of the record, so that the
/// completion signs what was shown.
fn reference(data: &str) -> String {
    pencere_core::hex(&sha2::Sha256::digest(data.as_bytes()))
}

/// `POST /work/ehis/sign`: checks the record against the registry's schema and asks the mobile
/// signature service to have the official sign it on their phone.
pub(crate) async fn sign_start(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    CsrfForm(form): CsrfForm<EntryForm>,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(&state, lang, "/work/ehis", &viewer);
    let (_, adapters) = source_agency(&session)?;
    let refuse = |id: &str, reason: Option<String>| match reason {
        Some(reason) => chrome.tr.t_with(id, &[("reason", reason.into())]),
        None => chrome.t(id),
    };
    let checked = match Adapter::from_name(&form.registry).filter(|adapter| adapters.contains(adapter)) {
        None => Err((refuse("ehis-entry-no-registry", None), StatusCode::UNPROCESSABLE_ENTITY)),
        Some(adapter) => adapter
            .check_record(form.subject.trim(), &form.data)
            .map_err(|reason| (refuse("ehis-entry-invalid", Some(reason)), StatusCode::UNPROCESSABLE_ENTITY)),
    };
    let sandbox = state.services().sandbox.clone();
    let started = checked.and_then(|()| {
        let sandbox = sandbox.ok_or_else(|| (refuse("esign-unavailable", None), StatusCode::SERVICE_UNAVAILABLE))?;
        let not_registered = || (refuse("esign-not-registered", None), StatusCode::UNPROCESSABLE_ENTITY);
        let certificate = sandbox.certificate_for(&form.phone, &form.user_id).ok_or_else(not_registered)?;
        let attributes = pencere_trust::cms::signed_attributes(form.data.as_bytes(), &certificate, state.clock().now())
            .map_err(|_| not_registered())?;
        let label = format!("EHİS: {} {}", form.registry, form.subject.trim());
        let (request, code) = sandbox
            .start_signing(&form.phone, &form.user_id, &reference(&form.data), attributes.clone(), &label)
            .ok_or_else(not_registered)?;
        let attributes = base64::engine::general_purpose::STANDARD.encode(attributes);
        Ok(Pending { request, code, attributes, waiting: false })
    });
    let (pending, error, status) = match started {
        Ok(pending) => (Some(pending), None, StatusCode::OK),
        Err((error, status)) => (None, Some(error), status),
    };
    let page = source_view(&state, chrome, &session, form, pending, error).await?;
    Ok(render_with_status(&page, status))
}

/// `POST /work/ehis/sign/complete`: once the official answered on the phone, the signature is
/// assembled, verified and the record kept (or the decline leaves nothing).
pub(crate) async fn sign_complete(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<EntryForm>,
) -> Result<Response, ApiError> {
    let sandbox = state.services().sandbox.clone().ok_or_else(|| ApiError::new(ProblemKind::Unavailable))?;
    let outcome = sandbox.outcome(&form.request).filter(|(_, signed, _)| *signed == reference(&form.data));
    let Some((outcome, _, certificate)) = outcome else {
        return Err(ApiError::not_found("problem-detail-no-signature-request", Vec::new()));
    };
    let chrome = Chrome::new(&state, lang, "/work/ehis", &viewer);
    match outcome {
        MobileState::Waiting => {
            let pending = Pending {
                request: form.request.clone(),
                code: String::new(),
                attributes: form.attributes.clone(),
                waiting: true,
            };
            let page = source_view(&state, chrome, &session, form, Some(pending), None).await?;
            Ok(render_with_status(&page, StatusCode::ACCEPTED))
        }
        MobileState::Declined => Ok(Redirect::to("/work/ehis").into_response()),
        MobileState::Signed(signature) => {
            let attributes =
                base64::engine::general_purpose::STANDARD.decode(form.attributes.trim()).unwrap_or_default();
            let kept = match pencere_trust::cms::assemble(&attributes, &certificate, &signature) {
                Ok(cms) => keep(&state, &session, &meta, &form.registry, form.subject.trim(), &form.data, &cms).await,
                Err(_) => Err(invalid("the signature does not verify")),
            };
            match kept {
                Ok(_) => Ok(Redirect::to("/work/ehis").into_response()),
                Err(error) if error.kind == ProblemKind::Validation => {
                    let message = chrome.tr.t_with(
                        "ehis-entry-invalid",
                        &[("reason", error.raw_detail.clone().unwrap_or_default().into())],
                    );
                    let page = source_view(&state, chrome, &session, form, None, Some(message)).await?;
                    Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY))
                }
                Err(error) => Err(error),
            }
        }
    }
}

struct AdapterLine {
    registry: String,
    calls: i64,
    failed: i64,
    error_rate: String,
    mean_ms: i64,
    max_ms: i64,
    open: bool,
}

struct FailureLine {
    at: String,
    registry: String,
    status: String,
}

#[derive(Template)]
#[template(path = "admin_exchange.html")]
struct AdminExchangePage<'a> {
    chrome: Chrome<'a>,
    configured: bool,
    adapters: Vec<AdapterLine>,
    failures: Vec<FailureLine>,
}

/// How far back the operator's view counts calls.
const STATS_WINDOW_MICROS: i64 = 24 * 3600 * 1_000_000;

/// `GET /admin/exchange`: calls per adapter in the last day, error rates, latency, open circuit
/// breakers and the latest failures (never whom they were about).
pub(crate) async fn admin_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(&state, lang, "/admin/exchange", &viewer);
    let since = pencere_core::Timestamp::from_micros(state.clock().now().as_micros() - STATS_WINDOW_MICROS);
    let stats = pencere_exchange::stats(state.db(), since).await?;
    let gateway = state.services().exchange.clone();
    let open = gateway.as_ref().map(|gateway| gateway.open_circuits()).unwrap_or_default();
    let adapters = Adapter::ALL
        .into_iter()
        .map(|adapter| {
            let found = stats.iter().find(|line| line.service == adapter.service_id());
            let (calls, failed, mean_ms, max_ms) =
                found.map_or((0, 0, 0, 0), |line| (line.calls, line.failed, line.mean_ms, line.max_ms));
            let error_rate = if calls > 0 { format!("{}%", failed * 100 / calls) } else { "—".to_owned() };
            AdapterLine {
                registry: chrome.t(&format!("exchange-registry-{}", adapter.as_str())),
                calls,
                failed,
                error_rate,
                mean_ms,
                max_ms,
                open: open.contains(&adapter),
            }
        })
        .collect();
    let failures = pencere_exchange::recent_failures(state.db(), 20, viewer.clearance())
        .await?
        .into_iter()
        .map(|row| FailureLine {
            at: row.at.baku_minute(),
            registry: Adapter::from_service_id(&row.service).map_or_else(
                || row.service.clone(),
                |adapter| chrome.t(&format!("exchange-registry-{}", adapter.as_str())),
            ),
            // Not the error's text: a transport error names the URL, and the URL the subject.
            status: chrome.t(&format!("exchange-status-{}", row.status.replace('_', "-"))),
        })
        .collect();
    Ok(render(&AdminExchangePage { chrome, configured: gateway.is_some(), adapters, failures }))
}
