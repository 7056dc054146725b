//! `/systems/{code}`: a page per system explaining what it offers and to whom.

use askama::Template;
use axum::extract::{OriginalUri, Path, State};
use axum::response::{IntoResponse, Response};

use super::{Chrome, render};
use crate::access::Viewer;
use crate::i18n::Tr;
use crate::middleware::UserLang;
use crate::problem::ApiError;
use crate::{AppState, Portal};

/// How many "what it offers" items each portal's messages define.
pub const OFFER_COUNT: usize = 6;

/// A portal's descriptive messages (`system-CODE-…`) in one language.
pub struct SystemText<'a> {
    tr: Tr<'a>,
    code: &'static str,
}

impl<'a> SystemText<'a> {
    /// The texts of `portal` in the translator's language.
    pub fn new(tr: Tr<'a>, portal: &Portal) -> SystemText<'a> {
        SystemText { tr, code: portal.code }
    }

    /// The message `system-CODE-{part}`.
    pub fn get(&self, part: &str) -> String {
        self.tr.t(&format!("system-{}-{part}", self.code))
    }
}

#[derive(Template)]
#[template(path = "system.html")]
struct SystemPage<'a> {
    chrome: Chrome<'a>,
    code: &'static str,
    name: String,
    tagline: String,
    intro: String,
    owner: String,
    regulation: String,
    users: String,
    offers: Vec<String>,
    services: Vec<(String, String)>,
    /// Where the system's registry is as open data, when its services enter the registry.
    open_data: Option<String>,
    /// Where the viewer reports on it, when they may.
    reports: Option<String>,
    banner: Vec<super::participants::OutageLine>,
}

/// `GET /systems/{code}`.
pub(crate) async fn system_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    OriginalUri(uri): OriginalUri,
    viewer: Viewer,
    Path(code): Path<String>,
) -> Response {
    let Some(portal) = state.portal(&code) else {
        return ApiError::not_found("problem-detail-no-system", vec![("code", code)]).into_response();
    };
    let chrome = Chrome::new(&state, lang, uri.path(), &viewer);
    let text = SystemText::new(chrome.tr, portal);
    let banner = super::participants::banner(&state, &chrome.tr, portal.code).await;
    let in_registry = !pencere_cases::reports::registry_services(state.engine().catalog(), portal.code).is_empty();
    let open_data = in_registry.then(|| format!("/open-data#{}-registry", portal.code));
    let reports = viewer.0.as_deref().filter(|_| in_registry).and_then(|session| {
        let prefix = format!("{}.", portal.code);
        if session.has_role(pencere_identity::RoleName::PLATFORM_ADMIN) {
            Some(format!("/admin/reports/{}", portal.code))
        } else if session.acting_memberships().any(|membership| membership.role.as_str().starts_with(&prefix)) {
            Some(format!("/work/reports/{}", portal.code))
        } else {
            None
        }
    });
    let page = SystemPage {
        open_data,
        reports,
        banner,
        code: portal.code,
        name: text.get("name"),
        tagline: text.get("tagline"),
        intro: text.get("intro"),
        owner: text.get("owner"),
        regulation: text.get("regulation"),
        users: text.get("users"),
        offers: (1..=OFFER_COUNT).map(|n| text.get(&format!("offer-{n}"))).collect(),
        services: state
            .engine()
            .catalog()
            .services_of(portal.code)
            .map(|service| (service.id.clone(), service.name.get(lang).to_owned()))
            .collect(),
        chrome,
    };
    render(&page)
}
