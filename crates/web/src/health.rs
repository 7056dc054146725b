//! Liveness, readiness and metrics, for load balancers and monitoring.

use std::time::Duration;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::AppState;
use crate::access::{Access, Routes};
use crate::middleware::FinalBody;

/// How long readiness waits for the database.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

pub(crate) fn routes() -> Routes {
    Routes::default()
        .get("/healthz", Access::Public, get(healthz))
        .get("/readyz", Access::Public, get(readyz))
        // Operators scrape it from inside the network; it holds no personal data.
        .get("/metrics", Access::Public, get(metrics))
}

/// Liveness: the process answers.
async fn healthz() -> &'static str {
    "ok\n"
}

/// Readiness: 200 only while the database answers.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match tokio::time::timeout(READY_TIMEOUT, state.db().ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready\n").into_response(),
        Ok(Err(error)) => {
            tracing::warn!(%error, "not ready: database");
            not_ready()
        }
        Err(_) => {
            tracing::warn!("not ready: database did not answer in time");
            not_ready()
        }
    }
}

fn not_ready() -> axum::response::Response {
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, "not ready: database\n").into_response();
    response.extensions_mut().insert(FinalBody);
    response
}

/// Prometheus metrics in the text exposition format: the process's own, then the operational
/// gauges read from the database (left out, with `pencere_gauges_up 0`, when it does not answer).
async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let mut body = state.metrics().render(&state.db().pool_stats(), state.db().backend().as_str());
    let now = state.clock().now();
    let today = pencere_core::calendar::Date::in_baku(now).to_string();
    let gauges = pencere_store::monitor::gauges(state.db(), now, &today).await;
    crate::metrics::render_gauges(&mut body, gauges.as_ref().ok());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body)
}
