//! The SQL of identity: users, memberships, sessions and login attempts.

use pencere_core::Timestamp;
use pencere_store::classified::Clearance;
use pencere_store::{StoreError, Tx, on_conn, sqlx};

pub(crate) type UserRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
);

const USER_COLUMNS: &str = "id, login, kind, fin, passport, email, phone, full_name, password_hash, totp_secret";

pub(crate) struct UserInsert<'a> {
    pub(crate) id: &'a str,
    pub(crate) login: &'a str,
    pub(crate) kind: &'a str,
    pub(crate) fin: Option<&'a str>,
    pub(crate) passport: Option<&'a str>,
    pub(crate) email: Option<&'a str>,
    pub(crate) phone: Option<&'a str>,
    pub(crate) full_name: &'a str,
    pub(crate) password_hash: Option<&'a str>,
    pub(crate) created_at: Timestamp,
}

pub(crate) async fn insert_user(tx: &mut Tx, user: &UserInsert<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO users (id, login, kind, fin, passport, email, phone, full_name, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        ))
        .bind(user.id)
        .bind(user.login)
        .bind(user.kind)
        .bind(user.fin)
        .bind(user.passport)
        .bind(user.email)
        .bind(user.phone)
        .bind(user.full_name)
        .bind(user.password_hash)
        .bind(user.created_at.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn user_by(tx: &mut Tx, column: UserKey, value: &str) -> Result<Option<UserRow>, StoreError> {
    let column = match column {
        UserKey::Id => "id",
        UserKey::Login => "login",
    };
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&format!("SELECT {USER_COLUMNS} FROM users WHERE {column} = $1")))
            .bind(value)
            .fetch_optional(&mut *conn)
            .await?
    }))
}

#[derive(Clone, Copy)]
pub(crate) enum UserKey {
    Id,
    Login,
}

pub(crate) type MembershipRow = (String, String, String, String, String, String, String, i64);

pub(crate) async fn active_memberships(tx: &mut Tx, user_id: &str) -> Result<Vec<MembershipRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT m.id, m.role, o.id, o.code, o.name_az, o.name_en, o.name_ru, m.granted_at \
             FROM memberships m JOIN organizations o ON o.id = m.organization_id \
             WHERE m.user_id = $1 AND m.revoked_at IS NULL ORDER BY o.code, m.role"))
        .bind(user_id)
        .fetch_all(&mut *conn)
        .await?
    }))
}

pub(crate) async fn insert_membership(
    tx: &mut Tx,
    id: &str,
    user_id: &str,
    organization_id: &str,
    role: &str,
    granted_by: Option<&str>,
    at: Timestamp,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO memberships (id, user_id, organization_id, role, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5, $6)",
        ))
        .bind(id)
        .bind(user_id)
        .bind(organization_id)
        .bind(role)
        .bind(granted_by)
        .bind(at.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// Revokes an active membership; returns its user and organization, or `None` if none matched.
pub(crate) async fn revoke_membership(
    tx: &mut Tx,
    id: &str,
    by: Option<&str>,
    reason: &str,
    at: Timestamp,
) -> Result<Option<(String, String, String)>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("UPDATE memberships SET revoked_at = $2, revoked_by = $3, revoke_reason = $4 \
             WHERE id = $1 AND revoked_at IS NULL RETURNING user_id, organization_id, role"))
        .bind(id)
        .bind(at.as_micros())
        .bind(by)
        .bind(reason)
        .fetch_optional(&mut *conn)
        .await?
    }))
}

/// A session row to insert.
pub(crate) struct NewSessionRow<'a> {
    pub token_hash: &'a str,
    pub user_id: &'a str,
    pub csrf_token: &'a str,
    pub at: Timestamp,
    pub expires_at: Timestamp,
    pub ip: Option<&'a str>,
    pub login_method: &'a str,
}

pub(crate) async fn insert_session(tx: &mut Tx, row: &NewSessionRow<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, \
             login_method) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
        ))
        .bind(row.token_hash)
        .bind(row.user_id)
        .bind(row.csrf_token)
        .bind(row.at.as_micros())
        .bind(row.expires_at.as_micros())
        .bind(row.ip)
        .bind(row.login_method)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// `(user_id, acting_org_id, csrf_token, created_at, last_seen_at, expires_at, revoked_at, login_method)`
pub(crate) type SessionRow = (String, Option<String>, String, i64, i64, i64, Option<i64>, String);

