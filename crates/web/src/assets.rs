//! Static files, embedded in the binary and served with long cache lifetimes.
//!
//! Pages link them with a content hash in the query (`/static/app.css?v=…`), so a new release
//! is fetched at once while an unchanged file is never fetched twice.

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::access::{Access, Routes};

const APP_CSS: &str = include_str!("../static/app.css");
const FAVICON: &str = include_str!("../static/favicon.svg");

/// The stylesheet's address, with its content hash.
pub(crate) static CSS_URL: LazyLock<String> = LazyLock::new(|| format!("/static/app.css?v={}", short_hash(APP_CSS)));

fn short_hash(text: &str) -> String {
    // FNV-1a: a cache key, not a security boundary.
    let hash = text
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

pub(crate) fn routes() -> Routes {
    Routes::default().get("/static/app.css", Access::Public, get(app_css)).get(
        "/static/favicon.svg",
        Access::Public,
        get(favicon),
    )
}

const CACHE: &str = "public, max-age=31536000, immutable";

async fn app_css() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, CACHE)], APP_CSS)
}

async fn favicon() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], FAVICON)
}
