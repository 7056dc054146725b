//! Two follow-ups on a case's page: verification queries about doubtful documents, asked of a
//! relevant body and answered by it (LIC-5.8), and paper copies of a licence, asked for by the
//! holder and handed over by the issuing body (LIC-6.2). The panels are built here for the case
//! page (`case_followups.html`, included by `case.html`); their forms post to the handlers below.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pencere_cases::catalog::{RegistryAction, Service, Workflow};
use pencere_cases::issuance::DocumentStatus;
use pencere_cases::paper::PaperGround;
use pencere_cases::{CaseDetail, CaseError, Who};
use pencere_core::Lang;
use pencere_identity::ActiveSession;
use pencere_store::organizations::OrganizationKind;
use serde::Deserialize;

use super::cases::{baku_time, case_error, case_page_view, field_message};
use super::render_with_status;
use crate::AppState;
use crate::access::{Authenticated, CsrfForm, RequestMeta, Viewer};
use crate::i18n::Tr;
use crate::middleware::UserLang;
use crate::problem::ApiError;

/// Field-level problems of a follow-up form, already in the user's language, and what the user
/// typed, so that nothing is lost when the form comes back.
#[derive(Debug, Default)]
pub(crate) struct FormErrors {
    messages: Vec<(String, String)>,
    typed: Vec<(&'static str, String)>,
}

impl FormErrors {
    /// The message for a field, if it has one.
    pub(crate) fn get(&self, field: &str) -> Option<&str> {
        self.messages.iter().find(|(id, _)| id == field).map(|(_, message)| message.as_str())
    }

    /// What the user typed into a field, or nothing.
    pub(crate) fn typed(&self, field: &str) -> &str {
        self.typed.iter().find(|(id, _)| *id == field).map_or("", |(_, value)| value.as_str())
    }

    fn from_case(tr: &Tr<'_>, errors: &[pencere_cases::FieldError], typed: &[(&'static str, &str)]) -> FormErrors {
        FormErrors {
            messages: errors.iter().map(|error| (error.field.clone(), tr.t(field_message(error.code)))).collect(),
            typed: typed.iter().map(|(field, value)| (*field, (*value).to_owned())).collect(),
        }
    }
}

pub(crate) struct QueryItem {
    pub(crate) id: String,
    pub(crate) body: String,
    pub(crate) document: String,
    pub(crate) question: String,
    pub(crate) asked_at: String,
    pub(crate) status: String,
    pub(crate) answer: String,
    pub(crate) answered_at: String,
    /// Whether the viewer answers it (an official of the body asked, while it is pending).
    pub(crate) answerable: bool,
}

/// The verification queries of a case, as the officials see them.
#[derive(Default)]
pub(crate) struct QueriesPanel {
    /// Shown only to officials: the competent body's, and the asked body's (its own queries).
    pub(crate) visible: bool,
    pub(crate) items: Vec<QueryItem>,
    /// The competent body's official may ask, while the case is open.
    pub(crate) can_ask: bool,
    pub(crate) bodies: Vec<(String, String)>,
    pub(crate) slots: Vec<(String, String)>,
    pub(crate) errors: FormErrors,
}

pub(crate) struct PaperItem {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) ground: String,
    pub(crate) note: String,
    pub(crate) requested_at: String,
    pub(crate) status: String,
    pub(crate) handed_at: String,
    pub(crate) handed_note: String,
    /// Whether the viewer records the hand-over (the issuing body's official, while requested).
    pub(crate) can_hand_over: bool,
}

