//! Versioned schema migrations, one folder per backend.
//!
//! Each migration exists twice, `migrations/sqlite/NNNN_name.sql` and
//! `migrations/postgres/NNNN_name.sql`, with the same version and name (a test checks the pairs).
//! Applied migrations are recorded in `schema_migrations` with a SHA-256 of their text: a
//! migration edited after it was applied, or a database newer than this build, stops start-up
//! with a clear message instead of running on a schema nobody tested.

use sha2::{Digest, Sha256};

use crate::{Db, StoreError};

/// One schema change.
#[derive(Clone, Copy, Debug)]
pub struct Migration {
    /// Increasing version number; the file name's prefix.
    pub version: i64,
    /// The file name without `.sql`: the version in four digits, `_`, a short name.
    pub file: &'static str,
    /// The SQL text, one or more statements.
    pub sql: &'static str,
}

impl Migration {
    /// The short name: the file name after the version.
    pub fn name(&self) -> &'static str {
        self.file.split_once('_').map_or(self.file, |(_, name)| name)
    }
}

macro_rules! migrations {
    ($dir:literal: $(($version:literal, $file:literal)),* $(,)?) => {
        &[$(Migration {
            version: $version,
            file: $file,
            sql: include_str!(concat!("../migrations/", $dir, "/", $file, ".sql")),
        }),*]
    };
}

const SQLITE: &[Migration] = migrations!("sqlite":
    (1, "0001_foundation"),
    (2, "0002_identity_and_audit"),
    (3, "0003_corrections_and_totp"),
    (4, "0004_login_challenges"),
    (5, "0005_sso_flows"),
    (6, "0006_email_login_links"),
    (7, "0007_audit_checkpoints"),
    (8, "0008_cases_and_notifications"),
    (9, "0009_case_opinions"),
    (10, "0010_payments"),
    (11, "0011_issued_documents"),
    (12, "0012_registry"),
    (13, "0013_participation"),
    (14, "0014_participants"),
    (15, "0015_service_information"),
    (16, "0016_queries_and_paper_copies"),
    (17, "0017_registry_reissue"),
    (18, "0018_session_methods"),
    (19, "0019_exchange_log"),
    (20, "0020_paper_copies_and_appeal_limits"),
    (21, "0021_exchange_consents_and_manual_records"),
    (22, "0022_archive"),
    (23, "0023_registry_search_indexes"),
    (24, "0024_exchange_withheld"),
    (25, "0025_registry_details"),
    (26, "0026_registry_notes"),
    (27, "0027_security_reports"),
    (28, "0028_classified_persons"),
    (29, "0029_registry_trigram_search"),
);
const POSTGRES: &[Migration] = migrations!("postgres":
    (1, "0001_foundation"),
    (2, "0002_identity_and_audit"),
    (3, "0003_corrections_and_totp"),
    (4, "0004_login_challenges"),
    (5, "0005_sso_flows"),
    (6, "0006_email_login_links"),
    (7, "0007_audit_checkpoints"),
    (8, "0008_cases_and_notifications"),
    (9, "0009_case_opinions"),
    (10, "0010_payments"),
    (11, "0011_issued_documents"),
    (12, "0012_registry"),
    (13, "0013_participation"),
    (14, "0014_participants"),
    (15, "0015_service_information"),
    (16, "0016_queries_and_paper_copies"),
    (17, "0017_registry_reissue"),
    (18, "0018_session_methods"),
    (19, "0019_exchange_log"),
    (20, "0020_paper_copies_and_appeal_limits"),
    (21, "0021_exchange_consents_and_manual_records"),
    (22, "0022_archive"),
    (23, "0023_registry_search_indexes"),
    (24, "0024_exchange_withheld"),
    (25, "0025_registry_details"),
    (26, "0026_registry_notes"),
    (27, "0027_security_reports"),
    (28, "0028_classified_persons"),
    (29, "0029_registry_trigram_search"),
);

/// The migrations of a backend, in order.
pub fn migrations(backend: crate::Backend) -> &'static [Migration] {
    match backend {
        crate::Backend::Sqlite => SQLITE,
        crate::Backend::Postgres => POSTGRES,
    }
}

/// What [`Db::migrate`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MigrationReport {
    /// Versions applied by this call.
    pub applied: Vec<i64>,
    /// The schema version now in force.
    pub current: i64,
}

const SQLITE_BOOTSTRAP: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
)";

