//! Connecting to a backend, pools, and transactions.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

use crate::StoreError;

/// The file name of the embedded database inside the data directory.
pub const SQLITE_FILE: &str = "pencere.db";

/// Which database engine a [`Db`] runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The backend's name as logs and metrics show it.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Where the data lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An embedded SQLite database in this directory (`DIR/pencere.db`).
    SqliteDir(PathBuf),
    /// A PostgreSQL server, by URL.
    Postgres(String),
}

impl Target {
    /// Chooses the target from the two settings: a database URL wins over the data directory.
    pub fn from_settings(data_dir: &Path, database_url: Option<&str>) -> Result<Target, StoreError> {
        let Some(url) = database_url else {
            return Ok(Target::SqliteDir(data_dir.to_path_buf()));
        };
        let parsed = url::Url::parse(url)
            .map_err(|error| StoreError::InvalidUrl { url: redact_url(url), reason: error.to_string() })?;
        match parsed.scheme() {
            "postgres" | "postgresql" => {
                // Let the driver check the rest (host, port, options) now, not at first use.
                PgConnectOptions::from_str(url)
                    .map_err(|error| StoreError::InvalidUrl { url: redact_url(url), reason: error.to_string() })?;
                Ok(Target::Postgres(url.to_owned()))
            }
            other => Err(StoreError::InvalidUrl {
                url: redact_url(url),
                reason: format!(
                    "unsupported scheme {other:?}: use postgres://… or leave it unset for the embedded SQLite file"
                ),
            }),
        }
    }

    /// A description safe to log and show: the SQLite path, or the URL without its password.
    pub fn describe(&self) -> String {
        match self {
            Target::SqliteDir(dir) => dir.join(SQLITE_FILE).display().to_string(),
            Target::Postgres(url) => redact_url(url),
        }
    }
}

/// Replaces the password of a URL with `***`; leaves unparseable text as `<invalid URL>`.
fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                // Setting a password only fails for URLs that cannot have one.
                let _ = parsed.set_password(Some("***"));
            }
            parsed.to_string()
        }
        Err(_) => "<invalid URL>".to_owned(),
    }
}

/// How to connect.
#[derive(Clone, Debug)]
pub struct DbConfig {
    /// Where the data lives.
    pub target: Target,
    /// The largest number of pooled connections (readers, for SQLite).
    pub max_connections: u32,
    /// How long to wait for the database to answer at start-up and for a pooled connection.
    pub connect_timeout: Duration,
    /// A hot standby of the PostgreSQL target (`postgres://…`) for [`Db::begin_replica_read`].
    /// Refused with SQLite.
    pub read_replica: Option<String>,
}

impl DbConfig {
    /// A configuration with the default pool size and timeout, and no read replica.
    pub fn new(target: Target) -> DbConfig {
        DbConfig { target, max_connections: 8, connect_timeout: Duration::from_secs(5), read_replica: None }
    }
}

/// How long a read waits for the replica before it reads from the primary instead.
const REPLICA_WAIT: Duration = Duration::from_secs(2);

/// How long the replica is left alone after it failed to answer.
const REPLICA_RETRY_AFTER: Duration = Duration::from_secs(10);

/// The `application_name` of the replica's connections, so the standby's `pg_stat_activity`
/// shows who reads from it.
pub const REPLICA_APPLICATION_NAME: &str = "pencere-replica";

/// Connection pools of one database, cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pools: Pools,
}

#[derive(Clone, Debug)]
enum Pools {
    /// SQLite allows one writer at a time: one pooled connection writes, the others only read,
    /// so writers queue in the pool instead of failing with `SQLITE_BUSY`.
    Sqlite {
        /// The single writing connection.
        writer: SqlitePool,
        /// Read-only connections.
        readers: SqlitePool,
    },
    /// A PostgreSQL primary, and optionally a hot standby to read from.
    Postgres {
        primary: PgPool,
        replica: Option<Replica>,
        /// Whether [`Db::begin_read`] goes to the replica (see [`Db::replica_reads`]).
        replica_reads: bool,
    },
}

/// A hot standby's pool, opened lazily, and when it last failed.
#[derive(Clone, Debug)]
struct Replica {
    pool: PgPool,
    target: String,
    resting_until: Arc<Mutex<Option<Instant>>>,
}

impl Replica {
    /// Whether to try the replica now: not within [`REPLICA_RETRY_AFTER`] of a failure.
    fn usable(&self) -> bool {
        match self.resting_until.lock() {
            Ok(until) => until.is_none_or(|until| Instant::now() >= until),
            Err(_) => true,
        }
    }