/// The paper copies of a case's licence.
#[derive(Default)]
pub(crate) struct PaperPanel {
    pub(crate) items: Vec<PaperItem>,
    /// The holder's documents a copy may be asked of: licences in force with no open request.
    pub(crate) requestable: Vec<(String, String)>,
    pub(crate) grounds: Vec<(&'static str, String)>,
    pub(crate) errors: FormErrors,
}

impl PaperPanel {
    pub(crate) fn visible(&self) -> bool {
        !self.items.is_empty() || !self.requestable.is_empty()
    }
}

/// The queries panel for the viewer of a case.
#[allow(clippy::too_many_arguments, reason = "the case page's context, passed once")]
pub(crate) async fn queries_panel(
    state: &AppState,
    tr: &Tr<'_>,
    lang: Lang,
    session: &ActiveSession,
    case: &CaseDetail,
    service: &Service,
    workflow: &Workflow,
    official: bool,
) -> Result<QueriesPanel, ApiError> {
    if !official {
        return Ok(QueriesPanel::default());
    }
    let acting = session.acting_org_id.as_deref();
    let competent = acting == Some(case.body_org_id.as_str());
    let slot_name = |slot: &str| {
        service
            .documents
            .iter()
            .find(|document| document.id == slot)
            .map_or(slot.to_owned(), |document| document.name.get(lang).to_owned())
    };
    let items: Vec<QueryItem> = case
        .queries
        .iter()
        .filter(|query| competent || Some(query.body_org_id.as_str()) == acting)
        .map(|query| QueryItem {
            id: query.id.clone(),
            body: lang.pick(&query.body).clone(),
            document: query.slot.as_deref().map_or_else(|| tr.t("case-query-document-none"), slot_name),
            question: query.question.clone(),
            asked_at: baku_time(query.asked_at),
            status: tr.t(&format!("case-query-status-{}", query.status)),
            answer: query.answer.clone().unwrap_or_default(),
            answered_at: query.answered_at.map(baku_time).unwrap_or_default(),
            answerable: query.status == "pending" && Some(query.body_org_id.as_str()) == acting,
        })
        .collect();
    let can_ask = competent && !workflow.is_final(&case.summary.state);
    let bodies = if can_ask {
        let mut tx = state.db().begin_read().await?;
        pencere_store::organizations::list(&mut tx)
            .await?
            .into_iter()
            .filter(|org| org.kind == OrganizationKind::Agency && org.id != case.body_org_id)
            .map(|org| (org.id.clone(), org.name(lang).to_owned()))
            .collect()
    } else {
        Vec::new()
    };
    let mut slots: Vec<(String, String)> =
        case.documents.iter().map(|document| (document.slot.clone(), slot_name(&document.slot))).collect();
    slots.dedup();
    Ok(QueriesPanel {
        visible: competent || !items.is_empty(),
        items,
        can_ask,
        bodies,
        slots,
        errors: FormErrors::default(),
    })
}

/// The paper-copies panel for the viewer of a case.
pub(crate) fn paper_panel(
    tr: &Tr<'_>,
    session: &ActiveSession,
    case: &CaseDetail,
    workflow: &Workflow,
    official: bool,
) -> PaperPanel {
    let competent = official && session.acting_org_id.as_deref() == Some(case.body_org_id.as_str());
    let items = case
        .paper_copies
        .iter()
        .map(|copy| PaperItem {
            id: copy.id.clone(),
            title: copy.title.clone(),
            ground: tr.t(&format!("case-paper-ground-{}", copy.ground)),
            note: copy.note.clone().unwrap_or_default(),
            requested_at: baku_time(copy.requested_at),
            status: tr.t(&format!("case-paper-status-{}", copy.status)),
            handed_at: copy.handed_at.map(baku_time).unwrap_or_default(),
            handed_note: copy.handed_note.clone().unwrap_or_default(),
            can_hand_over: competent && copy.status == "requested",
        })
        .collect();
    let requestable = if official {
        Vec::new()
    } else {
        case.issued
            .iter()
            .filter(|document| {
                document.status == DocumentStatus::Valid
                    && workflow
                        .transition(&document.transition)
                        .is_some_and(|transition| transition.registry.is_some_and(RegistryAction::is_licence))
                    && !case
                        .paper_copies
                        .iter()
                        .any(|copy| copy.document_id == document.id && copy.status == "requested")
            })
            .map(|document| (document.id.clone(), document.title.clone()))
            .collect()
    };
    let grounds = PaperGround::ALL
        .iter()
        .map(|ground| (ground.as_str(), tr.t(&format!("case-paper-ground-{}", ground.as_str()))))
        .collect();
    PaperPanel { items, requestable, grounds, errors: FormErrors::default() }
}

#[derive(Deserialize)]
pub(crate) struct AskForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    slot: String,
    #[serde(default)]
    question: String,
}

