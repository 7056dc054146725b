//! The privileges of the server's own PostgreSQL role.
//!
//! Migrations run as the role that owns the schema; the server should run as another role that
//! may read and write data but not change or remove what is append-only: the audit journal and
//! the stored documents. Triggers already refuse such changes for everyone; without the
//! privileges the server's role cannot even drop or bypass them. [`grant_app_role`] gives the
//! role exactly that (PostgreSQL only: SQLite has no roles).

use crate::{Backend, Db, StoreError};

/// The tables the server's role may read and append to, but never update, delete or truncate:
/// the audit journal and the documents kept by content (their triggers make them append-only).
pub const APPEND_ONLY_TABLES: &[&str] = &[
    "audit_entries",
    "audit_chain",
    "audit_checkpoints",
    "blobs",
    "case_documents",
    "archive_packages",
    "archive_items",
];

/// A PostgreSQL role name that is a plain SQL identifier: a lowercase letter or `_`, then
/// lowercase letters, digits and `_`, at most 63 characters, not a reserved `pg_` name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppRole(String);

impl AppRole {
    /// Checks `name`; the error says what is wrong with it.
    pub fn parse(name: &str) -> Result<AppRole, String> {
        let mut chars = name.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_');
        if !first_ok || !chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            return Err("a role name is a lowercase letter or _, then lowercase letters, digits or _".to_owned());
        }
        if name.len() > 63 {
            return Err("a role name has at most 63 characters".to_owned());
        }
        if name.starts_with("pg_") || name == "public" {
            return Err("names starting with pg_ and \"public\" are reserved by PostgreSQL".to_owned());
        }
        Ok(AppRole(name.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name quoted as an SQL identifier (it holds no quote, by construction).
    fn quoted(&self) -> String {
        format!("\"{}\"", self.0)
    }
}

impl std::fmt::Display for AppRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Quotes an identifier read from the catalog (doubling any `"`).
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Grants `role` what the server needs on the current schema — USAGE on it, SELECT, INSERT,
/// UPDATE and DELETE on every table, USAGE and SELECT on every sequence — and revokes UPDATE,
/// DELETE and TRUNCATE on [`APPEND_ONLY_TABLES`], in one transaction. Run it as the schema's
/// owner after each migration (new tables need their grants; the revocations are repeated).
/// The role must exist and must not be the role running this.
pub async fn grant_app_role(db: &Db, role: &AppRole) -> Result<(), StoreError> {
    if db.backend() != Backend::Postgres {
        return Err(StoreError::Database("database roles exist only on PostgreSQL".to_owned()));
    }
    let mut tx = db.begin().await?;
    crate::on_conn!(tx.conn(), |conn, _sql| {
        let (exists, is_current, schema): (bool, bool, String) = sqlx::query_as(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1), $1 = current_user, current_schema()",
        )
        .bind(role.as_str())
        .fetch_one(&mut *conn)
        .await?;
        if !exists {
            return Err(StoreError::Database(format!(
                "role {role} does not exist; create it first (CREATE ROLE {role} LOGIN PASSWORD '…')"
            )));
        }
        if is_current {
            return Err(StoreError::Database(format!(
                "role {role} is the role running this command; name the server's own role, not the owner's"
            )));
        }
        let schema = quote_identifier(&schema);
        let grantee = role.quoted();
        let tables = APPEND_ONLY_TABLES.join(", ");
        let statements = format!(
            "GRANT USAGE ON SCHEMA {schema} TO {grantee};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {grantee};
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {grantee};
             REVOKE UPDATE, DELETE, TRUNCATE ON {tables} FROM {grantee};"
        );
        sqlx::raw_sql(&statements).execute(&mut *conn).await?;
    });
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::AppRole;

    #[test]
    fn only_plain_identifiers_are_role_names() {
        assert!(AppRole::parse("pencere_app").is_ok());
        assert!(AppRole::parse("_app2").is_ok());
        for bad in
            ["", "2app", "App", "app; DROP TABLE audit_entries", "a\"b", "app-role", "pg_read_all_data", "public"]
        {
            assert!(AppRole::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(AppRole::parse(&"a".repeat(64)).is_err());
        assert!(AppRole::parse(&"a".repeat(63)).is_ok());
    }
}
