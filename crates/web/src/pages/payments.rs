//! Payments (LIC-3.6, LIC-5.10 … 5.12): the providers' callbacks, the test environment's payment
//! page, and the operator's daily reconciliation.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pencere_core::calendar::Date;
use pencere_payments::{Applied, Order, OrderStatus, Refusal};
use serde::Deserialize;

use super::{Chrome, render};
use crate::AppState;
use crate::access::Viewer;
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};

fn refusal_error(refusal: Refusal) -> ApiError {
    let (kind, detail) = match refusal {
        Refusal::UnknownProvider => (ProblemKind::NotFound, "problem-detail-payment-provider"),
        Refusal::Unsigned | Refusal::BadSignature => (ProblemKind::Unauthorized, "problem-detail-payment-signature"),
        Refusal::Stale => (ProblemKind::Unauthorized, "problem-detail-payment-stale"),
        Refusal::Malformed => (ProblemKind::BadRequest, "problem-detail-payment-malformed"),
        Refusal::UnknownCode => (ProblemKind::NotFound, "problem-detail-payment-code"),
        Refusal::WrongAmount | Refusal::WrongCurrency => (ProblemKind::Validation, "problem-detail-payment-amount"),
        Refusal::NotPayable => (ProblemKind::Conflict, "problem-detail-payment-not-payable"),
    };
    ApiError {
        detail_id: Some((detail, Vec::new())),
        raw_detail: Some(refusal.code().to_owned()),
        ..ApiError::new(kind)
    }
}

/// `POST /api/v1/payments/callback/{provider}`: a provider confirms a payment. The body is JSON
/// (`provider_ref`, `code`, `amount`, `currency`); `X-Pencere-Timestamp` carries Unix seconds
/// and `X-Pencere-Signature` `sha256=` and the hexadecimal HMAC-SHA256 of `"{timestamp}.{body}"`
/// under the provider's secret. The same payment twice answers `200` with `duplicate`.
#[utoipa::path(post, path = "/api/v1/payments/callback/{provider}", tag = "trust",
    params(
        ("provider" = String, Path, description = "The provider's name"),
        ("X-Pencere-Timestamp" = String, Header, description = "Unix seconds when the callback was signed"),
        ("X-Pencere-Signature" = String, Header, description = "sha256= and the hex HMAC-SHA256 of \"{timestamp}.{body}\""),
    ),
    request_body(content = String, content_type = "application/json",
        description = "{\"provider_ref\": …, \"code\": …, \"amount\": \"1800.00\", \"currency\": \"AZN\"}"),
    responses(
        (status = 200, description = "Applied, or a duplicate of a payment already applied"),
        (status = 401, description = "Unsigned, forged or stale", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown provider or payment code", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The order is already paid or cancelled", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Amount or currency differ from the order's", body = crate::problem::Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn callback(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let now = state.clock().now();
    let text = String::from_utf8_lossy(&body).into_owned();
    let engine = state.engine();
    let Some(known) = state.services().payments.iter().find(|known| known.id == provider) else {
        engine
            .record_refusal(state.db(), &provider, Refusal::UnknownProvider, None, &text, now)
            .await
            .map_err(super::cases::case_error)?;
        return Err(refusal_error(Refusal::UnknownProvider));
    };
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let callback = match pencere_payments::authenticate(
        &known.secret,
        header("x-pencere-timestamp"),
        header("x-pencere-signature"),
        &body,
        now,
    ) {
        Ok(callback) => callback,
        Err(refusal) => {
            engine
                .record_refusal(state.db(), &provider, refusal, None, &text, now)
                .await
                .map_err(super::cases::case_error)?;
            return Err(refusal_error(refusal));
        }
    };
    match engine
        .confirm_payment(state.db(), &provider, &callback, &text, now)
        .await
        .map_err(super::cases::case_error)?
    {
        Ok(Applied::Paid(order)) => {
            Ok(axum::Json(serde_json::json!({ "status": "applied", "code": order.code })).into_response())
        }
        Ok(Applied::Duplicate(order)) => {
            Ok(axum::Json(serde_json::json!({ "status": "duplicate", "code": order.code })).into_response())
        }
        Err(refusal) => Err(refusal_error(refusal)),
    }
}

#[derive(Template)]
#[template(path = "pay.html")]
struct PayPage<'a> {
    chrome: Chrome<'a>,
    order: Order,
    paid: bool,
    provider: String,
}

async fn order(state: &AppState, code: &str) -> Result<Order, ApiError> {
    let mut tx = state.db().begin_read().await?;
    pencere_payments::order_by_code(&mut tx, code.trim())
        .await?
        .ok_or_else(|| ApiError::not_found("problem-detail-payment-code", Vec::new()))
}

/// `GET /test/pay/{code}`: the test environment's payment page (standing for ASAN ödəniş).
pub(crate) async fn pay_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    let Some(sandbox) = state.services().payment_sandbox.clone() else {
        return Err(ApiError::new(ProblemKind::NotFound));
    };
    let order = order(&state, &code).await?;
    let chrome = Chrome::new(&state, lang, &format!("/test/pay/{code}"), &viewer);
    let paid = order.status == OrderStatus::Paid;
    Ok(render(&PayPage { chrome, order, paid, provider: sandbox.provider.clone() }))
}

/// `POST /test/pay/{code}`: the payer presses "Pay"; the sandbox provider confirms the payment
/// to the platform over HTTP, like a real provider, and the payer returns to the case.
pub(crate) async fn pay(State(state): State<AppState>, Path(code): Path<String>) -> Result<Response, ApiError> {
    let Some(sandbox) = state.services().payment_sandbox.clone() else {
        return Err(ApiError::new(ProblemKind::NotFound));
    };
    let order = order(&state, &code).await?;
    let seconds = state.clock().now().as_micros() / 1_000_000;
    let status = sandbox.pay(&order.code, &order.amount.to_string(), &order.currency, seconds).await;
    if !matches!(status, Ok(200)) {
        tracing::warn!(?status, "the sandbox payment was not accepted");
    }
    let back = match &order.case_id {
        Some(case_id) => format!("/cabinet/cases/{case_id}"),
        None => format!("/test/pay/{}", order.code),
    };
    Ok(Redirect::to(&back).into_response())
}

#[derive(Deserialize)]
pub(crate) struct ReconciliationQuery {
    #[serde(default)]
    provider: String,
    #[serde(default)]
    date: String,
}

/// `GET /admin/payments/reconciliation?provider=…&date=YYYY-MM-DD`: the payments a provider
/// confirmed on a day (Baku time), as CSV, to reconcile with its statement.
pub(crate) async fn reconciliation(
    State(state): State<AppState>,
    Query(query): Query<ReconciliationQuery>,
) -> Result<Response, ApiError> {
    let day = if query.date.is_empty() {
        Date::in_baku(state.clock().now())
    } else {
        Date::parse(&query.date).ok_or_else(|| ApiError::bad_request("date is YYYY-MM-DD"))?
    };
    let provider = if query.provider.is_empty() {
        state.services().payments.first().map(|provider| provider.id.clone()).unwrap_or_default()
    } else {
        query.provider.clone()
    };
    let mut tx = state.db().begin_read().await?;
    let rows = pencere_payments::reconciliation(&mut tx, &provider, day).await?;
    drop(tx);
    let csv = pencere_payments::reconciliation_csv(&rows);
    let file = format!("attachment; filename=\"payments-{}-{day}.csv\"", provider.replace(['"', '\\', '/'], ""));
    let mut response = (StatusCode::OK, csv).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&file) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