pub(crate) async fn session(tx: &mut Tx, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT user_id, acting_org_id, csrf_token, created_at, last_seen_at, expires_at, revoked_at, \
             login_method FROM sessions WHERE token_hash = $1",
        ))
        .bind(token_hash)
        .fetch_optional(&mut *conn)
        .await?
    }))
}

pub(crate) async fn touch_session(tx: &mut Tx, token_hash: &str, at: Timestamp) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1"))
            .bind(token_hash)
            .bind(at.as_micros())
            .execute(&mut *conn)
            .await?;
    });
    Ok(())
}

pub(crate) async fn set_acting_org(tx: &mut Tx, token_hash: &str, org_id: Option<&str>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE sessions SET acting_org_id = $2 WHERE token_hash = $1"))
            .bind(token_hash)
            .bind(org_id)
            .execute(&mut *conn)
            .await?;
    });
    Ok(())
}

/// Revokes one session (by token hash) or all of a user's; returns how many were active.
pub(crate) async fn revoke_sessions(tx: &mut Tx, scope: RevokeScope<'_>, at: Timestamp) -> Result<u64, StoreError> {
    let (column, value) = match scope {
        RevokeScope::One(token_hash) => ("token_hash", token_hash),
        RevokeScope::AllOf(user_id) => ("user_id", user_id),
    };
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(&format!("UPDATE sessions SET revoked_at = $2 WHERE {column} = $1 AND revoked_at IS NULL")))
            .bind(value)
            .bind(at.as_micros())
            .execute(&mut *conn)
            .await?
            .rows_affected()
    }))
}

pub(crate) enum RevokeScope<'a> {
    One(&'a str),
    AllOf(&'a str),
}

/// `(failures, window_started_at, locked_until)`
pub(crate) type AttemptRow = (i64, i64, Option<i64>);

pub(crate) async fn attempts(tx: &mut Tx, login: &str) -> Result<Option<AttemptRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT failures, window_started_at, locked_until FROM login_attempts WHERE login = $1"))
            .bind(login)
            .fetch_optional(&mut *conn)
            .await?
    }))
}

pub(crate) async fn save_attempts(tx: &mut Tx, login: &str, row: AttemptRow) -> Result<(), StoreError> {
    let (failures, window_started_at, locked_until) = row;
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO login_attempts (login, failures, window_started_at, locked_until) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (login) DO UPDATE SET failures = excluded.failures, \
             window_started_at = excluded.window_started_at, locked_until = excluded.locked_until",
        ))
        .bind(login)
        .bind(failures)
        .bind(window_started_at)
        .bind(locked_until)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// The `login_attempts` key that counts the failures from one client address. A login name is
/// trimmed before it is counted, so it never starts with a space: these keys cannot be one.
pub(crate) fn address_attempts_key(ip: &str) -> String {
    format!(" address {ip}")
}

/// Counts one failure from a client address in one statement (so concurrent failures on several
/// instances all count): a new window starts when the last has passed. When the count reaches
/// `max`, the address is refused until the window's end. `limit` is `(max, window_seconds)`.
pub(crate) async fn count_address_failure(
    tx: &mut Tx,
    key: &str,
    now: Timestamp,
    limit: (i64, i64),
) -> Result<(), StoreError> {
    let (max, window_seconds) = limit;
    let window = window_seconds.saturating_mul(1_000_000);
    let window_open_after = now.as_micros().saturating_sub(window);
    on_conn!(tx.conn(), |conn, sql| {
        let (failures, started): (i64, i64) = sqlx::query_as(&sql(
            "INSERT INTO login_attempts (login, failures, window_started_at, locked_until) VALUES ($1, 1, $2, NULL) \
             ON CONFLICT (login) DO UPDATE SET \
             failures = CASE WHEN login_attempts.window_started_at > $3 THEN login_attempts.failures + 1 ELSE 1 END, \
             window_started_at = CASE WHEN login_attempts.window_started_at > $3 \
             THEN login_attempts.window_started_at ELSE $2 END, \
             locked_until = CASE WHEN login_attempts.window_started_at > $3 THEN login_attempts.locked_until END \
             RETURNING failures, window_started_at",
        ))
        .bind(key)
        .bind(now.as_micros())
        .bind(window_open_after)
        .fetch_one(&mut *conn)
        .await?;
        if failures >= max {
            sqlx::query(&sql("UPDATE login_attempts SET locked_until = $2 WHERE login = $1"))
                .bind(key)
                .bind(started.saturating_add(window))
                .execute(&mut *conn)
                .await?;
        }
    });
    Ok(())
}

