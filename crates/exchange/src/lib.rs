//! The EHİS exchange gateway: the only way a module reads data from another state system.
//!
//! Every call follows X-Road's REST profile: `GET {base}/r1/{service id}/{path}`, where the
//! service id is `AZ/GOV/{provider}/{subsystem}/{service}`, with headers naming the client
//! (`X-Road-Client: AZ/GOV/{member}/{subsystem}`), a unique message id (`X-Road-Id`), the user on
//! whose behalf (`X-Road-UserId`) and the purpose (`X-Road-Issue`). Each call is written to the
//! message log (`exchange_log`: client, service, message id, purpose, user, the subject's FİN or
//! VÖEN, SHA-256 of request and response, outcome, attempts, time) whether it succeeded or not.
//!
//! Reads are retried with exponential backoff and jitter on a timeout, a refused connection or a
//! 5xx; five failures in a row open the external system's circuit breaker (one per member and
//! subsystem) for thirty seconds, during which calls fail at once (and are logged as
//! `circuit_open`). Answers are cached per adapter for a time that respects the data's
//! sensitivity: personal data for a minute, restricted data and commercial and tax secrets never.
//!
//! Adapters (one per service, [`Adapter`]) and their schemas are in `datasets.rs`; one typed path,
//! [`Gateway::fetch`], reads any [`Dataset`]: the civil registry's person, family, births,
//! marriages, deaths and name changes (VEIS-4.3), identity documents, and the tax authority's
//! taxpayer, objects and e-invoices, customs declarations and the electronic agriculture system's
//! tobacco growers (TOB-4.2), the tax register's employer (MIG-4.5.1), and the conscription
//! service's other sources (VEIS-4.3.3-4.3.28). Records about persons classified under VEIS-1.10
//! go only to callers acting in [`CLEARED_ROLE`]; health data only to callers acting in
//! [`MEDICAL_ROLE`] and criminal data only to callers acting in [`CRIMINAL_ROLE`], the registry
//! not asked for anyone else ([`ExchangeError::NotCleared`], logged as `refused`). [`sandbox`] serves synthetic registries over HTTP for the test
//! environment, so the gateway is always exercised over a real socket.
//!
//! Invariant: SQL only in `store.rs`; no page or API of the platform (the sandbox is the other
//! side of the protocol, standing for the external systems).

mod consent;
mod datasets;
mod manual;
pub mod sandbox;
mod store;

pub use consent::{Actor, Consent, ConsentError, consents_of, give_consent, revoke_consent};
pub use datasets::{
    Adapter, AgrochemicalAnalysis, Birth, Births, BorderCrossing, BorderRecord, CallUpNotice, CertifyingOfficial,
    CitizenshipAct, CitizenshipActs, ConsularRegistration, Contacts, CourtProceeding, CourtRecords, CriminalCase,
    CriminalCases, CustomsDeclaration, CustomsDeclarations, Dataset, Death, Degree, Degrees, Delivery, Disabilities,
    DisabilityRecord, Dispensarisation, DrivingLicence, EInvoice, EInvoices, Employer, EmploymentContract,
    EmploymentStatus, Enrolment, Enrolments, ExamApplication, ExamApplications, Family, FleetCounts, HealthRecords,
    IdDocuments, IdentityCard, JobSeekerRegistration, KeyKind, LandPlot, Marriage, Marriages, Martyr, MartyrFamily,
    MedicalExamination, NameChange, NameChanges, NamedPerson, Person, PersonDetails, PhoneNumber, PhoneNumbers,
    PurchaseContract, QualificationRecognitions, Recognition, Relative, Sensitivity, Sentence, ServicemanLoss,
    SownArea, SpecialEducation, StudyAbroad, TaxObject, TaxObjects, Taxpayer, TemporaryRegistration,
    TemporaryRegistrations, TobaccoFarm, TravelRestriction, Vehicle, Vehicles, WarVeteran,
};
pub use manual::{ManualError, ManualRecord, NewManualRecord, manual_records_of, record_manual};

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use pencere_core::{Clock, Fin, Timestamp, Voen};
use pencere_store::Db;
use pencere_store::classified::Clearance;
use rand_core::RngCore;
use sha2::{Digest, Sha256};

