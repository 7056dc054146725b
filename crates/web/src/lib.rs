//! Pəncərə's web layer: the axum application every portal plugs into.
//!
//! It owns the request pipeline (request ids, logs, metrics, security headers, limits, error
//! rendering), the page layout and language switching, the API plumbing (problem+json, OpenAPI),
//! and health endpoints. It knows portals only as [`Portal`] values handed to it by the binary.
//!
//! Invariant: only this crate and the portals' `api`/`pages` modules see axum, wire types or
//! Fluent ids.

pub mod access;
pub mod api;
mod assets;
pub mod exchange;
pub mod health;
pub mod i18n;
pub mod paperwork;
pub use pencere_notify::mail;
pub mod metrics;
pub mod middleware;
pub mod pages;
pub mod problem;
pub mod sandbox;
pub mod sso;
pub mod tables;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, StatusCode};
use axum::routing::get;
use pencere_core::{Clock, Timestamp};
use pencere_store::Db;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use pencere_cases::CatalogSource;
/// A portal's notice period before planned work, as its `maintenance.toml` gives it.
pub use pencere_cases::participants::NoticeRule;

use crate::access::Access;
use crate::i18n::{FtlSource, I18n};

/// A system that runs on the platform, as the web layer sees it.
#[derive(Clone, Debug)]
pub struct Portal {
    /// Short code used in URLs and message ids (`lic`).
    pub code: &'static str,
    /// Prefix of the system's clause ids in the requirements catalog (`LIC`).
    pub clause_prefix: &'static str,
    /// The portal's Fluent files; they must define `system-CODE-name`, `-tagline`, `-owner`,
    /// `-regulation`, `-intro`, `-users` and `-offer-1` … `-offer-6` (see [`pages::systems`]).
    pub messages: &'static [FtlSource],
    /// The roles the system's officials hold (`lic.reviewer`); each needs a message
    /// `role-SYSTEM-ROLE` (dots as dashes) naming it.
    pub roles: &'static [&'static str],
    /// The system's service catalog files (see [`pencere_cases::catalog`]).
    pub catalog: &'static [pencere_cases::CatalogSource],
    /// The system's rules of public participation (inquiries, suggestions, drafts of legal acts;
    /// see [`pencere_cases::participation::Rules`]), when it takes them.
    pub participation: Option<pencere_cases::CatalogSource>,
    /// How far ahead the system's participants announce planned work on their integrated
    /// systems (`catalog/maintenance.toml`, see [`pencere_cases::participants::NoticeRule`]),
    /// when its regulation names a period; a system without one takes no announcements.
    pub maintenance: Option<pencere_cases::CatalogSource>,
}

/// Settings of the web application.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// How long sessions live.
    pub session: pencere_identity::SessionPolicy,
    /// When repeated login failures lock a login name.
    pub login: pencere_identity::LoginPolicy,
    /// Whether this is the test environment (banner on every page, demo conveniences).
    pub demo: bool,
    /// The largest request body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// How long a request may take before it is abandoned with 503.
    pub request_timeout: Duration,
    /// The address people reach the server at, for links in e-mail.
    pub public_url: String,
    /// Where security events are reported; without them they are recorded but not sent.
    pub security_contacts: Option<pencere_cases::security::Contacts>,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            session: pencere_identity::SessionPolicy::default(),
            login: pencere_identity::LoginPolicy::default(),
            demo: false,
            body_limit_bytes: 10 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            public_url: "http://127.0.0.1:8080".to_owned(),
            security_contacts: None,
        }
    }
}

