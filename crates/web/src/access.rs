//! Who may call what: every route is declared with its [`Access`], and the declaration is both
//! what guards the route and what the authorization matrix test reads.
//!
//! The session is loaded once per request by [`load_viewer`]; each route's guard then checks
//! its declared access. State-changing API calls made with a session cookie must echo the
//! session's anti-CSRF token in `X-CSRF-Token`; page forms echo it in a `csrf` field, checked by
//! [`CsrfForm`]; and any state-changing request whose `Origin` names another site is refused.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::MethodRouter;
use axum::{Form, Router};
use pencere_identity::session;
use pencere_identity::{ActiveSession, RoleName};
use serde::de::DeserializeOwned;
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;
use crate::middleware::cookie;
use crate::problem::{ApiError, ProblemKind};

/// The cookie holding the session token.
pub const SESSION_COOKIE: &str = "pencere_session";

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, logged in or not.
    Public,
    /// Any logged-in user.
    Authenticated,
    /// A user holding this role in the organization they act for (`platform.admin`: anywhere).
    Role(&'static str),
    /// An official: a user holding some system's role (`lic.reviewer`, `mig.officer`, …) in the
    /// organization they act for; the handler checks which cases that body may see.
    Official,
}

/// One route and who may call it.
#[derive(Clone, Debug)]
pub struct RouteDecl {
    /// The HTTP method.
    pub method: Method,
    /// The path template, as axum writes it (`/systems/{code}`).
    pub path: String,
    /// Who may call it.
    pub access: Access,
}

/// A router whose every route carries an access declaration.
pub struct Routes {
    router: Router<AppState>,
    table: Vec<RouteDecl>,
}

impl Default for Routes {
    fn default() -> Self {
        Routes { router: Router::new(), table: Vec::new() }
    }
}

impl Routes {
    /// Adds a route for `methods` guarded by `access`.
    pub fn route(mut self, path: &str, access: Access, methods: &[Method], handler: MethodRouter<AppState>) -> Routes {
        let guarded = handler
            .route_layer(axum::middleware::from_fn(move |request: Request, next: Next| guard(access, request, next)));
        self.router = self.router.route(path, guarded);
        self.table.extend(methods.iter().map(|method| RouteDecl {
            method: method.clone(),
            path: path.to_owned(),
            access,
        }));
        self
    }

    /// Adds a `GET` route.
    pub fn get(self, path: &str, access: Access, handler: MethodRouter<AppState>) -> Routes {
        self.route(path, access, &[Method::GET], handler)
    }

    /// Adds a `POST` route.
    pub fn post(self, path: &str, access: Access, handler: MethodRouter<AppState>) -> Routes {
        self.route(path, access, &[Method::POST], handler)
    }

    /// Adds API routes described in OpenAPI, all with the same access; the table is read from the
    /// OpenAPI paths, so a documented route cannot escape a decision.
    pub fn api(
        mut self,
        routes: OpenApiRouter<AppState>,
        access: Access,
        openapi: &mut utoipa::openapi::OpenApi,
    ) -> Routes {
        let routes = routes
            .route_layer(axum::middleware::from_fn(move |request: Request, next: Next| guard(access, request, next)));
        let (router, mut spec) = routes.split_for_parts();
        crate::api::document_pipeline_answers(&mut spec, access);
        for (path, item) in &spec.paths.paths {
            let operations = [
                (Method::GET, item.get.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::PATCH, item.patch.is_some()),
                (Method::DELETE, item.delete.is_some()),
            ];
            for (method, present) in operations {
                if present {
                    self.table.push(RouteDecl { method, path: path.clone(), access });
                }
            }
        }
        openapi.merge(spec);
        self.router = self.router.merge(router);
        self
    }

    /// Adds another set of routes.
    pub fn merge(mut self, other: Routes) -> Routes {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    /// The router and its table.
    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteDecl>) {
        (self.router, self.table)
    }
}

/// The logged-in user of a request, if any (loaded once by [`load_viewer`]).
#[derive(Clone, Debug, Default)]
pub struct Viewer(pub Option<Arc<ActiveSession>>);