/// `POST /work/cases/{id}/queries`: the competent body asks a relevant body to verify a document.
pub(crate) async fn ask(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AskForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let slot = Some(form.slot.as_str());
    let result = state
        .engine()
        .ask_verification(state.db(), who, &id, &form.body, slot, &form.question, state.clock().now())
        .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/work/cases/{id}#queries-heading")).into_response()),
        Err(CaseError::Invalid(errors)) => {
            let case = state.engine().case_for_official(state.db(), &session, &id).await.map_err(case_error)?;
            let mut page = case_page_view(&state, lang, &viewer, &session, &case, true, None, false).await?;
            let typed =
                [("body", form.body.as_str()), ("slot", form.slot.as_str()), ("question", form.question.as_str())];
            page.queries.errors = FormErrors::from_case(&page.chrome.tr, &errors, &typed);
            Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(error) => Err(case_error(error)),
    }
}

#[derive(Deserialize)]
pub(crate) struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// `POST /work/queries/{id}/answer`: the body asked answers a verification query.
pub(crate) async fn answer(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(query_id): Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let engine = state.engine();
    match engine.answer_verification(state.db(), who, &query_id, &form.answer, state.clock().now()).await {
        // Once answered, the case is no longer the asked body's to read: back to its queue.
        Ok(_) => Ok(Redirect::to("/work").into_response()),
        Err(CaseError::Invalid(errors)) => {
            let case_id = engine.case_of_query(state.db(), &query_id).await.map_err(case_error)?;
            let case = engine.case_for_official(state.db(), &session, &case_id).await.map_err(case_error)?;
            let mut page = case_page_view(&state, lang, &viewer, &session, &case, true, None, false).await?;
            page.queries.errors = FormErrors::from_case(&page.chrome.tr, &errors, &[("answer", form.answer.as_str())]);
            Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(error) => Err(case_error(error)),
    }
}

#[derive(Deserialize)]
pub(crate) struct PaperForm {
    #[serde(default)]
    document: String,
    #[serde(default)]
    ground: String,
    #[serde(default)]
    note: String,
}

/// `POST /cabinet/cases/{id}/paper`: the holder asks for a paper copy of the licence.
pub(crate) async fn request_paper(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<PaperForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let engine = state.engine();
    let case = engine.case_for_applicant(state.db(), &session.user.id, &id).await.map_err(case_error)?;
    if !case.issued.iter().any(|document| document.id == form.document) {
        return Err(case_error(CaseError::NotFound));
    }
    let now = state.clock().now();
    match engine.request_paper_copy(state.db(), who, &form.document, &form.ground, &form.note, now).await {
        Ok(_) => Ok(Redirect::to(&format!("/cabinet/cases/{id}#paper-heading")).into_response()),
        Err(CaseError::Invalid(errors)) => {
            let mut page = case_page_view(&state, lang, &viewer, &session, &case, false, None, false).await?;
            let typed = [("ground", form.ground.as_str()), ("note", form.note.as_str())];
            page.paper.errors = FormErrors::from_case(&page.chrome.tr, &errors, &typed);
            Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(error) => Err(case_error(error)),
    }
}

#[derive(Deserialize)]
pub(crate) struct HandOverForm {
    #[serde(default)]
    handed_note: String,
}

/// `POST /work/cases/{id}/paper/{copy}`: the issuing body records that the copy was handed over.
pub(crate) async fn hand_over(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    Path((id, copy)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<HandOverForm>,
) -> Result<Response, ApiError> {
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let engine = state.engine();
    let case = engine.case_for_official(state.db(), &session, &id).await.map_err(case_error)?;
    if !case.paper_copies.iter().any(|paper| paper.id == copy) {
        return Err(case_error(CaseError::NotFound));
    }
    match engine.hand_over_paper_copy(state.db(), who, &copy, &form.handed_note, state.clock().now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/work/cases/{id}#paper-heading")).into_response()),
        Err(CaseError::Invalid(errors)) => {
            let mut page = case_page_view(&state, lang, &viewer, &session, &case, true, None, false).await?;
            page.paper.errors = FormErrors::from_case(&page.chrome.tr, &errors, &[("handed_note", &form.handed_note)]);
            Ok(render_with_status(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(error) => Err(case_error(error)),
    }
}
