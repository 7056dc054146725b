//! The test environment's deadline sweep as of a chosen date (`/test/deadlines`).
//!
//! A real server's clock cannot be moved, yet the browser tests must show what happens when a
//! legal deadline passes (an application left unconsidered, LIC-5.5). The operator runs here the
//! same sweep the server runs every minute, as of the start of a given day in Baku. The page and
//! its action exist only in demo mode: elsewhere both answer 404.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use fluent_bundle::FluentValue;
use pencere_core::Timestamp;
use pencere_core::calendar::Date;
use serde::Deserialize;

use super::cases::case_error;
use super::{Chrome, render, render_with_status};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};

/// Four hours: Baku is UTC+4 all year.
const BAKU_OFFSET_MICROS: i64 = 4 * 3_600_000_000;

#[derive(Template)]
#[template(path = "test_deadlines.html")]
struct DeadlinesPage<'a> {
    chrome: Chrome<'a>,
    date: String,
    date_error: Option<String>,
    /// The last sweep's result, in the page's language.
    result: Option<String>,
}

/// The result shown after a sweep, carried in the redirect's query.
#[derive(Deserialize)]
pub(crate) struct SweptQuery {
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    acted: Option<usize>,
    #[serde(default)]
    flagged: Option<usize>,
}

/// Refuses outside the test environment, as if the route did not exist.
fn demo_only(state: &AppState) -> Result<(), ApiError> {
    if state.config().demo { Ok(()) } else { Err(ApiError::new(ProblemKind::NotFound)) }
}

/// `GET /test/deadlines`: the form, and the last sweep's result.
pub(crate) async fn page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Query(query): Query<SweptQuery>,
) -> Result<Response, ApiError> {
    demo_only(&state)?;
    let chrome = Chrome::new(&state, lang, "/test/deadlines", &viewer);
    let (date, result) = match (query.date, query.acted, query.flagged) {
        (Some(date), Some(acted), Some(flagged)) if Date::parse(&date).is_some() => {
            let message = chrome.tr.t_with(
                "test-deadlines-done",
                &[
                    ("date", FluentValue::from(date.as_str())),
                    ("acted", FluentValue::from(acted)),
                    ("flagged", FluentValue::from(flagged)),
                ],
            );
            (date, Some(message))
        }
        _ => (String::new(), None),
    };
    Ok(render(&DeadlinesPage { chrome, date, date_error: None, result }))
}

#[derive(Deserialize)]
pub(crate) struct SweepForm {
    #[serde(default)]
    date: String,
}

/// The start of `date` in Baku, or `None` if it is not a `YYYY-MM-DD` date.
fn start_of_day_in_baku(date: &str) -> Option<Timestamp> {
    Timestamp::parse_date(date)
        .map(|midnight_utc| Timestamp::from_micros(midnight_utc.as_micros() - BAKU_OFFSET_MICROS))
}

/// `POST /test/deadlines/sweep`: runs the deadline sweep as of the start of the given day in
/// Baku; deadlines due before that day expire, as they would have on that day.
pub(crate) async fn sweep(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<SweepForm>,
) -> Result<Response, ApiError> {
    demo_only(&state)?;
    // Normalized, so that the redirect carries only `YYYY-MM-DD`.
    let date = Date::parse(&form.date).map(|date| date.to_string()).unwrap_or_else(|| form.date.trim().to_owned());
    let Some(at) = start_of_day_in_baku(&date) else {
        let chrome = Chrome::new(&state, lang, "/test/deadlines", &viewer);
        let date_error = Some(chrome.t("test-deadlines-date-invalid"));
        let page = DeadlinesPage { chrome, date, date_error, result: None };
        return Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY));
    };
    let report = state.engine().sweep(state.db(), at).await.map_err(case_error)?;
    // The sweep commits case by case; the operator's request is journaled after it.
    let now = state.clock().now();
    let context = meta.context();
    let details = format!(
        "{{\"as_of\":{},\"acted\":{},\"flagged\":{}}}",
        pencere_store::audit::json_string(&date),
        report.acted,
        report.flagged
    );
    let mut tx = state.db().begin().await?;
    pencere_store::audit::append(
        &mut tx,
        &pencere_store::audit::NewEntry {
            action: "test.deadlines_swept",
            record: Some(("deadline_sweep", &date)),
            subject_id: None,
            details: &details,
            ..session.entry(now, &context)
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(as_of = %date, acted = report.acted, flagged = report.flagged, "deadline sweep run by the operator");
    Ok(Redirect::to(&format!("/test/deadlines?date={date}&acted={}&flagged={}", report.acted, report.flagged))
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::start_of_day_in_baku;

    #[test]
    fn the_day_starts_at_midnight_in_baku() {
        let at = start_of_day_in_baku("2026-12-15").unwrap_or_else(|| panic!("a date"));
        assert_eq!(at.to_string(), "2026-12-14T20:00:00Z");
        assert!(start_of_day_in_baku("2026-02-30").is_none());
        assert!(start_of_day_in_baku("tomorrow").is_none());
    }
}
