//! Notes on a registry entry, in its page and the API: the data its owner's officials and the
//! operator enter about it (TOB-6.1.15, TOB-7.1.8), which its holder follows (TOB-8.1.7), and the
//! errors the holder reports in it and their answers (TOB-8.1.6, TOB-9.1.2). Only the holder, the
//! owner's officials and the operator see them.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_cases::Who;
use pencere_cases::notes::{EntryNote, NoteAccess, NoteKind};
use pencere_identity::ActiveSession;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::cases::{baku_time, case_error, field_message};
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::api::ApiJson;
use crate::i18n::Tr;
use crate::middleware::UserLang;
use crate::problem::{ApiError, Problem};

/// A form of the notes panel that came back with a problem: which form, and the message.
#[derive(Debug)]
pub(crate) struct NoteError {
    /// `note`, `error` or `answer-{id}`.
    pub(crate) form: String,
    /// The message, in the reader's language.
    pub(crate) message: String,
}

/// One note as the page shows it.
pub(crate) struct NoteView {
    pub(crate) id: String,
    pub(crate) kind: &'static str,
    pub(crate) kind_label: String,
    pub(crate) author: String,
    pub(crate) at: String,
    pub(crate) text: String,
    pub(crate) answer: String,
    pub(crate) answered_at: String,
    pub(crate) open: bool,
}

/// The notes panel of an entry's page, for those who may see it.
pub(crate) struct NotesPanel {
    pub(crate) keeper: bool,
    pub(crate) holder: bool,
    pub(crate) notes: Vec<NoteView>,
    pub(crate) error: Option<NoteError>,
}

impl NotesPanel {
    /// The message of the form named `form`, if it came back with one.
    pub(crate) fn error_of(&self, form: &str) -> Option<&str> {
        self.error.as_ref().filter(|error| error.form == form).map(|error| error.message.as_str())
    }
}

fn view(tr: &Tr<'_>, note: &EntryNote) -> NoteView {
    NoteView {
        id: note.id.clone(),
        kind: note.kind.as_str(),
        kind_label: tr.t(&format!("notes-kind-{}", note.kind.as_str())),
        author: note.author.clone(),
        at: baku_time(note.at),
        text: note.text.clone(),
        answer: note.answer.clone().unwrap_or_default(),
        answered_at: note.answered_at.map(baku_time).unwrap_or_default(),
        open: note.is_open(),
    }
}

/// The panel for `session` on the entry numbered `number`; `None` for whoever may not see it.
pub(crate) async fn panel(
    state: &AppState,
    tr: &Tr<'_>,
    session: &ActiveSession,
    number: &str,
    error: Option<NoteError>,
) -> Result<Option<NotesPanel>, ApiError> {
    match state.engine().entry_notes(state.db(), session, number).await {
        Ok((access, notes)) => Ok(Some(NotesPanel {
            keeper: access == NoteAccess::Keeper,
            holder: access == NoteAccess::Holder,
            notes: notes.iter().map(|note| view(tr, note)).collect(),
            error,
        })),
        Err(pencere_cases::CaseError::NotFound) => Ok(None),
        Err(other) => Err(case_error(other)),
    }
}

#[derive(Deserialize)]
pub(crate) struct NoteForm {
    #[serde(default)]
    text: String,
}

#[derive(Deserialize)]
pub(crate) struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// The page again with the form's problem, or the error as it is.
async fn form_problem(
    state: &AppState,
    lang: pencere_core::Lang,
    viewer: &Viewer,
    number: &str,
    form: String,
    error: pencere_cases::CaseError,
) -> Result<Response, ApiError> {
    match error {
        pencere_cases::CaseError::Invalid(errors) => {
            let code = errors.first().map_or("required", |error| error.code);
            let message = state.i18n().tr(lang).t(field_message(code));
            let error = NoteError { form, message };
            super::registry::entry_page_response(state, lang, viewer, number, None, Some(error)).await
        }
        other => Err(case_error(other)),
    }
}

/// `POST /registry/{number}/notes`: the owner's official or the operator enters data about the
/// entry.
pub(crate) async fn enter(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(number): Path<String>,
    CsrfForm(form): CsrfForm<NoteForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    match state.engine().enter_note(state.db(), who, &number, &form.text, state.clock().now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/registry/{number}#notes-heading")).into_response()),
        Err(error) => form_problem(&state, lang, &viewer, &number, "note".to_owned(), error).await,
    }
}

/// `POST /registry/{number}/errors`: the holder reports an error in the entry's data.
pub(crate) async fn report(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(number): Path<String>,
    CsrfForm(form): CsrfForm<NoteForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    match state.engine().report_entry_error(state.db(), who, &number, &form.text, state.clock().now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/registry/{number}?reported=1#notes-heading")).into_response()),
        Err(error) => form_problem(&state, lang, &viewer, &number, "error".to_owned(), error).await,
    }
}

