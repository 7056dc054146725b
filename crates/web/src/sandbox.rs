//! The test environment's stand-ins for outside services, served by the same binary:
//! the mobile signature service (standing for Asan İmza: the user gives a phone number and
//! user id, confirms on the phone, and the service returns the signed challenge with the
//! certificate), the "phone" page that stands for the user's handset, and the demo accounts'
//! certificates and keys for integrators who sign in their own software.

use std::collections::HashMap;
use std::sync::Mutex;

use p256::ecdsa::DerSignature;
use p256::ecdsa::signature::Signer as _;
use pencere_trust::IssuedCertificate;
use rand_core::{OsRng, RngCore};

/// A demo account that has a signature certificate.
pub struct SandboxAccount {
    /// The account's login.
    pub login: String,
    /// The phone registered with the mobile signature service.
    pub phone: String,
    /// The user id of the mobile signature service.
    pub user_id: String,
    /// The certificate and key the "phone" holds.
    pub issued: IssuedCertificate,
}

/// Where a signature request stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MobileState {
    /// Waiting for the person to confirm on the phone.
    Waiting,
    /// Confirmed: the signature over the challenge.
    Signed(Vec<u8>),
    /// The person declined.
    Declined,
}

struct MobileRequest {
    account: usize,
    challenge_id: String,
    payload: Vec<u8>,
    label: Option<String>,
    code: String,
    state: MobileState,
}

/// A pending request as the phone shows it.
#[derive(Clone, Debug)]
pub struct PhonePrompt {
    /// The request's id.
    pub id: String,
    /// The code also shown on the login page, so the person knows it is theirs.
    pub code: String,
    /// What is being signed, when it is a document rather than a login.
    pub label: Option<String>,
}

/// The sandbox services.
pub struct Sandbox {
    ca_pem: String,
    accounts: Vec<SandboxAccount>,
    requests: Mutex<HashMap<String, MobileRequest>>,
    authority: Option<pencere_trust::TestCa>,
    revoked: Mutex<Vec<(String, pencere_core::Timestamp)>>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox").field("accounts", &self.accounts.len()).finish_non_exhaustive()
    }
}

