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
        .routes(routes!(crate::pages::consents::api_revoke))
        .routes(routes!(crate::pages::notes::api_list, crate::pages::notes::api_enter))
        .routes(routes!(crate::pages::notes::api_report))
        .routes(routes!(crate::pages::notes::api_answer));
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

/// Documents on every operation of `spec` the answers that come from the request pipeline and the
/// access guard rather than from the handler: malformed parameters or body (400), a body too
/// large (413), of the wrong media type (415) or whose JSON does not fit the declared types (422),
/// not logged in (401), and refused (403: a missing role, a suspended body, a missing or wrong
/// `X-CSRF-Token`, or a state-changing call from another site). What a handler declares for the
/// same status stays.
pub(crate) fn document_pipeline_answers(spec: &mut utoipa::openapi::OpenApi, access: Access) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build(),
            )
            .build()
    };
    for item in spec.paths.paths.values_mut() {
        let operations = [
            (false, &mut item.get),
            (true, &mut item.post),
            (true, &mut item.put),
            (true, &mut item.patch),
            (true, &mut item.delete),
        ];
        for (unsafe_method, operation) in operations {
            let Some(operation) = operation.as_mut() else { continue };
            let has_parameters = operation.parameters.as_ref().is_some_and(|parameters| !parameters.is_empty());
            let json_body = operation.request_body.as_ref().map(|body| body.content.contains_key("application/json"));
            let mut answers = Vec::new();
            if has_parameters || json_body.is_some() {
                answers.push(("400", "Malformed parameters or body"));
            }
            if json_body.is_some() {
                answers.push(("413", "The body is larger than the limit"));
            }
            if json_body == Some(true) {
                answers.push(("415", "The body is not `application/json`"));
                answers.push(("422", "The body's fields do not have the declared types"));
            }
            if access != Access::Public {
                answers.push(("401", "Not logged in"));
            }
            if access != Access::Public || unsafe_method {
                answers.push((
                    "403",
                    "Refused: a role the caller does not hold, a suspended participant body, a missing or \
                     wrong `X-CSRF-Token`, or a state-changing call from another site",
                ));
            }
            for (status, description) in answers {
                operation.responses.responses.entry(status.to_owned()).or_insert_with(|| problem(description).into());
            }
        }
    }
}

pub(crate) async fn serve_openapi(openapi: Arc<utoipa::openapi::OpenApi>) -> impl IntoResponse {
    Json(openapi.as_ref().clone())
}

/// Any path under `/api/` that names no endpoint.
pub(crate) async fn unknown_route() -> ApiError {
    ApiError::not_found("problem-detail-no-endpoint", Vec::new())
}

/// The OpenAPI shape of a body that is a file's raw bytes (`string`, `format: binary`); the
/// handlers read such bodies as `Bytes`.
pub(crate) struct RawBytes;

impl utoipa::PartialSchema for RawBytes {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for RawBytes {}

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
