//! `/api/v1/services`, `/api/v1/cases`, `/api/v1/work/cases` and `/api/v1/inbox`: the case engine
//! for integrators. Texts come in the language of `Accept-Language`.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use pencere_cases::catalog::{DayUnit, Service};
use pencere_cases::{CaseDetail, CaseSummary, QueueFilter, Who};
use pencere_core::Lang;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiJson;
use crate::AppState;
use crate::access::{Authenticated, RequestMeta};
use crate::middleware::UserLang;
use crate::pages::cases::case_error;
use crate::problem::{ApiError, Problem};

/// A legal deadline of a service.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineRuleView {
    /// Its name in the catalog (`review`).
    pub id: String,
    /// What it is for.
    pub name: String,
    /// How many days.
    pub days: u32,
    /// `working` or `calendar`.
    pub unit: String,
    /// The article it comes from.
    pub law: String,
    /// Whether the figure was checked against the law's text.
    pub verified: bool,
}

/// A field of a service's form.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldView {
    /// Its id: the key in `data`.
    pub id: String,
    /// `text`, `long_text`, `fin`, `voen`, `date`, `email`, `phone`, `number` or `choice`.
    pub kind: String,
    /// Its label.
    pub label: String,
    /// Whether submission needs it.
    pub required: bool,
    /// The values of a choice field.
    pub options: Vec<String>,
}

/// An e-service.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceView {
    /// Its id (`lic.fire-protection`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// What it is.
    pub summary: String,
    /// The code of the competent body.
    pub competent_body: String,
    /// The legal basis.
    pub law: String,
    /// The state duty in manat, if any.
    pub fee: Option<String>,
    /// The form.
    pub fields: Vec<FieldView>,
    /// The document slots: id and whether required.
    pub documents: Vec<(String, bool)>,
    /// The legal deadlines.
    pub deadlines: Vec<DeadlineRuleView>,
}

fn service_view(service: &Service, lang: Lang) -> ServiceView {
    ServiceView {
        id: service.id.clone(),
        name: service.name.get(lang).to_owned(),
        summary: service.summary.get(lang).to_owned(),
        competent_body: service.competent_body.clone(),
        law: service.law.clone(),
        fee: service.fee.as_ref().map(|fee| fee.amount.clone()),
        fields: service
            .fields
            .iter()
            .map(|field| FieldView {
                id: field.id.clone(),
                kind: format!("{:?}", field.kind).to_lowercase(),
                label: field.label.get(lang).to_owned(),
                required: field.required,
                options: field.options.iter().map(|option| option.value.clone()).collect(),
            })
            .collect(),
        documents: service.documents.iter().map(|slot| (slot.id.clone(), slot.required)).collect(),
        deadlines: service
            .deadlines
            .iter()
            .map(|(id, rule)| DeadlineRuleView {
                id: id.clone(),
                name: rule.name.get(lang).to_owned(),
                days: rule.days,
                unit: match rule.unit {
                    DayUnit::Working => "working".into(),
                    DayUnit::Calendar => "calendar".into(),
                },
                law: rule.law.clone(),
                verified: rule.verified,
            })
            .collect(),
    }
}

/// List every e-service.
#[utoipa::path(get, path = "/api/v1/services", tag = "cases",
    responses((status = 200, description = "The services", body = [ServiceView])))]
pub async fn list_services(State(state): State<AppState>, UserLang(lang): UserLang) -> Json<Vec<ServiceView>> {
    Json(state.engine().catalog().services().iter().map(|service| service_view(service, lang)).collect())
}

