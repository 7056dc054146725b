//! Login by enhanced e-signature certificate: the server issues a one-time challenge, the user's
//! key signs it — in their own software, or through the mobile signature service that asks them
//! to confirm on the phone — and the server checks the certificate against the trust anchors and
//! the signature against the challenge. The certificate's serialNumber is the person's FİN; a
//! person logging in for the first time gets their account and e-cabinet created then.

use pencere_core::{Fin, Timestamp};
use pencere_store::Db;
use pencere_store::audit::{self, NewEntry};
use pencere_trust::{TrustError, TrustStore};
use rand_core::{OsRng, RngCore};
use x509_cert::Certificate;

use crate::session::{self, LoginMethod, NewSession, SessionPolicy};
use crate::store;
use crate::users::{User, find_or_create_person, json_string};
use crate::{IdentityError, RequestContext};

/// How long a challenge may be signed for.
pub const CHALLENGE_SECONDS: i64 = 120;

/// A challenge to sign.
#[derive(Clone, Debug)]
pub struct Challenge {
    /// Names the challenge when the signature comes back.
    pub id: String,
    /// The text to sign (its UTF-8 bytes).
    pub value: String,
    /// When it can no longer be used.
    pub expires_at: Timestamp,
}

/// Why a certificate login was refused.
#[derive(Debug, thiserror::Error)]
pub enum CertificateLoginError {
    /// No such challenge.
    #[error("unknown challenge")]
    UnknownChallenge,
    /// The challenge was signed already: a replay.
    #[error("the challenge was already used")]
    ChallengeUsed,
    /// Too late.
    #[error("the challenge expired")]
    ChallengeExpired,
    /// The certificate or the signature is not acceptable.
    #[error(transparent)]
    Certificate(#[from] TrustError),
    /// The certificate carries no FİN to find the person by.
    #[error("the certificate names no FİN")]
    NoFin,
    /// Something else failed.
    #[error(transparent)]
    Identity(#[from] IdentityError),
}

impl From<pencere_store::StoreError> for CertificateLoginError {
    fn from(error: pencere_store::StoreError) -> Self {
        CertificateLoginError::Identity(IdentityError::Store(error))
    }
}

/// Issues a new challenge.
pub async fn new_challenge(db: &Db, now: Timestamp) -> Result<Challenge, IdentityError> {
    let mut bytes = [0_u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let value = format!("pencere-login:{}", crate::session::hex(&bytes));
    let id = uuid::Uuid::now_v7().to_string();
    let expires_at = now.plus_seconds(CHALLENGE_SECONDS);
    let mut tx = db.begin().await?;
    store::insert_challenge(&mut tx, &id, &value, now, expires_at).await?;
    tx.commit().await?;
    Ok(Challenge { id, value, expires_at })
}

/// The text of a challenge that is still open (for the mobile signature service to sign).
pub async fn open_challenge(db: &Db, id: &str, now: Timestamp) -> Result<Option<String>, IdentityError> {
    let mut tx = db.begin_read().await?;
    Ok(store::challenge(&mut tx, id)
        .await?
        .filter(|(_, expires_at, used_at)| used_at.is_none() && now.as_micros() < *expires_at)
        .map(|(value, _, _)| value))
}

/// A challenge signed by the holder of a certificate.
#[derive(Clone, Copy, Debug)]
pub struct SignedChallenge<'a> {
    /// The challenge's id.
    pub challenge_id: &'a str,
    /// The signer's certificate.
    pub certificate: &'a Certificate,
    /// The DER-encoded ECDSA signature over the challenge text.
    pub signature: &'a [u8],
}

/// Checks a signed challenge and starts a session. The challenge is used up whatever the outcome,
/// and the outcome is journaled.
pub async fn certificate_login(
    db: &Db,
    trust: &TrustStore,
    now: Timestamp,
    signed: &SignedChallenge<'_>,
    policy: &SessionPolicy,
    context: &RequestContext<'_>,
) -> Result<(User, NewSession), CertificateLoginError> {
    let mut tx = db.begin().await?;
    let challenge_id = signed.challenge_id;
    let Some((value, expires_at, used_at)) = store::challenge(&mut tx, challenge_id).await? else {
        return Err(CertificateLoginError::UnknownChallenge);
    };
    let refused = if used_at.is_some() || !store::use_challenge(&mut tx, challenge_id, now).await? {
        Some(CertificateLoginError::ChallengeUsed)
    } else if now.as_micros() >= expires_at {
        Some(CertificateLoginError::ChallengeExpired)
    } else {
        None
    };
    let outcome = match refused {
        Some(error) => Err(error),
        None => trust
            .verify(signed.certificate, value.as_bytes(), signed.signature, now)
            .map_err(CertificateLoginError::from),
    };
    let signer = match outcome {
        Ok(signer) => signer,
        Err(error) => {
            let details = format!("{{\"method\":\"certificate\",\"reason\":{}}}", json_string(&error.to_string()));
            audit::append(&mut tx, &failure_entry(now, &details, context)).await?;
            tx.commit().await?;
            return Err(error);
        }
    };
    let fin: Fin =
        signer.serial_number.as_deref().and_then(|text| text.parse().ok()).ok_or(CertificateLoginError::NoFin)?;
    let user = find_or_create_person(&mut tx, &fin, &signer.common_name, now, "certificate-login").await?;
    let details = format!("{{\"method\":\"certificate\",\"certificate\":\"{}\"}}", signer.certificate_serial);
    let new_session =
        session::start_after_login(&mut tx, &user, now, policy, context, (LoginMethod::Esign, &details)).await?;
    tx.commit().await?;
    Ok((user, new_session))
}

fn failure_entry<'a>(now: Timestamp, details: &'a str, context: &'a RequestContext<'a>) -> NewEntry<'a> {
    NewEntry {
        at: now,
        actor_id: None,
        actor_label: "certificate",
        acting_org_id: None,
        action: "identity.login.failure",
        record: None,
        subject_id: None,
        ip: context.ip,
        request_id: context.request_id,
        details,
    }
}