pub(crate) async fn clear_attempts(tx: &mut Tx, login: &str) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("DELETE FROM login_attempts WHERE login = $1")).bind(login).execute(&mut *conn).await?;
    });
    Ok(())
}

pub(crate) async fn set_totp_secret(tx: &mut Tx, user_id: &str, secret: Option<&str>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE users SET totp_secret = $2 WHERE id = $1"))
            .bind(user_id)
            .bind(secret)
            .execute(&mut *conn)
            .await?;
    });
    Ok(())
}

/// `(membership id, role, user id, login, full name, granted_at)` of an organization's active members.
pub(crate) type MemberRow = (String, String, String, String, String, i64);

pub(crate) async fn organization_members(
    tx: &mut Tx,
    organization_id: &str,
    clearance: Clearance,
) -> Result<Vec<MemberRow>, StoreError> {
    let statement = format!(
        "SELECT m.id, m.role, u.id, u.login, u.full_name, m.granted_at FROM memberships m \
         JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.revoked_at IS NULL AND {} \
         ORDER BY u.full_name, m.role",
        clearance.user_visible("u.id")
    );
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(organization_id).fetch_all(&mut *conn).await?
    }))
}

/// The organization of an active membership.
pub(crate) async fn membership_organization(tx: &mut Tx, membership_id: &str) -> Result<Option<String>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT organization_id FROM memberships WHERE id = $1 AND revoked_at IS NULL"))
            .bind(membership_id)
            .fetch_optional(&mut *conn)
            .await?
    }))
}

pub(crate) struct CorrectionInsert<'a> {
    pub(crate) id: &'a str,
    pub(crate) user_id: &'a str,
    pub(crate) field: &'a str,
    pub(crate) current_value: Option<&'a str>,
    pub(crate) requested_value: &'a str,
    pub(crate) explanation: &'a str,
    pub(crate) created_at: Timestamp,
}

pub(crate) async fn insert_correction(tx: &mut Tx, row: &CorrectionInsert<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO correction_requests (id, user_id, field, current_value, requested_value, explanation, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)",
        ))
        .bind(row.id)
        .bind(row.user_id)
        .bind(row.field)
        .bind(row.current_value)
        .bind(row.requested_value)
        .bind(row.explanation)
        .bind(row.created_at.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// `(id, user_id, login, full_name, field, current, requested, explanation, status, created_at, decided_at, reason)`
pub(crate) type CorrectionRow =
    (String, String, String, String, String, Option<String>, String, String, String, i64, Option<i64>, Option<String>);

const CORRECTION_COLUMNS: &str = "c.id, c.user_id, u.login, u.full_name, c.field, c.current_value, c.requested_value, \
     c.explanation, c.status, c.created_at, c.decided_at, c.decision_reason";

/// Correction requests of one user (newest first), or every pending one (oldest first).
pub(crate) async fn corrections(tx: &mut Tx, scope: CorrectionScope<'_>) -> Result<Vec<CorrectionRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        match scope {
            CorrectionScope::OfUser(user_id) => sqlx::query_as(&sql(&format!(
                "SELECT {CORRECTION_COLUMNS} FROM correction_requests c JOIN users u ON u.id = c.user_id \
                 WHERE c.user_id = $1 ORDER BY c.created_at DESC, c.id DESC"
            )))
            .bind(user_id)
            .fetch_all(&mut *conn)
            .await?,
            CorrectionScope::Pending(clearance) => sqlx::query_as(&format!(
                "SELECT {CORRECTION_COLUMNS} FROM correction_requests c JOIN users u ON u.id = c.user_id \
                 WHERE c.status = 'pending' AND {} ORDER BY c.created_at, c.id",
                clearance.user_visible("u.id")
            ))
            .fetch_all(&mut *conn)
            .await?,
            CorrectionScope::One(id) => sqlx::query_as(&sql(&format!(
                "SELECT {CORRECTION_COLUMNS} FROM correction_requests c JOIN users u ON u.id = c.user_id WHERE c.id = $1"
            )))
            .bind(id)
            .fetch_all(&mut *conn)
            .await?,
        }
    }))
}

pub(crate) enum CorrectionScope<'a> {
    OfUser(&'a str),
    Pending(Clearance),
    One(&'a str),
}

/// Records a decision on a pending request; false if it was no longer pending.
pub(crate) async fn decide_correction(
    tx: &mut Tx,
    id: &str,
    status: &str,
    by: &str,
    reason: Option<&str>,
    at: Timestamp,
) -> Result<bool, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE correction_requests SET status = $2, decided_by = $3, decision_reason = $4, decided_at = $5 \
             WHERE id = $1 AND status = 'pending'",
        ))
        .bind(id)
        .bind(status)
        .bind(by)
        .bind(reason)
        .bind(at.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1
    }))
}