/// Describe one e-service: form, documents, fee, deadlines.
#[utoipa::path(get, path = "/api/v1/services/{id}", tag = "cases",
    params(("id" = String, Path, description = "The service's id", example = "lic.fire-protection")),
    responses(
        (status = 200, description = "The service", body = ServiceView),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_service(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Path(id): Path<String>,
) -> Result<Json<ServiceView>, ApiError> {
    let service = state
        .engine()
        .catalog()
        .service(&id)
        .ok_or_else(|| ApiError::not_found("problem-detail-no-service", vec![("service", id.clone())]))?;
    Ok(Json(service_view(service, lang)))
}

/// What a new application of a service would be prefilled with for the caller (LIC-4.2).
#[derive(Debug, Serialize, ToSchema)]
pub struct PrefillView {
    /// The values, by field id: from the platform's records and from state registries.
    pub data: BTreeMap<String, String>,
    /// The fields taken from a state registry through EHİS, with the registry's service id.
    pub sources: BTreeMap<String, String>,
    /// The registries that did not answer: the applicant enters those fields (`tax`,
    /// `civil-registry`).
    pub unavailable: Vec<String>,
    /// The registries whose data is a commercial or tax secret that moves only with the entity's
    /// consent, not in force (TOB-4.3): give it in the cabinet (`/cabinet/consents`), or enter
    /// the data yourself.
    pub needs_consent: Vec<String>,
    /// The fields' registries that answered with a record entered by hand by an official of
    /// the source agency (TOB-4.5): adapter name → who entered it.
    pub manual: BTreeMap<String, String>,
}

/// The prefill of a new application: the platform's records, and state registries through EHİS.
/// A registry that does not answer is named in `unavailable`; the call still succeeds.
#[utoipa::path(get, path = "/api/v1/services/{id}/prefill", tag = "cases",
    params(("id" = String, Path, description = "The service's id", example = "lic.fire-protection")),
    responses(
        (status = 200, description = "The values to start the form with", body = PrefillView),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_prefill(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<PrefillView>, ApiError> {
    let service = state
        .engine()
        .catalog()
        .service(&id)
        .ok_or_else(|| ApiError::not_found("problem-detail-no-service", vec![("service", id.clone())]))?;
    let mut data = state.engine().prefill(state.db(), service, &session).await.map_err(case_error)?;
    let registries = crate::exchange::prefill(&state, service, &session, &mut data).await;
    Ok(Json(PrefillView {
        data,
        sources: registries.filled,
        unavailable: registries.unavailable.iter().map(|adapter| (*adapter).to_owned()).collect(),
        needs_consent: registries.needs_consent.iter().map(|adapter| (*adapter).to_owned()).collect(),
        manual: registries.manual.iter().map(|(adapter, by, _)| ((*adapter).to_owned(), by.clone())).collect(),
    }))
}

/// A new application.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewCaseBody {
    /// The service's id.
    pub service: String,
    /// The form's values by field id.
    #[serde(default)]
    pub data: BTreeMap<String, String>,
    /// Keep it as a draft (documents can then be attached) instead of submitting it.
    #[serde(default)]
    pub draft: bool,
    /// Submit this draft (its id) with `data`.
    #[serde(default)]
    pub draft_id: Option<String>,
}

/// A deadline of a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDeadlineView {
    /// Its name in the catalog.
    pub id: String,
    /// What it is for.
    pub name: String,
    /// The last day, `YYYY-MM-DD`.
    pub due_on: String,
    /// `open`, `paused`, `met`, `expired` or `stopped`.
    pub status: String,
    /// The article it comes from.
    pub law: String,
}

/// A step of a case's timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineView {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// What happened.
    pub kind: String,
    /// The state before.
    pub from_state: Option<String>,
    /// The state after.
    pub to_state: Option<String>,
    /// The reason or note.
    pub note: Option<String>,
}

/// A payment order of a case's fee.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentView {
    /// The payment code to pay by.
    pub code: String,
    /// The amount, e.g. `"1800.00"`.
    pub amount: String,
    /// The currency.
    pub currency: String,
    /// Who receives it.
    pub beneficiary: String,
    /// `due`, `paid` or `cancelled`.
    pub status: String,
}

/// A document a case issued or is issuing.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedView {
    /// Its id (for `GET /documents/{id}/pdf` and `POST /api/v1/documents/{id}/signature`).
    pub id: String,
    /// The verification code (`/verify/{code}`).
    pub code: String,
    /// Its title.
    pub title: String,
    /// `awaiting_signature`, `declined`, `valid`, `suspended`, `revoked` or `superseded`.
    pub status: String,
}

/// A case.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseView {
    /// Its id.
    pub id: String,
    /// Its registration number, once registered.
    pub number: Option<String>,
    /// The service.
    pub service: String,
    /// The state's id.
    pub state: String,
    /// The state's name.
    pub state_name: String,
    /// Whether it has ended.
    pub closed: bool,
    /// The earliest due date of its running deadlines.
    pub next_due: Option<String>,
    /// The deadlines (detail only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deadlines: Vec<CaseDeadlineView>,
    /// The timeline (detail only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<TimelineView>,
    /// The payment orders (detail only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<PaymentView>,
    /// The documents issued (detail only; the applicant sees signed ones).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<IssuedView>,
}

fn summary_view(state: &AppState, lang: Lang, case: &CaseSummary) -> CaseView {
    let state_name = crate::pages::cases::state_name(state, lang, &case.service, &case.state);
    CaseView {
        id: case.id.clone(),
        number: case.number.clone(),
        service: case.service.clone(),
        state: case.state.clone(),
        state_name,
        closed: case.closed,
        next_due: case.next_due.map(|due| due.to_string()),
        deadlines: Vec::new(),
        timeline: Vec::new(),
        payments: Vec::new(),
        documents: Vec::new(),
    }
}