/// Why the application cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Translations are broken or incomplete.
    #[error(transparent)]
    I18n(#[from] i18n::I18nError),
    /// A catalog file is broken, or names a notice without texts.
    #[error(transparent)]
    Catalog(#[from] pencere_cases::CatalogError),
    /// The working-day calendar's data is broken.
    #[error(transparent)]
    Calendar(#[from] pencere_core::calendar::CalendarError),
}

/// Everything a request handler may need.
pub struct App {
    db: Db,
    read_db: Db,
    clock: Arc<dyn Clock>,
    trust: Services,
    i18n: Arc<I18n>,
    portals: Vec<Portal>,
    config: AppConfig,
    metrics: metrics::Metrics,
    engine: pencere_cases::Engine,
}

/// The outside services the platform talks to: the trust anchors signatures are checked
/// against, single sign-on, e-mail, and in the test environment the sandbox services that stand
/// for the mobile signature service, the phone, the identity provider and the mailbox.
#[derive(Clone, Debug, Default)]
pub struct Services {
    /// The trust anchors and revocations.
    pub store: Arc<pencere_trust::TrustStore>,
    /// The sandbox, in the test environment only.
    pub sandbox: Option<Arc<sandbox::Sandbox>>,
    /// The single sign-on client, when a provider is configured.
    pub sso: Option<Arc<sso::SsoClient>>,
    /// The test environment's identity provider.
    pub provider: Option<Arc<sandbox::OidcProvider>>,
    /// Where e-mail goes: an SMTP server, or the test environment's mailbox; none: no e-mail.
    pub mail: Option<Arc<dyn mail::Mailer>>,
    /// The test environment's mailbox, when mail goes there (shown at `/test/mailbox`).
    pub mailbox: Option<Arc<mail::Mailbox>>,
    /// Where SMS go: an HTTP gateway; none: no SMS.
    pub sms: Option<Arc<dyn pencere_notify::sms::SmsGateway>>,
    /// The test environment's SMS inbox, which plays the gateway at `/test/sms/gateway`.
    pub sms_sandbox: Option<Arc<pencere_notify::sms::SmsSandbox>>,
    /// The payment providers whose callbacks are accepted, with their shared secrets.
    pub payments: Vec<PaymentProvider>,
    /// The test environment's payment provider, where the payer presses a button.
    pub payment_sandbox: Option<Arc<sandbox::PaymentSandbox>>,
    /// The platform's key, which signs registry extracts (and the audit journal's checkpoints);
    /// none: extracts are not signed.
    pub seal: Option<Arc<pencere_trust::PlatformKey>>,
    /// The EHİS exchange gateway, which prefills forms from other state systems; none: forms
    /// take only what the platform holds, and the applicant enters the rest.
    pub exchange: Option<Arc<pencere_exchange::Gateway>>,
    /// The test environment's sandbox registries, whose persons and companies the demo login
    /// page offers as examples (they are read through [`Services::exchange`] like any others).
    pub registries: Option<Arc<pencere_exchange::sandbox::Sandbox>>,
}

/// A payment provider the platform accepts callbacks from (`/api/v1/payments/callback/{id}`).
#[derive(Clone)]
pub struct PaymentProvider {
    /// Its name in the callback's address and in the reconciliation.
    pub id: String,
    /// The shared secret its callbacks are signed with.
    pub secret: Vec<u8>,
}

impl std::fmt::Debug for PaymentProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentProvider").field("id", &self.id).finish_non_exhaustive()
    }
}

/// The shared application state, cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<App>);

impl AppState {
    /// Builds the state; fails if the translations of the platform and the portals are incomplete.
    pub fn new(
        db: Db,
        clock: Arc<dyn Clock>,
        trust: Services,
        portals: Vec<Portal>,
        config: AppConfig,
    ) -> Result<AppState, AppError> {
        let sources: Vec<FtlSource> = i18n::PLATFORM_MESSAGES
            .iter()
            .chain(portals.iter().flat_map(|portal| portal.messages.iter()))
            .copied()
            .collect();
        let i18n = Arc::new(I18n::new(&sources)?);
        let catalog_files: Vec<pencere_cases::CatalogSource> =
            portals.iter().flat_map(|portal| portal.catalog.iter()).copied().collect();
        let catalog = pencere_cases::Catalog::load(&catalog_files)?;
        check_notices(&catalog, &i18n)?;
        let paperwork = paperwork::FluentPaperwork::new(i18n.clone(), &config.public_url);
        let mut engine = pencere_cases::Engine::new(catalog, pencere_core::calendar::WorkingCalendar::azerbaijan()?)
            .with_paperwork(Arc::new(paperwork));
        if let Some(rules) = participation_rules(&portals)? {
            check_participation_notices(&rules, &i18n)?;
            engine = engine.with_participation(rules);
        }
        let notices = portals
            .iter()
            .filter_map(|portal| portal.maintenance.as_ref().map(|source| (portal.code, source)))
            .map(|(code, source)| pencere_cases::participants::NoticeRule::load(code, source))
            .collect::<Result<Vec<_>, _>>()?;
        engine = engine.with_maintenance_notices(pencere_cases::participants::NoticePeriods::new(notices)?);
        Ok(AppState(Arc::new(App {
            read_db: db.replica_reads(),
            db,
            clock,
            trust,
            i18n,
            portals,
            config,
            metrics: metrics::Metrics::default(),
            engine,
        })))
    }

