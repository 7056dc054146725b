//! The EHİS exchange's pages beyond prefill: the source agency's fallback entry (TOB-4.5,
//! VEIS-4.5) — an official holding `ehis.source` in the organization that keeps a registry
//! enters or corrects a data set, signed with their enhanced e-signature (a detached CMS over the
//! record's JSON, verified against the trust store and naming the official by FİN, as documents
//! are signed by API) — and the operator's view of the exchange (`/admin/exchange`).

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use pencere_exchange::{Actor, Adapter, ManualError, NewManualRecord};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{Chrome, render};
use crate::AppState;
use crate::access::{Authenticated, RequestMeta, Viewer};
use crate::api::ApiJson;
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};

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
    let (organization_id, adapters) = source_agency(&session)?;
    let adapter = Adapter::from_name(&body.registry).ok_or_else(|| ApiError::bad_request("no such registry"))?;
    if !adapters.contains(&adapter) {
        return Err(ApiError::new(ProblemKind::Forbidden));
    }
    let unverified = || ApiError {
        raw_detail: Some("the signature does not verify".to_owned()),
        ..ApiError::new(ProblemKind::Validation)
    };
    let signature =
        base64::engine::general_purpose::STANDARD.decode(body.signature.trim()).map_err(|_| unverified())?;
    let verified =
        state.services().store.verify_detached(&signature, body.data.as_bytes()).map_err(|_| unverified())?;
    let fin = session.user.fin.as_ref().map(ToString::to_string);
    if fin.is_none() || verified.signer.serial_number != fin {
        return Err(ApiError {
            raw_detail: Some("the signature names someone else".to_owned()),
            ..ApiError::new(ProblemKind::Validation)
        });
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
        subject: body.subject.trim(),
        data: &body.data,
        entered_by_name: &session.user.full_name,
        organization_id: &organization_id,
        signature: &signature,
        signer_name: &verified.signer.common_name,
        certificate_serial: &verified.signer.certificate_serial,
    };
    match pencere_exchange::record_manual(state.db(), &new, &actor).await {
        Ok(record) => Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": record.id }))).into_response()),
        Err(ManualError::Invalid(reason)) => {
            Err(ApiError { raw_detail: Some(reason), ..ApiError::new(ProblemKind::Validation) })
        }
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

#[derive(Template)]
#[template(path = "ehis_source.html")]
struct SourcePage<'a> {
    chrome: Chrome<'a>,
    registries: Vec<String>,
    records: Vec<RecordLine>,
}

/// `GET /work/ehis`: the records the official's agency entered, with their provenance.
pub(crate) async fn source_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(&state, lang, "/work/ehis", &viewer);
    let (organization_id, adapters) = source_agency(&session)?;
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
    let registries =
        adapters.iter().map(|adapter| chrome.t(&format!("exchange-registry-{}", adapter.as_str()))).collect();
    Ok(render(&SourcePage { chrome, registries, records }))
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
    let failures = pencere_exchange::recent_failures(state.db(), 20)
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