/// The role of a source agency's official who enters and corrects its registry's data sets by
/// hand, signed with their e-signature (TOB-4.5, VEIS-4.5).
pub const SOURCE_ROLE: &str = "ehis.source";

/// Where data handed out came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// The registry answered through the exchange.
    Exchange,
    /// The registry had none or did not answer: an official of the source agency entered it.
    Manual(ManualProvenance),
}

/// Who entered a manual record, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManualProvenance {
    /// The record's id.
    pub record_id: String,
    /// The official's name.
    pub by_name: String,
    /// When they entered it.
    pub at: Timestamp,
}

/// Data with its provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced<T> {
    /// The data.
    pub value: T,
    /// Where it came from.
    pub provenance: Provenance,
}

/// Why a call brought no data.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The other system did not answer usably (timeout, refused connection, 5xx, circuit open).
    #[error("{adapter} is unavailable: {reason}")]
    Unavailable {
        /// Which system.
        adapter: &'static str,
        /// What happened, for logs (never shown to users as is).
        reason: String,
    },
    /// The other system answered something that is not its schema.
    #[error("{adapter} answered outside its schema: {reason}")]
    Protocol {
        /// Which system.
        adapter: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The data set is a commercial or tax secret and its subject has not consented to its
    /// moving (TOB-4.3): no data, and the call is logged as refused.
    #[error("{adapter}: no consent of the subject to move {dataset}")]
    NoConsent {
        /// Which system.
        adapter: &'static str,
        /// Which data set.
        dataset: &'static str,
    },
    /// The data set is restricted (medical or criminal data) and the caller is not acting in the
    /// role cleared for it: the registry is not asked, and the call is logged as refused.
    #[error("{adapter}: the caller is not acting in {role}")]
    NotCleared {
        /// Which system.
        adapter: &'static str,
        /// The role that would be cleared.
        role: &'static str,
    },
    /// The message log could not be written: no data is handed out unlogged.
    #[error("the exchange log: {0}")]
    Log(#[from] pencere_store::StoreError),
}

/// Why and for whom a call is made; written to the message log and sent as `X-Road-Issue`.
#[derive(Clone, Copy, Debug)]
pub struct Purpose<'a> {
    /// What the data is for (`prefill lic.fire-protection`).
    pub text: &'a str,
    /// The user on whose behalf, when a user is.
    pub user_id: Option<&'a str>,
    /// The organization (body) the user acted for, when one.
    pub body_id: Option<&'a str>,
    /// The role the user acted in, when one.
    pub role: Option<&'a str>,
}

impl<'a> Purpose<'a> {
    /// A purpose of the system itself, on nobody's behalf.
    pub fn system(text: &'a str) -> Purpose<'a> {
        Purpose { text, user_id: None, body_id: None, role: None }
    }
}

/// How to reach EHİS and who we are in it.
#[derive(Clone, Debug)]
pub struct GatewayConfig {
    /// The security server's base URL (`http://127.0.0.1:PORT` for the sandbox).
    pub base_url: String,
    /// Our member code and subsystem (`AZ/GOV/{member}/{subsystem}`).
    pub member: String,
    /// Our subsystem.
    pub subsystem: String,
    /// How long one attempt may take.
    pub timeout: Duration,
    /// Attempts per read, the first included.
    pub attempts: u32,
}

impl GatewayConfig {
    /// The defaults for a base URL: client `AZ/GOV/PENCERE/portal`, 3 s per attempt, 3 attempts.
    pub fn new(base_url: &str) -> GatewayConfig {
        GatewayConfig {
            base_url: base_url.trim_end_matches('/').to_owned(),
            member: "PENCERE".to_owned(),
            subsystem: "portal".to_owned(),
            timeout: Duration::from_secs(3),
            attempts: 3,
        }
    }

