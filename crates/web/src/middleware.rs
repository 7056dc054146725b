//! The request pipeline around every handler: language, metrics, security headers, and the one
//! place where error responses get their body.

use std::time::Instant;

use axum::body::Body;
use axum::extract::{FromRequestParts, MatchedPath, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pencere_core::Lang;

use crate::AppState;
use crate::problem::{ApiError, Problem, ProblemField, ProblemKind};

/// The name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

/// The language of a request: the `lang` cookie, else `Accept-Language`, else Azerbaijani.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(|value| value.parse().ok())
        .or_else(|| {
            headers.get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()).and_then(Lang::negotiate)
        })
        .unwrap_or_default()
}

/// The value of a cookie, if the request carries it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// The language of the request, as an extractor.
#[derive(Clone, Copy, Debug)]
pub struct UserLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for UserLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(UserLang(request_lang(&parts.headers)))
    }
}

/// A response extension saying the body is final even though the status is an error
/// (e.g. a form re-rendered with its field errors).
#[derive(Clone, Copy, Debug)]
pub struct FinalBody;

/// Copies the matched route template into the response, for [`track_metrics`] outside routing.
pub async fn expose_matched_path(request: Request, next: Next) -> Response {
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(matched) = matched {
        response.extensions_mut().insert(matched);
    }
    response
}

/// Records the count and latency of every request by route template.
pub async fn track_metrics(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let response = next.run(request).await;
    let route = response.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str);
    state.metrics().record(method.as_str(), route, response.status().as_u16(), started.elapsed());
    response
}

/// The Content-Security-Policy of every response: no inline script or style, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Adds the security headers to every response.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let defaults = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"),
        (header::HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ];
    for (name, value) in defaults {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
    response
}

/// The largest error body kept as a developer detail.
const DETAIL_LIMIT: usize = 2048;

/// Gives every error response its body: problem+json under `/api/`, a localized page elsewhere.
pub async fn render_errors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let lang = request_lang(request.headers());
    let path = request.uri().path().to_owned();
    let request_id = request.headers().get("x-request-id").and_then(|value| value.to_str().ok()).map(str::to_owned);
    let viewer = request.extensions().get::<crate::access::Viewer>().cloned().unwrap_or_default();
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || response.extensions().get::<FinalBody>().is_some() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let error = match parts.extensions.remove::<ApiError>() {
        Some(error) => error,
        None => {
            let kind = ProblemKind::from_status(status);
            let bytes = axum::body::to_bytes(body, DETAIL_LIMIT).await.unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes).trim().to_owned();
            if status.is_server_error() {
                tracing::error!(status = status.as_u16(), request.id = request_id.as_deref(), body = %text, "server error");
                ApiError::new(kind)
            } else {
                ApiError { raw_detail: (!text.is_empty()).then_some(text), ..ApiError::new(kind) }
            }
        }
    };
    let tr = state.i18n().tr(lang);
    let detail = match (&error.detail_id, &error.raw_detail) {
        (Some((id, args)), _) => {
            let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> =
                args.iter().map(|(name, value)| (*name, value.as_str().into())).collect();
            Some(tr.t_with(id, &args))
        }
        (None, Some(raw)) => Some(raw.clone()),
        (None, None) => None,
    };
    let mut rendered = if path.starts_with("/api/") {
        let problem = Problem {
            type_uri: error.kind.type_uri(),
            title: tr.t(&error.kind.title_id()),
            status: status.as_u16(),
            detail,
            instance: Some(path),
            request_id,
            errors: error
                .errors
                .iter()
                .map(|field| ProblemField { field: field.field.clone(), message: tr.t(field.message_id) })
                .collect(),
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        response
    } else {
        let request = crate::pages::ErrorRequest { lang, path, request_id, viewer };
        let detail = crate::pages::ErrorDetail { text: detail, localized: error.detail_id.is_some(), link: error.link };
        crate::pages::error_page(&state, request, status, error.kind, detail)
    };
    // Keep what the inner layers recorded (the matched route, for metrics) and the headers the
    // handler set on purpose (Allow, Retry-After, WWW-Authenticate).
    rendered.extensions_mut().extend(parts.extensions);
    for name in [header::ALLOW, header::RETRY_AFTER, header::WWW_AUTHENTICATE] {
        if let Some(value) = parts.headers.remove(&name) {
            rendered.headers_mut().insert(name, value);
        }
    }
    rendered
}

/// Turns a body into a response body; here to keep `Body` out of handler signatures.
pub fn html(body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_wins_over_accept_language() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("ru-RU,ru;q=0.9"));
        assert_eq!(request_lang(&headers), Lang::Ru);
        headers.insert(header::COOKIE, HeaderValue::from_static("session=abc; lang=en"));
        assert_eq!(request_lang(&headers), Lang::En);
        headers.insert(header::COOKIE, HeaderValue::from_static("lang=xx"));
        assert_eq!(request_lang(&headers), Lang::Ru, "an unknown cookie value falls back");
        assert_eq!(request_lang(&HeaderMap::new()), Lang::Az);
    }
}
