//! The information of the Law's article 12.2 for each licence type (LIC-7.4, LIC-8.0.12,
//! LIC-9.2.2): its published text on the service page and in the API, with the date of the last
//! update and the history of versions; the licensing body's form to submit an update; the
//! operator's queue to publish an update or return it with a reason.
//!
//! The first version is worded here from the catalog (the engine stores only the versions
//! submitted through the portal).

use std::collections::BTreeMap;

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_cases::catalog::{DayUnit, Service};
use pencere_cases::publication::{CATALOG_VERSION, SECTIONS, Status, Texts, Version};
use pencere_cases::{CaseError, Who};
use pencere_core::Lang;
use pencere_identity::ActiveSession;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::cases::{baku_time, case_error, field_message};
use super::{Chrome, render_with_status};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::i18n::Tr;
use crate::middleware::UserLang;
use crate::problem::{ApiError, Problem};

fn service_of<'a>(state: &'a AppState, id: &str) -> Result<&'a Service, ApiError> {
    state
        .engine()
        .catalog()
        .service(id)
        .ok_or_else(|| ApiError::not_found("problem-detail-no-service", vec![("service", id.to_owned())]))
}

fn publication_error(error: CaseError) -> ApiError {
    match error {
        CaseError::NotFound => ApiError::not_found("problem-detail-no-publication", Vec::new()),
        other => case_error(other),
    }
}

fn days(tr: &Tr<'_>, days: u32, unit: DayUnit) -> String {
    let id = match unit {
        DayUnit::Working => "case-days-working",
        DayUnit::Calendar => "case-days-calendar",
    };
    tr.t_with(id, &[("days", i64::from(days).into())])
}

/// The first version, worded from the catalog in every language.
pub(crate) async fn catalog_texts(state: &AppState, service: &Service) -> Result<Texts, ApiError> {
    let mut tx = state.db().begin_read().await?;
    let body = pencere_store::organizations::find_by_code(&mut tx, &service.competent_body).await?;
    drop(tx);
    let mut texts = Texts::default();
    for lang in Lang::ALL {
        let tr = state.i18n().tr(lang);
        let body_name = body.as_ref().map_or_else(|| service.competent_body.clone(), |org| org.name(lang).to_owned());
        texts.set("legal_basis", lang, service.law.clone());
        let conditions = service.information.conditions.as_ref().map_or(service.summary.get(lang), |n| n.get(lang));
        texts.set("conditions", lang, conditions);
        let mut documents = vec![tr.t("publication-documents-common")];
        for slot in &service.documents {
            let name = slot.name.get(lang);
            documents.push(if slot.required {
                tr.t_with("publication-document-required", &[("name", name.into())])
            } else {
                name.to_owned()
            });
        }
        texts.set("documents", lang, documents.join("\n"));
        let fee = match &service.fee {
            Some(fee) => {
                let mut text = tr.t_with(
                    "publication-fee-text",
                    &[("amount", fee.amount.as_str().into()), ("law", fee.law.as_str().into())],
                );
                if !fee.verified {
                    text.push(' ');
                    text.push_str(&tr.t("publication-fee-unverified"));
                }
                text
            }
            None => tr.t("publication-fee-none"),
        };
        texts.set("fee", lang, fee);
        let deadlines: Vec<String> = service
            .deadlines
            .values()
            .map(|rule| {
                let mut line = tr.t_with(
                    "publication-deadline-line",
                    &[
                        ("name", rule.name.get(lang).into()),
                        ("days", days(&tr, rule.days, rule.unit).into()),
                        ("law", rule.law.as_str().into()),
                    ],
                );
                if !rule.verified {
                    line.push_str(" — ");
                    line.push_str(&tr.t("publication-deadline-unverified"));
                }
                line
            })
            .collect();
        texts.set("deadlines", lang, deadlines.join("\n"));
        let url = format!("/services/{}/apply", service.id);
        texts.set("how_to_apply", lang, tr.t_with("publication-how-to-apply", &[("url", url.into())]));
        let contacts = match &service.information.contacts {
            Some(contacts) => contacts.get(lang).to_owned(),
            None => tr.t_with("publication-contacts-default", &[("body", body_name.into())]),
        };
        texts.set("contacts", lang, contacts);
    }
    Ok(texts)
}

/// The public text now, and the published versions, the newest first.
async fn current(state: &AppState, service: &Service) -> Result<(Texts, Vec<Version>), ApiError> {
    let published = state.engine().published_information(state.db(), &service.id).await.map_err(case_error)?;
    let texts = match published.first() {
        Some(latest) => latest.texts.clone(),
        None => catalog_texts(state, service).await?,
    };
    Ok((texts, published))
}

