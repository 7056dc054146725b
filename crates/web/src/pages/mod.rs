//! Server-rendered pages: the layout every page shares, language switching, and error pages.
//!
//! Pages work without JavaScript, are usable on a 360 px wide screen, and carry the landmarks,
//! labels and contrast that assistive technology needs.

pub mod admin;
pub mod auth;
pub mod cabinet;
pub mod cases;
pub mod classified;
pub mod consents;
pub mod data;
pub mod deadlines;
pub mod ehis;
pub mod email;
pub mod esign;
pub mod followups;
pub mod home;
pub mod issued;
pub mod members;
pub mod notes;
pub mod open_data;
pub mod participants;
pub mod participation;
pub mod payments;
pub mod problems;
pub mod publication;
pub mod registry;
pub mod reports;
pub mod security;
pub mod security_events;
pub mod sso;
pub mod status;
pub mod systems;

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::Method;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use pencere_core::Lang;
use pencere_identity::RoleName;
use serde::Deserialize;

use crate::AppState;
use crate::access::{Access, Routes, Viewer};
use crate::i18n::Tr;
use crate::middleware::{FinalBody, LANG_COOKIE, html};
use crate::problem::{ApiError, ProblemKind};

pub(crate) fn routes() -> Routes {
    Routes::default()
        .get("/", Access::Public, get(home::home_page))
        .get("/systems/{code}", Access::Public, get(systems::system_page))
        .get("/problems/{kind}", Access::Public, get(problems::problem_page))
        .get("/lang/{lang}", Access::Public, get(switch_language))
        .route("/login", Access::Public, &[Method::GET, Method::POST], get(auth::login_page).post(auth::login_submit))
        .post("/login/email", Access::Public, post(email::request_link))
        .post("/login/sandbox", Access::Public, post(auth::sandbox_login))
        .route(
            "/login/email/{token}",
            Access::Public,
            &[Method::GET, Method::POST],
            get(email::confirm_page).post(email::redeem),
        )
        .get("/test/mailbox", Access::Public, get(email::mailbox))
        .get("/login/sso", Access::Public, get(sso::start))
        .get("/login/sso/callback", Access::Public, get(sso::callback))
        .get("/test/oidc/.well-known/openid-configuration", Access::Public, get(sso::discovery))
        .get("/test/oidc/jwks", Access::Public, get(sso::jwks))
        .route(
            "/test/oidc/authorize",
            Access::Public,
            &[Method::GET, Method::POST],
            get(sso::authorize_page).post(sso::authorize),
        )
        .post("/test/oidc/token", Access::Public, post(sso::token))
        .post("/login/mobile", Access::Public, post(esign::start))
        .post("/login/mobile/complete", Access::Public, post(esign::complete))
        .get("/test/phone", Access::Public, get(esign::phone_page))
        .post("/test/phone/answer", Access::Public, post(esign::phone_answer))
        .post("/logout", Access::Authenticated, post(auth::logout))
        .post("/logout-everywhere", Access::Authenticated, post(auth::logout_everywhere))
        .get("/cabinet", Access::Authenticated, get(cabinet::cabinet_page))
        .post("/cabinet/organization", Access::Authenticated, post(cabinet::switch_organization))
        .get("/cabinet/consents", Access::Authenticated, get(consents::consents_page))
        .post("/cabinet/consents", Access::Authenticated, post(consents::give))
        .post("/cabinet/consents/revoke", Access::Authenticated, post(consents::revoke))
        .get("/cabinet/data", Access::Authenticated, get(data::my_data_page))
        .post("/cabinet/data/corrections", Access::Authenticated, post(data::request_correction))
        .get("/cabinet/security", Access::Authenticated, get(security::security_page))
        .post("/cabinet/security/totp", Access::Authenticated, post(security::change_totp))
        .get("/org/members", Access::Role(RoleName::ORG_HEAD), get(members::organization_members))
        .post("/org/members/grant", Access::Role(RoleName::ORG_HEAD), post(members::grant))
        .post("/org/members/revoke", Access::Role(RoleName::ORG_HEAD), post(members::revoke))
        .get("/admin/audit", Access::Role(RoleName::PLATFORM_ADMIN), get(admin::audit_page))
        .route(
            "/work/security/events",
            Access::Official,
            &[Method::GET, Method::POST],
            get(security_events::events_page).post(security_events::report),
        )
        .post("/work/security/events/{id}/inquiries", Access::Official, post(security_events::record_inquiry))
        .post("/work/security/inquiries/{id}/answer", Access::Official, post(security_events::answer))
        .route(
            "/admin/security/events",
            Access::Role(RoleName::PLATFORM_ADMIN),
            &[Method::GET, Method::POST],
            get(security_events::events_page).post(security_events::report),
        )
        .post(
            "/admin/security/events/{id}/inquiries",
            Access::Role(RoleName::PLATFORM_ADMIN),
            post(security_events::record_inquiry),
        )
        .post(
            "/admin/security/inquiries/{id}/answer",
            Access::Role(RoleName::PLATFORM_ADMIN),
            post(security_events::answer),
        )
        .get("/admin/status", Access::Role(RoleName::PLATFORM_ADMIN), get(status::status_page))
        .get("/admin/exchange", Access::Role(RoleName::PLATFORM_ADMIN), get(ehis::admin_page))
        .get("/work/ehis", Access::Role(pencere_exchange::SOURCE_ROLE), get(ehis::source_page))
        .route(
            "/work/classified",
            Access::Role(pencere_exchange::CLEARED_ROLE),
            &[Method::GET, Method::POST],
            get(classified::list_page).post(classified::mark),
        )
        .post("/work/ehis/sign", Access::Role(pencere_exchange::SOURCE_ROLE), post(ehis::sign_start))
        .post("/work/ehis/sign/complete", Access::Role(pencere_exchange::SOURCE_ROLE), post(ehis::sign_complete))
        .get("/admin/members", Access::Role(RoleName::PLATFORM_ADMIN), get(members::operator_members))
        .post("/admin/members/revoke", Access::Role(RoleName::PLATFORM_ADMIN), post(members::revoke))
        .get("/admin/corrections", Access::Role(RoleName::PLATFORM_ADMIN), get(admin::corrections_queue))
        .post("/admin/corrections/decide", Access::Role(RoleName::PLATFORM_ADMIN), post(admin::decide_correction))
        .get("/services/{id}", Access::Public, get(cases::service_page))
        .route(
            "/services/{id}/information/edit",
            Access::Official,
            &[Method::GET, Method::POST],
            get(publication::edit_form).post(publication::edit_submit),
        )
        .get("/admin/publications", Access::Role(RoleName::PLATFORM_ADMIN), get(publication::queue))
        .post("/admin/publications/{id}/publish", Access::Role(RoleName::PLATFORM_ADMIN), post(publication::publish))
        .post("/admin/publications/{id}/return", Access::Role(RoleName::PLATFORM_ADMIN), post(publication::give_back))
        .route(
            "/services/{id}/apply",
            Access::Authenticated,
            &[Method::GET, Method::POST],
            get(cases::apply_page).post(cases::apply_submit),
        )
        .get("/cabinet/cases", Access::Authenticated, get(cases::my_cases_page))
        .get("/cabinet/cases/{id}", Access::Authenticated, get(cases::my_case_page))
        .post("/cabinet/cases/{id}/act", Access::Authenticated, post(cases::applicant_act))
        .post("/cabinet/cases/{id}/documents", Access::Authenticated, post(cases::upload_document))
        .get("/cases/{id}/documents/{slot}/{version}", Access::Authenticated, get(cases::download_document))
        .get("/cabinet/inbox", Access::Authenticated, get(cases::inbox_page))
        .post("/cabinet/inbox/read", Access::Authenticated, post(cases::inbox_read))
        .get("/work", Access::Official, get(cases::queue_page))
        .get("/work/cases/{id}", Access::Official, get(cases::work_case_page))
        .post("/work/cases/{id}/act", Access::Official, post(cases::official_act))
        .post("/work/cases/{id}/assign", Access::Official, post(cases::assign))
        .post("/work/cases/{id}/opinion", Access::Official, post(cases::give_opinion))
        .post("/work/cases/{id}/queries", Access::Official, post(followups::ask))
        .post("/work/queries/{id}/answer", Access::Official, post(followups::answer))
        .post("/work/cases/{id}/paper/{copy}", Access::Official, post(followups::hand_over))
        .post("/cabinet/cases/{id}/paper", Access::Authenticated, post(followups::request_paper))
        .get("/admin/participants", Access::Role(RoleName::PLATFORM_ADMIN), get(participants::operator_list))
        .get("/admin/participants/{code}", Access::Role(RoleName::PLATFORM_ADMIN), get(participants::operator_page))
        .post(
            "/admin/participants/{code}/systems/{id}/compliance",
            Access::Role(RoleName::PLATFORM_ADMIN),
            post(participants::decide_compliance),
        )
        .post(
            "/admin/participants/{code}/notices",
            Access::Role(RoleName::PLATFORM_ADMIN),
            post(participants::send_notice),
        )
        .post("/admin/participants/{code}/warn", Access::Role(RoleName::PLATFORM_ADMIN), post(participants::warn))
        .post("/admin/participants/{code}/suspend", Access::Role(RoleName::PLATFORM_ADMIN), post(participants::suspend))
        .post("/admin/participants/{code}/lift", Access::Role(RoleName::PLATFORM_ADMIN), post(participants::lift))
        .post("/admin/incidents", Access::Role(RoleName::PLATFORM_ADMIN), post(participants::record_incident))
        .post(
            "/admin/incidents/{id}/resolve",
            Access::Role(RoleName::PLATFORM_ADMIN),
            post(participants::resolve_incident),
        )
        .get("/work/participant", Access::Official, get(participants::own_page))
        .post("/work/participant/systems", Access::Official, post(participants::register_system))
        .post("/work/participant/systems/{id}/compliance", Access::Official, post(participants::submit_compliance))
        .post("/work/participant/notices/{id}/answer", Access::Official, post(participants::answer_notice))
        .post("/work/participant/maintenance", Access::Official, post(participants::announce))
        .get("/maintenance", Access::Public, get(participants::public_list))
        .get("/admin/statistics", Access::Role(RoleName::PLATFORM_ADMIN), get(cases::statistics_page))
        .get("/admin/statistics.csv", Access::Role(RoleName::PLATFORM_ADMIN), get(cases::statistics_csv))
        .get("/admin/outbox", Access::Role(RoleName::PLATFORM_ADMIN), get(cases::outbox_page))
        .post("/admin/outbox/retry", Access::Role(RoleName::PLATFORM_ADMIN), post(cases::outbox_retry))
        .get("/registry", Access::Public, get(registry::search_page))
        .get("/registry/seal.pem", Access::Public, get(registry::seal_key))
        .get("/registry/{number}", Access::Public, get(registry::entry_page))
        .get("/registry/{number}/extract.pdf", Access::Public, get(registry::extract))
        .get("/registry/{number}/extract.sig", Access::Public, get(registry::extract_signature))
        .post("/registry/{number}/motions", Access::Official, post(registry::file_motion))
        .post("/registry/{number}/notes", Access::Authenticated, post(notes::enter))
        .post("/registry/{number}/errors", Access::Authenticated, post(notes::report))
        .post("/registry/{number}/errors/{id}/answer", Access::Authenticated, post(notes::answer))
        .post("/work/motions/{id}/dismiss", Access::Official, post(registry::dismiss_motion))
        .get("/verify", Access::Public, get(issued::verify_form))
        .get("/verify/{code}", Access::Public, get(issued::verify_page))
        .post("/work/documents/{id}/sign", Access::Official, post(issued::sign_start))
        .post("/work/documents/{id}/sign/complete", Access::Official, post(issued::sign_complete))
        .post("/work/documents/{id}/decline", Access::Official, post(issued::decline))
        .post("/cabinet/documents/{id}/sign", Access::Authenticated, post(issued::sign_start))
        .post("/cabinet/documents/{id}/sign/complete", Access::Authenticated, post(issued::sign_complete))
        .post("/cabinet/documents/{id}/decline", Access::Authenticated, post(issued::decline))
        .get("/documents/{id}/pdf", Access::Authenticated, get(issued::download_pdf))
        .get("/documents/{id}/signature", Access::Authenticated, get(issued::download_signature))
        .get("/admin/payments/reconciliation", Access::Role(RoleName::PLATFORM_ADMIN), get(payments::reconciliation))
        .get("/test/pki/ca.pem", Access::Public, get(issued::test_ca))
        .get("/test/pki/crl", Access::Public, get(issued::test_crl))
        .post("/test/pki/revoke", Access::Role(RoleName::PLATFORM_ADMIN), post(issued::test_revoke))
        .get("/test/pay/{code}", Access::Public, get(payments::pay_page))
        .post("/test/pay/{code}", Access::Public, post(payments::pay))
        .get("/test/deadlines", Access::Role(RoleName::PLATFORM_ADMIN), get(deadlines::page))
        .post("/test/deadlines/sweep", Access::Role(RoleName::PLATFORM_ADMIN), post(deadlines::sweep))
        .get("/test/sms", Access::Public, get(cases::sms_page))
        .post("/test/sms/gateway", Access::Public, post(cases::sms_gateway))
        .merge(participation_routes())
        .merge(reports::routes())
        .merge(open_data::routes())
}

