//! The relying party of single sign-on (OpenID Connect, authorization code with PKCE): builds
//! the authorization request, exchanges the code at the provider's token endpoint over HTTP, and
//! checks the ID token (ES256 signature by a key the provider publishes, issuer, audience,
//! expiry, nonce) before anyone is logged in.
//!
//! The provider's discovery document and key set are kept in memory for five minutes (or the
//! `Cache-Control: max-age` the provider gives, between one minute and a day); a failed fetch is
//! never kept. An ID token naming a key id the kept set lacks (the provider rotated its key)
//! makes the key set be fetched again, once, before the token is judged.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pencere_core::{Fin, Timestamp};
use pencere_identity::sso::Started;

/// Where the provider is and who we are to it.
#[derive(Clone, Debug)]
pub struct SsoClient {
    /// The provider's issuer identifier; its discovery document is under it.
    pub issuer: String,
    /// Our client id at the provider.
    pub client_id: String,
    /// Where the provider sends people back: `{public URL}/login/sso/callback`.
    pub redirect_uri: String,
    http: reqwest::Client,
    discovery: Arc<Mutex<Option<Kept>>>,
    jwks: Arc<Mutex<Option<Kept>>>,
}

/// A document fetched from the provider, its address, and until when it may be used.
#[derive(Clone, Debug)]
struct Kept {
    url: String,
    document: serde_json::Value,
    until: Instant,
}

/// How long a provider's document is kept without a `Cache-Control: max-age`.
const DEFAULT_TTL: Duration = Duration::from_secs(5 * 60);
/// The bounds on a `max-age` the provider gives.
const TTL_BOUNDS: (Duration, Duration) = (Duration::from_secs(60), Duration::from_secs(24 * 60 * 60));

/// How long a response may be kept: its `max-age` within [`TTL_BOUNDS`], else [`DEFAULT_TTL`];
/// `no-store` or `no-cache` mean not at all.
fn ttl_of(cache_control: Option<&str>) -> Duration {
    let Some(value) = cache_control else { return DEFAULT_TTL };
    let directives: Vec<String> = value.split(',').map(|part| part.trim().to_ascii_lowercase()).collect();
    if directives.iter().any(|directive| directive == "no-store" || directive == "no-cache") {
        return Duration::ZERO;
    }
    directives
        .iter()
        .find_map(|directive| directive.strip_prefix("max-age=")?.parse::<u64>().ok())
        .map_or(DEFAULT_TTL, |seconds| Duration::from_secs(seconds).clamp(TTL_BOUNDS.0, TTL_BOUNDS.1))
}

/// The kept document for `url`, if it is still fresh.
fn fresh(slot: &Mutex<Option<Kept>>, url: &str) -> Option<serde_json::Value> {
    let kept = slot.lock().ok()?;
    kept.as_ref().filter(|kept| kept.url == url && Instant::now() < kept.until).map(|kept| kept.document.clone())
}

/// Why a single sign-on response was refused.
#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    /// The provider could not be reached or answered nonsense.
    #[error("identity provider: {0}")]
    Provider(String),
    /// The code was refused at the token endpoint (replayed, expired, wrong verifier).
    #[error("the provider refused the code: {0}")]
    Refused(String),
    /// The ID token is forged, expired, for someone else, or replayed.
    #[error("the ID token is not acceptable: {0}")]
    BadToken(String),
}

/// The person the provider vouched for.
#[derive(Clone, Debug)]
pub struct Identified {
    /// Their FİN.
    pub fin: Fin,
    /// Their name.
    pub name: String,
}

impl SsoClient {
    /// A client of the provider at `issuer`.
    pub fn new(issuer: String, client_id: String, redirect_uri: String) -> SsoClient {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        SsoClient {
            issuer,
            client_id,
            redirect_uri,
            http,
            discovery: Arc::new(Mutex::new(None)),
            jwks: Arc::new(Mutex::new(None)),
        }
    }

    /// GETs a JSON document from the provider and keeps it in `slot` as its headers allow; a
    /// failure (no answer, an error status, not JSON) is returned and nothing is kept.
    async fn fetch(&self, slot: &Mutex<Option<Kept>>, url: &str) -> Result<serde_json::Value, SsoError> {
        let response = self.http.get(url).send().await.map_err(|error| SsoError::Provider(error.to_string()))?;
        if !response.status().is_success() {
            return Err(SsoError::Provider(format!("{url}: {}", response.status())));
        }
        let ttl = ttl_of(response.headers().get(reqwest::header::CACHE_CONTROL).and_then(|value| value.to_str().ok()));
        let document: serde_json::Value =
            response.json().await.map_err(|error| SsoError::Provider(error.to_string()))?;
        if !ttl.is_zero()
            && let Ok(mut kept) = slot.lock()
        {
            *kept = Some(Kept { url: url.to_owned(), document: document.clone(), until: Instant::now() + ttl });
        }
        Ok(document)
    }

    async fn discovery(&self) -> Result<serde_json::Value, SsoError> {
        let url = format!("{}/.well-known/openid-configuration", self.issuer);
        match fresh(&self.discovery, &url) {
            Some(document) => Ok(document),
            None => self.fetch(&self.discovery, &url).await,
        }
    }

