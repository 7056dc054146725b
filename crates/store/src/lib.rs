//! Pəncərə's storage layer: one API over two backends.
//!
//! SQLite is the embedded default (the file `DATA/pencere.db`, WAL mode, `synchronous=FULL` so a
//! commit that returned is on disk); PostgreSQL is chosen by a `postgres://` URL. Everything
//! above this crate talks to [`Db`] and [`Tx`] and never names a backend.
//!
//! SQL is written once in the PostgreSQL dialect with `$1`-style placeholders and runs on both
//! backends (see [`sql`]); where the dialects really differ, the two migration folders hold the
//! two forms of the same schema.
//!
//! Invariant: only this crate (and `store` modules of other crates, through [`Tx`]) contains SQL.

pub mod audit;
pub mod ceiling;
pub mod classified;
mod db;
pub mod dump;
mod error;
mod migrate;
pub mod monitor;
pub mod organizations;
pub mod roles;
pub mod settings;
pub mod sql;

pub use db::{Backend, Conn, Db, DbConfig, PoolStats, REPLICA_APPLICATION_NAME, SQLITE_FILE, Target, Tx};
pub use error::StoreError;
pub use migrate::{MigrationReport, migrations};
pub use organizations::{NewOrganization, Organization, OrganizationKind};
/// The SQL toolkit, re-exported so that modules writing SQL through [`on_conn!`] use this version.
pub use sqlx;
