//! The commands that run against a database: `serve`, `migrate`, `audit verify`.

use anyhow::Context as _;
use std::sync::Arc;

use pencere_core::Clock;
use pencere_store::audit;
use pencere_store::roles::{self, AppRole};
use pencere_store::settings::{self, Environment};
use pencere_store::{Db, DbConfig, StoreError};
use pencere_web::{AppConfig, AppState, Portal, SystemClock};
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
    let db = Db::connect(config).await.map_err(|error| startup_failure(error, config))?;
    let report = db.migrate().await.map_err(|error| startup_failure(error, config))?;
    if !report.applied.is_empty() {
        tracing::info!(applied = ?report.applied, schema.version = report.current, "migrated");
    }
    Ok(db)
}

pub(crate) fn startup_failure(error: StoreError, config: &DbConfig) -> Failure {
    match store_error(error, config) {
        Ok(runtime) => Failure::Runtime(runtime),
        Err(config_error) => Failure::Config(config_error),
    }
}

/// `pencere serve`.
pub(crate) async fn serve(settings: ServeSettings) -> Result<(), Failure> {
    let shutdown = shutdown_signal().context("listening for signals")?;
    // Bind first: a port in use is reported before a slow database connection is attempted.
    let listener = TcpListener::bind(settings.addr)
        .await
        .map_err(|error| ConfigError(format!("addr {}: {error}", settings.addr)))?;
    let db = open(&settings.db).await?;
    let environment = if settings.demo { Environment::Demo } else { Environment::Production };
    settings::claim_environment(&db, environment).await.map_err(|error| match error {
        StoreError::Conflict(reason) if settings.demo => ConfigError(format!(
            "--demo: {reason}; demo data is only ever seeded into a fresh database (use another --data)"
        )),
        StoreError::Conflict(reason) => {
            ConfigError(format!("--demo missing: {reason}; start it with --demo, or use another database"))
        }
        other => ConfigError(format!("database: {other}")),
    })?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let demo = if settings.demo {
        Some(crate::demo::seed(&db, clock.now()).await.context("seeding demo data")?)
    } else {
        None
    };

    let local = listener.local_addr().context("reading the bound address")?;
    let public_url = settings.public_url.clone().unwrap_or_else(|| loopback_url(local));
    let callback = format!("{public_url}/login/sso/callback");
    let config = AppConfig {
        demo: settings.demo,
        body_limit_bytes: settings.body_limit,
        request_timeout: settings.request_timeout,
        public_url: public_url.clone(),
        security_contacts: settings.security_contacts.clone(),
        ..AppConfig::default()
    };
    let smtp: Option<Arc<dyn pencere_web::mail::Mailer>> =
        settings.mailer.map(|mailer| Arc::new(mailer) as Arc<dyn pencere_web::mail::Mailer>);
    let sms: Option<Arc<dyn pencere_notify::sms::SmsGateway>> =
        settings.sms_gateway.map(|gateway| Arc::new(gateway) as Arc<dyn pencere_notify::sms::SmsGateway>);
    let mut trust = if settings.demo {
        let mut services = crate::demo::trust_services(clock.now(), &public_url).context("creating the test CA")?;
        match &sms {
            Some(gateway) => services.sms = Some(gateway.clone()),
            None => {
                // The sandbox gateway is this server itself, reached over loopback like any gateway.
                let url = format!("{}/test/sms/gateway", loopback_url(local));
                let gateway = pencere_notify::sms::HttpSmsGateway::new(&url)
                    .map_err(|reason| anyhow::anyhow!("sandbox SMS gateway: {reason}"))?;
                services.sms = Some(Arc::new(gateway));
                services.sms_sandbox = Some(Arc::new(pencere_notify::sms::SmsSandbox::default()));
            }
        }
        // The sandbox payment provider calls this server back over loopback, signed with a secret
        // made now, like a provider configured in production.
        let mut secret = vec![0_u8; 32];
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut secret);
        let callback = format!("{}/api/v1/payments/callback/sandbox", loopback_url(local));
        services.payments.push(pencere_web::PaymentProvider { id: "sandbox".to_owned(), secret: secret.clone() });
        services.payment_sandbox =
            Some(Arc::new(pencere_web::sandbox::PaymentSandbox::new("sandbox", secret, callback)));
        match smtp {
            Some(mailer) => services.mail = Some(mailer),
            None => {
                let mailbox = Arc::new(pencere_web::mail::Mailbox::default());
                services.mail = Some(mailbox.clone());
                services.mailbox = Some(mailbox);
            }
        }
        services
    } else {
        let sso = settings.oidc_issuer.clone().map(|issuer| {
            Arc::new(pencere_web::sso::SsoClient::new(issuer, settings.oidc_client_id.clone(), callback.clone()))
        });
        pencere_web::Services {
            store: Arc::new(settings.trust),
            sso,
            mail: smtp,
            payments: settings.payment_providers.clone(),
            ..pencere_web::Services::default()
        }
    };
    if settings.demo {
        trust.payments.extend(settings.payment_providers.iter().cloned());
    }
    // EHİS: the configured security server, or in the test environment the sandbox registries,
    // served on a loopback port of their own so the gateway goes over a real socket.
    let ehis_url = match (&settings.ehis_url, settings.demo) {
        (Some(url), _) => Some(url.clone()),
        (None, true) => {
            let registries = TcpListener::bind("127.0.0.1:0").await.context("binding the sandbox registries")?;
            let url = format!("http://{}", registries.local_addr().context("reading the sandbox address")?);
            let sandbox = crate::demo::registries(settings.sandbox_persons);
            trust.registries = Some(Arc::new(sandbox.clone()));
            tokio::spawn(async move {
                if let Err(error) = sandbox.serve(registries).await {
                    tracing::error!(%error, "the sandbox registries stopped");
                }
            });
            tracing::info!(ehis.url = %url, persons = settings.sandbox_persons, "sandbox registries (EHİS) serving");
            Some(url)
        }
        (None, false) => None,
    };
    if let Some(url) = ehis_url {
        let gateway =
            pencere_exchange::Gateway::new(pencere_exchange::GatewayConfig::new(&url), db.clone(), clock.clone())
                .map_err(|reason| anyhow::anyhow!("the EHİS gateway: {reason}"))?;
        trust.exchange = Some(Arc::new(gateway));
    }
    if !settings.demo {
        trust.sms = sms;
    }
    let platform_key = Arc::new(settings.platform_key.unwrap_or_else(|| {
        if !settings.demo {
            tracing::warn!(
                "no --platform-key: audit checkpoints and registry extracts are signed with a key generated now"
            );
        }
        pencere_trust::PlatformKey::generate()
    }));
    tracing::info!(
        platform.key = platform_key.id(),
        "audit checkpoints and registry extracts are signed with this key"
    );
    trust.seal = Some(platform_key.clone());
    let state =
        AppState::new(db.clone(), clock.clone(), trust, portals(), config).context("building the application")?;
    // A fresh production database may not hold the competent bodies yet: their services answer
    // "not available" until the organizations are recorded.
    if let Err(error) = state.engine().check_bodies(&db).await {
        tracing::warn!(%error, "a service's competent body is not recorded; the service is not available");
    }
    if demo.is_some() {
        crate::demo::seed_cases(&db, state.engine(), state.services(), clock.now()).await;
        crate::demo::seed_participation(&db, state.engine(), &state.config().public_url, clock.now()).await;
    }
    let app = pencere_web::router(state.clone());
    let (stop_workers, workers_stopped) = tokio::sync::watch::channel(false);
    let workers = tokio::spawn(run_workers(state, workers_stopped));

    let backups = settings.backups.map(|schedule| {
        tokio::spawn(crate::backup::scheduled(db.clone(), clock.clone(), schedule, stop_workers.subscribe()))
    });

    let (stop_sealer, sealer_stopped) = tokio::sync::oneshot::channel();
    let sealer = tokio::spawn(seal_audit_journal(db.clone(), clock.clone(), platform_key.clone(), sealer_stopped));
    tracing::info!(addr = %local, backend = db.backend().as_str(), demo = settings.demo, "listening");
    crate::demo::announce(local, &settings.db, demo.as_ref());
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving HTTP")?;
    // Let the workers finish their round: a claimed notice is delivered and marked, not cut off.
    let _ = stop_workers.send(true);
    if let Err(error) = workers.await {
        tracing::error!(%error, "the case and notification workers failed");
    }
    if let Some(Err(error)) = match backups {
        Some(backups) => Some(backups.await),
        None => None,
    } {
        tracing::error!(%error, "the scheduled backups failed");
    }
    // Let the sealer finish its batch (never cut a transaction short), then seal the rest.
    let _ = stop_sealer.send(());
    if let Err(error) = sealer.await {
        tracing::error!(%error, "the audit sealer failed");
    }
    // Seal what the last requests journaled, so a clean stop leaves no unsealed tail.
    if let Err(error) = audit::seal_all(&db, clock.now()).await {
        tracing::error!(%error, "sealing the audit journal at shutdown");
    }
    if let Err(error) = checkpoint(&db, &platform_key, clock.now()).await {
        tracing::error!(%error, "signing the audit journal's checkpoint at shutdown");
    }
    tracing::info!("stopped accepting connections; closing the database");
    db.close().await;
    Ok(())
}