fn participation_routes() -> Routes {
    use participation as p;
    let both = [Method::GET, Method::POST];
    Routes::default()
        .route("/inquiries/new", Access::Public, &both, get(p::appeal_form).post(p::appeal_submit))
        .get("/inquiries/{number}", Access::Public, get(p::appeal_page))
        .route("/suggestions/new", Access::Public, &both, get(p::appeal_form).post(p::appeal_submit))
        .get("/suggestions/{number}", Access::Public, get(p::appeal_page))
        .get("/work/inquiries", Access::Official, get(p::inquiry_queue))
        .post("/work/inquiries/{id}/answer", Access::Official, post(p::answer_inquiry))
        .get("/admin/suggestions", Access::Role(RoleName::PLATFORM_ADMIN), get(p::suggestion_queue))
        .post("/admin/suggestions/{id}/answer", Access::Role(RoleName::PLATFORM_ADMIN), post(p::answer_suggestion))
        .get("/drafts", Access::Public, get(p::drafts_page))
        .get("/drafts/{id}", Access::Public, get(p::draft_page))
        .post("/drafts/{id}/proposals", Access::Authenticated, post(p::submit_proposal))
        .route("/work/drafts", Access::Official, &both, get(p::work_drafts).post(p::submit_draft))
        .post("/work/proposals/{id}/answer", Access::Official, post(p::answer_proposal))
        .get("/admin/drafts", Access::Role(RoleName::PLATFORM_ADMIN), get(p::admin_drafts))
        .post("/admin/drafts/{id}/decide", Access::Role(RoleName::PLATFORM_ADMIN), post(p::decide_draft))
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
    /// The logged-in user's name, if any.
    pub user_name: Option<String>,
    /// The session's anti-CSRF token, for the log-out form.
    pub csrf: String,
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
    pub fn new(state: &'a AppState, lang: Lang, path: &str, viewer: &Viewer) -> Chrome<'a> {
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
            user_name: viewer.0.as_ref().map(|session| session.user.full_name.clone()),
            csrf: viewer.0.as_ref().map(|session| session.csrf_token.clone()).unwrap_or_default(),
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

/// Renders a page that answers with `status`. An error status keeps this body: the error
/// middleware leaves it alone (a form re-shown with its field errors, a refused login).
pub fn render_with_status(template: &impl Template, status: StatusCode) -> Response {
    let mut response = render(template);
    if response.status().is_success() {
        *response.status_mut() = status;
        response.extensions_mut().insert(FinalBody);
    }
    response
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: Chrome<'a>,
    status: u16,
    title: String,
    explanation: String,
    detail: Option<String>,
    link: Option<(&'static str, String)>,
    request_id: Option<String>,
}

/// What an error page says beyond its kind: a detail, whether it is localized, and a link.
pub(crate) struct ErrorDetail {
    pub(crate) text: Option<String>,
    pub(crate) localized: bool,
    pub(crate) link: Option<crate::problem::HelpLink>,
}

/// The request an error page answers.
pub(crate) struct ErrorRequest {
    pub(crate) lang: Lang,
    pub(crate) path: String,
    pub(crate) request_id: Option<String>,
    pub(crate) viewer: Viewer,
}

/// The page shown for an error status.
pub(crate) fn error_page(
    state: &AppState,
    request: ErrorRequest,
    status: StatusCode,
    kind: ProblemKind,
    detail: ErrorDetail,
) -> Response {
    let chrome = Chrome::new(state, request.lang, &request.path, &request.viewer);
    let link = detail.link.map(|link| (link.href(), chrome.t(link.label_id())));
    let page = ErrorPage {
        title: chrome.t(&kind.title_id()),
        explanation: chrome.t(&kind.explanation_id()),
        status: status.as_u16(),
        // Developer details of client errors stay in the API; people get the explanation, and
        // a localized detail where the handler gave one.
        detail: detail.text.filter(|_| kind == ProblemKind::NotFound || detail.localized),
        link,
        request_id: request.request_id,
        chrome,
    };
    render_with_status(&page, status)
}

#[derive(Template)]
#[template(path = "login_failure.html")]
struct LoginFailurePage<'a> {
    chrome: Chrome<'a>,
    message: String,
}

/// The page that says why a login by e-signature or single sign-on did not happen.
pub(crate) fn login_failure(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    message_id: &str,
    status: StatusCode,
) -> Response {
    let chrome = Chrome::new(state, lang, "/login", viewer);
    let message = chrome.t(message_id);
    render_with_status(&LoginFailurePage { chrome, message }, status)
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
    let next = query.next.filter(|next| is_local_path(next)).unwrap_or_else(|| "/".to_owned());
    let mut response = Redirect::to(&next).into_response();
    let cookie = format!("{LANG_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Whether a redirect target stays on this site (no scheme, no host, no `//` or `/\` tricks).
pub(crate) fn is_local_path(target: &str) -> bool {
    target.starts_with('/')
        && !target.starts_with("//")
        && !target.starts_with("/\\")
        && !target.chars().any(|c| c.is_control())
}

/// Where to go after logging in: the requested local page, or the cabinet (never back to a login
/// page, never off the site).
pub(crate) fn after_login(next: &str) -> String {
    if is_local_path(next) && !next.starts_with("/login") { next.to_owned() } else { "/cabinet".to_owned() }
}

/// Percent-encodes a path for use inside a query value.
pub(crate) fn percent_encode(text: &str) -> String {
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
        for outside in ["//evil.example/", "/\\evil.example", "https://evil.example/", "systems", "/a\r\nSet-Cookie: x"]
        {
            assert!(!is_local_path(outside), "{outside}");
        }
    }

    #[test]
    fn encodes_paths_for_queries() {
        assert_eq!(percent_encode("/systems/lic?x=1&y=ə"), "/systems/lic%3Fx%3D1%26y%3D%C9%99");
    }
}
