//! Test helpers: a fresh database per test on each backend, and the backend matrix macro.
//!
//! PostgreSQL tests need a server: `scripts/test` starts a throwaway cluster and exports
//! `PENCERE_TEST_DATABASE_URL` (a URL to a database on it whose user may `CREATE DATABASE`).
//! Each test gets a database of its own, created from that URL and never shared.
#![allow(clippy::expect_used, clippy::panic, reason = "test helpers fail the test loudly")]

pub mod cluster;
pub mod process;
pub mod smtp;

use std::ops::Deref;

use pencere_store::{Db, DbConfig, Target};

/// The environment variable naming the PostgreSQL server for tests.
pub const POSTGRES_ENV: &str = "PENCERE_TEST_DATABASE_URL";

/// A migrated database that lives as long as the test.
pub struct TestDb {
    db: Db,
    target: Target,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A new SQLite database in a temporary directory.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let target = Target::SqliteDir(dir.path().to_path_buf());
        TestDb::open(target, Some(dir)).await
    }

    /// A new, empty PostgreSQL database on the test server.
    pub async fn postgres() -> TestDb {
        let url = fresh_postgres_database().await;
        TestDb::open(Target::Postgres(url), None).await
    }

    async fn open(target: Target, dir: Option<tempfile::TempDir>) -> TestDb {
        let db = Db::connect(&DbConfig::new(target.clone())).await.expect("connect to the test database");
        db.migrate().await.expect("migrate the test database");
        TestDb { db, target, _dir: dir }
    }

    /// Where this database lives, to hand to the binary (`--data` or `--database-url`).
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The command-line arguments that point `pencere` at this database.
    pub fn cli_args(&self) -> Vec<String> {
        match &self.target {
            Target::SqliteDir(dir) => vec!["--data".into(), dir.display().to_string()],
            Target::Postgres(url) => vec!["--database-url".into(), url.clone()],
        }
    }
}

impl Deref for TestDb {
    type Target = Db;

    fn deref(&self) -> &Db {
        &self.db
    }
}

/// The URL of the test PostgreSQL server; fails the test with instructions when it is not set.
pub fn postgres_admin_url() -> String {
    std::env::var(POSTGRES_ENV).unwrap_or_else(|_| {
        panic!(
            "{POSTGRES_ENV} is not set: PostgreSQL tests need a server. \
             Run scripts/test, which starts one, or point {POSTGRES_ENV} at a database whose user may CREATE DATABASE"
        )
    })
}

/// Creates an empty database on the test server and returns its URL.
pub async fn fresh_postgres_database() -> String {
    let admin_url = postgres_admin_url();
    use pencere_store::sqlx::Connection as _;
    let mut admin =
        pencere_store::sqlx::PgConnection::connect(&admin_url).await.expect("connect to the PostgreSQL test server");
    let name = format!("pencere_t_{}", uuid::Uuid::new_v4().simple());
    pencere_store::sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create the test database");
    admin.close().await.expect("close the admin connection");
    let mut url = url::Url::parse(&admin_url).expect("test database URL");
    url.set_path(&name);
    url.to_string()
}

/// Expands one test body into a test per backend: `NAME::sqlite` and `NAME::postgres`.
///
/// ```ignore
/// pencere_testkit::both_backends! {
///     async fn settings_round_trip(db) {
///         // `db` is a `TestDb`, migrated and empty.
///     }
/// }
/// ```
#[macro_export]
macro_rules! both_backends {
    ($(async fn $name:ident($db:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($db: $crate::TestDb) $body

                #[tokio::test]
                async fn sqlite() {
                    run($crate::TestDb::sqlite().await).await
                }

                #[tokio::test]
                async fn postgres() {
                    run($crate::TestDb::postgres().await).await
                }
            }
        )*
    };
}