/// The server's own address as a URL a client on this machine can reach: a wildcard bind
/// (`0.0.0.0`, `::`) is reached through the loopback address.
fn loopback_url(local: std::net::SocketAddr) -> String {
    match local.ip() {
        ip if ip.is_unspecified() => format!("http://127.0.0.1:{}", local.port()),
        std::net::IpAddr::V6(ip) => format!("http://[{ip}]:{}", local.port()),
        std::net::IpAddr::V4(ip) => format!("http://{ip}:{}", local.port()),
    }
}

/// How often the outbox is delivered: the bound on a notice's delay.
const DISPATCH_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// How often expired deadlines are looked for.
const SWEEP_EVERY_SECONDS: i64 = 60;

/// Delivers the notification outbox and acts on expired deadlines until told to stop; logs
/// failures and carries on. Both claim their work with `FOR UPDATE SKIP LOCKED` on PostgreSQL,
/// so every instance runs them.
async fn run_workers(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    let dispatcher = state.dispatcher();
    let mut interval = tokio::time::interval(DISPATCH_EVERY);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_sweep: Option<pencere_core::Timestamp> = None;
    loop {
        tokio::select! {
            _ = interval.tick() => {}
            _ = stop.changed() => return,
        }
        let now = state.clock().now();
        if last_sweep.is_none_or(|last| now.seconds_since(last) >= SWEEP_EVERY_SECONDS) {
            match state.engine().sweep(state.db(), now).await {
                Ok(report) if report != pencere_cases::SweepReport::default() => {
                    tracing::info!(acted = report.acted, flagged = report.flagged, "expired deadlines handled");
                }
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "handling expired deadlines"),
            }
            last_sweep = Some(now);
        }
        match dispatcher.run_once().await {
            Ok(report) if report.retried + report.dead > 0 => {
                tracing::warn!(sent = report.sent, retried = report.retried, dead = report.dead, "notices delivered");
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "delivering notices"),
        }
    }
}

