//! Errors at the HTTP edge: one kind list, one renderer.
//!
//! Handlers return [`ApiError`] (or let axum reject bad input); neither writes a body. The
//! [`render_errors`](crate::middleware::render_errors) middleware, which knows the request's language
//! and path, turns every error response into an RFC 9457 `application/problem+json` document for
//! the API, or a localized HTML page for people. A 5xx body never says more than "internal error";
//! its cause is logged once, with the request id.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The stable kinds of error the API returns. Each has a `type` URI, `/problems/{slug}`,
/// documented on that page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The request is malformed (syntax, types).
    BadRequest,
    /// The request is well formed but some fields are invalid; see `errors`.
    Validation,
    /// Authentication is needed or failed.
    Unauthorized,
    /// The caller may not do this.
    Forbidden,
    /// No such resource, or not visible to the caller.
    NotFound,
    /// The method is not allowed on this resource.
    MethodNotAllowed,
    /// The request conflicts with the current state.
    Conflict,
    /// The body is larger than the limit.
    PayloadTooLarge,
    /// The body's media type is not accepted.
    UnsupportedMediaType,
    /// Too many requests; try again later.
    TooManyRequests,
    /// The request took too long and was abandoned.
    Timeout,
    /// A dependency (database, registry) is unavailable.
    Unavailable,
    /// A fault on our side.
    Internal,
}

impl ProblemKind {
    /// Every kind, for the documentation pages and tests.
    pub const ALL: [ProblemKind; 13] = [
        ProblemKind::BadRequest,
        ProblemKind::Validation,
        ProblemKind::Unauthorized,
        ProblemKind::Forbidden,
        ProblemKind::NotFound,
        ProblemKind::MethodNotAllowed,
        ProblemKind::Conflict,
        ProblemKind::PayloadTooLarge,
        ProblemKind::UnsupportedMediaType,
        ProblemKind::TooManyRequests,
        ProblemKind::Timeout,
        ProblemKind::Unavailable,
        ProblemKind::Internal,
    ];

    /// The last segment of the `type` URI.
    pub fn slug(self) -> &'static str {
        match self {
            ProblemKind::BadRequest => "bad-request",
            ProblemKind::Validation => "validation",
            ProblemKind::Unauthorized => "unauthorized",
            ProblemKind::Forbidden => "forbidden",
            ProblemKind::NotFound => "not-found",
            ProblemKind::MethodNotAllowed => "method-not-allowed",
            ProblemKind::Conflict => "conflict",
            ProblemKind::PayloadTooLarge => "payload-too-large",
            ProblemKind::UnsupportedMediaType => "unsupported-media-type",
            ProblemKind::TooManyRequests => "too-many-requests",
            ProblemKind::Timeout => "timeout",
            ProblemKind::Unavailable => "unavailable",
            ProblemKind::Internal => "internal",
        }
    }

    /// Finds a kind by its slug.
    pub fn from_slug(slug: &str) -> Option<ProblemKind> {
        ProblemKind::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    /// The `type` member: a URI reference to this kind's documentation page.
    pub fn type_uri(self) -> String {
        format!("/problems/{}", self.slug())
    }

    /// The HTTP status this kind is answered with.
    pub fn status(self) -> StatusCode {
        match self {
            ProblemKind::BadRequest => StatusCode::BAD_REQUEST,
            ProblemKind::Validation => StatusCode::UNPROCESSABLE_ENTITY,
            ProblemKind::Unauthorized => StatusCode::UNAUTHORIZED,
            ProblemKind::Forbidden => StatusCode::FORBIDDEN,
            ProblemKind::NotFound => StatusCode::NOT_FOUND,
            ProblemKind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ProblemKind::Conflict => StatusCode::CONFLICT,
            ProblemKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ProblemKind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ProblemKind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ProblemKind::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            ProblemKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ProblemKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The kind a bare error status stands for, when no handler said more.
    pub fn from_status(status: StatusCode) -> ProblemKind {
        match status {
            StatusCode::BAD_REQUEST => ProblemKind::BadRequest,
            StatusCode::UNPROCESSABLE_ENTITY => ProblemKind::Validation,
            StatusCode::UNAUTHORIZED => ProblemKind::Unauthorized,
            StatusCode::FORBIDDEN => ProblemKind::Forbidden,
            StatusCode::NOT_FOUND => ProblemKind::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => ProblemKind::MethodNotAllowed,
            StatusCode::CONFLICT => ProblemKind::Conflict,
            StatusCode::PAYLOAD_TOO_LARGE => ProblemKind::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ProblemKind::UnsupportedMediaType,
            StatusCode::TOO_MANY_REQUESTS => ProblemKind::TooManyRequests,
            StatusCode::REQUEST_TIMEOUT | StatusCode::GATEWAY_TIMEOUT => ProblemKind::Timeout,
            StatusCode::SERVICE_UNAVAILABLE => ProblemKind::Unavailable,
            status if status.is_server_error() => ProblemKind::Internal,
            _ => ProblemKind::BadRequest,
        }
    }

    /// The Fluent id of the kind's short title.
    pub fn title_id(self) -> String {
        format!("problem-{}-title", self.slug())
    }

    /// The Fluent id of the kind's explanation, shown on error pages and `/problems/{slug}`.
    pub fn explanation_id(self) -> String {
        format!("problem-{}-explanation", self.slug())
    }
}

/// A field the caller must correct, with a Fluent message id saying why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as the request spelled it.
    pub field: String,
    /// The Fluent id of the message.
    pub message_id: &'static str,
}

/// What a handler says went wrong; rendered by the error middleware.
#[derive(Clone, Debug)]
pub struct ApiError {
    /// The kind, which fixes status, type and title.
    pub kind: ProblemKind,
    /// A Fluent id for a localized detail, with its arguments.
    pub detail_id: Option<(&'static str, Vec<(&'static str, String)>)>,
    /// A detail for developers that needs no translation (e.g. a JSON parser's message).
    pub raw_detail: Option<String>,
    /// Field-level errors for [`ProblemKind::Validation`].
    pub errors: Vec<FieldError>,
    /// A page that helps, which the error page links to.
    pub link: Option<HelpLink>,
}

