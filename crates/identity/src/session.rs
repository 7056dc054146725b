//! Sessions: a random token in an `HttpOnly` cookie, stored only as its SHA-256, with idle and
//! absolute timeouts, an anti-CSRF token, and the organization the user acts for.

use pencere_core::Timestamp;
use pencere_store::audit::{self, NewEntry};
use pencere_store::{Db, Tx};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::store::{self, RevokeScope};
use crate::users::{self, Membership, User};
use crate::{IdentityError, RequestContext};

/// How long sessions live.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    /// Seconds of inactivity after which a session ends.
    pub idle_seconds: i64,
    /// Seconds after login after which a session ends, however active.
    pub absolute_seconds: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy { idle_seconds: 30 * 60, absolute_seconds: 12 * 60 * 60 }
    }
}

/// How a session's user proved who they are (LIC-3.8: licence and permit actions need the
/// enhanced e-signature). Recorded when the session starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LoginMethod {
    /// A login name and password (with the second factor when the user has one).
    Password,
    /// The enhanced e-signature: a certificate's key, on the user's own device or through the
    /// mobile signature service.
    Esign,
    /// Single sign-on through the federated identity provider (Vahid Giriş).
    Sso,
    /// A one-time link sent by e-mail (foreigners).
    EmailLink,
}

impl LoginMethod {
    /// Every method, in a stable order.
    pub const ALL: [LoginMethod; 4] =
        [LoginMethod::Password, LoginMethod::Esign, LoginMethod::Sso, LoginMethod::EmailLink];

    /// As stored and written in catalogs: `password`, `esign`, `sso`, `email_link`.
    pub fn as_str(self) -> &'static str {
        match self {
            LoginMethod::Password => "password",
            LoginMethod::Esign => "esign",
            LoginMethod::Sso => "sso",
            LoginMethod::EmailLink => "email_link",
        }
    }
}

impl std::fmt::Display for LoginMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for LoginMethod {
    type Err = String;

    fn from_str(text: &str) -> Result<LoginMethod, String> {
        LoginMethod::ALL
            .into_iter()
            .find(|method| method.as_str() == text)
            .ok_or_else(|| format!("{text:?} is not a login method (password, esign, sso, email_link)"))
    }
}

/// Whether a session's login satisfies a rule naming the methods it accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginStanding {
    /// The session's method is one the rule accepts (or the rule accepts any).
    Met,
    /// The method is not accepted, but the test environment lets this password session stand in
    /// for the required one (demo accounts log in by password whatever their real method).
    StandIn,
    /// The method is not accepted.
    Unmet,
}

impl LoginStanding {
    /// Whether the action may go ahead.
    pub fn allows(self) -> bool {
        self != LoginStanding::Unmet
    }
}

/// Last-seen times are written at most this often, so reads do not each cost a write.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// A session just started: the token goes into the cookie and is never stored.
#[derive(Clone, Debug)]
pub struct NewSession {
    /// The secret for the cookie.
    pub token: String,
    /// The anti-CSRF token forms must echo.
    pub csrf_token: String,
    /// When the session ends at the latest.
    pub expires_at: Timestamp,
}

/// A valid session with its user and what they may act as.
#[derive(Clone, Debug)]
pub struct ActiveSession {
    /// The logged-in user.
    pub user: User,
    /// Their active memberships.
    pub memberships: Vec<Membership>,
    /// The organization they act for, if they chose one they belong to.
    pub acting_org_id: Option<String>,
    /// The anti-CSRF token of this session.
    pub csrf_token: String,
    /// When the session ends at the latest.
    pub expires_at: Timestamp,
    /// How the user logged in.
    pub login_method: LoginMethod,
    /// Whether a password session may stand in for any other method (the test environment only;
    /// set by [`ActiveSession::allow_stand_in`]).
    stand_in: bool,
    token_hash: String,
}

impl ActiveSession {
    /// Whether the session may see persons classified under VEIS-1.10: it holds
    /// [`pencere_store::classified::CLEARED_ROLE`] in the body it acts for.
    pub fn clearance(&self) -> pencere_store::classified::Clearance {
        pencere_store::classified::Clearance::from_cleared(self.has_role(pencere_store::classified::CLEARED_ROLE))
    }