/// Digits only, so `+994 50 200-00-01` and `994502000001` are the same number.
pub fn normalize_phone(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

impl Sandbox {
    /// The services for these accounts, under the test CA whose root is `ca_pem`.
    pub fn new(ca_pem: String, accounts: Vec<SandboxAccount>) -> Sandbox {
        Sandbox { ca_pem, accounts, requests: Mutex::default(), authority: None, revoked: Mutex::default() }
    }

    /// The same services with the test CA itself, which publishes a revocation list.
    #[must_use]
    pub fn with_authority(mut self, authority: pencere_trust::TestCa) -> Sandbox {
        self.authority = Some(authority);
        self
    }

    /// Revokes a demo account's certificate from `now`; its serial, or `None` for an unknown
    /// login or a sandbox without its CA.
    pub fn revoke(&self, login: &str, now: pencere_core::Timestamp) -> Option<String> {
        self.authority.as_ref()?;
        let serial = self.accounts.iter().find(|a| a.login == login)?.issued.serial();
        let mut revoked = self.revoked.lock().ok()?;
        if !revoked.iter().any(|(known, _)| *known == serial) {
            revoked.push((serial.clone(), now));
        }
        Some(serial)
    }

    /// The CA's current revocation list (DER), signed now.
    pub fn crl(&self, now: pencere_core::Timestamp) -> Option<Vec<u8>> {
        let revoked = self.revoked.lock().ok()?.clone();
        self.authority.as_ref()?.crl(&revoked, now).ok()
    }

    /// The test CA's root certificate.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// Starts a signature request for the person registered with this phone and user id;
    /// `None` if no one is. Returns the request id and the code to show on both screens.
    pub fn start(&self, phone: &str, user_id: &str, challenge_id: &str, challenge: &str) -> Option<(String, String)> {
        self.request(phone, user_id, challenge_id, challenge.as_bytes().to_vec(), None)
    }

    /// The certificate of the person registered with this phone and user id.
    pub fn certificate_for(&self, phone: &str, user_id: &str) -> Option<x509_cert::Certificate> {
        let account = self.account(phone, user_id)?;
        self.accounts.get(account).map(|account| account.issued.certificate.clone())
    }

    /// Asks the person to sign `payload` (a document's signed attributes), showing `label` on
    /// the phone; `reference` (the document's id) comes back with the outcome. Returns the
    /// request id and the code to show on both screens.
    pub fn start_signing(
        &self,
        phone: &str,
        user_id: &str,
        reference: &str,
        payload: Vec<u8>,
        label: &str,
    ) -> Option<(String, String)> {
        self.request(phone, user_id, reference, payload, Some(label.to_owned()))
    }

    fn account(&self, phone: &str, user_id: &str) -> Option<usize> {
        let phone = normalize_phone(phone);
        self.accounts.iter().position(|a| normalize_phone(&a.phone) == phone && a.user_id == user_id.trim())
    }

    fn request(
        &self,
        phone: &str,
        user_id: &str,
        challenge_id: &str,
        payload: Vec<u8>,
        label: Option<String>,
    ) -> Option<(String, String)> {
        let account = self.account(phone, user_id)?;
        let mut bytes = [0_u8; 16];
        OsRng.fill_bytes(&mut bytes);
        let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let code = format!("{:04}", u16::from_be_bytes([bytes[0], bytes[1]]) % 10_000);
        let request = MobileRequest {
            account,
            challenge_id: challenge_id.to_owned(),
            payload,
            label,
            code: code.clone(),
            state: MobileState::Waiting,
        };
        self.requests.lock().ok()?.insert(id.clone(), request);
        Some((id, code))
    }

    /// The requests waiting on this phone.
    pub fn pending_for(&self, phone: &str) -> Vec<PhonePrompt> {
        let phone = normalize_phone(phone);
        let Ok(requests) = self.requests.lock() else {
            return Vec::new();
        };
        requests
            .iter()
            .filter(|(_, request)| {
                request.state == MobileState::Waiting
                    && self.accounts.get(request.account).is_some_and(|a| normalize_phone(&a.phone) == phone)
            })
            .map(|(id, request)| PhonePrompt {
                id: id.clone(),
                code: request.code.clone(),
                label: request.label.clone(),
            })
            .collect()
    }

    /// The person confirms on the phone: the phone's key signs the challenge.
    pub fn confirm(&self, request_id: &str) -> bool {
        let Ok(mut requests) = self.requests.lock() else {
            return false;
        };
        let Some(request) = requests.get_mut(request_id).filter(|r| r.state == MobileState::Waiting) else {
            return false;
        };
        let Some(account) = self.accounts.get(request.account) else {
            return false;
        };
        let signature: DerSignature = account.issued.key.sign(&request.payload);
        request.state = MobileState::Signed(signature.as_bytes().to_vec());
        true
    }

    /// The person declines on the phone.
    pub fn decline(&self, request_id: &str) -> bool {
        let Ok(mut requests) = self.requests.lock() else {
            return false;
        };
        match requests.get_mut(request_id).filter(|r| r.state == MobileState::Waiting) {
            Some(request) => {
                request.state = MobileState::Declined;
                true
            }
            None => false,
        }
    }

    /// What became of a request: its state, the challenge it signs, and the certificate.
    pub fn outcome(&self, request_id: &str) -> Option<(MobileState, String, x509_cert::Certificate)> {
        let requests = self.requests.lock().ok()?;
        let request = requests.get(request_id)?;
        let account = self.accounts.get(request.account)?;
        Some((request.state.clone(), request.challenge_id.clone(), account.issued.certificate.clone()))
    }

    /// A demo account's certificate and private key in PEM, for signing in one's own software.
    pub fn credentials(&self, login: &str) -> Option<(String, String)> {
        let account = self.accounts.iter().find(|a| a.login == login)?;
        Some((account.issued.certificate_pem(), account.issued.key_pem()))
    }

    /// A detached CMS signature over `content` by a demo account's test certificate, as its
    /// phone would make it (the demo seed's signed acts).
    pub fn sign_as(&self, login: &str, content: &[u8], at: pencere_core::Timestamp) -> Option<Vec<u8>> {
        let account = self.accounts.iter().find(|a| a.login == login)?;
        pencere_trust::cms::sign_detached(content, &account.issued, at).ok()
    }

    /// The demo accounts: login, phone and user id.
    pub fn accounts(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.accounts.iter().map(|a| (a.login.as_str(), a.phone.as_str(), a.user_id.as_str()))
    }
}

/// The test environment's OpenID Connect provider, standing for the *Vahid Giriş* window of
/// EHİS: a person identifies with FİN and the demo password, and the provider vouches for them
/// to the relying party with a signed ID token (authorization code flow with PKCE, S256 only).
pub struct OidcProvider {
    issuer: String,
    key: p256::ecdsa::SigningKey,
    kid: String,
    client_id: String,
    redirect_uri: String,
    password: String,
    people: Vec<(String, String)>,
    grants: Mutex<HashMap<String, Grant>>,
}

struct Grant {
    challenge: String,
    nonce: String,
    fin: String,
    name: String,
    issued_at: pencere_core::Timestamp,
}

impl std::fmt::Debug for OidcProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcProvider").field("issuer", &self.issuer).finish_non_exhaustive()
    }
}

