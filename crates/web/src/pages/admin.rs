//! The operator's administration area: searching the audit journal (by person, actor, record
//! and time). Every search is itself journaled: the results name people.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use pencere_core::Timestamp;
use pencere_identity::find_user_by_login;
use pencere_store::audit::{self, NewEntry, Search};
use serde::Deserialize;

use super::{Chrome, render};
use crate::AppState;
use crate::access::{Authenticated, RequestMeta, Viewer};
use crate::middleware::UserLang;
use crate::problem::ApiError;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct AuditQuery {
    #[serde(default)]
    person: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    record_type: String,
    #[serde(default)]
    record_id: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
}

struct Row {
    seq: String,
    at: String,
    actor: String,
    action: String,
    record: String,
    subject: String,
    ip: String,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage<'a> {
    chrome: Chrome<'a>,
    query: AuditQuery,
    errors: Vec<String>,
    rows: Vec<Row>,
    searched: bool,
    count_text: String,
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// `GET /admin/audit`.
pub(crate) async fn audit_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(active): Authenticated,
    meta: RequestMeta,
    Query(query): Query<AuditQuery>,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(&state, lang, "/admin/audit", &viewer);
    let mut errors = Vec::new();
    let mut date = |text: &str, label: &str| match non_empty(text) {
        None => None,
        Some(text) => Timestamp::parse_date(&text).or_else(|| {
            errors.push(chrome.tr.t_with("admin-audit-error-date", &[("field", chrome.t(label).into())]));
            None
        }),
    };
    let from = date(&query.from, "admin-audit-from");
    let until = date(&query.until, "admin-audit-until").map(|day| day.plus_seconds(86_400));
    let subject_id = user_id_of(&state, &query.person).await?;
    let actor_id = user_id_of(&state, &query.actor).await?;
    let searched =
        [&query.person, &query.actor, &query.action, &query.record_type, &query.record_id, &query.from, &query.until]
            .iter()
            .any(|field| !field.trim().is_empty());
    let mut rows = Vec::new();
    if searched && errors.is_empty() {
        let search = Search {
            actor_id,
            subject_id,
            record_type: non_empty(&query.record_type),
            record_id: non_empty(&query.record_id),
            action_prefix: non_empty(&query.action),
            from,
            until,
            before_id: None,
            limit: 200,
            clearance: active.clearance(),
        };
        let mut tx = state.db().begin().await?;
        let entries = audit::search(&mut tx, &search).await?;
        let details = format!("{{\"results\":{}}}", entries.len());
        audit::append(
            &mut tx,
            &NewEntry {
                at: state.clock().now(),
                actor_id: Some(&active.user.id),
                actor_label: &active.user.login,
                acting_org_id: active.acting_org_id.as_deref(),
                action: "audit.search",
                record: None,
                subject_id: search.subject_id.as_deref(),
                ip: meta.ip.as_deref(),
                request_id: meta.request_id.as_deref(),
                details: &details,
            },
        )
        .await?;
        tx.commit().await?;
        rows = entries
            .into_iter()
            .map(|entry| Row {
                seq: entry.seq.map_or_else(|| chrome.t("admin-audit-pending"), |seq| seq.to_string()),
                at: entry.at.to_string(),
                actor: entry.actor_label,
                action: entry.action,
                record: match (entry.record_type, entry.record_id) {
                    (Some(kind), Some(id)) => format!("{kind}/{id}"),
                    _ => String::new(),
                },
                subject: entry.subject_id.unwrap_or_default(),
                ip: entry.ip.unwrap_or_default(),
            })
            .collect();
    }
    let count = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let count_text = chrome.tr.t_with("admin-audit-count", &[("count", count.into())]);
    Ok(render(&AuditPage { chrome, query, errors, rows, searched, count_text }))
}

/// The id of the user with this login; an unknown login matches nothing (`-`), a blank one
/// does not filter.
async fn user_id_of(state: &AppState, login: &str) -> Result<Option<String>, ApiError> {
    let Some(login) = non_empty(login) else {
        return Ok(None);
    };
    let user = find_user_by_login(state.db(), &login).await.map_err(ApiError::internal)?;
    Ok(Some(user.map_or_else(|| "-".to_owned(), |user| user.id)))
}

#[derive(Template)]
#[template(path = "admin_corrections.html")]
struct CorrectionsPage<'a> {
    chrome: Chrome<'a>,
    pending: Vec<super::data::CorrectionLine>,
    error: Option<String>,
}

async fn corrections_page(
    state: &AppState,
    lang: pencere_core::Lang,
    viewer: &Viewer,
    meta: &RequestMeta,
    error: Option<&str>,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(state, lang, "/admin/corrections", viewer);
    let corrections = pencere_identity::corrections::pending_corrections(state.db(), viewer.clearance())
        .await
        .map_err(ApiError::internal)?;
    if let Some(official) = &viewer.0 {
        let reads: Vec<pencere_identity::tracker::Read<'_>> = corrections
            .iter()
            .map(|c| pencere_identity::tracker::Read { subject_id: &c.user_id, record: ("correction", &c.id) })
            .collect();
        pencere_identity::tracker::journal_reads(
            state.db(),
            official,
            state.clock().now(),
            &meta.context(),
            "corrections",
            &reads,
        )
        .await
        .map_err(ApiError::internal)?;
    }
    let pending = corrections.into_iter().map(|correction| super::data::correction_line(&chrome, correction)).collect();
    let page = CorrectionsPage { pending, error: error.map(|id| chrome.t(id)), chrome };
    let status =
        if error.is_some() { axum::http::StatusCode::UNPROCESSABLE_ENTITY } else { axum::http::StatusCode::OK };
    Ok(super::render_with_status(&page, status))
}

/// `GET /admin/corrections`: pending requests to correct personal data.
pub(crate) async fn corrections_queue(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    meta: RequestMeta,
) -> Result<Response, ApiError> {
    corrections_page(&state, lang, &viewer, &meta, None).await
}

#[derive(Deserialize)]
pub(crate) struct DecisionForm {
    #[serde(default)]
    id: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

/// `POST /admin/corrections/decide`: approve (the data changes) or reject with a reason.
pub(crate) async fn decide_correction(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(active): Authenticated,
    meta: RequestMeta,
    crate::access::CsrfForm(form): crate::access::CsrfForm<DecisionForm>,
) -> Result<Response, ApiError> {
    use pencere_identity::corrections::{Decision, decide};
    let decision = match form.decision.as_str() {
        "approve" => Decision::Approve,
        "reject" => Decision::Reject(&form.reason),
        _ => return Err(ApiError::bad_request("decision must be approve or reject")),
    };
    match decide(state.db(), &active, &form.id, decision, state.clock().now(), &meta.context()).await {
        Ok(()) => Ok(axum::response::Redirect::to("/admin/corrections").into_response()),
        Err(pencere_identity::IdentityError::Invalid { field: "reason", .. }) => {
            corrections_page(&state, lang, &viewer, &meta, Some("correction-error-reason")).await
        }
        Err(pencere_identity::IdentityError::NoSuchCorrection(_)) => {
            Err(ApiError::new(crate::problem::ProblemKind::Conflict))
        }
        Err(error) => Err(ApiError::internal(error)),
    }
}
