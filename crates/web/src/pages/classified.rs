//! `/work/classified`: the persons classified under VEIS-1.10, for officials holding
//! `ehis.cleared` in the body they act for — those the civil registry marked through EHİS and
//! those entered here by hand, with the ground (journaled as `classified.mark`).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_core::{Fin, Lang};
use pencere_store::classified::{self, Marker, Source};
use serde::Deserialize;

use super::{Chrome, render_with_status};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, Viewer};
use crate::middleware::UserLang;
use crate::problem::ApiError;

struct Line {
    fin: String,
    source: String,
    when: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "work_classified.html")]
struct ClassifiedPage<'a> {
    chrome: Chrome<'a>,
    lines: Vec<Line>,
    fin: String,
    reason: String,
    fin_error: Option<String>,
    reason_error: Option<String>,
    notice: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

#[derive(Default, Deserialize)]
pub(crate) struct MarkForm {
    #[serde(default)]
    fin: String,
    #[serde(default)]
    reason: String,
}

async fn page(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    form: MarkForm,
    errors: (Option<&str>, Option<&str>),
    notice: Option<&str>,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(state, lang, "/work/classified", viewer);
    let mut tx = state.db().begin_read().await?;
    let recorded = classified::list(&mut tx).await?;
    drop(tx);
    let lines = recorded
        .into_iter()
        .map(|row| Line {
            source: chrome.t(&format!("classified-source-{}", row.source)),
            when: row.marked_at.baku_minute(),
            reason: row.reason.unwrap_or_default(),
            fin: row.fin,
        })
        .collect();
    let status =
        if errors.0.is_some() || errors.1.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = ClassifiedPage {
        lines,
        fin: form.fin,
        reason: form.reason,
        fin_error: errors.0.map(|id| chrome.t(id)),
        reason_error: errors.1.map(|id| chrome.t(id)),
        notice: notice.map(|id| chrome.t(id)),
        chrome,
    };
    Ok(render_with_status(&page, status))
}

/// `GET /work/classified`: the list and the entry form.
pub(crate) async fn list_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Query(query): Query<DoneQuery>,
) -> Result<Response, ApiError> {
    let notice = match query.done.as_deref() {
        Some("marked") => Some("classified-marked"),
        Some("already") => Some("classified-already"),
        _ => None,
    };
    page(&state, lang, &viewer, MarkForm::default(), (None, None), notice).await
}

/// `POST /work/classified`: records a person as classified, with the ground.
pub(crate) async fn mark(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    CsrfForm(mut form): CsrfForm<MarkForm>,
) -> Result<Response, ApiError> {
    form.fin = form.fin.trim().to_uppercase();
    form.reason = form.reason.trim().to_owned();
    let fin = form.fin.parse::<Fin>().ok();
    let errors =
        (fin.is_none().then_some("classified-error-fin"), form.reason.is_empty().then_some("classified-error-reason"));
    let Some(fin) = fin.filter(|_| errors.1.is_none()) else {
        return page(&state, lang, &viewer, form, errors, None).await;
    };
    let by = Marker {
        user_id: Some(&session.user.id),
        label: &session.user.login,
        org_id: session.acting_org_id.as_deref(),
    };
    let mut tx = state.db().begin().await?;
    let fresh = classified::mark(&mut tx, &fin, Source::Official, &by, Some(&form.reason), state.clock().now()).await?;
    tx.commit().await?;
    let done = if fresh { "marked" } else { "already" };
    Ok(Redirect::to(&format!("/work/classified?done={done}")).into_response())
}