    fn rest(&self, reason: &str) {
        tracing::warn!(replica = %self.target, %reason, "the read replica does not answer; reading from the primary");
        if let Ok(mut until) = self.resting_until.lock() {
            *until = Some(Instant::now() + REPLICA_RETRY_AFTER);
        }
    }

    async fn begin(&self) -> Option<Transaction<'static, Postgres>> {
        if !self.usable() {
            return None;
        }
        match tokio::time::timeout(REPLICA_WAIT, self.pool.begin()).await {
            Ok(Ok(tx)) => Some(tx),
            Ok(Err(error)) => {
                self.rest(&error.to_string());
                None
            }
            Err(_) => {
                self.rest(&format!("no answer within {} s", REPLICA_WAIT.as_secs_f32()));
                None
            }
        }
    }
}

/// Size of a connection pool, for `/metrics`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolStats {
    /// The pool's name (`write`, `read`, `main`, or `replica`).
    pub pool: &'static str,
    /// Open connections.
    pub size: u32,
    /// Open connections not in use.
    pub idle: u32,
    /// The configured maximum.
    pub max: u32,
}

impl Db {
    /// Opens the database, creating the SQLite file (and its directory) if needed.
    ///
    /// Fails with a clear [`StoreError`] when the directory is not writable or the server does
    /// not answer within the configured timeout.
    ///
    /// A configured read replica is opened lazily: start-up does not wait for it, and reads fall
    /// back to the primary while it does not answer.
    pub async fn connect(config: &DbConfig) -> Result<Db, StoreError> {
        let pools = match &config.target {
            Target::SqliteDir(dir) => {
                if let Some(url) = &config.read_replica {
                    return Err(StoreError::InvalidUrl {
                        url: redact_url(url),
                        reason: "a read replica needs PostgreSQL; the embedded SQLite file has none".to_owned(),
                    });
                }
                connect_sqlite(dir, config).await?
            }
            Target::Postgres(url) => {
                let primary = connect_postgres(url, config).await?;
                let replica = config.read_replica.as_deref().map(|url| open_replica(url, config)).transpose()?;
                Pools::Postgres { primary, replica, replica_reads: false }
            }
        };
        Ok(Db { pools })
    }

    /// The engine behind this database.
    pub fn backend(&self) -> Backend {
        match self.pools {
            Pools::Sqlite { .. } => Backend::Sqlite,
            Pools::Postgres { .. } => Backend::Postgres,
        }
    }