/// The case as `me` may see it: an official every document, the applicant the signed ones and
/// those waiting for their own signature (LIC-5.3).
fn detail_view(state: &AppState, lang: Lang, case: &CaseDetail, official: bool, me: &str) -> CaseView {
    use pencere_cases::issuance::DocumentStatus;
    let service = state.engine().catalog().service(&case.summary.service);
    CaseView {
        payments: case
            .payments
            .iter()
            .map(|order| PaymentView {
                code: order.code.clone(),
                amount: order.amount.to_string(),
                currency: order.currency.clone(),
                beneficiary: order.beneficiary.clone(),
                status: order.status.as_str().to_owned(),
            })
            .collect(),
        documents: case
            .issued
            .iter()
            .filter(|document| {
                official
                    || document.prepared_by == me
                    || !matches!(document.status, DocumentStatus::AwaitingSignature | DocumentStatus::Declined)
            })
            .map(|document| IssuedView {
                id: document.id.clone(),
                code: document.code.clone(),
                title: document.title.clone(),
                status: document.status.as_str().to_owned(),
            })
            .collect(),
        deadlines: case
            .deadlines
            .iter()
            .map(|deadline| {
                let rule = service.and_then(|service| service.deadlines.get(&deadline.name));
                CaseDeadlineView {
                    id: deadline.name.clone(),
                    name: rule.map_or_else(|| deadline.name.clone(), |rule| rule.name.get(lang).to_owned()),
                    due_on: deadline.due_on.to_string(),
                    status: deadline.status.clone(),
                    law: rule.map(|rule| rule.law.clone()).unwrap_or_default(),
                }
            })
            .collect(),
        timeline: case
            .timeline
            .iter()
            .map(|event| TimelineView {
                at: event.at.to_string(),
                kind: event.kind.clone(),
                from_state: event.from_state.clone(),
                to_state: event.to_state.clone(),
                note: event.note.clone(),
            })
            .collect(),
        ..summary_view(state, lang, &case.summary)
    }
}

/// Apply: keep a draft, or submit (checked field by field; registered with a number at once).
/// The same `Idempotency-Key` sent again returns the application already registered.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases", request_body = NewCaseBody,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a repeated submission one application")),
    responses(
        (status = 201, description = "Registered (or kept as a draft)", body = CaseView),
        (status = 200, description = "Already registered with this Idempotency-Key", body = CaseView),
        (status = 422, description = "Missing or invalid fields, each named", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The service needs a login with the enhanced e-signature and this session started otherwise", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_case(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewCaseBody>,
) -> Result<Response, ApiError> {
    let key = headers.get("idempotency-key").and_then(|value| value.to_str().ok()).map(str::to_owned);
    if key.as_ref().is_some_and(|key| key.is_empty() || key.len() > 200) {
        return Err(ApiError::bad_request("Idempotency-Key must be 1 to 200 characters"));
    }
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let now = state.clock().now();
    let engine = state.engine();
    let (id, status) = if body.draft {
        let id = engine
            .save_draft(state.db(), who, &body.service, body.draft_id.as_deref(), &body.data, lang, now)
            .await
            .map_err(case_error)?;
        (id, StatusCode::CREATED)
    } else {
        let submitted = engine
            .submit(state.db(), who, &body.service, body.draft_id.as_deref(), &body.data, key.as_deref(), lang, now)
            .await
            .map_err(case_error)?;
        (submitted.id, if submitted.fresh { StatusCode::CREATED } else { StatusCode::OK })
    };
    let case = engine.case_for_applicant(state.db(), &session.user.id, &id).await.map_err(case_error)?;
    Ok((status, Json(detail_view(&state, lang, &case, false, &session.user.id))).into_response())
}

/// The caller's applications and drafts, newest first.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases",
    responses((status = 200, description = "The caller's cases", body = [CaseView])))]
pub async fn list_cases(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Authenticated(session): Authenticated,
) -> Result<Json<Vec<CaseView>>, ApiError> {
    let cases = state.engine().my_cases(state.db(), &session.user.id).await.map_err(case_error)?;
    Ok(Json(cases.iter().map(|case| summary_view(&state, lang, case)).collect()))
}