    fn client(&self) -> String {
        format!("AZ/GOV/{}/{}", self.member, self.subsystem)
    }
}

/// Consecutive failures that open a system's circuit, and for how long.
const BREAKER_FAILURES: u32 = 5;
const BREAKER_OPEN: Duration = Duration::from_secs(30);

/// The role cleared for persons whose data is classified under the Law on State Secret
/// (VEIS-1.10): the civil registry's records about them go to callers acting in it, and to no
/// one else; the platform's own lists show them to the same callers
/// ([`pencere_store::classified`]).
pub const CLEARED_ROLE: &str = pencere_store::classified::CLEARED_ROLE;

/// The role cleared for health data (the Ministry of Health's examinations, disability): those
/// data sets go to callers acting in it, and to no one else.
pub const MEDICAL_ROLE: &str = "ehis.medical";

/// The role cleared for criminal cases, judgments and criminal records: those data sets go to
/// callers acting in it, and to no one else.
pub const CRIMINAL_ROLE: &str = "ehis.criminal";

/// The response header with which a registry marks a record about a classified person.
pub const CLASSIFIED_HEADER: &str = "x-ehis-classified";

#[derive(Default)]
struct Breaker {
    failures: u32,
    open_until: Option<Instant>,
}

/// An answer kept for reuse: until when, the record, and whether it is classified.
type Cached = (Instant, serde_json::Value, bool);

/// The gateway: cheap to share behind an `Arc`.
pub struct Gateway {
    config: GatewayConfig,
    http: reqwest::Client,
    db: Db,
    clock: std::sync::Arc<dyn Clock>,
    breakers: Mutex<HashMap<(&'static str, &'static str), Breaker>>,
    cache: Mutex<HashMap<(Adapter, String), Cached>>,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway").field("base_url", &self.config.base_url).finish_non_exhaustive()
    }
}

/// The outcome of one call, before logging.
struct Outcome {
    status: &'static str,
    http_status: Option<u16>,
    body: Option<Vec<u8>>,
    error: Option<String>,
    attempts: u32,
    classified: bool,
}

impl Outcome {
    fn without_call(status: &'static str, error: Option<String>) -> Outcome {
        Outcome { status, http_status: None, body: None, error, attempts: 0, classified: false }
    }
}