    /// Starts a transaction that may write. Commit it with [`Tx::commit`]; dropping it rolls back.
    /// Always on the primary.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let inner = match &self.pools {
            Pools::Sqlite { writer, .. } => TxInner::Sqlite(writer.begin().await?),
            Pools::Postgres { primary, .. } => TxInner::Postgres(primary.begin().await?),
        };
        Ok(Tx { inner })
    }

    /// Starts a transaction for reading: a consistent snapshot that does not wait for writers.
    ///
    /// On the primary, except on a handle from [`Db::replica_reads`], where it is
    /// [`Db::begin_replica_read`].
    pub async fn begin_read(&self) -> Result<Tx, StoreError> {
        let inner = match &self.pools {
            Pools::Sqlite { readers, .. } => TxInner::Sqlite(readers.begin().await?),
            Pools::Postgres { replica_reads: true, .. } => return self.begin_replica_read().await,
            Pools::Postgres { primary, .. } => TxInner::Postgres(primary.begin().await?),
        };
        Ok(Tx { inner })
    }

    /// Starts a read-only transaction on the read replica (a hot standby), for reads that may
    /// lag the primary by the replication delay: the public registry, statistics.
    ///
    /// Falls back to a read on the primary when no replica is configured (always, on
    /// SQLite), or when the replica does not answer within two seconds; a replica that failed is
    /// left alone for ten seconds before it is tried again.
    pub async fn begin_replica_read(&self) -> Result<Tx, StoreError> {
        match &self.pools {
            Pools::Postgres { primary, replica, .. } => {
                let replica_tx = match replica {
                    Some(replica) => replica.begin().await,
                    None => None,
                };
                let tx = match replica_tx {
                    Some(tx) => tx,
                    None => primary.begin().await?,
                };
                Ok(Tx { inner: TxInner::Postgres(tx) })
            }
            Pools::Sqlite { readers, .. } => Ok(Tx { inner: TxInner::Sqlite(readers.begin().await?) }),
        }
    }

    /// The same database, for code that reads through [`Db::begin_read`] (such as the case
    /// engine's queries) and may read from the replica: on the handle returned, `begin_read` is
    /// [`Db::begin_replica_read`], while [`Db::begin`] still writes to the primary.
    pub fn replica_reads(&self) -> Db {
        let mut db = self.clone();
        if let Pools::Postgres { replica_reads, .. } = &mut db.pools {
            *replica_reads = true;
        }
        db
    }

    /// Whether a read replica is configured.
    pub fn has_replica(&self) -> bool {
        matches!(self.pools, Pools::Postgres { replica: Some(_), .. })
    }

    /// Checks that the database (the primary) answers a query.
    pub async fn ping(&self) -> Result<(), StoreError> {
        match &self.pools {
            Pools::Sqlite { writer, readers } => {
                sqlx::query("SELECT 1").execute(readers).await?;
                // The writer may be busy with a long transaction; only check it is open.
                if writer.is_closed() {
                    return Err(StoreError::Database("the writer pool is closed".to_owned()));
                }
            }
            Pools::Postgres { primary, .. } => {
                sqlx::query("SELECT 1").execute(primary).await?;
            }
        }
        Ok(())
    }

    /// The size of each pool, for monitoring.
    pub fn pool_stats(&self) -> Vec<PoolStats> {
        fn stats<DB: sqlx::Database>(pool: &sqlx::Pool<DB>, name: &'static str) -> PoolStats {
            let idle = u32::try_from(pool.num_idle()).unwrap_or(u32::MAX);
            PoolStats { pool: name, size: pool.size(), idle, max: pool.options().get_max_connections() }
        }
        match &self.pools {
            Pools::Sqlite { writer, readers } => vec![stats(writer, "write"), stats(readers, "read")],
            Pools::Postgres { primary, replica, .. } => {
                let mut all = vec![stats(primary, "main")];
                all.extend(replica.iter().map(|replica| stats(&replica.pool, "replica")));
                all
            }
        }
    }

    /// Closes every pool, waiting for connections in use to be returned.
    pub async fn close(&self) {
        match &self.pools {
            Pools::Sqlite { writer, readers } => {
                readers.close().await;
                writer.close().await;
            }
            Pools::Postgres { primary, replica, .. } => {
                if let Some(replica) = replica {
                    replica.pool.close().await;
                }
                primary.close().await;
            }
        }
    }
}

async fn connect_sqlite(dir: &Path, config: &DbConfig) -> Result<Pools, StoreError> {
    ensure_writable_dir(dir)?;
    let connect_error = |error: sqlx::Error| StoreError::Connect {
        target: dir.join(SQLITE_FILE).display().to_string(),
        reason: error.to_string(),
    };
    let options = SqliteConnectOptions::new()
        .filename(dir.join(SQLITE_FILE))
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: in WAL mode NORMAL may lose the last commits on power failure; we promise that
        // an acknowledged submission is on disk.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(config.connect_timeout)
        .pragma("temp_store", "memory");
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(config.connect_timeout.max(Duration::from_secs(30)))
        .connect_with(options.clone())
        .await
        .map_err(connect_error)?;
    let readers = SqlitePoolOptions::new()
        .max_connections(config.max_connections.max(1))
        .acquire_timeout(config.connect_timeout.max(Duration::from_secs(30)))
        .connect_with(options.read_only(true))
        .await
        .map_err(connect_error)?;
    Ok(Pools::Sqlite { writer, readers })
}

async fn connect_postgres(url: &str, config: &DbConfig) -> Result<PgPool, StoreError> {
    let connect_error = |reason: String| StoreError::Connect { target: redact_url(url), reason };
    let options = PgConnectOptions::from_str(url)
        .map_err(|error| StoreError::InvalidUrl { url: redact_url(url), reason: error.to_string() })?;
    let options = options.application_name("pencere");
    let connecting = PgPoolOptions::new()
        .max_connections(config.max_connections.max(1))
        .acquire_timeout(config.connect_timeout)
        .connect_with(options);
    match tokio::time::timeout(config.connect_timeout, connecting).await {
        Ok(Ok(pool)) => Ok(pool),
        Ok(Err(error)) => Err(connect_error(error.to_string())),
        Err(_) => Err(connect_error(format!("no answer within {} s", config.connect_timeout.as_secs_f32()))),
    }
}