impl Viewer {
    /// Whether the viewer may see persons classified under VEIS-1.10: cleared in the body they act
    /// for; never when nobody is logged in.
    pub fn clearance(&self) -> pencere_store::classified::Clearance {
        self.0.as_deref().map(ActiveSession::clearance).unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Viewer, Self::Rejection> {
        Ok(parts.extensions.get::<Viewer>().cloned().unwrap_or_default())
    }
}

/// The logged-in user; routes declared [`Access::Authenticated`] or [`Access::Role`] may rely on it.
#[derive(Clone, Debug)]
pub struct Authenticated(pub Arc<ActiveSession>);

impl<S: Send + Sync> FromRequestParts<S> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Authenticated, ApiError> {
        match parts.extensions.get::<Viewer>() {
            Some(Viewer(Some(session))) => Ok(Authenticated(session.clone())),
            _ => Err(ApiError::new(ProblemKind::Unauthorized)),
        }
    }
}

/// Where a request came from, for the audit journal.
#[derive(Clone, Debug, Default)]
pub struct RequestMeta {
    /// The client's address.
    pub ip: Option<String>,
    /// The request id.
    pub request_id: Option<String>,
}

impl RequestMeta {
    /// As identity's context type.
    pub fn context(&self) -> pencere_identity::RequestContext<'_> {
        pencere_identity::RequestContext { ip: self.ip.as_deref(), request_id: self.request_id.as_deref() }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestMeta {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<RequestMeta, Self::Rejection> {
        Ok(RequestMeta {
            ip: parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip().to_string()),
            request_id: parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned),
        })
    }
}

/// Paths that never need to know who is asking: static files and probes.
fn anonymous_path(path: &str) -> bool {
    path.starts_with("/static/") || matches!(path, "/healthz" | "/readyz" | "/metrics")
}

/// Loads the session named by the cookie, if any, for the guards and handlers after it.
pub async fn load_viewer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let token =
        cookie(request.headers(), SESSION_COOKIE).filter(|_| !anonymous_path(request.uri().path())).map(str::to_owned);
    let viewer = match token {
        None => Viewer(None),
        Some(token) => match session::resolve(state.db(), &token, state.clock().now(), &state.config().session).await {
            Ok(session) => Viewer(session.map(|mut session| {
                // The test environment's demo accounts log in by password whatever their
                // system's real method (DESIGN.md): there a password session stands in for the
                // e-signature that licence actions require (LIC-3.8); never in production.
                if state.config().demo {
                    session.allow_stand_in();
                }
                Arc::new(session)
            })),
            Err(pencere_identity::IdentityError::Store(error)) => return ApiError::from(error).into_response(),
            Err(error) => return ApiError::internal(error).into_response(),
        },
    };
    let suspended = match viewer.0.as_deref() {
        Some(session) if acts_for_a_body(session) => match suspension(&state, session).await {
            Ok(suspended) => suspended,
            Err(error) => return error.into_response(),
        },
        _ => None,
    };
    // While its body is suspended, an official holds none of its roles anywhere: not on the
    // officials' routes (refused below, with the reason), and not where a route open to any
    // logged-in user lets the engine recognise an official (a case's API, its documents).
    let viewer = match (&viewer.0, &suspended) {
        (Some(session), Some(_)) => {
            let mut stripped = (**session).clone();
            let body = stripped.acting_org_id.clone();
            stripped.memberships.retain(|membership| Some(&membership.organization.id) != body.as_ref());
            Viewer(Some(Arc::new(stripped)))
        }
        _ => viewer,
    };
    request.extensions_mut().insert(viewer);
    request.extensions_mut().insert(Suspended(suspended));
    next.run(request).await
}

/// The suspension in force on the participant a session acts for (LIC-8.0.9): its reason and
/// the day it began. Loaded with the session, once per request, only for users who act for an
/// organization in some role but the operator's.
#[derive(Clone, Debug, Default)]
struct Suspended(Option<(String, String)>);

fn acts_for_a_body(session: &ActiveSession) -> bool {
    session.acting_memberships().any(|membership| membership.role.as_str() != RoleName::PLATFORM_ADMIN)
}

/// One read by a unique partial index (`participant_suspension_in_force`).
async fn suspension(state: &AppState, session: &ActiveSession) -> Result<Option<(String, String)>, ApiError> {
    let Some(org_id) = session.acting_org_id.as_deref() else {
        return Ok(None);
    };
    let measure = pencere_cases::participants::suspension_of(state.db(), org_id)
        .await
        .map_err(crate::pages::participants::participant_error)?;
    Ok(measure.map(|measure| {
        let since = pencere_core::calendar::Date::in_baku(pencere_core::Timestamp::from_micros(measure.decided_at));
        (measure.reason, since.to_string())
    }))
}

