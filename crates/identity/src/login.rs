//! Logging in by login name and password, with throttling per login name and per client address.

use pencere_core::Timestamp;
use pencere_store::Db;
use pencere_store::audit::{self, NewEntry};

use crate::IdentityError;
use crate::session::{self, LoginMethod, NewSession, SessionPolicy};
use crate::store::{self, UserKey};
use crate::users::User;

/// Where a request came from, for the audit journal.
#[derive(Clone, Copy, Debug, Default)]
pub struct RequestContext<'a> {
    /// The client's address.
    pub ip: Option<&'a str>,
    /// The request's id.
    pub request_id: Option<&'a str>,
}

/// How many failures lock a login name, and for how long.
#[derive(Clone, Copy, Debug)]
pub struct LoginPolicy {
    /// Failures within the window that lock the name.
    pub max_failures: i64,
    /// The window, in seconds.
    pub window_seconds: i64,
    /// How long the lock lasts, in seconds.
    pub lockout_seconds: i64,
    /// Failures from one client address, across all login names, within `address_window_seconds`
    /// that refuse further attempts from it for the rest of that window.
    pub max_failures_per_address: i64,
    /// The window of the per-address count, in seconds.
    pub address_window_seconds: i64,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        LoginPolicy {
            max_failures: 5,
            window_seconds: 15 * 60,
            lockout_seconds: 15 * 60,
            max_failures_per_address: 20,
            address_window_seconds: 10 * 60,
        }
    }
}

/// What a person logging in with a password gives.
#[derive(Clone, Copy, Debug)]
pub struct Credentials<'a> {
    /// The login name (case does not matter).
    pub login: &'a str,
    /// The password.
    pub password: &'a str,
    /// The one-time code, for accounts with a second factor.
    pub totp: Option<&'a str>,
}

/// Why a login was refused. The messages shown never say whether the account exists.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// The password is right and the account needs a one-time code too; ask for it.
    #[error("a one-time code is needed")]
    SecondFactorRequired,
    /// Wrong login name or password (indistinguishable on purpose).
    #[error("invalid login or password")]
    Invalid,
    /// Too many failures: no attempt is checked until then.
    #[error("too many failed attempts; locked until {until}")]
    Locked {
        /// When attempts are accepted again.
        until: Timestamp,
    },
    /// Too many failures from this client address, whatever the login names: no attempt from it
    /// is checked until then. Said alike for existing and unknown login names.
    #[error("too many failed attempts from this address; refused until {until}")]
    AddressThrottled {
        /// When attempts from the address are accepted again.
        until: Timestamp,
    },
    /// Something else failed.
    #[error(transparent)]
    Identity(#[from] IdentityError),
}

impl From<pencere_store::StoreError> for LoginError {
    fn from(error: pencere_store::StoreError) -> Self {
        LoginError::Identity(IdentityError::Store(error))
    }
}

/// Checks a login name and password; on success starts a session. Every outcome is audited.
pub async fn password_login(
    db: &Db,
    now: Timestamp,
    credentials: &Credentials<'_>,
    policies: (&LoginPolicy, &SessionPolicy),
    context: &RequestContext<'_>,
) -> Result<(User, NewSession), LoginError> {
    let (login_policy, session_policy) = policies;
    let login = credentials.login.trim().to_lowercase();
    let address_key = context.ip.map(store::address_attempts_key);
    // Read first, outside any write transaction: the password check is slow.
    let (attempts, address, user) = {
        let mut tx = db.begin_read().await?;
        let attempts = store::attempts(&mut tx, &login).await?;
        let address = match &address_key {
            Some(key) => store::attempts(&mut tx, key).await?,
            None => None,
        };
        let user = store::user_by(&mut tx, UserKey::Login, &login).await?.map(User::from_row);
        (attempts, address, user)
    };
    // Checked before the login name and before any work on the account, so the answer is the
    // same whether the name exists or not.
    if let Some((_, _, Some(blocked_until))) = address
        && now.as_micros() < blocked_until
    {
        let mut tx = db.begin().await?;
        audit::append(&mut tx, &login_entry(now, &login, "identity.login.address_throttled", None, context)).await?;
        tx.commit().await?;
        return Err(LoginError::AddressThrottled { until: Timestamp::from_micros(blocked_until) });
    }
    if let Some((_, _, Some(locked_until))) = attempts
        && now.as_micros() < locked_until
    {
        let mut tx = db.begin().await?;
        audit::append(&mut tx, &login_entry(now, &login, "identity.login.locked", None, context)).await?;
        tx.commit().await?;
        return Err(LoginError::Locked { until: Timestamp::from_micros(locked_until) });
    }
    let stored = user
        .as_ref()
        .and_then(|user| user.password_hash.clone())
        .unwrap_or_else(|| crate::password::decoy().to_owned());
    let password = credentials.password.to_owned();
    // Argon2 takes tens of milliseconds of CPU: keep it off the async worker threads.
    let verified = tokio::task::spawn_blocking(move || crate::password::verify(&password, &stored))
        .await
        .map_err(|error| IdentityError::Invalid { field: "password", reason: error.to_string() })?;
    let password_matches = verified && user.as_ref().is_some_and(|user| user.password_hash.is_some());
    let code = credentials.totp.map(str::trim).filter(|code| !code.is_empty());
    let second_factor = match &user {
        Some(user) if password_matches => match (&user.totp_secret, code) {
            (None, _) => true,
            (Some(_), None) => return Err(LoginError::SecondFactorRequired),
            (Some(secret), Some(code)) => crate::totp::verify(secret, code, now),
        },
        _ => false,
    };
    let matches = password_matches && second_factor;

    let mut tx = db.begin().await?;
    match user {
        Some(user) if matches => {
            store::clear_attempts(&mut tx, &login).await?;
            let details = "{\"method\":\"password\"}";
            let new_session = session::start_after_login(
                &mut tx,
                &user,
                now,
                session_policy,
                context,
                (LoginMethod::Password, details),
            )
            .await?;
            tx.commit().await?;
            Ok((user, new_session))
        }
        user => {
            let (failures, window_started) = match attempts {
                Some((failures, started, _))
                    if now.seconds_since(Timestamp::from_micros(started)) < login_policy.window_seconds =>
                {
                    (failures + 1, started)
                }
                _ => (1, now.as_micros()),
            };
            let locked_until = (failures >= login_policy.max_failures)
                .then(|| now.plus_seconds(login_policy.lockout_seconds).as_micros());
            store::save_attempts(&mut tx, &login, (failures, window_started, locked_until)).await?;
            if let Some(key) = &address_key {
                store::count_address_failure(
                    &mut tx,
                    key,
                    now,
                    (login_policy.max_failures_per_address, login_policy.address_window_seconds),
                )
                .await?;
            }
            audit::append(&mut tx, &login_entry(now, &login, "identity.login.failure", user.as_ref(), context)).await?;
            tx.commit().await?;
            Err(LoginError::Invalid)
        }
    }
}

fn login_entry<'a>(
    now: Timestamp,
    login: &'a str,
    action: &'a str,
    user: Option<&'a User>,
    context: &'a RequestContext<'a>,
) -> NewEntry<'a> {
    NewEntry {
        at: now,
        actor_id: user.map(|user| user.id.as_str()),
        actor_label: user.map_or(login, |user| user.login.as_str()),
        acting_org_id: None,
        action,
        record: user.map(|user| ("user", user.id.as_str())),
        subject_id: user.map(|user| user.id.as_str()),
        ip: context.ip,
        request_id: context.request_id,
        details: "{\"method\":\"password\"}",
    }
}
