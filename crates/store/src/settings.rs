//! Facts about this installation, kept in the database itself.
//!
//! The most important one is the environment: a database is marked `demo` or `production` the
//! first time a server starts on it, and never changes. Demo data (with passwords printed in the
//! README) is seeded only into a database marked `demo`, and a production server refuses to run
//! on one — so a demo never leaks into production and production never gets demo accounts.

use crate::{Db, StoreError, Tx};

/// Which kind of installation a database belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    /// The test environment with synthetic demo data (`serve --demo`).
    Demo,
    /// A real installation.
    Production,
}

impl Environment {
    fn as_str(self) -> &'static str {
        match self {
            Environment::Demo => "demo",
            Environment::Production => "production",
        }
    }

    fn parse(value: &str) -> Option<Environment> {
        match value {
            "demo" => Some(Environment::Demo),
            "production" => Some(Environment::Production),
            _ => None,
        }
    }
}

const ENVIRONMENT_KEY: &str = "environment";

/// Reads a setting.
pub async fn get(tx: &mut Tx, key: &str) -> Result<Option<String>, StoreError> {
    Ok(crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT value FROM settings WHERE key = $1"))
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?
    }))
}

/// Writes a setting, replacing an earlier value.
pub async fn set(tx: &mut Tx, key: &str, value: &str) -> Result<(), StoreError> {
    crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value"))
        .bind(key)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// Claims a setting: writes it when it is absent, in one statement, and says whether this call
/// wrote it. Of any number of transactions claiming the same key at once, exactly one gets
/// `true` (the others wait for it on PostgreSQL's unique index, or for the one writer on SQLite,
/// and then find the key taken) — unlike reading first and writing after.
pub async fn claim(tx: &mut Tx, key: &str, value: &str) -> Result<bool, StoreError> {
    let inserted = crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING"))
            .bind(key)
            .bind(value)
            .execute(&mut *conn)
            .await?
            .rows_affected()
    });
    Ok(inserted == 1)
}

/// Sets a setting to `value` unless it holds that value already, in one statement, and says
/// whether this call changed it: of concurrent calls with the same value, exactly one gets
/// `true` (a version mark that moves once).
pub async fn advance(tx: &mut Tx, key: &str, value: &str) -> Result<bool, StoreError> {
    let changed = crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE settings.value <> excluded.value"))
        .bind(key)
        .bind(value)
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

/// Marks the database with `wanted` on first use, or checks it matches the mark it already has.
///
/// Returns the environment in force, or a [`StoreError::Conflict`] naming both when they differ.
pub async fn claim_environment(db: &Db, wanted: Environment) -> Result<Environment, StoreError> {
    let mut tx = db.begin().await?;
    // Claimed atomically, then read: two servers starting at once on a fresh database with
    // different environments cannot both mark it.
    if claim(&mut tx, ENVIRONMENT_KEY, wanted.as_str()).await? {
        tx.commit().await?;
        return Ok(wanted);
    }
    let current = get(&mut tx, ENVIRONMENT_KEY).await?;
    tx.commit().await?;
    match current.as_deref().map(Environment::parse) {
        None => Err(StoreError::Database("the environment mark vanished while it was read".to_owned())),
        Some(Some(found)) if found == wanted => Ok(found),
        Some(Some(found)) => Err(StoreError::Conflict(format!(
            "this database belongs to the {} environment, not {}",
            found.as_str(),
            wanted.as_str()
        ))),
        Some(None) => {
            Err(StoreError::Database(format!("unknown environment mark {:?} in settings", current.unwrap_or_default())))
        }
    }
}