/// The replica's pool, connected at first use.
fn open_replica(url: &str, config: &DbConfig) -> Result<Replica, StoreError> {
    let options = PgConnectOptions::from_str(url)
        .map_err(|error| StoreError::InvalidUrl { url: redact_url(url), reason: error.to_string() })?
        .application_name(REPLICA_APPLICATION_NAME);
    let pool = PgPoolOptions::new()
        .max_connections(config.max_connections.max(1))
        .acquire_timeout(REPLICA_WAIT)
        .connect_lazy_with(options);
    tracing::info!(replica = %redact_url(url), "the public registry and statistics read from this replica");
    Ok(Replica { pool, target: redact_url(url), resting_until: Arc::new(Mutex::new(None)) })
}

/// Creates the data directory if needed and proves it writable by writing a probe file.
fn ensure_writable_dir(dir: &Path) -> Result<(), StoreError> {
    let data_dir_error =
        |reason: std::io::Error| StoreError::DataDir { path: dir.to_path_buf(), reason: reason.to_string() };
    std::fs::create_dir_all(dir).map_err(data_dir_error)?;
    let probe = dir.join(format!(".pencere-write-probe-{}", std::process::id()));
    std::fs::write(&probe, b"probe").map_err(data_dir_error)?;
    std::fs::remove_file(&probe).map_err(data_dir_error)?;
    Ok(())
}

/// A database transaction on either backend. Dropping it without [`Tx::commit`] rolls it back.
#[derive(Debug)]
pub struct Tx {
    inner: TxInner,
}

#[derive(Debug)]
enum TxInner {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// The connection of a transaction, for the [`on_conn!`](crate::on_conn) macro.
#[derive(Debug)]
pub enum Conn<'a> {
    /// A SQLite connection.
    Sqlite(&'a mut SqliteConnection),
    /// A PostgreSQL connection.
    Postgres(&'a mut PgConnection),
}

impl Tx {
    /// The engine this transaction runs on.
    pub fn backend(&self) -> Backend {
        match self.inner {
            TxInner::Sqlite(_) => Backend::Sqlite,
            TxInner::Postgres(_) => Backend::Postgres,
        }
    }

    /// The connection to run statements on.
    pub fn conn(&mut self) -> Conn<'_> {
        match &mut self.inner {
            TxInner::Sqlite(tx) => Conn::Sqlite(tx),
            TxInner::Postgres(tx) => Conn::Postgres(tx),
        }
    }

    /// Makes the transaction's writes durable.
    pub async fn commit(self) -> Result<(), StoreError> {
        match self.inner {
            TxInner::Sqlite(tx) => tx.commit().await?,
            TxInner::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    /// Discards the transaction's writes.
    pub async fn rollback(self) -> Result<(), StoreError> {
        match self.inner {
            TxInner::Sqlite(tx) => tx.rollback().await?,
            TxInner::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }
}

/// Runs the same body on whichever backend a transaction uses.
///
/// The body is compiled once per backend, so `sqlx` calls type-check against each driver.
/// `$sql` is a function turning the PostgreSQL-dialect text into the backend's own form.
///
/// ```ignore
/// let name: String = on_conn!(tx.conn(), |conn, sql| {
///     sqlx::query_scalar(&sql("SELECT name FROM organizations WHERE id = $1"))
///         .bind(id)
///         .fetch_one(&mut *conn)
///         .await?
/// });
/// ```
#[macro_export]
macro_rules! on_conn {
    ($conn:expr, |$c:ident, $sql:ident| $body:expr) => {
        match $conn {
            $crate::Conn::Sqlite($c) => {
                let $sql = $crate::sql::for_sqlite;
                $body
            }
            $crate::Conn::Postgres($c) => {
                let $sql = $crate::sql::for_postgres;
                $body
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_url_chooses_postgres_and_rejects_others() {
        let dir = Path::new("/tmp/x");
        assert_eq!(Target::from_settings(dir, None).unwrap(), Target::SqliteDir(dir.into()));
        assert!(matches!(
            Target::from_settings(dir, Some("postgres://u:p@localhost:5432/db")).unwrap(),
            Target::Postgres(_)
        ));
        let error = Target::from_settings(dir, Some("mysql://u:secret@h/db")).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("unsupported scheme"), "{message}");
        assert!(!message.contains("secret"), "the password leaked: {message}");
        assert!(Target::from_settings(dir, Some("not a url")).is_err());
    }

    #[test]
    fn describe_hides_the_password() {
        let target = Target::Postgres("postgres://app:hunter2@db.example:5432/pencere".into());
        assert_eq!(target.describe(), "postgres://app:***@db.example:5432/pencere");
    }
}
