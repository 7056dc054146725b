//! The commands that run against a database: `serve`, `migrate`, `audit verify`.

use anyhow::Context as _;
use pencere_store::settings::{self, Environment};
use pencere_store::{Db, DbConfig, StoreError};
use pencere_web::{AppConfig, AppState, Portal};
use tokio::net::TcpListener;

use crate::Failure;
use crate::config::{ConfigError, ServeSettings, store_error};

/// The systems this binary ships, in the order the home page lists them.
fn portals() -> Vec<Portal> {
    vec![
        pencere_lic::portal(),
        pencere_tob::portal(),
        pencere_kob::portal(),
        pencere_mig::portal(),
        pencere_veis::portal(),
    ]
}

/// Connects and applies pending migrations.
async fn open(config: &DbConfig) -> Result<Db, Failure> {
    let db = Db::connect(config)
        .await
        .map_err(|error| startup_failure(error, config))?;
    let report = db
        .migrate()
        .await
        .map_err(|error| startup_failure(error, config))?;
    if !report.applied.is_empty() {
        tracing::info!(applied = ?report.applied, schema.version = report.current, "migrated");
    }
    Ok(db)
}

fn startup_failure(error: StoreError, config: &DbConfig) -> Failure {
    match store_error(error, config) {
        Ok(runtime) => Failure::Runtime(runtime),
        Err(config_error) => Failure::Config(config_error),
    }
}

/// `pencere serve`.
pub(crate) async fn serve(settings: ServeSettings) -> Result<(), Failure> {
    // Bind first: a port in use is reported before a slow database connection is attempted.
    let listener = TcpListener::bind(settings.addr)
        .await
        .map_err(|error| ConfigError(format!("addr {}: {error}", settings.addr)))?;
    let db = open(&settings.db).await?;
    let environment = if settings.demo {
        Environment::Demo
    } else {
        Environment::Production
    };
    settings::claim_environment(&db, environment).await.map_err(|error| match error {
        StoreError::Conflict(reason) if settings.demo => {
            ConfigError(format!("--demo: {reason}; demo data is only ever seeded into a fresh database (use another --data)"))
        }
        StoreError::Conflict(reason) => {
            ConfigError(format!("--demo missing: {reason}; start it with --demo, or use another database"))
        }
        other => ConfigError(format!("database: {other}")),
    })?;
    let demo = if settings.demo {
        Some(crate::demo::seed(&db).await.context("seeding demo data")?)
    } else {
        None
    };

    let config = AppConfig {
        demo: settings.demo,
        body_limit_bytes: settings.body_limit,
        request_timeout: settings.request_timeout,
    };
    let state = AppState::new(db.clone(), portals(), config).context("building the application")?;
    let app = pencere_web::router(state);
    let local = listener.local_addr().context("reading the bound address")?;
    tracing::info!(addr = %local, backend = db.backend().as_str(), demo = settings.demo, "listening");
    crate::demo::announce(local, &settings.db, demo.as_ref());

    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving HTTP")?;
    tracing::info!("stopped accepting connections; closing the database");
    db.close().await;
    Ok(())
}

/// Resolves when SIGINT (Ctrl-C) or SIGTERM arrives.
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT: shutting down"),
        () = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}

/// `pencere migrate`.
#[allow(clippy::print_stdout, reason = "the command's report")]
pub(crate) async fn migrate(config: DbConfig) -> Result<(), Failure> {
    let db = Db::connect(&config)
        .await
        .map_err(|error| startup_failure(error, &config))?;
    let report = db
        .migrate()
        .await
        .map_err(|error| startup_failure(error, &config))?;
    println!(
        "{}: applied {} migration(s); schema version {}",
        config.target.describe(),
        report.applied.len(),
        report.current
    );
    db.close().await;
    Ok(())
}

/// `pencere audit verify`.
#[allow(clippy::print_stdout, reason = "the command's report")]
pub(crate) async fn audit_verify(config: DbConfig) -> Result<(), Failure> {
    let db = Db::connect(&config)
        .await
        .map_err(|error| startup_failure(error, &config))?;
    let version = db
        .schema_version()
        .await
        .map_err(|error| startup_failure(error, &config))?;
    // The journal arrives with the identity and audit work; until then there is nothing to check.
    println!(
        "{}: empty journal (schema version {version}); nothing to verify",
        config.target.describe()
    );
    db.close().await;
    Ok(())
}