// ---------------------------------------------------------------------------------------------
// The service page's section.

/// One section as shown.
pub(crate) struct SectionView {
    pub(crate) id: &'static str,
    pub(crate) title: String,
    pub(crate) paragraphs: Vec<String>,
}

/// One published version in the history.
pub(crate) struct HistoryRow {
    pub(crate) version: i64,
    pub(crate) date: String,
    pub(crate) note: String,
}

/// The published information on the service page.
pub(crate) struct InformationView {
    pub(crate) sections: Vec<SectionView>,
    pub(crate) updated: String,
    pub(crate) history: Vec<HistoryRow>,
    pub(crate) may_edit: bool,
}

fn sections_view(tr: &Tr<'_>, texts: &Texts, lang: Lang) -> Vec<SectionView> {
    SECTIONS
        .iter()
        .map(|section| SectionView {
            id: section,
            title: tr.t(&format!("publication-section-{section}")),
            paragraphs: texts
                .get(section, lang)
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect(),
        })
        .collect()
}

fn history(tr: &Tr<'_>, published: &[Version]) -> Vec<HistoryRow> {
    let mut rows: Vec<HistoryRow> = published
        .iter()
        .map(|version| HistoryRow {
            version: version.version.unwrap_or(CATALOG_VERSION),
            date: version.decided_at.map(baku_time).unwrap_or_default(),
            note: version.note.clone(),
        })
        .collect();
    rows.push(HistoryRow {
        version: CATALOG_VERSION,
        date: tr.t("publication-catalog-date"),
        note: tr.t("publication-catalog-note"),
    });
    rows
}

/// The section of the service page that shows the published information.
pub(crate) async fn information_view(
    state: &AppState,
    tr: &Tr<'_>,
    lang: Lang,
    service: &Service,
    viewer: &Viewer,
) -> Result<InformationView, ApiError> {
    let (texts, published) = current(state, service).await?;
    let updated = match published.first() {
        Some(latest) => tr.t_with(
            "publication-updated",
            &[
                ("date", latest.decided_at.map(baku_time).unwrap_or_default().into()),
                ("version", latest.version.unwrap_or(CATALOG_VERSION).to_string().into()),
            ],
        ),
        None => tr.t("publication-from-catalog"),
    };
    Ok(InformationView {
        sections: sections_view(tr, &texts, lang),
        updated,
        history: history(tr, &published),
        may_edit: viewer.0.as_deref().is_some_and(|session| state.engine().may_submit_information(session, service)),
    })
}

// ---------------------------------------------------------------------------------------------
// The API.

/// A section of the published information.
#[derive(Debug, Serialize, ToSchema)]
pub struct SectionJson {
    /// Its id: `legal_basis`, `conditions`, `documents`, `fee`, `deadlines`, `how_to_apply`,
    /// `contacts`.
    pub id: String,
    /// Its title, in the requested language.
    pub title: String,
    /// Its text, in the requested language (lines separated by `\n`).
    pub text: String,
}

/// A published version.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionJson {
    /// Its number (1: the catalog's first version).
    pub version: i64,
    /// When it was published (RFC 3339); `null` for the catalog's version.
    pub published_at: Option<String>,
    /// What changed.
    pub note: String,
}

/// The information of the Law's article 12.2 on a licence type, as published now.
#[derive(Debug, Serialize, ToSchema)]
pub struct InformationJson {
    /// The service's id.
    pub service: String,
    /// The version in force.
    pub version: i64,
    /// When it was last updated (RFC 3339); `null` while the catalog's version is in force.
    pub updated_at: Option<String>,
    /// The sections, in order.
    pub sections: Vec<SectionJson>,
    /// Every published version, the newest first, ending with the catalog's.
    pub history: Vec<VersionJson>,
}