    /// Whether the user holds `role` in the organization they act for, or anywhere when `role`
    /// is the platform administrator's (an operator-wide role).
    pub fn has_role(&self, role: &str) -> bool {
        self.memberships.iter().any(|membership| {
            membership.role.as_str() == role
                && (role == crate::RoleName::PLATFORM_ADMIN
                    || self.acting_org_id.as_deref() == Some(membership.organization.id.as_str()))
        })
    }

    /// Whether the user holds a system's role (`lic.reviewer`, not `org.head` or
    /// `platform.admin`) in the organization they act for.
    pub fn is_official(&self) -> bool {
        self.acting_memberships().any(|membership| {
            let system = membership.role.as_str().split('.').next().unwrap_or_default();
            system != "org" && system != "platform"
        })
    }

    /// Whether this session satisfies a rule accepting `allowed` methods (empty: any method).
    pub fn login_standing(&self, allowed: &[LoginMethod]) -> LoginStanding {
        if allowed.is_empty() || allowed.contains(&self.login_method) {
            LoginStanding::Met
        } else if self.stand_in {
            LoginStanding::StandIn
        } else {
            LoginStanding::Unmet
        }
    }

    /// Lets a password session stand in for the methods rules require: the test environment's
    /// convenience, where every demo account can log in by password whatever its system's real
    /// login method. Never call it outside the test environment. Other methods are unchanged.
    pub fn allow_stand_in(&mut self) {
        self.stand_in = self.login_method == LoginMethod::Password;
    }

    /// The memberships in the organization acted for.
    pub fn acting_memberships(&self) -> impl Iterator<Item = &Membership> {
        self.memberships.iter().filter(|m| self.acting_org_id.as_deref() == Some(m.organization.id.as_str()))
    }
}

/// Lowercase hexadecimal.
pub(crate) use pencere_core::hex;

fn random_token() -> String {
    let mut bytes = [0_u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Starts a session for `user_id` inside the caller's transaction.
pub(crate) async fn start(
    tx: &mut Tx,
    user: &User,
    now: Timestamp,
    policy: &SessionPolicy,
    context: &RequestContext<'_>,
    method: LoginMethod,
) -> Result<NewSession, IdentityError> {
    let token = random_token();
    let csrf_token = random_token();
    let expires_at = now.plus_seconds(policy.absolute_seconds);
    store::insert_session(
        tx,
        &store::NewSessionRow {
            token_hash: &token_hash(&token),
            user_id: &user.id,
            csrf_token: &csrf_token,
            at: now,
            expires_at,
            ip: context.ip,
            login_method: method.as_str(),
        },
    )
    .await?;
    // A user who acts for exactly one organization acts for it from the start.
    let memberships = users::memberships(tx, &user.id).await?;
    let mut organizations: Vec<&str> = memberships.iter().map(|m| m.organization.id.as_str()).collect();
    organizations.dedup();
    if let [only] = organizations[..] {
        store::set_acting_org(tx, &token_hash(&token), Some(only)).await?;
    }
    Ok(NewSession { token, csrf_token, expires_at })
}

/// Starts a session for a user who just proved who they are by `method`, and journals the
/// login; `details` (a JSON object) names the method and what proved it.
pub(crate) async fn start_after_login(
    tx: &mut Tx,
    user: &User,
    now: Timestamp,
    policy: &SessionPolicy,
    context: &RequestContext<'_>,
    (method, details): (LoginMethod, &str),
) -> Result<NewSession, IdentityError> {
    let new_session = start(tx, user, now, policy, context, method).await?;
    let entry = NewEntry {
        at: now,
        actor_id: Some(&user.id),
        actor_label: &user.login,
        acting_org_id: None,
        action: "identity.login.success",
        record: Some(("user", &user.id)),
        subject_id: Some(&user.id),
        ip: context.ip,
        request_id: context.request_id,
        details,
    };
    audit::append(tx, &entry).await?;
    Ok(new_session)
}

/// The session a cookie's token names, if it is valid now.
pub async fn resolve(
    db: &Db,
    token: &str,
    now: Timestamp,
    policy: &SessionPolicy,
) -> Result<Option<ActiveSession>, IdentityError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let mut tx = db.begin_read().await?;
    let Some((user_id, acting_org_id, csrf_token, _created, last_seen, expires_at, revoked_at, method)) =
        store::session(&mut tx, &hash).await?
    else {
        return Ok(None);
    };
    // The column's CHECK admits only known methods; anything else counts as the weakest.
    let login_method = method.parse().unwrap_or(LoginMethod::Password);
    let last_seen = Timestamp::from_micros(last_seen);
    let expires_at = Timestamp::from_micros(expires_at);
    if revoked_at.is_some() || now >= expires_at || now.seconds_since(last_seen) >= policy.idle_seconds {
        return Ok(None);
    }
    let Some(user) = users::user_by_id(&mut tx, &user_id).await? else {
        return Ok(None);
    };
    let memberships = users::memberships(&mut tx, &user_id).await?;
    drop(tx);
    if now.seconds_since(last_seen) >= TOUCH_EVERY_SECONDS {
        let mut tx = db.begin().await?;
        store::touch_session(&mut tx, &hash, now).await?;
        tx.commit().await?;
    }
    // A membership revoked since the choice no longer lets the user act for that organization.
    let acting_org_id = acting_org_id.filter(|org| memberships.iter().any(|m| &m.organization.id == org));
    Ok(Some(ActiveSession {
        user,
        memberships,
        acting_org_id,
        csrf_token,
        expires_at,
        login_method,
        stand_in: false,
        token_hash: hash,
    }))
}

impl ActiveSession {
    /// A journal entry of something this session's user does now, about themselves; callers
    /// set `action` and, where it differs, the record, subject and details.
    pub fn entry<'a>(&'a self, now: Timestamp, context: &'a RequestContext<'a>) -> NewEntry<'a> {
        NewEntry {
            at: now,
            actor_id: Some(&self.user.id),
            actor_label: &self.user.login,
            acting_org_id: self.acting_org_id.as_deref(),
            action: "",
            record: Some(("user", &self.user.id)),
            subject_id: Some(&self.user.id),
            ip: context.ip,
            request_id: context.request_id,
            details: "{}",
        }
    }
}

