//! The SQL of identity: users, memberships, sessions and login attempts.

use pencere_core::Timestamp;
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
);

const USER_COLUMNS: &str = "id, login, kind, fin, passport, email, phone, full_name, password_hash";

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

pub(crate) async fn user_by(
    tx: &mut Tx,
    column: UserKey,
    value: &str,
) -> Result<Option<UserRow>, StoreError> {
    let column = match column {
        UserKey::Id => "id",
        UserKey::Login => "login",
    };
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE {column} = $1"
        )))
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

pub(crate) async fn active_memberships(
    tx: &mut Tx,
    user_id: &str,
) -> Result<Vec<MembershipRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT m.id, m.role, o.id, o.code, o.name_az, o.name_en, o.name_ru, m.granted_at \
             FROM memberships m JOIN organizations o ON o.id = m.organization_id \
             WHERE m.user_id = $1 AND m.revoked_at IS NULL ORDER BY o.code, m.role",
        ))
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
        sqlx::query_as(&sql(
            "UPDATE memberships SET revoked_at = $2, revoked_by = $3, revoke_reason = $4 \
             WHERE id = $1 AND revoked_at IS NULL RETURNING user_id, organization_id, role",
        ))
        .bind(id)
        .bind(at.as_micros())
        .bind(by)
        .bind(reason)
        .fetch_optional(&mut *conn)
        .await?
    }))
}

pub(crate) async fn insert_session(
    tx: &mut Tx,
    token_hash: &str,
    user_id: &str,
    csrf_token: &str,
    at: Timestamp,
    expires_at: Timestamp,
    ip: Option<&str>,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip) \
             VALUES ($1, $2, $3, $4, $4, $5, $6)",
        ))
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf_token)
        .bind(at.as_micros())
        .bind(expires_at.as_micros())
        .bind(ip)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// `(user_id, acting_org_id, csrf_token, created_at, last_seen_at, expires_at, revoked_at)`
pub(crate) type SessionRow = (String, Option<String>, String, i64, i64, i64, Option<i64>);

pub(crate) async fn session(
    tx: &mut Tx,
    token_hash: &str,
) -> Result<Option<SessionRow>, StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT user_id, acting_org_id, csrf_token, created_at, last_seen_at, expires_at, revoked_at \
             FROM sessions WHERE token_hash = $1",
        ))
        .bind(token_hash)
        .fetch_optional(&mut *conn)
        .await?
    }))
}

pub(crate) async fn touch_session(
    tx: &mut Tx,
    token_hash: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1",
        ))
        .bind(token_hash)
        .bind(at.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn set_acting_org(
    tx: &mut Tx,
    token_hash: &str,
    org_id: Option<&str>,
) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE sessions SET acting_org_id = $2 WHERE token_hash = $1",
        ))
        .bind(token_hash)
        .bind(org_id)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// Revokes one session (by token hash) or all of a user's; returns how many were active.
pub(crate) async fn revoke_sessions(
    tx: &mut Tx,
    scope: RevokeScope<'_>,
    at: Timestamp,
) -> Result<u64, StoreError> {
    let (column, value) = match scope {
        RevokeScope::One(token_hash) => ("token_hash", token_hash),
        RevokeScope::AllOf(user_id) => ("user_id", user_id),
    };
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(&format!(
            "UPDATE sessions SET revoked_at = $2 WHERE {column} = $1 AND revoked_at IS NULL"
        )))
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
        sqlx::query_as(&sql(
            "SELECT failures, window_started_at, locked_until FROM login_attempts WHERE login = $1",
        ))
        .bind(login)
        .fetch_optional(&mut *conn)
        .await?
    }))
}

pub(crate) async fn save_attempts(
    tx: &mut Tx,
    login: &str,
    row: AttemptRow,
) -> Result<(), StoreError> {
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

pub(crate) async fn clear_attempts(tx: &mut Tx, login: &str) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("DELETE FROM login_attempts WHERE login = $1"))
            .bind(login)
            .execute(&mut *conn)
            .await?;
    });
    Ok(())
}
