//! The e-cabinet: the logged-in user's own page (TOB-5.4, VEIS-5.3).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_identity::session;
use pencere_store::audit::{self, Search};
use serde::Deserialize;

use super::{Chrome, render};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};

/// An organization the user acts for, in the switcher.
struct OrganizationChoice {
    id: String,
    name: String,
    roles: Vec<String>,
    current: bool,
}

/// A line of "what happened with my data".
struct JournalLine {
    at: String,
    action: String,
    by: String,
}

#[derive(Template)]
#[template(path = "cabinet.html")]
struct CabinetPage<'a> {
    chrome: Chrome<'a>,
    full_name: String,
    login: String,
    identifier_label: String,
    identifier: String,
    email: String,
    organizations: Vec<OrganizationChoice>,
    journal: Vec<JournalLine>,
    is_head: bool,
    is_operator: bool,
    is_official: bool,
    unread: i64,
    applications: i64,
}

/// `GET /cabinet`.
pub(crate) async fn cabinet_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(active): Authenticated,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(&state, lang, "/cabinet", &viewer);
    let mut organizations: Vec<OrganizationChoice> = Vec::new();
    for membership in &active.memberships {
        let role = chrome.t(&format!("role-{}", membership.role.as_str().replace('.', "-")));
        match organizations.iter_mut().find(|choice| choice.id == membership.organization.id) {
            Some(choice) => choice.roles.push(role),
            None => organizations.push(OrganizationChoice {
                id: membership.organization.id.clone(),
                name: membership.organization.name(lang).to_owned(),
                roles: vec![role],
                current: active.acting_org_id.as_deref() == Some(membership.organization.id.as_str()),
            }),
        }
    }
    let mut tx = state.db().begin_read().await?;
    let entries =
        audit::search(&mut tx, &Search { subject_id: Some(active.user.id.clone()), limit: 20, ..Search::default() })
            .await?;
    let unread = pencere_notify::unread_count(&mut tx, &active.user.id).await?;
    drop(tx);
    let applications =
        state.engine().count_cases(state.db(), &active.user.id).await.map_err(super::cases::case_error)?;
    let journal = entries
        .into_iter()
        .map(|entry| JournalLine {
            at: entry.at.to_string().replace('T', " ").replace('Z', " UTC"),
            action: {
                let id = format!("action-{}", entry.action.replace(['.', '_'], "-"));
                if chrome.tr.has(&id) { chrome.t(&id) } else { entry.action.clone() }
            },
            by: match entry.actor_id.as_deref() {
                Some(actor) if actor == active.user.id => chrome.t("cabinet-journal-by-you"),
                Some(_) => entry.actor_label,
                None => chrome.t("cabinet-journal-by-system"),
            },
        })
        .collect();
    let (identifier_label, identifier) = match (&active.user.fin, &active.user.passport) {
        (Some(fin), _) => ("FİN".to_owned(), fin.to_string()),
        (None, Some(passport)) => (chrome.t("cabinet-passport"), passport.clone()),
        (None, None) => (chrome.t("cabinet-login"), active.user.login.clone()),
    };
    let page = CabinetPage {
        full_name: active.user.full_name.clone(),
        login: active.user.login.clone(),
        identifier_label,
        identifier,
        email: active.user.email.clone().unwrap_or_default(),
        organizations,
        journal,
        is_head: active.has_role(pencere_identity::RoleName::ORG_HEAD),
        is_operator: active.has_role(pencere_identity::RoleName::PLATFORM_ADMIN),
        is_official: active.is_official(),
        unread,
        applications,
        chrome,
    };
    Ok(render(&page))
}

#[derive(Deserialize)]
pub(crate) struct SwitchForm {
    organization: String,
}

/// `POST /cabinet/organization`: act for another of the user's organizations.
pub(crate) async fn switch_organization(
    State(state): State<AppState>,
    Authenticated(active): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<SwitchForm>,
) -> Result<Response, ApiError> {
    match session::switch_organization(state.db(), &active, &form.organization, state.clock().now(), &meta.context())
        .await
    {
        Ok(()) => Ok(Redirect::to("/cabinet").into_response()),
        Err(pencere_identity::IdentityError::NotAMember(_)) => Err(ApiError::new(ProblemKind::Forbidden)),
        Err(error) => Err(ApiError::internal(error)),
    }
}