/// How often committed audit entries are sealed into the chain: the bound on the visible delay.
const SEAL_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// How often the head of the audit chain is signed, when it moved.
const CHECKPOINT_EVERY_SECONDS: i64 = 60;

/// Seals the audit journal until told to stop, signing a checkpoint of the head now and then;
/// logs failures and carries on.
async fn seal_audit_journal(
    db: Db,
    clock: Arc<dyn Clock>,
    key: Arc<pencere_trust::PlatformKey>,
    mut stop: tokio::sync::oneshot::Receiver<()>,
) {
    let mut interval = tokio::time::interval(SEAL_EVERY);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_checkpoint: Option<pencere_core::Timestamp> = None;
    loop {
        tokio::select! {
            _ = interval.tick() => {}
            _ = &mut stop => return,
        }
        let now = clock.now();
        if let Err(error) = audit::seal(&db, now, 1000).await {
            tracing::error!(%error, "sealing the audit journal");
        }
        if last_checkpoint.is_none_or(|last| now.seconds_since(last) >= CHECKPOINT_EVERY_SECONDS) {
            match checkpoint(&db, &key, now).await {
                Ok(_) => last_checkpoint = Some(now),
                Err(error) => tracing::error!(%error, "signing an audit checkpoint"),
            }
        }
    }
}

/// Signs the chain's head if it moved since the last checkpoint; returns the position signed.
async fn checkpoint(
    db: &Db,
    key: &pencere_trust::PlatformKey,
    now: pencere_core::Timestamp,
) -> Result<Option<i64>, StoreError> {
    let Some((seq, head)) = audit::head(db).await? else {
        return Ok(None);
    };
    let last = audit::last_checkpoint_seq(db).await?;
    if seq <= last {
        return Ok(None);
    }
    let signature = key.sign(&audit::Checkpoint::message(seq, &head, now));
    audit::record_checkpoint(db, &audit::Checkpoint { seq, head, at: now, key_id: key.id().to_owned(), signature })
        .await?;
    Ok(Some(seq))
}

