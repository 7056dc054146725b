//! `/problems/{kind}`: the documentation behind every problem `type` the API returns.

use askama::Template;
use axum::extract::{OriginalUri, Path, State};
use axum::response::{IntoResponse, Response};

use super::{Chrome, render};
use crate::AppState;
use crate::access::Viewer;
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};

#[derive(Template)]
#[template(path = "problem.html")]
struct ProblemPage<'a> {
    chrome: Chrome<'a>,
    slug: &'static str,
    status: u16,
    title: String,
    explanation: String,
}

/// `GET /problems/{kind}`.
pub(crate) async fn problem_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    OriginalUri(uri): OriginalUri,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Response {
    let Some(kind) = ProblemKind::from_slug(&slug) else {
        return ApiError::new(ProblemKind::NotFound).into_response();
    };
    let chrome = Chrome::new(&state, lang, uri.path(), &viewer);
    let page = ProblemPage {
        slug: kind.slug(),
        status: kind.status().as_u16(),
        title: chrome.t(&kind.title_id()),
        explanation: chrome.t(&kind.explanation_id()),
        chrome,
    };
    render(&page)
}
