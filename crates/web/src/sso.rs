//! The relying party of single sign-on (OpenID Connect, authorization code with PKCE): builds
//! the authorization request, exchanges the code at the provider's token endpoint over HTTP, and
//! checks the ID token (ES256 signature by a key the provider publishes, issuer, audience,
//! expiry, nonce) before anyone is logged in.

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
        SsoClient { issuer, client_id, redirect_uri, http }
    }

    async fn discovery(&self) -> Result<serde_json::Value, SsoError> {
        let url = format!("{}/.well-known/openid-configuration", self.issuer);
        let response = self.http.get(&url).send().await.map_err(|error| SsoError::Provider(error.to_string()))?;
        response.json().await.map_err(|error| SsoError::Provider(error.to_string()))
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
        let jwks: serde_json::Value = self
            .http
            .get(jwks_uri)
            .send()
            .await
            .map_err(|error| SsoError::Provider(error.to_string()))?
            .json()
            .await
            .map_err(|error| SsoError::Provider(error.to_string()))?;
        self.check(token, &pencere_trust::jws::keys_of(&jwks), nonce, now)
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