/// Whether a route's access is that of a participant body's officials: `Official`, or a role
/// held in the organization acted for (every role but the operator's).
fn body_access(access: Access) -> bool {
    match access {
        Access::Official => true,
        Access::Role(role) => role != RoleName::PLATFORM_ADMIN,
        Access::Public | Access::Authenticated => false,
    }
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Refuses a state-changing request whose `Origin` is another site than the `Host` it was sent to.
fn cross_site(request: &Request) -> bool {
    let headers = request.headers();
    let (Some(origin), Some(host)) = (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) else {
        return false;
    };
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    origin == "null" || origin_host != host
}

async fn guard(access: Access, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let session = request.extensions().get::<Viewer>().and_then(|viewer| viewer.0.clone());
    if is_unsafe(request.method()) && cross_site(&request) {
        return ApiError::new(ProblemKind::Forbidden).into_response();
    }
    // A suspended participant's officials are refused on the officials' routes (LIC-8.0.9).
    if body_access(access)
        && let Some(Suspended(Some((reason, since)))) = request.extensions().get::<Suspended>()
    {
        return ApiError {
            detail_id: Some((
                "participants-suspended-detail",
                vec![("reason", reason.clone()), ("since", since.clone())],
            )),
            ..ApiError::new(ProblemKind::Forbidden)
        }
        .into_response();
    }
    let allowed = match (access, &session) {
        (Access::Public, _) => true,
        (_, None) => {
            if api {
                return ApiError::new(ProblemKind::Unauthorized).into_response();
            }
            let next_path = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
            return Redirect::to(&format!("/login?next={}", crate::pages::percent_encode(next_path))).into_response();
        }
        (Access::Authenticated, Some(_)) => true,
        (Access::Role(role), Some(session)) => session.has_role(role),
        (Access::Official, Some(session)) => session.is_official(),
    };
    if !allowed {
        return ApiError::new(ProblemKind::Forbidden).into_response();
    }
    if api
        && is_unsafe(request.method())
        && let Some(session) = &session
    {
        let echoed = request.headers().get("x-csrf-token").and_then(|v| v.to_str().ok());
        if echoed != Some(session.csrf_token.as_str()) {
            return ApiError {
                detail_id: Some(("problem-detail-csrf", Vec::new())),
                ..ApiError::new(ProblemKind::Forbidden)
            }
            .into_response();
        }
    }
    next.run(request).await
}

/// A form posted by a logged-in user, with the session's anti-CSRF token in its `csrf` field.
pub struct CsrfForm<T>(pub T);

#[derive(serde::Deserialize)]
struct WithCsrf<T> {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    rest: T,
}

impl<T, S> FromRequest<S> for CsrfForm<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<CsrfForm<T>, ApiError> {
        let expected =
            request.extensions().get::<Viewer>().and_then(|viewer| viewer.0.clone()).map(|s| s.csrf_token.clone());
        let Form(form) = Form::<WithCsrf<T>>::from_request(request, state)
            .await
            .map_err(|rejection| ApiError::bad_request(rejection.body_text()))?;
        match expected {
            Some(token) if token == form.csrf => Ok(CsrfForm(form.rest)),
            _ => Err(ApiError {
                detail_id: Some(("problem-detail-csrf", Vec::new())),
                ..ApiError::new(ProblemKind::Forbidden)
            }),
        }
    }
}

/// The `Set-Cookie` value that stores a session token (`Secure` outside the test environment).
pub fn session_cookie(token: &str, max_age_seconds: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; Max-Age={max_age_seconds}; HttpOnly; SameSite=Lax{secure}")
}

/// A redirect to `next` that carries the cookie of a session just started.
pub fn logged_in_redirect(state: &AppState, next: &str, token: &str) -> Response {
    let mut response = Redirect::to(next).into_response();
    let config = state.config();
    let cookie = session_cookie(token, config.session.absolute_seconds, !config.demo);
    if let Ok(value) = axum::http::HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> String {
    session_cookie("", 0, secure)
}
