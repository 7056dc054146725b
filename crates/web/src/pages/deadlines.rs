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
use pencere_core::calendar::Date;
use serde::Deserialize;

use super::cases::case_error;
use super::{Chrome, render, render_with_status};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};

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

/// `POST /test/deadlines/sweep`: runs the deadline sweep as of the given day in Baku: deadlines
/// due before that day expire, as they would have on that day.
pub(crate) async fn sweep(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<SweepForm>,
) -> Result<Response, ApiError> {
    demo_only(&state)?;
    let Some(as_of) = Date::parse(&form.date) else {
        let date = form.date.trim().to_owned();
        let chrome = Chrome::new(&state, lang, "/test/deadlines", &viewer);
        let date_error = Some(chrome.t("test-deadlines-date-invalid"));
        let page = DeadlinesPage { chrome, date, date_error, result: None };
        return Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY));
    };
    // Deadlines expire as of that day; what follows (the notices above all) happens now, so
    // that the notices are delivered at once rather than on that day.
    let now = state.clock().now();
    // Normalized, so that the redirect carries only `YYYY-MM-DD`.
    let date = as_of.to_string();
    let report = state.engine().sweep_as_of(state.db(), as_of, now).await.map_err(case_error)?;
    // The sweep commits case by case; the operator's request is journaled after it.
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