fn entry<'a>(
    session: &'a ActiveSession,
    now: Timestamp,
    action: &'a str,
    context: &'a RequestContext<'a>,
    details: &'a str,
) -> NewEntry<'a> {
    NewEntry { action, details, ..session.entry(now, context) }
}

/// Ends this session.
pub async fn logout(
    db: &Db,
    session: &ActiveSession,
    now: Timestamp,
    context: &RequestContext<'_>,
) -> Result<(), IdentityError> {
    let mut tx = db.begin().await?;
    store::revoke_sessions(&mut tx, RevokeScope::One(&session.token_hash), now).await?;
    audit::append(&mut tx, &entry(session, now, "identity.logout", context, "{}")).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of the user ("log out everywhere"); returns how many were active.
pub async fn logout_everywhere(
    db: &Db,
    session: &ActiveSession,
    now: Timestamp,
    context: &RequestContext<'_>,
) -> Result<u64, IdentityError> {
    let mut tx = db.begin().await?;
    let ended = store::revoke_sessions(&mut tx, RevokeScope::AllOf(&session.user.id), now).await?;
    let details = format!("{{\"sessions\":{ended}}}");
    audit::append(&mut tx, &entry(session, now, "identity.logout_everywhere", context, &details)).await?;
    tx.commit().await?;
    Ok(ended)
}

/// Makes the session act for `organization_id`, which the user must belong to.
pub async fn switch_organization(
    db: &Db,
    session: &ActiveSession,
    organization_id: &str,
    now: Timestamp,
    context: &RequestContext<'_>,
) -> Result<(), IdentityError> {
    if !session.memberships.iter().any(|m| m.organization.id == organization_id) {
        return Err(IdentityError::NotAMember(organization_id.to_owned()));
    }
    let mut tx = db.begin().await?;
    store::set_acting_org(&mut tx, &session.token_hash, Some(organization_id)).await?;
    let details = format!("{{\"organization\":{}}}", users::json_string(organization_id));
    let mut audited = entry(session, now, "identity.acting_org.switch", context, &details);
    audited.acting_org_id = Some(organization_id);
    audit::append(&mut tx, &audited).await?;
    tx.commit().await?;
    Ok(())
}