/// `POST /registry/{number}/errors/{id}/answer`: the owner's official answers an error report.
pub(crate) async fn answer(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path((number, id)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    match state.engine().answer_entry_error(state.db(), who, &id, &form.answer, state.clock().now()).await {
        Ok(number) => Ok(Redirect::to(&format!("/registry/{number}#notes-heading")).into_response()),
        Err(error) => form_problem(&state, lang, &viewer, &number, format!("answer-{id}"), error).await,
    }
}

/// A note on a registry entry, as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoteJson {
    /// Its id.
    pub id: String,
    /// `entered` (data the owner or the operator entered) or `error_report` (the holder's).
    pub kind: String,
    /// Its text.
    pub text: String,
    /// Who wrote it.
    pub author: String,
    /// When (RFC 3339).
    pub at: String,
    /// An error report's answer, once given.
    pub answer: Option<String>,
    /// `open` or `answered`, for error reports.
    pub status: Option<String>,
}

fn note_json(note: &EntryNote) -> NoteJson {
    NoteJson {
        id: note.id.clone(),
        kind: note.kind.as_str().to_owned(),
        text: note.text.clone(),
        author: note.author.clone(),
        at: note.at.to_string(),
        answer: note.answer.clone(),
        status: (note.kind == NoteKind::ErrorReport)
            .then(|| if note.is_open() { "open" } else { "answered" }.to_owned()),
    }
}

/// A note or an error report, as the API takes it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NoteBody {
    /// The text (at most 4,000 characters).
    pub text: String,
}

/// An answer to an error report, as the API takes it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerBody {
    /// The answer (at most 4,000 characters).
    pub answer: String,
}

/// The notes of a registry entry, for its holder, its owner's officials and the operator.
#[utoipa::path(get, path = "/api/v1/registry/{number}/notes", tag = "registry",
    params(("number" = String, Path, description = "The entry's number")),
    responses(
        (status = 200, description = "The notes, oldest first", body = [NoteJson]),
        (status = 404, description = "No such entry, or not the caller's to see", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_list(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(number): Path<String>,
) -> Result<Json<Vec<NoteJson>>, ApiError> {
    let (_, notes) = state.engine().entry_notes(state.db(), &session, &number).await.map_err(case_error)?;
    Ok(Json(notes.iter().map(note_json).collect()))
}

/// The owner's official or the operator enters data about a registry entry; its holder is
/// notified (TOB-6.1.15, TOB-7.1.8, TOB-8.1.7).
#[utoipa::path(post, path = "/api/v1/registry/{number}/notes", tag = "registry",
    params(("number" = String, Path, description = "The entry's number")),
    request_body = NoteBody,
    responses(
        (status = 201, description = "Entered"),
        (status = 403, description = "The holder, who reports errors instead", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such entry, or not the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No text, or too long", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_enter(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(number): Path<String>,
    ApiJson(body): ApiJson<NoteBody>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let id = state
        .engine()
        .enter_note(state.db(), who, &number, &body.text, state.clock().now())
        .await
        .map_err(case_error)?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response())
}

/// The holder reports an error in a registry entry's data; the owner's officials are notified
/// (TOB-8.1.6, TOB-9.1.2).
#[utoipa::path(post, path = "/api/v1/registry/{number}/errors", tag = "registry",
    params(("number" = String, Path, description = "The entry's number")),
    request_body = NoteBody,
    responses(
        (status = 201, description = "Reported, open until answered"),
        (status = 403, description = "Not the entry's holder", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such entry", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No text, or too long", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_report(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(number): Path<String>,
    ApiJson(body): ApiJson<NoteBody>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let id = state
        .engine()
        .report_entry_error(state.db(), who, &number, &body.text, state.clock().now())
        .await
        .map_err(case_error)?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id, "status": "open" }))).into_response())
}

/// The owner's official or the operator answers an error report, once; the holder is told.
#[utoipa::path(post, path = "/api/v1/registry/errors/{id}/answer", tag = "registry",
    params(("id" = String, Path, description = "The report's id")),
    request_body = AnswerBody,
    responses(
        (status = 200, description = "Answered"),
        (status = 404, description = "No such report, or not the caller's to answer", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered before", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No answer, or too long", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn api_answer(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AnswerBody>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let number = state
        .engine()
        .answer_entry_error(state.db(), who, &id, &body.answer, state.clock().now())
        .await
        .map_err(case_error)?;
    Ok(Json(serde_json::json!({ "number": number, "status": "answered" })).into_response())
}
