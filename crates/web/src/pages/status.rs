//! The operator's status page (`/admin/status`): the operational gauges `/metrics` exposes, each
//! against the threshold of its alert in `ops/prometheus/alerts.yml`, in the operator's language.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{Chrome, render};
use crate::AppState;
use crate::access::Viewer;
use crate::middleware::UserLang;
use crate::problem::ApiError;

struct Line {
    id: &'static str,
    label: String,
    value: String,
    attention: bool,
}

#[derive(Template)]
#[template(path = "admin_status.html")]
struct StatusPage<'a> {
    chrome: Chrome<'a>,
    lines: Vec<Line>,
    exchange: Vec<(String, String, i64)>,
}

/// `GET /admin/status`.
pub(crate) async fn status_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(&state, lang, "/admin/status", &viewer);
    let now = state.clock().now();
    let today = pencere_core::calendar::Date::in_baku(now).to_string();
    let gauges = pencere_store::monitor::gauges(state.db(), now, &today).await?;
    let seconds = |value: i64| chrome.tr.t_with("status-seconds", &[("n", fluent_bundle::FluentValue::from(value))]);
    let line = |id: &'static str, value: String, attention: bool| Line {
        id,
        label: chrome.t(&format!("status-{id}")),
        value,
        attention,
    };
    let busy = state.db().pool_stats().iter().any(|pool| pool.size >= pool.max && pool.idle == 0);
    let lines = vec![
        line("outbox-pending", gauges.outbox_pending.to_string(), false),
        line("outbox-lag", seconds(gauges.outbox_oldest_seconds), gauges.outbox_oldest_seconds > 300),
        line("outbox-dead", gauges.outbox_dead.to_string(), gauges.outbox_dead > 0),
        line("deadlines-open", gauges.deadlines_open.to_string(), false),
        line("deadlines-past-due", gauges.deadlines_past_due.to_string(), gauges.deadlines_past_due > 0),
        line("cases-overdue", gauges.cases_overdue.to_string(), gauges.cases_overdue > 0),
        line("audit-unsealed", gauges.audit_unsealed.to_string(), false),
        line("audit-lag", seconds(gauges.audit_oldest_unsealed_seconds), gauges.audit_oldest_unsealed_seconds > 60),
        line("db-pool", if busy { chrome.t("status-busy") } else { chrome.t("status-ok") }, busy),
    ];
    let exchange = gauges.exchange_recent;
    Ok(render(&StatusPage { chrome, lines, exchange }))
}
