//! The storage ceiling for benchmarks: how many durable single-row commits per second the
//! embedded SQLite file takes with the settings the server uses (WAL, `synchronous=FULL`, one
//! writing connection), in a database of its own so that no application table is touched.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::{Db, DbConfig, StoreError, Target};

/// What [`sqlite_commits`] measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Commits {
    /// Transactions committed.
    pub commits: u64,
    /// How long they took, in seconds.
    pub seconds: f64,
}

impl Commits {
    /// Commits per second.
    pub fn per_second(&self) -> f64 {
        if self.seconds > 0.0 { self.commits as f64 / self.seconds } else { 0.0 }
    }
}

/// Runs `clients` tasks that each insert one row per transaction and commit, for `duration`,
/// on a fresh SQLite database in `dir` opened exactly as the server opens its own.
pub async fn sqlite_commits(dir: &Path, clients: usize, duration: Duration) -> Result<Commits, StoreError> {
    let db = Db::connect(&DbConfig::new(Target::SqliteDir(dir.to_path_buf()))).await?;
    let mut tx = db.begin().await?;
    crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("CREATE TABLE IF NOT EXISTS ceiling (id INTEGER PRIMARY KEY, client BIGINT NOT NULL, \
             at BIGINT NOT NULL, payload TEXT NOT NULL)"))
        .execute(&mut *conn)
        .await?;
    });
    tx.commit().await?;
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(clients);
    for client in 0..clients {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            let mut commits = 0_u64;
            while started.elapsed() < duration {
                let mut tx = db.begin().await?;
                let at = started.elapsed().as_micros() as i64;
                crate::on_conn!(tx.conn(), |conn, sql| {
                    sqlx::query(&sql("INSERT INTO ceiling (client, at, payload) VALUES ($1, $2, $3)"))
                        .bind(client as i64)
                        .bind(at)
                        .bind("a row of about the size of an audit entry's details, written and made durable")
                        .execute(&mut *conn)
                        .await?;
                });
                tx.commit().await?;
                commits += 1;
            }
            Ok::<u64, StoreError>(commits)
        }));
    }
    let mut commits = 0;
    for task in tasks {
        commits += task.await.map_err(|error| StoreError::Database(format!("ceiling task: {error}")))??;
    }
    let seconds = started.elapsed().as_secs_f64();
    db.close().await;
    Ok(Commits { commits, seconds })
}