/// The published information of a licence type (Law art. 12.2) and its versions; no login needed.
#[utoipa::path(get, path = "/api/v1/services/{id}/information", tag = "cases",
    params(("id" = String, Path, description = "The service's id", example = "lic.fire-protection")),
    responses(
        (status = 200, description = "The information in force and its history", body = InformationJson),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_information(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Path(id): Path<String>,
) -> Result<Json<InformationJson>, ApiError> {
    let service = service_of(&state, &id)?;
    let (texts, published) = current(&state, service).await?;
    let tr = state.i18n().tr(lang);
    let mut history: Vec<VersionJson> = published
        .iter()
        .map(|version| VersionJson {
            version: version.version.unwrap_or(CATALOG_VERSION),
            published_at: version.decided_at.map(|at| at.to_string()),
            note: version.note.clone(),
        })
        .collect();
    history.push(VersionJson { version: CATALOG_VERSION, published_at: None, note: tr.t("publication-catalog-note") });
    Ok(Json(InformationJson {
        service: service.id.clone(),
        version: published.first().and_then(|latest| latest.version).unwrap_or(CATALOG_VERSION),
        updated_at: published.first().and_then(|latest| latest.decided_at).map(|at| at.to_string()),
        sections: SECTIONS
            .iter()
            .map(|section| SectionJson {
                id: (*section).to_owned(),
                title: tr.t(&format!("publication-section-{section}")),
                text: texts.get(section, lang).to_owned(),
            })
            .collect(),
        history,
    }))
}

// ---------------------------------------------------------------------------------------------
// The licensing body's form.

struct TextField {
    name: String,
    label: String,
    value: String,
    error: Option<String>,
}

struct SectionFields {
    title: String,
    fields: Vec<TextField>,
}

struct SubmissionRow {
    date: String,
    note: String,
    status: String,
}

#[derive(Template)]
#[template(path = "publication_edit.html")]
struct EditPage<'a> {
    chrome: Chrome<'a>,
    service_id: String,
    service_name: String,
    sections: Vec<SectionFields>,
    note: String,
    note_error: Option<String>,
    problems: Vec<(String, String)>,
    sent: bool,
    submissions: Vec<SubmissionRow>,
}

fn status_text(tr: &Tr<'_>, version: &Version) -> String {
    match version.status {
        Status::Submitted => tr.t("publication-status-submitted"),
        Status::Published => tr.t_with(
            "publication-status-published",
            &[("version", version.version.unwrap_or_default().to_string().into())],
        ),
        Status::Returned => tr.t_with(
            "publication-status-returned",
            &[("reason", version.return_reason.clone().unwrap_or_default().into())],
        ),
    }
}

#[allow(clippy::too_many_arguments, reason = "the page's whole state, passed once")]
async fn edit_page(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    session: &ActiveSession,
    service: &Service,
    texts: &Texts,
    note: &str,
    errors: &[pencere_cases::FieldError],
    sent: bool,
) -> Result<Response, ApiError> {
    let submissions = state.engine().information_of_body(state.db(), session, &service.id).await.map_err(case_error)?;
    let chrome = Chrome::new(state, lang, &format!("/services/{}/information/edit", service.id), viewer);
    let error_of =
        |field: &str| errors.iter().find(|error| error.field == field).map(|error| chrome.t(field_message(error.code)));
    let sections = SECTIONS
        .iter()
        .map(|section| SectionFields {
            title: chrome.t(&format!("publication-section-{section}")),
            fields: Lang::ALL
                .iter()
                .map(|field_lang| {
                    let name = Texts::field_name(section, *field_lang);
                    TextField {
                        label: chrome.t(&format!("publication-lang-{}", field_lang.as_str())),
                        value: texts.get(section, *field_lang).to_owned(),
                        error: error_of(&name),
                        name,
                    }
                })
                .collect(),
        })
        .collect();
    let problems = errors
        .iter()
        .map(|error| {
            let label = match error.field.rsplit_once('_') {
                Some((section, field_lang)) if SECTIONS.contains(&section) => format!(
                    "{} ({})",
                    chrome.t(&format!("publication-section-{section}")),
                    chrome.t(&format!("publication-lang-{field_lang}"))
                ),
                _ => chrome.t("publication-edit-note"),
            };
            (format!("#f-{}", error.field), format!("{label}: {}", chrome.t(field_message(error.code))))
        })
        .collect();
    let page = EditPage {
        service_id: service.id.clone(),
        service_name: service.name.get(lang).to_owned(),
        sections,
        note: note.to_owned(),
        note_error: error_of("note"),
        problems,
        sent,
        submissions: submissions
            .iter()
            .map(|version| SubmissionRow {
                date: baku_time(version.submitted_at),
                note: version.note.clone(),
                status: status_text(&chrome.tr, version),
            })
            .collect(),
        chrome,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_with_status(&page, status))
}

#[derive(Deserialize)]
pub(crate) struct EditQuery {
    #[serde(default)]
    sent: Option<String>,
}

/// `GET /services/{id}/information/edit`: the body's form, prefilled with the text in force.
pub(crate) async fn edit_form(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    Path(id): Path<String>,
    Query(query): Query<EditQuery>,
) -> Result<Response, ApiError> {
    let service = service_of(&state, &id)?;
    if !state.engine().may_submit_information(&session, service) {
        return Err(case_error(CaseError::Forbidden));
    }
    let (texts, _) = current(&state, service).await?;
    edit_page(&state, lang, &viewer, &session, service, &texts, "", &[], query.sent.is_some()).await
}

