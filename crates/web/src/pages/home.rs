//! The home page: what Pəncərə is and the five systems on it.

use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::response::Response;

use super::systems::SystemText;
use super::{Chrome, render};
use crate::AppState;
use crate::access::Viewer;
use crate::middleware::UserLang;

/// A system's card on the home page.
pub struct SystemCard {
    code: &'static str,
    name: String,
    tagline: String,
    owner: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    chrome: Chrome<'a>,
    systems: Vec<SystemCard>,
}

/// `GET /`: the home page.
pub(crate) async fn home_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    OriginalUri(uri): OriginalUri,
    viewer: Viewer,
) -> Response {
    let chrome = Chrome::new(&state, lang, uri.path(), &viewer);
    let systems = state
        .portals()
        .iter()
        .map(|portal| {
            let text = SystemText::new(chrome.tr, portal);
            SystemCard {
                code: portal.code,
                name: text.get("name"),
                tagline: text.get("tagline"),
                owner: text.get("owner"),
            }
        })
        .collect();
    render(&HomePage { chrome, systems })
}
