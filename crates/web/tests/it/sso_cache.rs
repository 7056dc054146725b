//! The single sign-on client keeps the provider's discovery document and keys: two logins fetch
//! them once, a rotated key is fetched when a token names it, and a failed fetch is not kept.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use p256::ecdsa::SigningKey;
use pencere_core::Timestamp;
use pencere_web::sso::{SsoClient, SsoError};

const NOW: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);
const NONCE: &str = "nonce-1";

/// A stand-in provider that counts what it is asked.
#[derive(Clone)]
struct Provider {
    issuer: String,
    discovery_fetches: Arc<AtomicUsize>,
    jwks_fetches: Arc<AtomicUsize>,
    /// The key that signs ID tokens now, and its id.
    signer: Arc<Mutex<(SigningKey, String)>>,
    /// The key the key set publishes, and its id.
    published: Arc<Mutex<(SigningKey, String)>>,
    /// Whether the discovery document fails (503).
    broken: Arc<AtomicBool>,
}

fn key(seed: u8) -> SigningKey {
    SigningKey::from_slice(&[seed; 32]).unwrap()
}

async fn discovery(State(provider): State<Provider>) -> Response {
    provider.discovery_fetches.fetch_add(1, Ordering::SeqCst);
    if provider.broken.load(Ordering::SeqCst) {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let issuer = &provider.issuer;
    Json(serde_json::json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
    }))
    .into_response()
}

async fn jwks(State(provider): State<Provider>) -> Json<serde_json::Value> {
    provider.jwks_fetches.fetch_add(1, Ordering::SeqCst);
    let (signer, kid) = provider.published.lock().unwrap().clone();
    Json(serde_json::json!({ "keys": [pencere_trust::jws::jwk(signer.verifying_key(), &kid)] }))
}

async fn token(State(provider): State<Provider>) -> Json<serde_json::Value> {
    let (signer, kid) = provider.signer.lock().unwrap().clone();
    let claims = serde_json::json!({
        "iss": provider.issuer, "aud": "pencere", "sub": "5ZX3K7P", "name": "Rəşad Məmmədov",
        "nonce": NONCE, "exp": NOW.as_micros() / 1_000_000 + 300,
    });
    Json(serde_json::json!({ "id_token": pencere_trust::jws::sign(&signer, &kid, &claims) }))
}

async fn start_provider() -> Provider {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let provider = Provider {
        issuer: format!("http://{}", listener.local_addr().unwrap()),
        discovery_fetches: Arc::default(),
        jwks_fetches: Arc::default(),
        signer: Arc::new(Mutex::new((key(1), "key-1".to_owned()))),
        published: Arc::new(Mutex::new((key(1), "key-1".to_owned()))),
        broken: Arc::default(),
    };
    let app = axum::Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/token", post(token))
        .with_state(provider.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    provider
}

fn client(provider: &Provider) -> SsoClient {
    SsoClient::new(provider.issuer.clone(), "pencere".into(), "http://rp.test/login/sso/callback".into())
}

async fn login(client: &SsoClient) -> Result<String, SsoError> {
    client.identify("code", "verifier", NONCE, NOW).await.map(|identified| identified.fin.as_str().to_owned())
}

#[tokio::test]
async fn two_logins_fetch_discovery_and_keys_once_and_a_rotated_key_is_fetched_when_named() {
    let provider = start_provider().await;
    let client = client(&provider);
    assert_eq!(login(&client).await.unwrap(), "5ZX3K7P");
    assert_eq!(login(&client).await.unwrap(), "5ZX3K7P");
    assert_eq!(provider.discovery_fetches.load(Ordering::SeqCst), 1, "discovery kept");
    assert_eq!(provider.jwks_fetches.load(Ordering::SeqCst), 1, "keys kept");

    // The provider rotates its key: the next token names a key the kept set lacks.
    *provider.published.lock().unwrap() = (key(2), "key-2".to_owned());
    *provider.signer.lock().unwrap() = (key(2), "key-2".to_owned());
    assert_eq!(login(&client).await.unwrap(), "5ZX3K7P");
    assert_eq!(provider.jwks_fetches.load(Ordering::SeqCst), 2, "the new key set is fetched once");
    assert_eq!(login(&client).await.unwrap(), "5ZX3K7P");
    assert_eq!(provider.jwks_fetches.load(Ordering::SeqCst), 2, "and then kept");
    assert_eq!(provider.discovery_fetches.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_failed_discovery_is_not_kept() {
    let provider = start_provider().await;
    let client = client(&provider);
    provider.broken.store(true, Ordering::SeqCst);
    assert!(matches!(login(&client).await, Err(SsoError::Provider(_))));
    provider.broken.store(false, Ordering::SeqCst);
    assert_eq!(login(&client).await.unwrap(), "5ZX3K7P", "the next login asks again");
    assert_eq!(provider.discovery_fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_token_signed_by_a_key_the_provider_does_not_publish_is_refused_after_one_refetch() {
    let provider = start_provider().await;
    let client = client(&provider);
    assert_eq!(login(&client).await.unwrap(), "5ZX3K7P");
    *provider.signer.lock().unwrap() = (key(9), "key-unknown".to_owned());
    assert!(matches!(login(&client).await, Err(SsoError::BadToken(_))));
    assert_eq!(provider.jwks_fetches.load(Ordering::SeqCst), 2, "one more fetch, then refused");
    // A token under a published id but signed by another key is refused without a fetch.
    *provider.signer.lock().unwrap() = (key(9), "key-1".to_owned());
    assert!(matches!(login(&client).await, Err(SsoError::BadToken(_))));
    assert_eq!(provider.jwks_fetches.load(Ordering::SeqCst), 2);
}