/// One of the caller's applications, with its deadlines and timeline.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases",
    params(("id" = String, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 404, description = "No such case of the caller's", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_case(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Authenticated(session): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<CaseView>, ApiError> {
    let engine = state.engine();
    let (case, official) = match engine.case_for_applicant(state.db(), &session.user.id, &id).await {
        Ok(case) => (case, false),
        Err(pencere_cases::CaseError::NotFound) if session.is_official() => {
            (engine.case_for_official(state.db(), &session, &id).await.map_err(case_error)?, true)
        }
        Err(error) => return Err(case_error(error)),
    };
    Ok(Json(detail_view(&state, lang, &case, official, &session.user.id)))
}

/// A step of the workflow.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransitionBody {
    /// The transition's id (`request_fixes`).
    pub transition: String,
    /// The reason, where the transition needs one.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Take a step: the applicant on their own case, an official of the competent body with the
/// step's role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/transitions", tag = "cases", request_body = TransitionBody,
    params(("id" = String, Path, description = "The case's id")),
    responses(
        (status = 200, description = "Done; the case as it is now", body = CaseView),
        (status = 403, description = "Not the caller's step", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case, or not visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in the case's state", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A reason is required", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn take_transition(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TransitionBody>,
) -> Result<Json<CaseView>, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let engine = state.engine();
    engine
        .act(state.db(), who, &id, &body.transition, body.reason.as_deref(), state.clock().now())
        .await
        .map_err(case_error)?;
    get_case(State(state.clone()), UserLang(lang), Authenticated(session), Path(id)).await
}

/// Attach a document to a draft (or to a case waiting for the applicant): the raw bytes as the
/// body, the file name in `X-File-Name`. PDF, JPEG or PNG by content, up to 10 MB.
#[utoipa::path(put, path = "/api/v1/cases/{id}/documents/{slot}", tag = "cases",
    params(("id" = String, Path, description = "The case's id"), ("slot" = String, Path, description = "The document slot")),
    request_body(content = inline(crate::api::RawBytes), content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "Stored as the slot's next version"),
        (status = 404, description = "No such case, or not visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case no longer takes documents from the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty, too large, or not PDF/JPEG/PNG", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_document(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path((id, slot)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let name = headers.get("x-file-name").and_then(|value| value.to_str().ok()).unwrap_or("document");
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let version = state
        .engine()
        .attach(state.db(), who, &id, &slot, name, &body, state.clock().now())
        .await
        .map_err(case_error)?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "slot": slot, "version": version }))).into_response())
}

/// The work queue of the body the official acts for, earliest deadline first.
#[utoipa::path(get, path = "/api/v1/work/cases", tag = "cases",
    responses(
        (status = 200, description = "Open cases of the body", body = [CaseView]),
        (status = 403, description = "Not an official", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn work_queue(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
) -> Result<Json<Vec<CaseView>>, ApiError> {
    let body = session.acting_org_id.clone().ok_or_else(|| ApiError::new(crate::problem::ProblemKind::Forbidden))?;
    let cases = state
        .engine()
        .queue(state.db(), &body, &QueueFilter { clearance: session.clearance(), ..QueueFilter::default() })
        .await
        .map_err(case_error)?;
    let reads: Vec<pencere_identity::tracker::Read<'_>> = cases
        .iter()
        .map(|case| pencere_identity::tracker::Read { subject_id: &case.applicant_id, record: ("case", &case.id) })
        .collect();
    pencere_identity::tracker::journal_reads(
        state.db(),
        &session,
        state.clock().now(),
        &meta.context(),
        "api_work_queue",
        &reads,
    )
    .await
    .map_err(ApiError::internal)?;
    Ok(Json(cases.iter().map(|case| summary_view(&state, lang, case)).collect()))
}

/// A message of the cabinet inbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboxView {
    /// Its id.
    pub id: i64,
    /// When it arrived (RFC 3339, UTC).
    pub at: String,
    /// The subject.
    pub subject: String,
    /// The text.
    pub body: String,
    /// The case it is about.
    pub case_id: Option<String>,
    /// Whether it was read.
    pub read: bool,
}

/// The caller's cabinet inbox, newest first.
#[utoipa::path(get, path = "/api/v1/inbox", tag = "cases",
    responses((status = 200, description = "The messages", body = [InboxView])))]
pub async fn get_inbox(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<Json<Vec<InboxView>>, ApiError> {
    let mut tx = state.db().begin_read().await?;
    let messages = pencere_notify::inbox(&mut tx, &session.user.id, 200).await?;
    Ok(Json(
        messages
            .into_iter()
            .map(|message| InboxView {
                id: message.id,
                at: message.at.to_string(),
                subject: message.subject,
                body: message.body,
                case_id: message.case_id,
                read: message.read,
            })
            .collect(),
    ))
}