/// Why the token endpoint refused (`invalid_grant` and friends, RFC 6749 §5.2).
#[derive(Debug, PartialEq, Eq)]
pub struct OAuthError(pub &'static str);

/// How long an authorization code may wait to be exchanged.
const CODE_SECONDS: i64 = 60;

impl OidcProvider {
    /// A provider at `issuer` with one registered client, knowing `people` as (FİN, name).
    pub fn new(
        issuer: String,
        client_id: String,
        redirect_uri: String,
        password: String,
        people: Vec<(String, String)>,
    ) -> OidcProvider {
        let mut kid = [0_u8; 8];
        OsRng.fill_bytes(&mut kid);
        OidcProvider {
            issuer,
            key: p256::ecdsa::SigningKey::random(&mut OsRng),
            kid: kid.iter().map(|b| format!("{b:02x}")).collect(),
            client_id,
            redirect_uri,
            password,
            people,
            grants: Mutex::default(),
        }
    }

    /// The issuer identifier.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The discovery document.
    pub fn discovery(&self) -> serde_json::Value {
        serde_json::json!({
            "issuer": self.issuer,
            "authorization_endpoint": format!("{}/authorize", self.issuer),
            "token_endpoint": format!("{}/token", self.issuer),
            "jwks_uri": format!("{}/jwks", self.issuer),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["ES256"],
            "code_challenge_methods_supported": ["S256"],
        })
    }

    /// The public keys.
    pub fn jwks(&self) -> serde_json::Value {
        serde_json::json!({ "keys": [pencere_trust::jws::jwk(self.key.verifying_key(), &self.kid)] })
    }

    /// Whether an authorization request names the registered client and its redirect.
    pub fn knows_client(&self, client_id: &str, redirect_uri: &str) -> bool {
        client_id == self.client_id && redirect_uri == self.redirect_uri
    }

    /// Checks FİN and password; on success issues a one-time code bound to the PKCE challenge
    /// and the nonce.
    pub fn authorize(
        &self,
        fin: &str,
        password: &str,
        challenge: &str,
        nonce: &str,
        now: pencere_core::Timestamp,
    ) -> Option<String> {
        let fin = fin.trim().to_uppercase();
        let (_, name) = self.people.iter().find(|(known, _)| *known == fin).filter(|_| password == self.password)?;
        let mut bytes = [0_u8; 24];
        OsRng.fill_bytes(&mut bytes);
        let code: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let grant = Grant {
            challenge: challenge.to_owned(),
            nonce: nonce.to_owned(),
            fin: fin.clone(),
            name: name.clone(),
            issued_at: now,
        };
        self.grants.lock().ok()?.insert(code.clone(), grant);
        Some(code)
    }

    /// The token endpoint: exchanges a code once, checking client, redirect and PKCE verifier.
    pub fn exchange(
        &self,
        code: &str,
        client_id: &str,
        redirect_uri: &str,
        verifier: &str,
        now: pencere_core::Timestamp,
    ) -> Result<serde_json::Value, OAuthError> {
        if !self.knows_client(client_id, redirect_uri) {
            return Err(OAuthError("invalid_client"));
        }
        let grant = self
            .grants
            .lock()
            .map_err(|_| OAuthError("server_error"))?
            .remove(code)
            .ok_or(OAuthError("invalid_grant"))?;
        if now.seconds_since(grant.issued_at) > CODE_SECONDS {
            return Err(OAuthError("invalid_grant"));
        }
        if pencere_identity::sso::pkce_challenge(verifier) != grant.challenge {
            return Err(OAuthError("invalid_grant"));
        }
        let seconds = now.as_micros() / 1_000_000;
        let claims = serde_json::json!({
            "iss": self.issuer, "aud": self.client_id, "sub": grant.fin, "fin": grant.fin, "name": grant.name,
            "nonce": grant.nonce, "iat": seconds, "exp": seconds + 300,
        });
        let id_token = pencere_trust::jws::sign(&self.key, &self.kid, &claims);
        Ok(serde_json::json!({ "access_token": code, "token_type": "Bearer", "expires_in": 300, "id_token": id_token }))
    }
}

/// The test environment's payment provider (standing for ASAN ödəniş): the payer presses a
/// button, and it confirms the payment to the platform as a real provider would, with a signed
/// callback over HTTP.
pub struct PaymentSandbox {
    /// The provider's name.
    pub provider: String,
    secret: Vec<u8>,
    callback_url: String,
    client: reqwest::Client,
}

impl std::fmt::Debug for PaymentSandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentSandbox").field("provider", &self.provider).finish_non_exhaustive()
    }
}

impl PaymentSandbox {
    /// A sandbox provider named `provider` calling back `callback_url` with `secret`.
    pub fn new(provider: &str, secret: Vec<u8>, callback_url: String) -> PaymentSandbox {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        PaymentSandbox { provider: provider.to_owned(), secret, callback_url, client }
    }

    /// Pays `amount` `currency` by `code`: sends the signed callback and returns the
    /// platform's HTTP status.
    pub async fn pay(&self, code: &str, amount: &str, currency: &str, now_seconds: i64) -> Result<u16, String> {
        let mut bytes = [0_u8; 8];
        OsRng.fill_bytes(&mut bytes);
        let reference: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let body = serde_json::json!({
            "provider_ref": format!("SBX-{reference}"),
            "code": code,
            "amount": amount,
            "currency": currency,
        })
        .to_string();
        let signature = pencere_payments::sign(&self.secret, now_seconds, body.as_bytes());
        let reply = self
            .client
            .post(&self.callback_url)
            .header("content-type", "application/json")
            .header("x-pencere-timestamp", now_seconds.to_string())
            .header("x-pencere-signature", signature)
            .body(body)
            .send()
            .await
            .map_err(|error| error.to_string())?;
        Ok(reply.status().as_u16())
    }
}
