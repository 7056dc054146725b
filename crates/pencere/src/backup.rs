//! `pencere backup` and `pencere restore`: the operator's commands around `pencere-backup`.
//!
//! Progress goes to standard error, and only when it is a terminal (a line rewritten in place);
//! the one-line report of what was done goes to standard output.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::anyhow;
use pencere_backup::{BackupError, Key, Progress};
use pencere_core::Clock as _;
use pencere_store::{Db, DbConfig};
use pencere_web::SystemClock;

use crate::Failure;
use crate::config::ConfigError;
use crate::serve::startup_failure;

/// Reads `--key-file`.
pub(crate) fn read_key(path: Option<&Path>) -> Result<Option<Key>, ConfigError> {
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(path)
        .map_err(|error| ConfigError(format!("--key-file {}: {error}", path.display())))?;
    Key::from_hex(&text).map(Some).map_err(|reason| ConfigError(format!("--key-file {}: {reason}", path.display())))
}

/// A progress display on a terminal; nothing otherwise.
fn progress() -> impl FnMut(Progress<'_>) + Send {
    let terminal = std::io::stderr().is_terminal();
    move |step: Progress<'_>| {
        if !terminal {
            return;
        }
        let of = if step.tables > 0 { format!("/{}", step.tables) } else { String::new() };
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[2K{} [{}{of}] {}: {} rows", step.stage, step.index, step.table, step.rows);
        if step.done && step.tables > 0 && step.index == step.tables {
            let _ = writeln!(stderr);
        }
        let _ = stderr.flush();
    }
}

fn failed(error: BackupError) -> Failure {
    Failure::Runtime(anyhow!(error))
}

/// `pencere backup --to FILE`.
#[allow(clippy::print_stdout, reason = "the command's report")]
pub(crate) async fn backup(config: DbConfig, to: &Path, key: Option<Key>) -> Result<(), Failure> {
    let db = Db::connect(&config).await.map_err(|error| startup_failure(error, &config))?;
    if pencere_store::dump::is_empty(&db).await.map_err(|error| startup_failure(error, &config))? {
        db.close().await;
        return Err(Failure::Runtime(anyhow!(
            "{}: the database is empty; nothing to back up",
            config.target.describe()
        )));
    }
    let outcome = pencere_backup::backup(&db, to, key.as_ref(), SystemClock.now(), &mut progress()).await;
    db.close().await;
    let manifest = outcome.map_err(failed)?;
    let rows: u64 = manifest.tables.iter().map(|table| table.rows).sum();
    println!(
        "{}: backed up {} tables, {rows} rows, schema version {}, audit chain head {} at position {}{}",
        to.display(),
        manifest.tables.len(),
        manifest.schema_version,
        if manifest.audit.hash.is_empty() { "(empty)" } else { &manifest.audit.hash },
        manifest.audit.seq,
        if key.is_some() { "; encrypted" } else { "" }
    );
    Ok(())
}

/// `pencere restore --from FILE --check`.
#[allow(clippy::print_stdout, reason = "the command's report")]
pub(crate) fn check(from: &Path, key: Option<Key>) -> Result<(), Failure> {
    let manifest = pencere_backup::check(from, key.as_ref(), &mut progress()).map_err(failed)?;
    let rows: u64 = manifest.tables.iter().map(|table| table.rows).sum();
    println!(
        "{}: intact: {} tables, {rows} rows, taken {} from {}, schema version {}",
        from.display(),
        manifest.tables.len(),
        manifest.taken_at,
        manifest.backend,
        manifest.schema_version
    );
    Ok(())
}

/// `pencere restore --from FILE`.
#[allow(clippy::print_stdout, reason = "the command's report")]
pub(crate) async fn restore(config: DbConfig, from: &Path, key: Option<Key>) -> Result<(), Failure> {
    let db = Db::connect(&config).await.map_err(|error| startup_failure(error, &config))?;
    let outcome = pencere_backup::restore(&db, from, key.as_ref(), &mut progress()).await;
    db.close().await;
    let restored = outcome.map_err(failed)?;
    println!(
        "{}: restored {} tables, {} rows; audit journal intact: {} entries verified, chain head {}",
        config.target.describe(),
        restored.tables,
        restored.rows,
        restored.audit.entries,
        restored.audit.head
    );
    Ok(())
}

/// The settings key holding when the last scheduled backup was claimed.
const SCHEDULE_KEY: &str = "backup.last";

/// Takes a backup into the schedule's directory whenever its interval has passed (one instance
/// of several claims each turn), deletes the oldest beyond `keep`, until told to stop. Failures
/// are logged and retried at the next turn.
pub(crate) async fn scheduled(
    db: Db,
    clock: std::sync::Arc<dyn pencere_core::Clock>,
    schedule: crate::config::BackupSchedule,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let every = i64::try_from(schedule.every.as_secs()).unwrap_or(i64::MAX);
    let tick = (schedule.every / 2).clamp(std::time::Duration::from_secs(1), std::time::Duration::from_secs(30));
    let mut interval = tokio::time::interval(tick);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = interval.tick() => {}
            _ = stop.changed() => return,
        }
        let now = clock.now();
        match pencere_store::dump::claim_turn(&db, SCHEDULE_KEY, now, every).await {
            Ok(true) => {}
            Ok(false) => continue,
            Err(error) => {
                tracing::error!(%error, "claiming the scheduled backup");
                continue;
            }
        }
        let (year, month, day, hour, minute, second) = now.utc_parts();
        let name = format!("pencere-{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z.pbak");
        let path = schedule.dir.join(&name);
        match pencere_backup::backup(&db, &path, schedule.key.as_ref(), now, &mut |_| {}).await {
            Ok(manifest) => {
                let rows: u64 = manifest.tables.iter().map(|table| table.rows).sum();
                tracing::info!(backup.file = %path.display(), backup.rows = rows, "scheduled backup written");
                prune(&schedule.dir, schedule.keep);
            }
            Err(error) => tracing::error!(%error, backup.file = %path.display(), "the scheduled backup failed"),
        }
    }
}

/// Deletes the oldest scheduled backups in `dir` beyond the newest `keep` (names sort by time).
fn prune(dir: &Path, keep: usize) {
    let mut found: Vec<std::path::PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with("pencere-") && name.ends_with(".pbak"))
            })
            .collect(),
        Err(error) => {
            tracing::error!(%error, backup.dir = %dir.display(), "listing the backups");
            return;
        }
    };
    found.sort();
    let excess = found.len().saturating_sub(keep);
    for old in found.into_iter().take(excess) {
        match std::fs::remove_file(&old) {
            Ok(()) => tracing::info!(backup.file = %old.display(), "old backup deleted"),
            Err(error) => tracing::error!(%error, backup.file = %old.display(), "deleting an old backup"),
        }
    }
}
