//! The JSON API under `/api/v1`: routes, the OpenAPI document, and input extractors that answer
//! malformed input with problem+json.

pub mod cases;
pub mod followups;
pub mod participants;
pub mod session;
pub mod systems;

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::response::IntoResponse;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{Access, Routes};
use crate::problem::{ApiError, Problem, ProblemField, ProblemKind};

/// The OpenAPI document's fixed parts; paths are added by [`routes`] from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Pəncərə API",
        description = "The API of Pəncərə, the platform of Azerbaijani state information systems. \
            Every error is an RFC 9457 `application/problem+json` document whose `type` names a stable \
            kind documented at `/problems/{kind}`. Send `Accept-Language: az|en|ru` for localized texts.",
        license(name = "EUPL-1.2")
    ),
    components(schemas(Problem, ProblemField)),
    tags(
        (name = "platform", description = "The systems on the platform"),
        (name = "identity", description = "Logging in and out, and who is logged in"),
        (name = "cases", description = "E-services, applications, their deadlines and timelines, the cabinet inbox"),
        (name = "trust", description = "Payment callbacks, signing documents, verifying them"),
        (name = "registry", description = "The unified registry of licences and permits, the receiving bodies' feeds, supervisory motions"),
        (name = "participation", description = "Inquiries to licensing bodies and suggestions to the operator without registration, drafts of legal acts for public discussion and proposals on them"),
        (name = "participants", description = "Participants' maintenance announcements and the operator's incidents"),
        (name = "exchange", description = "The EHİS exchange: consents to move tax-secret data, data sets entered by the source agency")
    )
)]
struct ApiDoc;

/// The OpenAPI document's fixed parts.
pub(crate) fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// Every API route, with its access and its OpenAPI description (merged into `openapi`).
pub(crate) fn routes(openapi: &mut utoipa::openapi::OpenApi) -> Routes {
    let public = OpenApiRouter::new()
        .routes(routes!(systems::list_systems))
        .routes(routes!(systems::get_system))
        .routes(routes!(session::create_session))
        .routes(routes!(session::create_challenge))
        .routes(routes!(session::create_certificate_session))
        .routes(routes!(session::get_test_credentials))
        .routes(routes!(cases::list_services))
        .routes(routes!(cases::get_service))
        .routes(routes!(crate::pages::publication::api_information))
        .routes(routes!(crate::pages::payments::callback))
        .routes(routes!(crate::pages::issued::api_verify))
        .routes(routes!(crate::pages::registry::api_search))
        .routes(routes!(crate::pages::registry::api_entry))
        .routes(routes!(crate::pages::participation::api_create_inquiry))
        .routes(routes!(crate::pages::participation::api_get_inquiry))
        .routes(routes!(crate::pages::participation::api_create_suggestion))
        .routes(routes!(crate::pages::participation::api_list_drafts))
        .routes(routes!(crate::pages::participation::api_get_draft))
        .routes(routes!(participants::list_maintenance));
    let authenticated = OpenApiRouter::new()
        .routes(routes!(session::delete_session))
        .routes(routes!(session::get_me))
        .routes(routes!(cases::create_case, cases::list_cases))
        .routes(routes!(cases::get_case))
        .routes(routes!(cases::get_prefill))
        .routes(routes!(cases::take_transition))
        .routes(routes!(cases::put_document))
        .routes(routes!(cases::get_inbox))
        .routes(routes!(crate::pages::participation::api_create_proposal))
        .routes(routes!(followups::request_paper))
        .routes(routes!(crate::pages::issued::api_sign))
        .routes(routes!(crate::pages::consents::api_list, crate::pages::consents::api_give))
        .routes(routes!(crate::pages::consents::api_revoke));
    let officials = OpenApiRouter::new()
        .routes(routes!(cases::work_queue))
        .routes(routes!(crate::pages::registry::api_feed))
        .routes(routes!(crate::pages::registry::api_file_motion))
        .routes(routes!(participants::create_maintenance))
        .routes(routes!(followups::list_queries, followups::ask_query))
        .routes(routes!(followups::answer_query))
        .routes(routes!(followups::hand_over_paper));
    let sources = OpenApiRouter::new().routes(routes!(crate::pages::ehis::api_record));
    Routes::default()
        .api(public, Access::Public, openapi)
        .api(authenticated, Access::Authenticated, openapi)
        .api(officials, Access::Official, openapi)
        .api(sources, Access::Role(pencere_exchange::SOURCE_ROLE), openapi)
}

pub(crate) async fn serve_openapi(openapi: Arc<utoipa::openapi::OpenApi>) -> impl IntoResponse {
    Json(openapi.as_ref().clone())
}

/// Any path under `/api/` that names no endpoint.
pub(crate) async fn unknown_route() -> ApiError {
    ApiError::not_found("problem-detail-no-endpoint", Vec::new())
}

/// A JSON body whose rejections (syntax, types, media type, size) come back as problem+json.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => {
                let kind = ProblemKind::from_status(rejection.status());
                Err(ApiError { raw_detail: Some(rejection.body_text()), ..ApiError::new(kind) })
            }
        }
    }
}