    /// The case engine.
    pub fn engine(&self) -> &pencere_cases::Engine {
        &self.0.engine
    }

    /// The outbox's dispatcher, delivering with this application's texts and services.
    pub fn dispatcher(&self) -> pencere_notify::Dispatcher {
        pencere_notify::Dispatcher {
            db: self.0.db.clone(),
            clock: self.0.clock.clone(),
            templates: Arc::new(self.clone()),
            mailer: self.0.trust.mail.clone(),
            sms: self.0.trust.sms.clone(),
            policy: pencere_notify::RetryPolicy::default(),
        }
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.0.db
    }

    /// The database for read-mostly pages that may lag the primary by the replication delay (the
    /// public registry, statistics): its reads go to the read replica when one is configured and
    /// answers (`Db::replica_reads`); its writes, if any, to the primary.
    pub fn read_db(&self) -> &Db {
        &self.0.read_db
    }

    /// The clock every handler reads time from.
    pub fn clock(&self) -> &dyn Clock {
        self.0.clock.as_ref()
    }

    /// The outside services.
    pub fn services(&self) -> &Services {
        &self.0.trust
    }

    /// The translations.
    pub fn i18n(&self) -> &I18n {
        &self.0.i18n
    }

    /// The systems on the platform, in the order the home page shows them.
    pub fn portals(&self) -> &[Portal] {
        &self.0.portals
    }

    /// A portal by its code.
    pub fn portal(&self, code: &str) -> Option<&Portal> {
        self.0.portals.iter().find(|portal| portal.code == code)
    }

    /// The application's settings.
    pub fn config(&self) -> &AppConfig {
        &self.0.config
    }

    /// The request metrics.
    pub fn metrics(&self) -> &metrics::Metrics {
        &self.0.metrics
    }
}

/// The participation rules of the one portal that provides them; two portals providing them is
/// a configuration error.
fn participation_rules(
    portals: &[Portal],
) -> Result<Option<pencere_cases::participation::Rules>, pencere_cases::CatalogError> {
    let mut found: Option<pencere_cases::participation::Rules> = None;
    for portal in portals {
        let Some(source) = &portal.participation else { continue };
        if found.is_some() {
            return Err(pencere_cases::CatalogError {
                file: source.path.to_owned(),
                field: "-".into(),
                reason: "another portal already provides the participation rules".into(),
            });
        }
        found = Some(pencere_cases::participation::Rules::load(portal.code, source)?);
    }
    Ok(found)
}

/// The notices of participation need their subject, text and SMS in every language.
fn check_participation_notices(
    rules: &pencere_cases::participation::Rules,
    i18n: &I18n,
) -> Result<(), pencere_cases::CatalogError> {
    for notice in pencere_cases::participation::NOTICES {
        for lang in pencere_core::Lang::ALL {
            for part in ["subject", "body", "sms"] {
                if !i18n.tr(lang).has(&format!("notice-{notice}-{part}")) {
                    return Err(pencere_cases::CatalogError {
                        file: format!("participation of {}", rules.system),
                        field: "-".into(),
                        reason: format!("notice {notice} has no message notice-{notice}-{part} in {}", lang.as_str()),
                    });
                }
            }
        }
    }
    Ok(())
}

