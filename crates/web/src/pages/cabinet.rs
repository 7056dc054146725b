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
    /// Reads of my data (and my organizations') from state registries through EHİS.
    registry_reads: Vec<RegistryRead>,
    is_head: bool,
    is_source: bool,
    is_operator: bool,
    is_official: bool,
    unread: i64,
    applications: i64,
    documents: Vec<CabinetDocument>,
    payments: Vec<CabinetPayment>,
}

/// A read from a state registry about the user or an organization they represent: the data
/// tracker's view of the exchange's message log.
struct RegistryRead {
    at: String,
    registry: String,
    about: String,
    purpose: String,
    by: String,
    status: String,
    /// Exchange, or the manual record used (by whom, when).
    source: String,
}

/// A document issued to the user, in their cabinet (LIC-1.3.4).
struct CabinetDocument {
    case_id: String,
    number: String,
    title: String,
    code: String,
    status: String,
}

/// A payment order of one of the user's applications, in their cabinet (LIC-1.3.4).
struct CabinetPayment {
    case_id: String,
    number: String,
    code: String,
    amount: String,
    currency: String,
    status: String,
    due: bool,
}

/// How many of the user's latest applications the cabinet gathers documents and payments from;
/// older ones are on each application's page.
const CABINET_CASES: usize = 50;

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
    let entries = audit::search(
        &mut tx,
        // The person's own journal: they are cleared for themselves.
        &Search {
            subject_id: Some(active.user.id.clone()),
            limit: 20,
            clearance: pencere_store::classified::Clearance::Cleared,
            ..Search::default()
        },
    )
    .await?;
    let unread = pencere_notify::unread_count(&mut tx, &active.user.id).await?;
    drop(tx);
    let applications =
        state.engine().count_cases(state.db(), &active.user.id).await.map_err(super::cases::case_error)?;
    let (documents, payments) = if applications > 0 {
        documents_and_payments(&state, &chrome, &active.user.id).await?
    } else {
        (Vec::new(), Vec::new())
    };
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
    let registry_reads = registry_reads(&state, &chrome, &active).await?;
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
        registry_reads,
        is_head: active.has_role(pencere_identity::RoleName::ORG_HEAD),
        is_source: active.has_role(pencere_exchange::SOURCE_ROLE),
        is_operator: active.has_role(pencere_identity::RoleName::PLATFORM_ADMIN),
        is_official: active.is_official(),
        unread,
        applications,
        documents,
        payments,
        chrome,
    };
    Ok(render(&page))
}