/// `POST /services/{id}/information/edit`: the body submits an update for publication.
pub(crate) async fn edit_submit(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let service = service_of(&state, &id)?;
    let mut texts = Texts::default();
    for section in SECTIONS {
        for field_lang in Lang::ALL {
            if let Some(text) = form.get(&Texts::field_name(section, field_lang)) {
                texts.set(section, field_lang, text.as_str());
            }
        }
    }
    let note = form.get("note").map_or("", String::as_str);
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let now = state.clock().now();
    match state.engine().submit_information(state.db(), who, &service.id, &texts, note, lang, now).await {
        Ok(_) => Ok(Redirect::to(&format!("/services/{}/information/edit?sent=1", service.id)).into_response()),
        Err(CaseError::Invalid(errors)) => {
            edit_page(&state, lang, &viewer, &session, service, &texts, note, &errors, false).await
        }
        Err(error) => Err(case_error(error)),
    }
}

// ---------------------------------------------------------------------------------------------
// The operator's queue.

struct ProposedSection {
    title: String,
    paragraphs: Vec<String>,
    changed: bool,
}

struct PendingView {
    id: String,
    service_id: String,
    service_name: String,
    from: String,
    note: String,
    sections: Vec<ProposedSection>,
    reason_error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin_publications.html")]
struct QueuePage<'a> {
    chrome: Chrome<'a>,
    pending: Vec<PendingView>,
}

async fn queue_page(
    state: &AppState,
    lang: Lang,
    viewer: &Viewer,
    reason_error_for: Option<&str>,
) -> Result<Response, ApiError> {
    let pending = state.engine().submitted_information(state.db()).await.map_err(case_error)?;
    let chrome = Chrome::new(state, lang, "/admin/publications", viewer);
    let mut tx = state.db().begin_read().await?;
    let organizations = pencere_store::organizations::list(&mut tx).await?;
    drop(tx);
    let mut views = Vec::new();
    for version in &pending {
        let Some(service) = state.engine().catalog().service(&version.service) else {
            continue;
        };
        let (now_texts, _) = current(state, service).await?;
        let body = organizations
            .iter()
            .find(|org| org.id == version.body_org_id)
            .map_or_else(String::new, |org| org.name(lang).to_owned());
        let sections = sections_view(&chrome.tr, &version.texts, lang)
            .into_iter()
            .map(|section| ProposedSection {
                changed: Lang::ALL
                    .iter()
                    .any(|any| version.texts.get(section.id, *any) != now_texts.get(section.id, *any)),
                title: section.title,
                paragraphs: section.paragraphs,
            })
            .collect();
        views.push(PendingView {
            id: version.id.clone(),
            service_id: service.id.clone(),
            service_name: service.name.get(lang).to_owned(),
            from: chrome.tr.t_with(
                "publication-admin-from",
                &[
                    ("body", body.into()),
                    ("name", version.submitter_name.as_str().into()),
                    ("date", baku_time(version.submitted_at).into()),
                ],
            ),
            note: version.note.clone(),
            sections,
            reason_error: (reason_error_for == Some(version.id.as_str())).then(|| chrome.t("case-field-reason")),
        });
    }
    let status = if reason_error_for.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok(render_with_status(&QueuePage { chrome, pending: views }, status))
}

/// `GET /admin/publications`: the updates awaiting publication.
pub(crate) async fn queue(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    queue_page(&state, lang, &viewer, None).await
}

/// `POST /admin/publications/{id}/publish`: the version becomes the public text at once.
pub(crate) async fn publish(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    state.engine().publish_information(state.db(), who, &id, state.clock().now()).await.map_err(publication_error)?;
    Ok(Redirect::to("/admin/publications").into_response())
}

#[derive(Deserialize)]
pub(crate) struct ReturnForm {
    #[serde(default)]
    reason: String,
}

/// `POST /admin/publications/{id}/return`: back to the body, with a reason.
pub(crate) async fn give_back(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ReturnForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    match state.engine().return_information(state.db(), who, &id, &form.reason, state.clock().now()).await {
        Ok(()) => Ok(Redirect::to("/admin/publications").into_response()),
        Err(CaseError::ReasonRequired) => queue_page(&state, lang, &viewer, Some(&id)).await,
        Err(error) => Err(publication_error(error)),
    }
}
