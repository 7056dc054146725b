//! The errors of the storage layer.

use std::path::PathBuf;

/// What went wrong in the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory cannot be created or written.
    #[error("data directory {path}: {reason}")]
    DataDir { path: PathBuf, reason: String },
    /// The database URL cannot be parsed or names an unsupported scheme.
    #[error("database URL {url}: {reason}")]
    InvalidUrl { url: String, reason: String },
    /// The database does not answer.
    #[error("cannot connect to {target}: {reason}")]
    Connect { target: String, reason: String },
    /// A migration could not be applied, or the applied ones do not match this build.
    #[error("migration {version}: {reason}")]
    Migration { version: i64, reason: String },
    /// A unique constraint refused the write.
    #[error("conflict: {0}")]
    Conflict(String),
    /// Any other database failure.
    #[error("database: {0}")]
    Database(String),
}

impl StoreError {
    pub(crate) fn from_sqlx(error: sqlx::Error) -> StoreError {
        if let sqlx::Error::Database(database_error) = &error
            && database_error.is_unique_violation()
        {
            return StoreError::Conflict(database_error.message().to_owned());
        }
        StoreError::Database(error.to_string())
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        StoreError::from_sqlx(error)
    }
}