/// The documents issued to the user (signed ones only: a document awaiting its signature is not
/// theirs yet) and the payment orders of their latest applications.
async fn documents_and_payments(
    state: &AppState,
    chrome: &Chrome<'_>,
    user_id: &str,
) -> Result<(Vec<CabinetDocument>, Vec<CabinetPayment>), ApiError> {
    use pencere_cases::issuance::DocumentStatus;
    let engine = state.engine();
    let cases = engine.my_cases(state.db(), user_id).await.map_err(super::cases::case_error)?;
    let (mut documents, mut payments) = (Vec::new(), Vec::new());
    for summary in cases.iter().filter(|case| case.number.is_some()).take(CABINET_CASES) {
        let case =
            engine.case_for_applicant(state.db(), user_id, &summary.id).await.map_err(super::cases::case_error)?;
        let number = summary.number.clone().unwrap_or_default();
        for document in &case.issued {
            if matches!(document.status, DocumentStatus::AwaitingSignature | DocumentStatus::Declined) {
                continue;
            }
            documents.push(CabinetDocument {
                case_id: summary.id.clone(),
                number: number.clone(),
                title: document.title.clone(),
                code: document.code.clone(),
                status: chrome.t(&format!("document-status-{}", document.status.as_str())),
            });
        }
        for order in &case.payments {
            payments.push(CabinetPayment {
                case_id: summary.id.clone(),
                number: number.clone(),
                code: order.code.clone(),
                amount: order.amount.to_string(),
                currency: order.currency.clone(),
                status: chrome.t(&format!("payment-status-{}", order.status.as_str())),
                due: order.status == pencere_payments::OrderStatus::Due,
            });
        }
    }
    Ok((documents, payments))
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

/// The exchange log's reads about the user (by FİN) and about the organizations they head or
/// represent (by VÖEN), newest first.
async fn registry_reads(
    state: &AppState,
    chrome: &Chrome<'_>,
    active: &pencere_identity::ActiveSession,
) -> Result<Vec<RegistryRead>, ApiError> {
    let mut subjects: Vec<(String, String)> = Vec::new();
    if let Some(fin) = &active.user.fin {
        subjects.push((fin.to_string(), chrome.t("cabinet-registry-about-you")));
    }
    {
        let mut tx = state.db().begin_read().await?;
        for membership in &active.memberships {
            let role = membership.role.as_str();
            if role != pencere_identity::RoleName::ORG_HEAD && role != pencere_identity::RoleName::ORG_REPRESENTATIVE {
                continue;
            }
            let organization =
                pencere_store::organizations::find_by_code(&mut tx, &membership.organization.code).await?;
            if let Some(voen) = organization.and_then(|organization| organization.voen)
                && !subjects.iter().any(|(subject, _)| *subject == voen)
            {
                subjects.push((voen, membership.organization.name(chrome.tr.lang()).to_owned()));
            }
        }
    }
    let mut reads = Vec::new();
    for (subject, about) in &subjects {
        for row in pencere_exchange::log_of(state.db(), subject, 20).await? {
            let mut tx = state.db().begin_read().await?;
            let who = match row.user_id.as_deref() {
                Some(user) if user == active.user.id => chrome.t("cabinet-journal-by-you"),
                Some(user) => pencere_identity::find_user(&mut tx, user)
                    .await
                    .map_err(ApiError::internal)?
                    .map_or_else(|| user.to_owned(), |found| found.full_name),
                None => chrome.t("cabinet-journal-by-system"),
            };
            // The body and role the reader acted in, when they acted for one.
            let by = match (row.body_id.as_deref(), row.role.as_deref()) {
                (Some(body), Some(role)) => {
                    let body = pencere_store::organizations::find_by_id(&mut tx, body)
                        .await?
                        .map_or_else(|| body.to_owned(), |found| found.name(chrome.tr.lang()).to_owned());
                    let role_id = format!("role-{}", role.replace('.', "-"));
                    let role = if chrome.tr.has(&role_id) { chrome.t(&role_id) } else { role.to_owned() };
                    let acting = chrome.tr.t_with(
                        "cabinet-registry-acting-as",
                        &[("body", body.as_str().into()), ("role", role.as_str().into())],
                    );
                    format!("{who} ({acting})")
                }
                _ => who,
            };
            drop(tx);
            let registry = pencere_exchange::Adapter::from_service_id(&row.service).map_or_else(
                || row.service.clone(),
                |adapter| chrome.t(&format!("exchange-registry-{}", adapter.as_str())),
            );
            let source = match &row.manual {
                Some(manual) => chrome.tr.t_with(
                    "cabinet-registry-source-manual",
                    &[("by", manual.by_name.as_str().into()), ("at", manual.at.baku_minute().into())],
                ),
                None => chrome.t("cabinet-registry-source-exchange"),
            };
            reads.push((
                row.at,
                RegistryRead {
                    at: row.at.baku_minute(),
                    registry,
                    about: about.clone(),
                    purpose: row.purpose,
                    by,
                    status: chrome.t(&format!("exchange-status-{}", row.status.replace('_', "-"))),
                    source,
                },
            ));
        }
    }
    reads.sort_by_key(|read| std::cmp::Reverse(read.0));
    Ok(reads.into_iter().take(20).map(|(_, read)| read).collect())
}