impl Gateway {
    /// A gateway writing its message log to `db`.
    pub fn new(config: GatewayConfig, db: Db, clock: std::sync::Arc<dyn Clock>) -> Result<Gateway, String> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .build()
            .map_err(|error| error.to_string())?;
        Ok(Gateway { config, http, db, clock, breakers: Mutex::default(), cache: Mutex::default() })
    }

    /// The record of data set `T` about `key`, or `None` when the registry has none — or when
    /// it is about a person classified under VEIS-1.10 and the caller is not acting in
    /// [`CLEARED_ROLE`] (withheld, as if unknown, and logged as `withheld`).
    ///
    /// Restricted data (medical, criminal) is refused with [`ExchangeError::NotCleared`] unless
    /// the caller acts in the role cleared for it ([`Sensitivity::clearance`]).
    /// A commercial or tax secret is refused with [`ExchangeError::NoConsent`] unless its
    /// subject's consent is in force (TOB-4.3). When the registry has none or does not answer, the
    /// newest record its officials entered by hand stands in, as [`Provenance::Manual`].
    pub async fn fetch<T: Dataset>(
        &self,
        key: &T::Key,
        purpose: &Purpose<'_>,
    ) -> Result<Option<Sourced<T>>, ExchangeError> {
        self.read(T::ADAPTER, &key.to_string(), purpose).await
    }

    /// The person with this FİN in the civil registry ([`Gateway::fetch`] of [`Person`]).
    pub async fn person(&self, fin: &Fin, purpose: &Purpose<'_>) -> Result<Option<Sourced<Person>>, ExchangeError> {
        self.fetch::<Person>(fin, purpose).await
    }

    /// The taxpayer with this VÖEN in the tax register ([`Gateway::fetch`] of [`Taxpayer`]): a
    /// tax secret, refused unless the taxpayer's consent is in force.
    pub async fn taxpayer(
        &self,
        voen: &Voen,
        purpose: &Purpose<'_>,
    ) -> Result<Option<Sourced<Taxpayer>>, ExchangeError> {
        self.fetch::<Taxpayer>(voen, purpose).await
    }

    async fn read<T: serde::de::DeserializeOwned>(
        &self,
        adapter: Adapter,
        subject: &str,
        purpose: &Purpose<'_>,
    ) -> Result<Option<Sourced<T>>, ExchangeError> {
        let message_id = uuid::Uuid::now_v7().to_string();
        let (_, _, service) = adapter.service();
        let path = format!("/r1/{}/{subject}", adapter.service_id());
        let request = format!("GET {path}\nX-Road-Client: {}\nX-Road-Id: {message_id}", self.config.client());
        let started = Instant::now();
        let at = self.clock.now();
        // Restricted data moves only to a caller acting in the role cleared for it.
        let clearance = adapter.sensitivity().clearance();
        let cleared = clearance.is_none_or(|role| purpose.role == Some(role));
        let consented = !adapter.sensitivity().needs_consent()
            || store::consent_in_force(&self.db, subject, adapter.dataset()).await?;
        let cached = if consented && cleared { self.cached(adapter, subject) } else { None };
        let mut outcome = match cached {
            None if !cleared => Outcome::without_call(
                "refused",
                Some(format!(
                    "restricted data ({}); the caller is not acting in {}",
                    adapter.dataset(),
                    clearance.unwrap_or_default()
                )),
            ),
            None if !consented => Outcome::without_call(
                "refused",
                Some(format!("no consent of the subject to move {}", adapter.dataset())),
            ),
            Some((value, classified)) => Outcome {
                body: Some(value.to_string().into_bytes()),
                classified,
                ..Outcome::without_call("cached", None)
            },
            None if self.circuit_open(adapter) => {
                Outcome::without_call("circuit_open", Some(format!("{service}: circuit open after repeated failures")))
            }
            None => self.send(adapter, &path, &message_id, purpose).await,
        };
        // Parsed before logging, so that the log says what was handed out.
        let parsed = match outcome.status {
            "ok" | "cached" => {
                let body = outcome.body.as_deref().unwrap_or_default();
                let parsed = serde_json::from_slice::<serde_json::Value>(body)
                    .and_then(|value| serde_json::from_value::<T>(value.clone()).map(|typed| (value, typed)))
                    .map_err(|error| error.to_string());
                if let Err(reason) = &parsed {
                    outcome.status = "protocol_error";
                    outcome.error = Some(reason.clone());
                }
                parsed.ok()
            }
            _ => None,
        };
        // VEIS-1.10: a classified person is invisible to every caller not cleared for them.
        let withheld = parsed.is_some() && outcome.classified && purpose.role != Some(CLEARED_ROLE);
        if withheld {
            outcome.status = "withheld";
            outcome.error = Some("classified under VEIS-1.10; the caller is not cleared".to_owned());
        }
        let response_sha256 = outcome.body.as_deref().map(|body| hex(&Sha256::digest(body)));
        let request_sha256 = hex(&Sha256::digest(request.as_bytes()));
        let client = self.config.client();
        let service_id = adapter.service_id();
        // The registry has none or did not answer: a record its officials entered stands in.
        let manual = match outcome.status {
            "not_found" | "unavailable" | "circuit_open" => {
                store::latest_manual(&self.db, &service_id, subject).await?
            }
            _ => None,
        };
        let entry = store::LogEntry {
            id: &message_id,
            at,
            client: &client,
            service: &service_id,
            purpose: purpose.text,
            user_id: purpose.user_id,
            body_id: purpose.body_id,
            role: purpose.role,
            subject,
            request_sha256: &request_sha256,
            response_sha256: response_sha256.as_deref(),
            status: outcome.status,
            http_status: outcome.http_status.map(i64::from),
            error: outcome.error.as_deref(),
            attempts: i64::from(outcome.attempts),
            duration_ms: i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX),
            manual_record_id: manual.as_ref().map(|record| record.id.as_str()),
        };
        // VEIS-1.10: the registry marked the person classified; the platform's lists learn it.
        let classified_fin = match (outcome.classified, adapter.key_kind()) {
            (true, KeyKind::Fin) => subject.parse::<Fin>().ok(),
            _ => None,
        };
        store::log(&self.db, &entry, classified_fin.as_ref()).await?;
        if let Some(record) = manual {
            let value = serde_json::from_str::<T>(&record.data)
                .map_err(|error| ExchangeError::Protocol { adapter: adapter.as_str(), reason: error.to_string() })?;
            let provenance =
                ManualProvenance { record_id: record.id, by_name: record.entered_by_name, at: record.entered_at };
            return Ok(Some(Sourced { value, provenance: Provenance::Manual(provenance) }));
        }
        if let Some(role) = clearance.filter(|_| !cleared) {
            return Err(ExchangeError::NotCleared { adapter: adapter.as_str(), role });
        }
        if !consented {
            return Err(ExchangeError::NoConsent { adapter: adapter.as_str(), dataset: adapter.dataset() });
        }
        match outcome.status {
            "not_found" | "withheld" => Ok(None),
            "ok" | "cached" => {
                let Some((value, typed)) = parsed else {
                    return Err(ExchangeError::Protocol { adapter: adapter.as_str(), reason: "no body".to_owned() });
                };
                if outcome.status == "ok" {
                    self.remember(adapter, subject, value, outcome.classified);
                }
                Ok(Some(Sourced { value: typed, provenance: Provenance::Exchange }))
            }
            "protocol_error" => {
                Err(ExchangeError::Protocol { adapter: adapter.as_str(), reason: outcome.error.unwrap_or_default() })
            }
            _ => Err(ExchangeError::Unavailable {
                adapter: adapter.as_str(),
                reason: outcome.error.unwrap_or_else(|| outcome.status.to_owned()),
            }),
        }
    }

    async fn send(&self, adapter: Adapter, path: &str, message_id: &str, purpose: &Purpose<'_>) -> Outcome {
        let url = format!("{}{path}", self.config.base_url);
        let mut attempts = 0;
        let mut last_error = String::new();
        let mut last_status = None;
        while attempts < self.config.attempts.max(1) {
            if attempts > 0 {
                // 100 ms, 200 ms, … with up to half as much again of jitter.
                let base = 100_u64 << (attempts - 1).min(5);
                let jitter = rand_core::OsRng.next_u64() % (base / 2 + 1);
                tokio::time::sleep(Duration::from_millis(base + jitter)).await;
            }
            attempts += 1;
            let sent = self
                .http
                .get(&url)
                .header("X-Road-Client", self.config.client())
                .header("X-Road-Id", message_id)
                .header("X-Road-UserId", purpose.user_id.unwrap_or("-"))
                .header("X-Road-Issue", purpose.text)
                .header("Accept", "application/json")
                .send()
                .await;
            match sent {
                Ok(response) => {
                    let status = response.status();
                    last_status = Some(status.as_u16());
                    if status.is_server_error() {
                        last_error = format!("HTTP {status}");
                        continue;
                    }
                    let classified = adapter.may_be_classified() && response.headers().contains_key(CLASSIFIED_HEADER);
                    let body = match response.bytes().await {
                        Ok(body) => body.to_vec(),
                        Err(error) => {
                            last_error = error.to_string();
                            continue;
                        }
                    };
                    self.succeeded(adapter);
                    let outcome = |status, error| Outcome {
                        status,
                        http_status: last_status,
                        body: Some(body.clone()),
                        error,
                        attempts,
                        classified,
                    };
                    return match status.as_u16() {
                        200 => outcome("ok", None),
                        404 => outcome("not_found", None),
                        other => outcome("refused", Some(format!("HTTP {other}"))),
                    };
                }
                Err(error) => {
                    last_error = if error.is_timeout() { "timed out".to_owned() } else { error.to_string() };
                }
            }
        }
        self.failed(adapter);
        Outcome {
            status: "unavailable",
            http_status: last_status,
            body: None,
            error: Some(last_error),
            attempts,
            classified: false,
        }
    }

    fn cached(&self, adapter: Adapter, subject: &str) -> Option<(serde_json::Value, bool)> {
        let cache = self.cache.lock().ok()?;
        cache
            .get(&(adapter, subject.to_owned()))
            .filter(|(until, _, _)| *until > Instant::now())
            .map(|(_, value, classified)| (value.clone(), *classified))
    }

    fn remember(&self, adapter: Adapter, subject: &str, value: serde_json::Value, classified: bool) {
        let ttl = adapter.cache_for();
        if ttl.is_zero() {
            return;
        }
        if let Ok(mut cache) = self.cache.lock() {
            cache.retain(|_, (until, _, _)| *until > Instant::now());
            cache.insert((adapter, subject.to_owned()), (Instant::now() + ttl, value, classified));
        }
    }

    /// The adapters whose system's circuit is open now.
    pub fn open_circuits(&self) -> Vec<Adapter> {
        Adapter::ALL.into_iter().filter(|adapter| self.circuit_open(*adapter)).collect()
    }

    fn circuit_open(&self, adapter: Adapter) -> bool {
        self.breakers
            .lock()
            .ok()
            .and_then(|breakers| breakers.get(&adapter.system()).and_then(|breaker| breaker.open_until))
            .is_some_and(|until| until > Instant::now())
    }

    fn succeeded(&self, adapter: Adapter) {
        if let Ok(mut breakers) = self.breakers.lock() {
            breakers.insert(adapter.system(), Breaker::default());
        }
    }

    fn failed(&self, adapter: Adapter) {
        if let Ok(mut breakers) = self.breakers.lock() {
            let breaker = breakers.entry(adapter.system()).or_default();
            breaker.failures += 1;
            if breaker.failures >= BREAKER_FAILURES {
                breaker.open_until = Some(Instant::now() + BREAKER_OPEN);
                breaker.failures = 0;
                tracing::warn!(adapter = adapter.as_str(), "circuit opened after repeated failures");
            }
        }
    }
}

