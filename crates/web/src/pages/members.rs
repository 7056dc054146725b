//! Who holds which role in an organization. An organization's head registers responsible
//! persons and grants them rights (TOB-5.3, VEIS-5.2); the operator restricts or revokes any
//! participant's access with a recorded reason (TOB-3.2.4, LIC-8.0.9, TOB-7.2.5, VEIS-7.2.5).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_core::Lang;
use pencere_identity::tracker::{Read, journal_reads};
use pencere_identity::{IdentityError, RoleName, grant_in_own_organization, members_of, revoke_membership};
use pencere_store::organizations;
use serde::Deserialize;

use super::{Chrome, is_local_path};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};

struct MemberLine {
    membership_id: String,
    name: String,
    login: String,
    role: String,
    since: String,
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage<'a> {
    chrome: Chrome<'a>,
    operator: bool,
    organization_name: String,
    organizations: Vec<Choice>,
    members: Vec<MemberLine>,
    roles: Vec<Choice>,
    back: String,
    error: Option<String>,
}

fn role_label(chrome: &Chrome<'_>, role: &str) -> String {
    chrome.t(&format!("role-{}", role.replace('.', "-")))
}

/// Roles an organization's head may grant: the organization roles and every system's roles.
fn grantable(state: &AppState) -> Vec<&'static str> {
    let mut roles = vec![RoleName::ORG_HEAD, RoleName::ORG_REPRESENTATIVE];
    roles.extend(state.portals().iter().flat_map(|portal| portal.roles.iter().copied()));
    roles
}

struct View<'a> {
    lang: Lang,
    viewer: &'a Viewer,
    meta: &'a RequestMeta,
    operator: bool,
    organization_code: Option<String>,
    error: Option<&'a str>,
}

async fn members_page(state: &AppState, view: View<'_>) -> Result<Response, ApiError> {
    let path = if view.operator { "/admin/members" } else { "/org/members" };
    let chrome = Chrome::new(state, view.lang, path, view.viewer);
    let Some(active) = view.viewer.0.clone() else {
        return Err(ApiError::new(ProblemKind::Unauthorized));
    };
    let mut tx = state.db().begin_read().await?;
    let all = organizations::list(&mut tx).await?;
    drop(tx);
    let organization = if view.operator {
        view.organization_code.as_deref().and_then(|code| all.iter().find(|org| org.code == code))
    } else {
        all.iter().find(|org| Some(org.id.as_str()) == active.acting_org_id.as_deref())
    };
    let members = match organization {
        Some(organization) => {
            members_of(state.db(), &organization.id, active.clearance()).await.map_err(ApiError::internal)?
        }
        None => Vec::new(),
    };
    let reads: Vec<Read<'_>> =
        members.iter().map(|m| Read { subject_id: &m.user_id, record: ("membership", &m.membership_id) }).collect();
    journal_reads(state.db(), &active, state.clock().now(), &view.meta.context(), "members", &reads)
        .await
        .map_err(ApiError::internal)?;
    let back = match organization {
        Some(organization) if view.operator => format!("/admin/members?org={}", organization.code),
        _ => path.to_owned(),
    };
    let page = MembersPage {
        operator: view.operator,
        organization_name: organization.map(|org| org.name(view.lang).to_owned()).unwrap_or_default(),
        organizations: all
            .iter()
            .map(|org| Choice {
                value: org.code.clone(),
                label: org.name(view.lang).to_owned(),
                selected: Some(org) == organization,
            })
            .collect(),
        members: members
            .into_iter()
            .map(|member| MemberLine {
                membership_id: member.membership_id,
                name: member.full_name,
                login: member.login,
                role: role_label(&chrome, &member.role),
                since: member.granted_at.to_string().get(..10).unwrap_or_default().to_owned(),
            })
            .collect(),
        roles: grantable(state)
            .into_iter()
            .map(|role| Choice { value: role.to_owned(), label: role_label(&chrome, role), selected: false })
            .collect(),
        back,
        error: view.error.map(|id| chrome.t(id)),
        chrome,
    };
    let status = if view.error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok(super::render_with_status(&page, status))
}

/// `GET /org/members`: the members of the organization the head acts for.
pub(crate) async fn organization_members(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
) -> Result<Response, ApiError> {
    members_page(
        &state,
        View { lang, viewer: &viewer, meta: &meta, operator: false, organization_code: None, error: None },
    )
    .await
}

#[derive(Deserialize)]
pub(crate) struct OrgQuery {
    org: Option<String>,
}

/// `GET /admin/members?org=CODE`: the operator's view of any organization's members.
pub(crate) async fn operator_members(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
    Query(query): Query<OrgQuery>,
) -> Result<Response, ApiError> {
    members_page(
        &state,
        View { lang, viewer: &viewer, meta: &meta, operator: true, organization_code: query.org, error: None },
    )
    .await
}

#[derive(Deserialize)]
pub(crate) struct GrantForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    role: String,
}

/// `POST /org/members/grant`.
pub(crate) async fn grant(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(active): Authenticated,
    meta: RequestMeta,
    CsrfForm(form): CsrfForm<GrantForm>,
) -> Result<Response, ApiError> {
    let role = form.role.parse::<RoleName>().ok().filter(|role| grantable(&state).contains(&role.as_str()));
    let outcome = match role {
        None => Err("members-error-role"),
        Some(role) => match grant_in_own_organization(
            state.db(),
            &active,
            &form.login,
            &role,
            state.clock().now(),
            &meta.context(),
        )
        .await
        {
            Ok(()) => Ok(()),
            Err(IdentityError::Invalid { field: "login", .. }) => Err("members-error-login"),
            Err(IdentityError::Store(pencere_store::StoreError::Conflict(_))) => Err("members-error-duplicate"),
            Err(error) => return Err(ApiError::internal(error)),
        },
    };
    match outcome {
        Ok(()) => Ok(Redirect::to("/org/members").into_response()),
        Err(message) => {
            members_page(
                &state,
                View {
                    lang,
                    viewer: &viewer,
                    meta: &meta,
                    operator: false,
                    organization_code: None,
                    error: Some(message),
                },
            )
            .await
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct RevokeForm {
    #[serde(default)]
    membership: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
}

/// `POST /org/members/revoke` and `POST /admin/members/revoke`: revokes with a reason.
pub(crate) async fn revoke(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
    Authenticated(active): Authenticated,
    CsrfForm(form): CsrfForm<RevokeForm>,
) -> Result<Response, ApiError> {
    let back = if is_local_path(&form.back) { form.back.clone() } else { "/cabinet".to_owned() };
    match revoke_membership(state.db(), &active, &form.membership, &form.reason, state.clock().now()).await {
        Ok(()) => Ok(Redirect::to(&back).into_response()),
        Err(IdentityError::Invalid { field: "reason", .. }) => {
            let operator = back.starts_with("/admin/");
            let organization_code = back.split_once("org=").map(|(_, code)| code.to_owned());
            members_page(
                &state,
                View {
                    lang,
                    viewer: &viewer,
                    meta: &meta,
                    operator,
                    organization_code,
                    error: Some("members-error-reason"),
                },
            )
            .await
        }
        Err(IdentityError::NotAMember(_)) => Err(ApiError::new(ProblemKind::Forbidden)),
        Err(IdentityError::NoSuchMembership(_)) => Err(ApiError::new(ProblemKind::NotFound)),
        Err(error) => Err(ApiError::internal(error)),
    }
}