/// A page an error page links to, for what the user can do about the error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpLink {
    /// The login page's e-signature section, shown even to a logged-in user (LIC-3.8).
    EsignLogin,
}

impl HelpLink {
    /// The link's address.
    pub fn href(self) -> &'static str {
        match self {
            HelpLink::EsignLogin => "/login?again=esign#esign-heading",
        }
    }

    /// The Fluent id of the link's text.
    pub fn label_id(self) -> &'static str {
        match self {
            HelpLink::EsignLogin => "login-method-login-link",
        }
    }
}

impl ApiError {
    /// An error of this kind, without detail.
    pub fn new(kind: ProblemKind) -> ApiError {
        ApiError { kind, detail_id: None, raw_detail: None, errors: Vec::new(), link: None }
    }

    /// `404`, with a localized detail.
    pub fn not_found(detail_id: &'static str, args: Vec<(&'static str, String)>) -> ApiError {
        ApiError { detail_id: Some((detail_id, args)), ..ApiError::new(ProblemKind::NotFound) }
    }

    /// `400`, with a developer-facing detail.
    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError { raw_detail: Some(detail.into()), ..ApiError::new(ProblemKind::BadRequest) }
    }

    /// `422`, naming every invalid field.
    pub fn validation(errors: Vec<FieldError>) -> ApiError {
        ApiError { errors, ..ApiError::new(ProblemKind::Validation) }
    }

    /// `500`; the cause is logged, never shown.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        tracing::error!(error = %cause, "internal error");
        ApiError::new(ProblemKind::Internal)
    }
}

impl From<pencere_store::StoreError> for ApiError {
    fn from(error: pencere_store::StoreError) -> ApiError {
        match error {
            pencere_store::StoreError::Conflict(_) => ApiError::new(ProblemKind::Conflict),
            pencere_store::StoreError::Connect { .. } => {
                tracing::error!(%error, "database unavailable");
                ApiError::new(ProblemKind::Unavailable)
            }
            other => ApiError::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.kind.status();
        let mut response = status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// An RFC 9457 problem document, as the API returns it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem; stable, documented at that address.
    #[serde(rename = "type")]
    #[schema(example = "/problems/not-found")]
    pub type_uri: String,
    /// A short, localized summary of the kind.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// A localized explanation of this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The request path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// The request id, to quote to support.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The fields to correct, for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

/// One invalid field in a [`Problem`].
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    /// The field's name, as the request spelled it.
    pub field: String,
    /// What is wrong, in the caller's language.
    pub message: String,
}
