//! Login by e-mail link for foreigners and stateless persons (MIG-4.3), and the test
//! environment's mailbox page.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use pencere_identity::email_link::{self, LinkError};
use serde::Deserialize;

use super::{Chrome, render};
use crate::AppState;
use crate::access::{RequestMeta, Viewer};
use crate::mail::Mail;
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};

#[derive(Template)]
#[template(path = "login_email.html")]
struct EmailPage<'a> {
    chrome: Chrome<'a>,
    message: String,
    token: Option<String>,
    alert: bool,
}

fn page(
    state: &AppState,
    lang: pencere_core::Lang,
    viewer: &Viewer,
    message_id: &str,
    token: Option<String>,
    status: StatusCode,
) -> Response {
    let chrome = Chrome::new(state, lang, "/login", viewer);
    let message = chrome.t(message_id);
    let alert = status.is_client_error() || status.is_server_error();
    super::render_with_status(&EmailPage { chrome, message, token, alert }, status)
}

#[derive(Deserialize)]
pub(crate) struct EmailForm {
    #[serde(default)]
    email: String,
}

/// `POST /login/email`: sends a login link, if the address belongs to a foreigner's account.
/// The answer is the same either way.
pub(crate) async fn request_link(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
    Form(form): Form<EmailForm>,
) -> Result<Response, ApiError> {
    let Some(mailer) = state.services().mail.clone() else {
        return Ok(page(&state, lang, &viewer, "email-unavailable", None, StatusCode::SERVICE_UNAVAILABLE));
    };
    let now = state.clock().now();
    if let Some(link) =
        email_link::request(state.db(), now, &form.email, &meta.context()).await.map_err(ApiError::internal)?
    {
        let tr = state.i18n().tr(lang);
        let url = format!("{}/login/email/{}", state.config().public_url, link.token);
        let text = tr.t_with("email-link-text", &[("name", link.user.full_name.clone().into()), ("url", url.into())]);
        let mail = Mail {
            to: link.user.email.clone().unwrap_or_default(),
            subject: tr.t("email-link-subject"),
            text,
            id: None,
        };
        if let Err(error) = mailer.send(mail).await {
            tracing::error!(%error, "sending a login link");
            return Ok(page(&state, lang, &viewer, "email-unavailable", None, StatusCode::SERVICE_UNAVAILABLE));
        }
    }
    Ok(page(&state, lang, &viewer, "email-sent", None, StatusCode::OK))
}

/// `GET /login/email/{token}`: asks to press a button, so that link previews do not use it up.
pub(crate) async fn confirm_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Response {
    page(&state, lang, &viewer, "email-confirm", Some(token), StatusCode::OK)
}

/// `POST /login/email/{token}`: logs in with the link, once.
pub(crate) async fn redeem(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    match email_link::redeem(state.db(), state.clock().now(), &token, &state.config().session, &meta.context()).await {
        Ok((_, started)) => Ok(crate::access::logged_in_redirect(&state, "/cabinet", &started.token)),
        Err(LinkError::Identity(error)) => Err(ApiError::internal(error)),
        Err(error) => {
            let message = match error {
                LinkError::Expired => "email-error-expired",
                LinkError::Used => "email-error-used",
                _ => "email-error-unknown",
            };
            Ok(page(&state, lang, &viewer, message, None, StatusCode::UNAUTHORIZED))
        }
    }
}

#[derive(Template)]
#[template(path = "mailbox.html")]
struct MailboxPage<'a> {
    chrome: Chrome<'a>,
    messages: Vec<Mail>,
}

/// `GET /test/mailbox`: what the test environment "sent".
pub(crate) async fn mailbox(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    let mailbox = state.services().mailbox.clone().ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    let chrome = Chrome::new(&state, lang, "/test/mailbox", &viewer);
    Ok(render(&MailboxPage { chrome, messages: mailbox.messages() }))
}
