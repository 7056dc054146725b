//! Server-rendered pages: the layout every page shares, language switching, and error pages.
//!
//! Pages work without JavaScript, are usable on a 360 px wide screen, and carry the landmarks,
//! labels and contrast that assistive technology needs.

pub mod home;
pub mod problems;
pub mod systems;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use pencere_core::Lang;
use serde::Deserialize;

use crate::AppState;
use crate::i18n::Tr;
use crate::middleware::{FinalBody, LANG_COOKIE, html};
use crate::problem::{ApiError, ProblemKind};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home_page))
        .route("/systems/{code}", get(systems::system_page))
        .route("/problems/{kind}", get(problems::problem_page))
        .route("/lang/{lang}", get(switch_language))
}

/// What the layout needs from every page.
pub struct Chrome<'a> {
    /// Translations in the page's language.
    pub tr: Tr<'a>,
    /// The page's language.
    pub lang: Lang,
    /// Whether to show the test-environment banner.
    pub demo: bool,
    /// The stylesheet's address.
    pub css_url: &'a str,
    /// The language switcher's links, one per language.
    pub languages: Vec<LanguageLink>,
}

/// One entry of the language switcher.
pub struct LanguageLink {
    /// The language's tag.
    pub tag: &'static str,
    /// The language's name for itself.
    pub endonym: &'static str,
    /// Where the link goes: `/lang/{tag}?next=…`.
    pub href: String,
    /// Whether the page is in this language.
    pub current: bool,
}

impl<'a> Chrome<'a> {
    /// The layout for a page at `path` in `lang`.
    pub fn new(state: &'a AppState, lang: Lang, path: &str) -> Chrome<'a> {
        let next = percent_encode(path);
        let languages = Lang::ALL
            .into_iter()
            .map(|language| LanguageLink {
                tag: language.as_str(),
                endonym: language.endonym(),
                href: format!("/lang/{}?next={next}", language.as_str()),
                current: language == lang,
            })
            .collect();
        Chrome {
            tr: state.i18n().tr(lang),
            lang,
            demo: state.config().demo,
            css_url: crate::assets::CSS_URL.as_str(),
            languages,
        }
    }

    /// A message in the page's language.
    pub fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }
}

/// Renders a template, or answers 500 (the cause logged) if it cannot be rendered.
pub fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(body) => html(body),
        Err(error) => ApiError::internal(format!("template: {error}")).into_response(),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: Chrome<'a>,
    status: u16,
    title: String,
    explanation: String,
    detail: Option<String>,
    request_id: Option<String>,
}

/// The page shown for an error status.
pub(crate) fn error_page(
    state: &AppState,
    lang: Lang,
    path: &str,
    status: StatusCode,
    kind: ProblemKind,
    detail: Option<String>,
    request_id: Option<String>,
) -> Response {
    let chrome = Chrome::new(state, lang, path);
    let page = ErrorPage {
        title: chrome.t(&kind.title_id()),
        explanation: chrome.t(&kind.explanation_id()),
        status: status.as_u16(),
        // Developer details of client errors stay in the API; people get the explanation.
        detail: detail.filter(|_| kind == ProblemKind::NotFound),
        request_id,
        chrome,
    };
    let mut response = render(&page);
    *response.status_mut() = status;
    response.extensions_mut().insert(FinalBody);
    response
}

/// Any path that names no page.
pub(crate) async fn not_found() -> ApiError {
    ApiError::new(ProblemKind::NotFound)
}

#[derive(Deserialize)]
pub(crate) struct SwitchQuery {
    next: Option<String>,
}

/// Remembers the chosen language in a cookie and goes back to the page the user was on.
async fn switch_language(Path(tag): Path<String>, Query(query): Query<SwitchQuery>) -> Response {
    let Ok(lang) = tag.parse::<Lang>() else {
        return ApiError::new(ProblemKind::NotFound).into_response();
    };
    let next = query
        .next
        .filter(|next| is_local_path(next))
        .unwrap_or_else(|| "/".to_owned());
    let mut response = Redirect::to(&next).into_response();
    let cookie = format!("{LANG_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Whether a redirect target stays on this site (no scheme, no host, no `//` or `/\` tricks).
fn is_local_path(target: &str) -> bool {
    target.starts_with('/')
        && !target.starts_with("//")
        && !target.starts_with("/\\")
        && !target.chars().any(|c| c.is_control())
}

/// Percent-encodes a path for use inside a query value.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_stay_on_the_site() {
        assert!(is_local_path("/systems/lic"));
        assert!(is_local_path("/"));
        for outside in [
            "//evil.example/",
            "/\\evil.example",
            "https://evil.example/",
            "systems",
            "/a\r\nSet-Cookie: x",
        ] {
            assert!(!is_local_path(outside), "{outside}");
        }
    }

    #[test]
    fn encodes_paths_for_queries() {
        assert_eq!(
            percent_encode("/systems/lic?x=1&y=ə"),
            "/systems/lic%3Fx%3D1%26y%3D%C9%99"
        );
    }
}