/// Every notice a workflow sends needs its subject, text and SMS in every language.
fn check_notices(catalog: &pencere_cases::Catalog, i18n: &I18n) -> Result<(), pencere_cases::CatalogError> {
    for workflow in catalog.workflows() {
        let notices = std::iter::once(("registered_notice".to_owned(), &workflow.registered_notice)).chain(
            workflow.transitions.iter().filter_map(|t| t.notice.as_ref().map(|n| (format!("transition {}", t.id), n))),
        );
        for transition in &workflow.transitions {
            let Some(template) = &transition.document else { continue };
            for lang in pencere_core::Lang::ALL {
                for part in ["title", "body"] {
                    if !i18n.tr(lang).has(&format!("doc-{template}-{part}")) {
                        return Err(pencere_cases::CatalogError {
                            file: format!("workflow {}", workflow.id),
                            field: format!("transition {}", transition.id),
                            reason: format!(
                                "document {template} has no message doc-{template}-{part} in {}",
                                lang.as_str()
                            ),
                        });
                    }
                }
            }
        }
        for (field, notice) in notices {
            for lang in pencere_core::Lang::ALL {
                for part in ["subject", "body", "sms"] {
                    if !i18n.tr(lang).has(&format!("notice-{notice}-{part}")) {
                        return Err(pencere_cases::CatalogError {
                            file: format!("workflow {}", workflow.id),
                            field,
                            reason: format!(
                                "notice {notice} has no message notice-{notice}-{part} in {}",
                                lang.as_str()
                            ),
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

impl pencere_notify::Templates for AppState {
    fn render(
        &self,
        lang: pencere_core::Lang,
        template: &str,
        args: &[(String, String)],
    ) -> Option<pencere_notify::Rendered> {
        let tr = self.i18n().tr(lang);
        let subject_id = format!("notice-{template}-subject");
        if !tr.has(&subject_id) {
            return None;
        }
        let values: Vec<(&str, fluent_bundle::FluentValue<'_>)> = args
            .iter()
            .map(|(name, value)| (name.as_str(), fluent_bundle::FluentValue::from(value.as_str())))
            .collect();
        Some(pencere_notify::Rendered {
            subject: tr.t_with(&subject_id, &values),
            body: tr.t_with(&format!("notice-{template}-body"), &values),
            short: tr.t_with(&format!("notice-{template}-sms"), &values),
        })
    }
}

/// The system clock.
#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods, reason = "the one place that reads the system clock")]
    fn now(&self) -> Timestamp {
        let micros = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| i64::try_from(elapsed.as_micros()).unwrap_or(i64::MAX));
        Timestamp::from_micros(micros)
    }
}

/// The whole application: pages, API, health and metrics, behind the request pipeline.
pub fn router(state: AppState) -> Router {
    router_with_table(state).0
}

/// The application and its route table: every route with the access it declares.
pub fn router_with_table(state: AppState) -> (Router, Vec<access::RouteDecl>) {
    let mut openapi = api::openapi();
    let routes = access::Routes::default()
        .merge(pages::routes())
        .merge(health::routes())
        .merge(assets::routes())
        .merge(api::routes(&mut openapi));
    let openapi = Arc::new(openapi);
    let every_method = [Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE];
    let routes =
        routes.get("/api/openapi.json", Access::Public, get(move || api::serve_openapi(openapi.clone()))).route(
            "/api/{*rest}",
            Access::Public,
            &every_method,
            get(api::unknown_route)
                .post(api::unknown_route)
                .put(api::unknown_route)
                .patch(api::unknown_route)
                .delete(api::unknown_route),
        );
    let (routes, table) = routes.into_parts();
    let routes =
        routes.fallback(pages::not_found).route_layer(axum::middleware::from_fn(middleware::expose_matched_path));

    // Layers run outside in, so they are listed inside out: the last one sees the request first.
    let config = state.config().clone();
    let router = routes
        .layer(axum::middleware::from_fn_with_state(state.clone(), access::load_viewer))
        .layer(DefaultBodyLimit::max(config.body_limit_bytes))
        .layer(RequestBodyLimitLayer::new(config.body_limit_bytes))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, config.request_timeout))
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::render_errors))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::track_metrics))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
            let request_id = request
                .headers()
                .get("x-request-id")
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default();
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request.id = %request_id)
        }))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state);
    (router, table)
}
