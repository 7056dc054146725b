//! Single sign-on over OpenID Connect (authorization code with PKCE), standing for the
//! *Vahid Giriş* window of EHİS (TOB-5.3, VEIS-5.2, VEIS-5.3): this side keeps each started
//! login's state, nonce and PKCE verifier, takes it back exactly once, and logs the person in by
//! the FİN the provider vouched for — creating the account and e-cabinet on the first visit
//! (TOB-5.4, VEIS-5.3). Talking to the provider (HTTP, tokens) is the web layer's part.

use pencere_core::{Fin, Timestamp};
use pencere_store::Db;
use pencere_store::audit::{self, NewEntry};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::session::{self, LoginMethod, NewSession, SessionPolicy};
use crate::store;
use crate::users::{User, find_or_create_person};
use crate::{IdentityError, RequestContext};

/// How long a person may take at the provider.
pub const FLOW_SECONDS: i64 = 600;

/// A login started: what goes into the authorization request.
#[derive(Clone, Debug)]
pub struct Started {
    /// The `state` parameter.
    pub state: String,
    /// The `nonce` the ID token must carry back.
    pub nonce: String,
    /// The PKCE `code_challenge` (S256).
    pub code_challenge: String,
}

/// A login coming back: what the token request and the ID token check need.
#[derive(Clone, Debug)]
pub struct Returning {
    /// The nonce to expect in the ID token.
    pub nonce: String,
    /// The PKCE verifier for the token request.
    pub verifier: String,
    /// Where to go after logging in.
    pub next: String,
}

fn random() -> String {
    let mut bytes = [0_u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64url(&bytes)
}

/// Base64url without padding (RFC 7636, RFC 7515).
pub fn base64url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The PKCE S256 challenge of a verifier.
pub fn pkce_challenge(verifier: &str) -> String {
    base64url(&Sha256::digest(verifier.as_bytes()))
}

/// Starts a login; `next` is where to go afterwards (a local path).
pub async fn begin(db: &Db, now: Timestamp, next: &str) -> Result<Started, IdentityError> {
    let (state, nonce, verifier) = (random(), random(), random());
    let mut tx = db.begin().await?;
    store::insert_sso_flow(&mut tx, &state, &nonce, &verifier, next, now).await?;
    tx.commit().await?;
    Ok(Started { code_challenge: pkce_challenge(&verifier), state, nonce })
}

/// Takes a started login back by its state, once and in time; `None` otherwise.
pub async fn resume(db: &Db, now: Timestamp, state: &str) -> Result<Option<Returning>, IdentityError> {
    let mut tx = db.begin().await?;
    let flow = store::take_sso_flow(&mut tx, state, now).await?;
    tx.commit().await?;
    Ok(flow
        .filter(|(_, _, _, created_at)| now.seconds_since(Timestamp::from_micros(*created_at)) < FLOW_SECONDS)
        .map(|(nonce, verifier, next, _)| Returning { nonce, verifier, next }))
}

/// Logs in the person the provider identified, creating their account on the first visit.
pub async fn login(
    db: &Db,
    now: Timestamp,
    fin: &Fin,
    name: &str,
    policy: &SessionPolicy,
    context: &RequestContext<'_>,
) -> Result<(User, NewSession), IdentityError> {
    let mut tx = db.begin().await?;
    let user = find_or_create_person(&mut tx, fin, name, now, "sso-login").await?;
    let new_session =
        session::start_after_login(&mut tx, &user, now, policy, context, (LoginMethod::Sso, "{\"method\":\"sso\"}"))
            .await?;
    tx.commit().await?;
    Ok((user, new_session))
}

/// Journals a refused single sign-on (tampered or replayed response, unknown state).
pub async fn refused(db: &Db, now: Timestamp, reason: &str, context: &RequestContext<'_>) -> Result<(), IdentityError> {
    let details = format!("{{\"method\":\"sso\",\"reason\":{}}}", crate::users::json_string(reason));
    let mut tx = db.begin().await?;
    audit::append(
        &mut tx,
        &NewEntry {
            at: now,
            actor_id: None,
            actor_label: "sso",
            acting_org_id: None,
            action: "identity.login.failure",
            record: None,
            subject_id: None,
            ip: context.ip,
            request_id: context.request_id,
            details: &details,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_matches_the_rfc_7636_example() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
    }
}