/// Writes a corrected value into the user's record. `column` comes from a closed list.
pub(crate) async fn update_user_field(
    tx: &mut Tx,
    user_id: &str,
    column: &'static str,
    value: &str,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(&format!("UPDATE users SET {column} = $2 WHERE id = $1")))
            .bind(user_id)
            .bind(value)
            .execute(&mut *conn)
            .await?;
    });
    Ok(())
}

pub(crate) async fn insert_challenge(
    tx: &mut Tx,
    id: &str,
    challenge: &str,
    at: Timestamp,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO login_challenges (id, challenge, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        ))
        .bind(id)
        .bind(challenge)
        .bind(at.as_micros())
        .bind(expires_at.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// `(challenge, expires_at, used_at)`
pub(crate) async fn challenge(tx: &mut Tx, id: &str) -> Result<Option<(String, i64, Option<i64>)>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT challenge, expires_at, used_at FROM login_challenges WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
    }))
}

/// Marks a challenge used; false if it already was (a replay, or a race lost).
pub(crate) async fn use_challenge(tx: &mut Tx, id: &str, at: Timestamp) -> Result<bool, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE login_challenges SET used_at = $2 WHERE id = $1 AND used_at IS NULL"))
            .bind(id)
            .bind(at.as_micros())
            .execute(&mut *conn)
            .await?
            .rows_affected()
            == 1
    }))
}

pub(crate) async fn user_by_fin(tx: &mut Tx, fin: &str) -> Result<Option<UserRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&format!("SELECT {USER_COLUMNS} FROM users WHERE fin = $1")))
            .bind(fin)
            .fetch_optional(&mut *conn)
            .await?
    }))
}

pub(crate) async fn insert_sso_flow(
    tx: &mut Tx,
    state: &str,
    nonce: &str,
    verifier: &str,
    next: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO sso_flows (state, nonce, verifier, next, created_at) VALUES ($1, $2, $3, $4, $5)",
        ))
        .bind(state)
        .bind(nonce)
        .bind(verifier)
        .bind(next)
        .bind(at.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// Takes a flow by its state, once: `(nonce, verifier, next, created_at)`.
pub(crate) async fn take_sso_flow(
    tx: &mut Tx,
    state: &str,
    at: Timestamp,
) -> Result<Option<(String, String, String, i64)>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "UPDATE sso_flows SET used_at = $2 WHERE state = $1 AND used_at IS NULL RETURNING nonce, verifier, next, created_at",
        ))
        .bind(state)
        .bind(at.as_micros())
        .fetch_optional(&mut *conn)
        .await?
    }))
}

pub(crate) async fn foreigner_by_email(tx: &mut Tx, email: &str) -> Result<Option<UserRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE kind = 'foreigner' AND lower(email) = $1"
        )))
        .bind(email)
        .fetch_optional(&mut *conn)
        .await?
    }))
}

pub(crate) async fn insert_email_link(
    tx: &mut Tx,
    token_hash: &str,
    user_id: &str,
    at: Timestamp,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO email_login_links (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        ))
        .bind(token_hash)
        .bind(user_id)
        .bind(at.as_micros())
        .bind(expires_at.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// `(user_id, expires_at, used_at)` of a link.
pub(crate) async fn email_link(
    tx: &mut Tx,
    token_hash: &str,
) -> Result<Option<(String, i64, Option<i64>)>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT user_id, expires_at, used_at FROM email_login_links WHERE token_hash = $1"))
            .bind(token_hash)
            .fetch_optional(&mut *conn)
            .await?
    }))
}

/// Uses a link up; false if it already was.
pub(crate) async fn use_email_link(tx: &mut Tx, token_hash: &str, at: Timestamp) -> Result<bool, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE email_login_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL"))
            .bind(token_hash)
            .bind(at.as_micros())
            .execute(&mut *conn)
            .await?
            .rows_affected()
            == 1
    }))
}

/// How many login links a user got since `since`.
pub(crate) async fn email_links_since(tx: &mut Tx, user_id: &str, since: Timestamp) -> Result<i64, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT COUNT(*) FROM email_login_links WHERE user_id = $1 AND created_at > $2"))
            .bind(user_id)
            .bind(since.as_micros())
            .fetch_one(&mut *conn)
            .await?
    }))
}
