//! `/api/v1/cases/{id}/queries`, `/api/v1/queries/{id}/answer`, `/api/v1/cases/{id}/paper-copies`
//! and `/api/v1/paper-copies/{id}/handed-over`: verification queries about doubtful documents
//! (LIC-5.8) and paper copies of a licence (LIC-6.2) for integrators, with the same rules as the
//! case page: the engine decides who may ask, answer, request and hand over.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pencere_cases::Who;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiJson;
use crate::AppState;
use crate::access::{Authenticated, RequestMeta};
use crate::pages::cases::{baku_time, case_error};
use crate::problem::{ApiError, Problem};

/// A verification query to ask.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewQueryBody {
    /// The code of the body asked (`emergencies`).
    pub body: String,
    /// The document slot the doubt is about, if one.
    #[serde(default)]
    pub slot: Option<String>,
    /// The question.
    pub question: String,
}

/// A verification query, as the officials see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueryView {
    /// Its id.
    pub id: String,
    /// The code of the body asked.
    pub body: String,
    /// The document slot, if one.
    pub slot: Option<String>,
    /// The question.
    pub question: String,
    /// When it was asked (Baku time).
    pub asked_at: String,
    /// `pending` or `answered`.
    pub status: String,
    /// The answer.
    pub answer: Option<String>,
}

/// An answer, a note: one text.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TextBody {
    /// The text.
    pub text: String,
}

/// A paper copy to ask for.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewPaperBody {
    /// The id of the licence document (from the case's `documents`).
    pub document: String,
    /// `holder_request`, `foreign_trade` or `international_agreement`.
    pub ground: String,
    /// How the holder wishes to receive it.
    #[serde(default)]
    pub note: String,
}

/// What was created.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedView {
    /// Its id.
    pub id: String,
}

/// The verification queries of a case: all of them for the competent body, its own for a body
/// asked.
#[utoipa::path(get, path = "/api/v1/cases/{id}/queries", tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The queries, oldest first", body = Vec<QueryView>),
        (status = 404, description = "No such case for the caller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_queries(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<Vec<QueryView>>, ApiError> {
    let case = state.engine().case_for_official(state.db(), &session, &id).await.map_err(case_error)?;
    let acting = session.acting_org_id.as_deref();
    let competent = acting == Some(case.body_org_id.as_str());
    let mut tx = state.db().begin_read().await?;
    let organizations = pencere_store::organizations::list(&mut tx).await?;
    drop(tx);
    let code_of = |org_id: &str| organizations.iter().find(|org| org.id == org_id).map(|org| org.code.clone());
    Ok(Json(
        case.queries
            .iter()
            .filter(|query| competent || Some(query.body_org_id.as_str()) == acting)
            .map(|query| QueryView {
                id: query.id.clone(),
                body: code_of(&query.body_org_id).unwrap_or_default(),
                slot: query.slot.clone(),
                question: query.question.clone(),
                asked_at: baku_time(query.asked_at),
                status: query.status.clone(),
                answer: query.answer.clone(),
            })
            .collect(),
    ))
}

/// Ask a relevant body to verify a document of an open case, as an official of its competent
/// body. The review deadline keeps running.
#[utoipa::path(post, path = "/api/v1/cases/{id}/queries", tag = "cases", request_body = NewQueryBody,
    params(("id" = String, Path, description = "The case's id")),
    responses(
        (status = 201, description = "Asked", body = CreatedView),
        (status = 404, description = "No such case for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case is closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ask_query(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewQueryBody>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let mut tx = state.db().begin_read().await?;
    // An unknown code is refused by the engine like any body it may not ask.
    let asked = pencere_store::organizations::find_by_code(&mut tx, &body.body).await?.map(|org| org.id);
    drop(tx);
    let now = state.clock().now();
    let query = state
        .engine()
        .ask_verification(
            state.db(),
            who,
            &id,
            asked.as_deref().unwrap_or(""),
            body.slot.as_deref(),
            &body.question,
            now,
        )
        .await
        .map_err(case_error)?;
    Ok((StatusCode::CREATED, Json(CreatedView { id: query })).into_response())
}

/// Answer a verification query, as an official of the body asked.
#[utoipa::path(post, path = "/api/v1/queries/{id}/answer", tag = "cases", request_body = TextBody,
    params(("id" = String, Path, description = "The query's id")),
    responses(
        (status = 200, description = "Answered"),
        (status = 404, description = "No such query for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The answer is empty or too long", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn answer_query(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TextBody>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    state
        .engine()
        .answer_verification(state.db(), who, &id, &body.text, state.clock().now())
        .await
        .map_err(case_error)?;
    Ok(Json(serde_json::json!({ "status": "answered" })))
}

/// Ask for a paper copy of a licence in force, as its holder.
#[utoipa::path(post, path = "/api/v1/cases/{id}/paper-copies", tag = "cases", request_body = NewPaperBody,
    params(("id" = String, Path, description = "The case that issued the licence")),
    responses(
        (status = 201, description = "Asked for", body = CreatedView),
        (status = 404, description = "No such licence of the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A request of this document is open, or it is not a licence in force", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn request_paper(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewPaperBody>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let engine = state.engine();
    let case = engine.case_for_applicant(state.db(), &session.user.id, &id).await.map_err(case_error)?;
    if !case.issued.iter().any(|document| document.id == body.document) {
        return Err(case_error(pencere_cases::CaseError::NotFound));
    }
    let now = state.clock().now();
    let copy = engine
        .request_paper_copy(state.db(), who, &body.document, &body.ground, &body.note, now)
        .await
        .map_err(case_error)?;
    Ok((StatusCode::CREATED, Json(CreatedView { id: copy })).into_response())
}

/// Record that a requested paper copy was handed over, as an official of the issuing body.
#[utoipa::path(post, path = "/api/v1/paper-copies/{id}/handed-over", tag = "cases", request_body = TextBody,
    params(("id" = String, Path, description = "The request's id")),
    responses(
        (status = 200, description = "Recorded; the holder is notified"),
        (status = 404, description = "No such request for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already handed over", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The note is empty or too long", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn hand_over_paper(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TextBody>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    state
        .engine()
        .hand_over_paper_copy(state.db(), who, &id, &body.text, state.clock().now())
        .await
        .map_err(case_error)?;
    Ok(Json(serde_json::json!({ "status": "handed_over" })))
}