    /// The provider's keys: the kept set, unless `refresh` asks for a new fetch.
    async fn keys(&self, jwks_uri: &str, refresh: bool) -> Result<Vec<(String, p256::ecdsa::VerifyingKey)>, SsoError> {
        let document = match fresh(&self.jwks, jwks_uri).filter(|_| !refresh) {
            Some(document) => document,
            None => self.fetch(&self.jwks, jwks_uri).await?,
        };
        Ok(pencere_trust::jws::keys_of(&document))
    }

    /// The authorization request to send the person to.
    pub async fn authorization_url(&self, started: &Started) -> Result<String, SsoError> {
        let discovery = self.discovery().await?;
        let endpoint = discovery["authorization_endpoint"]
            .as_str()
            .ok_or_else(|| SsoError::Provider("no authorization endpoint".into()))?;
        let mut url = reqwest::Url::parse(endpoint).map_err(|error| SsoError::Provider(error.to_string()))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.client_id)
            .append_pair("redirect_uri", &self.redirect_uri)
            .append_pair("scope", "openid")
            .append_pair("state", &started.state)
            .append_pair("nonce", &started.nonce)
            .append_pair("code_challenge", &started.code_challenge)
            .append_pair("code_challenge_method", "S256");
        Ok(url.to_string())
    }

    /// Exchanges the code and checks the ID token; `nonce` is the one this login started with.
    pub async fn identify(
        &self,
        code: &str,
        verifier: &str,
        nonce: &str,
        now: Timestamp,
    ) -> Result<Identified, SsoError> {
        let discovery = self.discovery().await?;
        let token_endpoint =
            discovery["token_endpoint"].as_str().ok_or_else(|| SsoError::Provider("no token endpoint".into()))?;
        let jwks_uri = discovery["jwks_uri"].as_str().ok_or_else(|| SsoError::Provider("no jwks_uri".into()))?;
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", &self.redirect_uri),
            ("client_id", &self.client_id),
            ("code_verifier", verifier),
        ];
        let response = self
            .http
            .post(token_endpoint)
            .form(&form)
            .send()
            .await
            .map_err(|error| SsoError::Provider(error.to_string()))?;
        let status = response.status();
        let body: serde_json::Value = response.json().await.map_err(|error| SsoError::Provider(error.to_string()))?;
        if !status.is_success() {
            return Err(SsoError::Refused(body["error"].as_str().unwrap_or("error").to_owned()));
        }
        let token = body["id_token"].as_str().ok_or_else(|| SsoError::BadToken("no id_token".into()))?;
        let mut keys = self.keys(jwks_uri, false).await?;
        if let Some(kid) = pencere_trust::jws::key_id(token)
            && !keys.iter().any(|(id, _)| *id == kid)
        {
            keys = self.keys(jwks_uri, true).await?;
        }
        self.check(token, &keys, nonce, now)
    }

    /// Checks an ID token's signature and claims.
    pub fn check(
        &self,
        token: &str,
        keys: &[(String, p256::ecdsa::VerifyingKey)],
        nonce: &str,
        now: Timestamp,
    ) -> Result<Identified, SsoError> {
        let claims = pencere_trust::jws::verify(token, keys).map_err(|error| SsoError::BadToken(error.to_string()))?;
        let seconds = now.as_micros() / 1_000_000;
        let audience_ok = claims["aud"] == self.client_id.as_str()
            || claims["aud"].as_array().is_some_and(|list| list.iter().any(|aud| aud == self.client_id.as_str()));
        if claims["iss"] != self.issuer.as_str() {
            return Err(SsoError::BadToken("wrong issuer".into()));
        }
        if !audience_ok {
            return Err(SsoError::BadToken("not for this client".into()));
        }
        if claims["exp"].as_i64().is_none_or(|exp| exp <= seconds) {
            return Err(SsoError::BadToken("expired".into()));
        }
        if claims["nonce"] != nonce {
            return Err(SsoError::BadToken("wrong nonce".into()));
        }
        let fin = claims["fin"]
            .as_str()
            .or(claims["sub"].as_str())
            .and_then(|text| text.parse::<Fin>().ok())
            .ok_or_else(|| SsoError::BadToken("no FİN".into()))?;
        let name = claims["name"].as_str().unwrap_or(fin.as_str()).to_owned();
        Ok(Identified { fin, name })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::ttl_of;

    #[test]
    fn documents_are_kept_as_the_provider_allows_within_bounds() {
        assert_eq!(ttl_of(None), Duration::from_secs(300));
        assert_eq!(ttl_of(Some("public, max-age=600")), Duration::from_secs(600));
        assert_eq!(ttl_of(Some("max-age=5")), Duration::from_secs(60));
        assert_eq!(ttl_of(Some("max-age=99999999")), Duration::from_secs(86_400));
        assert_eq!(ttl_of(Some("no-store")), Duration::ZERO);
        assert_eq!(ttl_of(Some("private")), Duration::from_secs(300));
    }
}