/// Registers for SIGINT (Ctrl-C) and SIGTERM at once — a signal that arrives before the server
/// runs must stop it gracefully too, not kill it — and resolves when one arrives.
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => tracing::info!("SIGINT: shutting down"),
            _ = terminate.recv() => tracing::info!("SIGTERM: shutting down"),
        }
    })
}

/// `pencere migrate`.
#[allow(clippy::print_stdout, reason = "the command's report")]
pub(crate) async fn migrate(config: DbConfig, app_role: Option<AppRole>) -> Result<(), Failure> {
    let db = Db::connect(&config).await.map_err(|error| startup_failure(error, &config))?;
    let report = db.migrate().await.map_err(|error| startup_failure(error, &config))?;
    println!(
        "{}: applied {} migration(s); schema version {}",
        config.target.describe(),
        report.applied.len(),
        report.current
    );
    if let Some(role) = app_role {
        let granted = roles::grant_app_role(&db, &role).await;
        db.close().await;
        granted.with_context(|| format!("granting role {role}"))?;
        println!(
            "  role {role} may read and write the data, but not update, delete or truncate {}",
            roles::APPEND_ONLY_TABLES.join(", ")
        );
        return Ok(());
    }
    db.close().await;
    Ok(())
}

/// `pencere audit verify`: recomputes the chain; exits 1 naming the first broken entry.
#[allow(clippy::print_stdout, reason = "the command's report")]
pub(crate) async fn audit_verify(
    config: DbConfig,
    verifier: Option<pencere_trust::PlatformVerifier>,
) -> Result<(), Failure> {
    let db = Db::connect(&config).await.map_err(|error| startup_failure(error, &config))?;
    let version = db.schema_version().await.map_err(|error| startup_failure(error, &config))?;
    let latest = pencere_store::migrations(db.backend()).last().map_or(0, |migration| migration.version);
    if version < latest {
        db.close().await;
        return Err(Failure::Runtime(anyhow::anyhow!(
            "{}: schema version {version}, this build needs {latest}: run `pencere migrate` first",
            config.target.describe()
        )));
    }
    let outcome = audit::verify(&db).await.context("reading the audit journal")?;
    let checkpoints = audit::checkpoints(&db).await.context("reading the audit checkpoints")?;
    db.close().await;
    if let (Ok(_), Some(verifier)) = (&outcome, &verifier) {
        for checkpoint in &checkpoints {
            let message = audit::Checkpoint::message(checkpoint.seq, &checkpoint.head, checkpoint.at);
            if checkpoint.key_id != verifier.id() || !verifier.verify(&message, &checkpoint.signature) {
                return Err(Failure::Runtime(anyhow::anyhow!(
                    "audit checkpoint at position {} is not signed by platform key {}",
                    checkpoint.seq,
                    verifier.id()
                )));
            }
        }
    }
    let target = config.target.describe();
    match outcome {
        Ok(verified) if verified.entries == 0 && verified.pending == 0 => {
            println!("{target}: empty journal; nothing to verify");
            Ok(())
        }
        Ok(verified) => {
            println!(
                "{target}: audit journal intact: {} entries verified, chain head {}",
                verified.entries, verified.head
            );
            let signatures = match &verifier {
                Some(verifier) => format!("signatures checked against platform key {}", verifier.id()),
                None => "signatures not checked (no --platform-key)".to_owned(),
            };
            println!("  {} signed checkpoints agree with the chain; {signatures}", verified.checkpoints);
            if verified.pending > 0 {
                let oldest = verified.oldest_pending.map(|at| at.to_string()).unwrap_or_default();
                println!(
                    "  {} entries committed but not yet sealed (oldest {oldest}); a running server seals them",
                    verified.pending
                );
            }
            Ok(())
        }
        Err(broken) => {
            let entry = broken.entry_id.map(|id| format!(" (entry id {id})")).unwrap_or_default();
            Err(Failure::Runtime(anyhow::anyhow!(
                "audit journal broken at position {}{entry}: {}",
                broken.seq,
                broken.reason
            )))
        }
    }
}