const POSTGRES_BOOTSTRAP: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)";

/// Serializes migrations of several instances starting at once on one PostgreSQL database.
const POSTGRES_MIGRATION_LOCK: i64 = 0x7065_6e63_6572_6501;

fn checksum(sql: &str) -> String {
    pencere_core::hex(&Sha256::digest(sql.as_bytes()))
}

impl Db {
    /// Applies the migrations this database lacks, in one transaction.
    pub async fn migrate(&self) -> Result<MigrationReport, StoreError> {
        self.migrate_to(i64::MAX).await
    }

    /// Applies the migrations this database lacks up to version `last` (a restore recreates the
    /// schema its backup was taken on, loads the data, and then migrates the rest).
    pub async fn migrate_to(&self, last: i64) -> Result<MigrationReport, StoreError> {
        let backend = self.backend();
        let mut tx = self.begin().await?;
        crate::on_conn!(tx.conn(), |conn, _sql| {
            if backend == crate::Backend::Postgres {
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(POSTGRES_MIGRATION_LOCK)
                    .execute(&mut *conn)
                    .await?;
                // A role without CREATE on the schema (the server's own, see `roles`) cannot run
                // even `CREATE TABLE IF NOT EXISTS`, so the table is created only when absent.
                let exists: bool = sqlx::query_scalar("SELECT to_regclass('schema_migrations') IS NOT NULL")
                    .fetch_one(&mut *conn)
                    .await?;
                if !exists {
                    sqlx::raw_sql(POSTGRES_BOOTSTRAP).execute(&mut *conn).await?;
                }
            } else {
                sqlx::raw_sql(SQLITE_BOOTSTRAP).execute(&mut *conn).await?;
            }
        });
        let applied: Vec<(i64, String)> = crate::on_conn!(tx.conn(), |conn, _sql| {
            sqlx::query_as("SELECT version, checksum FROM schema_migrations ORDER BY version")
                .fetch_all(&mut *conn)
                .await?
        });
        let known = migrations(backend);
        for (version, recorded) in &applied {
            match known.iter().find(|migration| migration.version == *version) {
                None => {
                    return Err(StoreError::Migration {
                        version: *version,
                        reason: "the database was migrated by a newer Pəncərə; run that version".to_owned(),
                    });
                }
                Some(migration) if checksum(migration.sql) != *recorded => {
                    return Err(StoreError::Migration {
                        version: *version,
                        reason: format!(
                            "{} was changed after it was applied; add a new migration instead",
                            migration.file
                        ),
                    });
                }
                Some(_) => {}
            }
        }
        let mut report =
            MigrationReport { applied: Vec::new(), current: applied.last().map_or(0, |(version, _)| *version) };
        // All pending migrations commit together with the lock held: an instance that starts
        // meanwhile waits and then finds nothing to do.
        let before = report.current;
        for migration in known.iter().filter(|migration| migration.version > before && migration.version <= last) {
            let failed = |error: sqlx::Error| StoreError::Migration {
                version: migration.version,
                reason: format!("{}: {error}", migration.file),
            };
            crate::on_conn!(tx.conn(), |conn, sql| {
                sqlx::raw_sql(migration.sql).execute(&mut *conn).await.map_err(failed)?;
                sqlx::query(&sql("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)"))
                    .bind(migration.version)
                    .bind(migration.name())
                    .bind(checksum(migration.sql))
                    .execute(&mut *conn)
                    .await
                    .map_err(failed)?;
            });
            tracing::info!(migration.version = migration.version, migration.file = migration.file, "applied migration");
            report.applied.push(migration.version);
            report.current = migration.version;
        }
        tx.commit().await?;
        Ok(report)
    }

    /// The schema version in force, 0 for an empty database.
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let mut tx = self.begin_read().await?;
        let exists_sql = match self.backend() {
            crate::Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            }
            crate::Backend::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_migrations' AND table_schema = current_schema()"
            }
        };
        let version = crate::on_conn!(tx.conn(), |conn, _sql| {
            let exists: i64 = sqlx::query_scalar(exists_sql).fetch_one(&mut *conn).await?;
            if exists == 0 {
                0
            } else {
                sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(version) FROM schema_migrations")
                    .fetch_one(&mut *conn)
                    .await?
                    .unwrap_or(0)
            }
        });
        tx.rollback().await?;
        Ok(version)
    }
}
