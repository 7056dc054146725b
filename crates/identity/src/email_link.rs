//! Login by a one-time link sent to the e-mail address of a foreigner or stateless person
//! (MIG-4.3). The answer to a request never says whether the address is known; a link works
//! once, for a quarter of an hour, and only its hash is stored.

use pencere_core::Timestamp;
use pencere_store::Db;
use pencere_store::audit::{self, NewEntry};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::session::{self, LoginMethod, NewSession, SessionPolicy, hex};
use crate::store;
use crate::users::{User, user_by_id};
use crate::{IdentityError, RequestContext};

/// How long a link works.
pub const LINK_SECONDS: i64 = 15 * 60;

/// At most this many links go to one person within [`LINK_SECONDS`], so the form cannot be used
/// to flood someone's inbox.
pub const LINKS_PER_WINDOW: i64 = 3;

/// Why a link did not log anyone in.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// No such link.
    #[error("unknown link")]
    Unknown,
    /// Used before.
    #[error("the link was already used")]
    Used,
    /// Too late.
    #[error("the link expired")]
    Expired,
    /// Something else failed.
    #[error(transparent)]
    Identity(#[from] IdentityError),
}

impl From<pencere_store::StoreError> for LinkError {
    fn from(error: pencere_store::StoreError) -> Self {
        LinkError::Identity(IdentityError::Store(error))
    }
}

/// A link to send: to whom, and the secret token to put in it.
#[derive(Clone, Debug)]
pub struct Link {
    /// The person.
    pub user: User,
    /// The token for the link's path.
    pub token: String,
}

/// Creates a link for the foreigner with this e-mail address, if there is one.
pub async fn request(
    db: &Db,
    now: Timestamp,
    email: &str,
    context: &RequestContext<'_>,
) -> Result<Option<Link>, IdentityError> {
    let email = email.trim().to_lowercase();
    let mut tx = db.begin().await?;
    let Some(user) = store::foreigner_by_email(&mut tx, &email).await?.map(User::from_row) else {
        return Ok(None);
    };
    if store::email_links_since(&mut tx, &user.id, now.plus_seconds(-LINK_SECONDS)).await? >= LINKS_PER_WINDOW {
        // The same answer as for an unknown address; the journal keeps what happened.
        audit::append(&mut tx, &link_entry(now, &user, "identity.login.link_throttled", context)).await?;
        tx.commit().await?;
        return Ok(None);
    }
    let mut bytes = [0_u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = hex(&bytes);
    store::insert_email_link(
        &mut tx,
        &hex(&Sha256::digest(token.as_bytes())),
        &user.id,
        now,
        now.plus_seconds(LINK_SECONDS),
    )
    .await?;
    audit::append(&mut tx, &link_entry(now, &user, "identity.login.link_sent", context)).await?;
    tx.commit().await?;
    Ok(Some(Link { user, token }))
}

/// Logs in with a link's token, using it up.
pub async fn redeem(
    db: &Db,
    now: Timestamp,
    token: &str,
    policy: &SessionPolicy,
    context: &RequestContext<'_>,
) -> Result<(User, NewSession), LinkError> {
    let hash = hex(&Sha256::digest(token.trim().as_bytes()));
    let mut tx = db.begin().await?;
    let Some((user_id, expires_at, used_at)) = store::email_link(&mut tx, &hash).await? else {
        return Err(LinkError::Unknown);
    };
    if used_at.is_some() || !store::use_email_link(&mut tx, &hash, now).await? {
        return Err(LinkError::Used);
    }
    if now.as_micros() >= expires_at {
        tx.commit().await?;
        return Err(LinkError::Expired);
    }
    let user = user_by_id(&mut tx, &user_id).await?.ok_or(LinkError::Unknown)?;
    let new_session = session::start_after_login(
        &mut tx,
        &user,
        now,
        policy,
        context,
        (LoginMethod::EmailLink, "{\"method\":\"email\"}"),
    )
    .await?;
    tx.commit().await?;
    Ok((user, new_session))
}

fn link_entry<'a>(now: Timestamp, user: &'a User, action: &'a str, context: &'a RequestContext<'a>) -> NewEntry<'a> {
    NewEntry {
        at: now,
        actor_id: None,
        actor_label: "email-link",
        acting_org_id: None,
        action,
        record: Some(("user", &user.id)),
        subject_id: Some(&user.id),
        ip: context.ip,
        request_id: context.request_id,
        details: "{\"method\":\"email\"}",
    }
}