/// The message log's entries about one subject (a FİN or VÖEN), newest first: what the data
/// tracker shows the person, and what an operator inspects.
pub async fn log_of(db: &Db, subject: &str, limit: i64) -> Result<Vec<LogRow>, pencere_store::StoreError> {
    store::of_subject(db, subject, limit).await
}

/// A row of the message log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRow {
    /// The message id.
    pub id: String,
    /// When.
    pub at: Timestamp,
    /// The service called.
    pub service: String,
    /// Why.
    pub purpose: String,
    /// On whose behalf.
    pub user_id: Option<String>,
    /// The organization the user acted for.
    pub body_id: Option<String>,
    /// The role they acted in.
    pub role: Option<String>,
    /// How it ended.
    pub status: String,
    /// Whom the data was about (a FİN or VÖEN).
    pub subject: String,
    /// What went wrong, when something did.
    pub error: Option<String>,
    /// How long the call took.
    pub duration_ms: i64,
    /// The manual record handed out instead of the registry's answer, when one was.
    pub manual: Option<ManualProvenance>,
}

/// The latest calls that brought no data (unavailable, circuit open, refused, withheld, outside the schema), newest first;
/// those about classified persons (VEIS-1.10) only for a cleared caller.
pub async fn recent_failures(
    db: &Db,
    limit: i64,
    clearance: Clearance,
) -> Result<Vec<LogRow>, pencere_store::StoreError> {
    store::recent_failures(db, limit, clearance).await
}

/// One service's calls in a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceStats {
    /// The service id.
    pub service: String,
    /// Calls made.
    pub calls: i64,
    /// Calls that brought no answer (unavailable, circuit open, refused, withheld, outside the schema).
    pub failed: i64,
    /// Mean duration.
    pub mean_ms: i64,
    /// Longest duration.
    pub max_ms: i64,
}

/// Calls per service since `since`.
pub async fn stats(db: &Db, since: Timestamp) -> Result<Vec<ServiceStats>, pencere_store::StoreError> {
    store::stats(db, since).await
}

use pencere_core::hex;
