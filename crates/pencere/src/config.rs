//! Settings: flags, then `PENCERE_*` environment variables, then the TOML file, then defaults.
//!
//! Every bad value becomes a [`ConfigError`]: one line naming the setting and where its value came
//! from, printed by `main`, which then exits with status 2.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::ArgMatches;
use clap::parser::ValueSource;
use pencere_store::{DbConfig, StoreError, Target};
use serde::Deserialize;

use crate::cli::{DbArgs, LogFormat, ServeArgs};

/// A setting that cannot be used; the message names it. Exit status 2.
#[derive(Debug)]
pub(crate) struct ConfigError(pub(crate) String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The keys of `pencere.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileConfig {
    addr: Option<String>,
    data: Option<PathBuf>,
    database_url: Option<String>,
    read_database_url: Option<String>,
    db_max_connections: Option<u32>,
    body_limit: Option<u64>,
    request_timeout: Option<u64>,
    log_format: Option<LogFormat>,
    log: Option<String>,
    trust_anchors: Option<PathBuf>,
    public_url: Option<String>,
    oidc_issuer: Option<String>,
    oidc_client_id: Option<String>,
    smtp_url: Option<String>,
    sms_gateway_url: Option<String>,
    mail_from: Option<String>,
    platform_key: Option<PathBuf>,
    ehis_url: Option<String>,
    backup_dir: Option<PathBuf>,
    backup_every: Option<u64>,
    backup_keep: Option<u32>,
    backup_key_file: Option<PathBuf>,
    #[serde(default)]
    payment_providers: Vec<PaymentProviderFile>,
}

/// A payment provider in `pencere.toml`: `[[payment_providers]] id = "asan"`,
/// `secret_file = "/run/secrets/asan-hmac"` (the shared secret of its callbacks, never in the file
/// itself).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PaymentProviderFile {
    id: String,
    secret_file: PathBuf,
}

/// The file name read from the working directory when `--config` is not given.
const DEFAULT_CONFIG_FILE: &str = "pencere.toml";

/// The configuration file, read once, and the flags it complements.
pub(crate) struct Resolver {
    file: FileConfig,
    file_path: Option<PathBuf>,
}

impl Resolver {
    /// Reads the configuration file named by `--config`, or `./pencere.toml` if it exists.
    pub(crate) fn new(root: &ArgMatches, config: Option<&Path>) -> Result<Resolver, ConfigError> {
        let (path, required) = match config {
            Some(path) => (path.to_path_buf(), true),
            None => (PathBuf::from(DEFAULT_CONFIG_FILE), false),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if !required && error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Resolver { file: FileConfig::default(), file_path: None });
            }
            Err(error) => {
                let origin = origin_of(root, "config", "PENCERE_CONFIG");
                return Err(ConfigError(format!("config ({origin}) {}: {error}", path.display())));
            }
        };
        let file: FileConfig = toml::from_str(&text).map_err(|error| {
            let line =
                error.span().and_then(|span| text.get(..span.start)).map(|before| before.matches('\n').count() + 1);
            let at = line.map(|line| format!(" line {line}")).unwrap_or_default();
            ConfigError(format!("config {}{at}: {}", path.display(), error.message().trim()))
        })?;
        Ok(Resolver { file, file_path: Some(path) })
    }

    fn in_file(&self, key: &str) -> String {
        let path = self.file_path.as_deref().unwrap_or(Path::new(DEFAULT_CONFIG_FILE));
        format!("{key} in {}", path.display())
    }

    /// The log format and filter.
    pub(crate) fn logging(&self, format: Option<LogFormat>, filter: Option<&str>) -> (LogFormat, String) {
        let format = format.or(self.file.log_format).unwrap_or(LogFormat::Text);
        let filter = filter.map(str::to_owned).or_else(|| self.file.log.clone()).unwrap_or_else(|| "info".to_owned());
        (format, filter)
    }

    /// Where the data lives and how to connect.
    pub(crate) fn database(&self, sub: &ArgMatches, args: &DbArgs) -> Result<DbConfig, ConfigError> {
        let data =
            args.data.clone().or_else(|| self.file.data.clone()).unwrap_or_else(|| PathBuf::from("./pencere-data"));
        let (url, url_origin) = match &args.database_url {
            Some(url) => (Some(url.clone()), origin_of(sub, "database_url", "PENCERE_DATABASE_URL")),
            None => match std::env::var("DATABASE_URL") {
                Ok(url) if !url.is_empty() => (Some(url), "DATABASE_URL".to_owned()),
                _ => (self.file.database_url.clone(), self.in_file("database_url")),
            },
        };
        let target = Target::from_settings(&data, url.as_deref())
            .map_err(|error| ConfigError(format!("database-url ({url_origin}): {error}")))?;
        let mut config = DbConfig::new(target);
        if let Some(max) = parse_flag(
            sub,
            args.db_max_connections.as_deref(),
            "db_max_connections",
            "PENCERE_DB_MAX_CONNECTIONS",
            parse_positive,
        )? {
            config.max_connections = max;
        } else if let Some(max) = self.file.db_max_connections {
            config.max_connections = check_positive(max).map_err(|reason| {
                ConfigError(format!("db-max-connections ({}) {max}: {reason}", self.in_file("db_max_connections")))
            })?;
        }
        Ok(config)
    }

    /// The server's own settings.
    pub(crate) fn serve(&self, sub: &ArgMatches, args: &ServeArgs) -> Result<ServeSettings, ConfigError> {
        let addr = match parse_flag(sub, args.addr.as_deref(), "addr", "PENCERE_ADDR", parse_addr)? {
            Some(addr) => addr,
            None => match &self.file.addr {
                Some(text) => parse_addr(text)
                    .map_err(|reason| ConfigError(format!("addr ({}) {text:?}: {reason}", self.in_file("addr"))))?,
                None => SocketAddr::from(([127, 0, 0, 1], 8080)),
            },
        };
        let body_limit = parse_flag(sub, args.body_limit.as_deref(), "body_limit", "PENCERE_BODY_LIMIT", parse_bytes)?
            .or(self.file.body_limit.and_then(|bytes| usize::try_from(bytes).ok()))
            .unwrap_or(10 * 1024 * 1024);
        let timeout = parse_flag(
            sub,
            args.request_timeout.as_deref(),
            "request_timeout",
            "PENCERE_REQUEST_TIMEOUT",
            parse_seconds,
        )?
        .or(self.file.request_timeout.filter(|seconds| *seconds > 0))
        .unwrap_or(30);
        let trust = match (&args.trust_anchors, &self.file.trust_anchors) {
            (Some(path), _) => read_trust_anchors(path, &origin_of(sub, "trust_anchors", "PENCERE_TRUST_ANCHORS"))?,
            (None, Some(path)) => read_trust_anchors(path, &self.in_file("trust_anchors"))?,
            (None, None) => pencere_trust::TrustStore::default(),
        };
        let url_setting = |flag: &Option<String>,
                           key: &str,
                           env: &str,
                           file: &Option<String>|
         -> Result<Option<String>, ConfigError> {
            let (value, origin) = match (flag, file) {
                (Some(value), _) => (value.clone(), origin_of(sub, key, env)),
                (None, Some(value)) => (value.clone(), self.in_file(key)),
                (None, None) => return Ok(None),
            };
            match url::Url::parse(&value) {
                Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(Some(value.trim_end_matches('/').to_owned())),
                _ => Err(ConfigError(format!("{} ({origin}) {value:?}: not an http(s) URL", key.replace('_', "-")))),
            }
        };
        let public_url = url_setting(&args.public_url, "public_url", "PENCERE_PUBLIC_URL", &self.file.public_url)?;
        let oidc_issuer = url_setting(&args.oidc_issuer, "oidc_issuer", "PENCERE_OIDC_ISSUER", &self.file.oidc_issuer)?;
        let oidc_client_id = args
            .oidc_client_id
            .clone()
            .or_else(|| self.file.oidc_client_id.clone())
            .unwrap_or_else(|| "pencere".to_owned());
        let mail_from = args
            .mail_from
            .clone()
            .or_else(|| self.file.mail_from.clone())
            .unwrap_or_else(|| "Pəncərə <no-reply@pencere.invalid>".to_owned());
        let mailer = match (&args.smtp_url, &self.file.smtp_url) {
            (Some(url), _) => Some((url.clone(), origin_of(sub, "smtp_url", "PENCERE_SMTP_URL"))),
            (None, Some(url)) => Some((url.clone(), self.in_file("smtp_url"))),
            (None, None) => None,
        }
        .map(|(url, origin)| {
            pencere_web::mail::SmtpMailer::new(&url, &mail_from)
                .map_err(|reason| ConfigError(format!("smtp-url ({origin}): {reason}")))
        })
        .transpose()?;
        let sms_gateway = match (&args.sms_gateway_url, &self.file.sms_gateway_url) {
            (Some(url), _) => Some((url.clone(), origin_of(sub, "sms_gateway_url", "PENCERE_SMS_GATEWAY_URL"))),
            (None, Some(url)) => Some((url.clone(), self.in_file("sms_gateway_url"))),
            (None, None) => None,
        }
        .map(|(url, origin)| {
            let parsed = url::Url::parse(&url).map_err(|error| error.to_string()).and_then(|parsed| {
                if matches!(parsed.scheme(), "http" | "https") {
                    Ok(parsed)
                } else {
                    Err("use http or https".to_owned())
                }
            });
            parsed
                .and_then(|_| pencere_notify::sms::HttpSmsGateway::new(&url))
                .map_err(|reason| ConfigError(format!("sms-gateway-url ({origin}): {reason}")))
        })
        .transpose()?;
        let platform_key = match (&args.platform_key, &self.file.platform_key) {
            (Some(path), _) => Some((path.clone(), origin_of(sub, "platform_key", "PENCERE_PLATFORM_KEY"))),
            (None, Some(path)) => Some((path.clone(), self.in_file("platform_key"))),
            (None, None) => None,
        }
        .map(|(path, origin)| {
            std::fs::read_to_string(&path)
                .map_err(|error| error.to_string())
                .and_then(|pem| pencere_trust::PlatformKey::from_pem(&pem))
                .map_err(|reason| ConfigError(format!("platform-key ({origin}) {}: {reason}", path.display())))
        })
        .transpose()?;
        let mut payment_providers = Vec::new();
        for provider in &self.file.payment_providers {
            let origin = self.in_file("payment_providers");
            let secret = std::fs::read(&provider.secret_file).map_err(|error| {
                ConfigError(format!("payment_providers ({origin}) {}: {error}", provider.secret_file.display()))
            })?;
            let secret = secret.trim_ascii().to_vec();
            let id_ok = !provider.id.is_empty()
                && provider.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !id_ok || secret.len() < 16 {
                return Err(ConfigError(format!(
                    "payment_providers ({origin}): {}: the id is lower-case letters, digits and dashes, and the \
                     secret at least 16 bytes",
                    provider.id
                )));
            }
            payment_providers.push(pencere_web::PaymentProvider { id: provider.id.clone(), secret });
        }
        let backups = self.backups(sub, args)?;
        let ehis_url = match (&args.ehis_url, &self.file.ehis_url) {
            (Some(url), _) => Some((url.clone(), origin_of(sub, "ehis_url", "PENCERE_EHIS_URL"))),
            (None, Some(url)) => Some((url.clone(), self.in_file("ehis_url"))),
            (None, None) => None,
        }
        .map(|(url, origin)| match url::Url::parse(&url) {
            Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(url),
            Ok(_) => Err(ConfigError(format!("ehis-url ({origin}) {url:?}: use http or https"))),
            Err(error) => Err(ConfigError(format!("ehis-url ({origin}) {url:?}: {error}"))),
        })
        .transpose()?;
        let security_contacts = match &args.security_contacts {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|error| ConfigError(format!("security-contacts {}: {error}", path.display())))?;
                Some(
                    pencere_cases::security::Contacts::parse(&text)
                        .map_err(|error| ConfigError(format!("security-contacts {}: {error}", path.display())))?,
                )
            }
            None if args.demo => pencere_cases::security::Contacts::parse(pencere_cases::security::TEST_CONTACTS).ok(),
            None => None,
        };
        Ok(ServeSettings {
            security_contacts,
            ehis_url,
            sandbox_persons: args.sandbox_persons,
            backups,
            payment_providers,
            platform_key,
            mailer,
            sms_gateway,
            public_url,
            oidc_issuer,
            oidc_client_id,
            trust,
            addr,
            demo: args.demo,
            body_limit,
            request_timeout: Duration::from_secs(timeout),
            db: self.read_replica(sub, args, self.database(sub, &args.db)?)?,
        })
    }

    /// `--read-database-url`: a PostgreSQL hot standby, only next to a PostgreSQL primary.
    fn read_replica(&self, sub: &ArgMatches, args: &ServeArgs, mut db: DbConfig) -> Result<DbConfig, ConfigError> {
        let (url, origin) = match (&args.read_database_url, &self.file.read_database_url) {
            (Some(url), _) => (url.clone(), origin_of(sub, "read_database_url", "PENCERE_READ_DATABASE_URL")),
            (None, Some(url)) => (url.clone(), self.in_file("read_database_url")),
            (None, None) => return Ok(db),
        };
        if let Target::SqliteDir(_) = db.target {
            return Err(ConfigError(format!(
                "read-database-url ({origin}): a read replica needs a PostgreSQL primary (--database-url); the \
                 embedded SQLite database has none (drop --read-database-url, or give --database-url)"
            )));
        }
        match Target::from_settings(Path::new("."), Some(&url)) {
            Ok(Target::Postgres(url)) => db.read_replica = Some(url),
            Ok(Target::SqliteDir(_)) => {}
            Err(error) => return Err(ConfigError(format!("read-database-url ({origin}): {error}"))),
        }
        Ok(db)
    }
}

/// Scheduled backups: where, how often, how many kept, with which key.
#[derive(Debug)]
pub(crate) struct BackupSchedule {
    pub(crate) dir: PathBuf,
    pub(crate) every: Duration,
    pub(crate) keep: usize,
    pub(crate) key: Option<pencere_backup::Key>,
}

impl Resolver {
    fn backups(&self, sub: &ArgMatches, args: &ServeArgs) -> Result<Option<BackupSchedule>, ConfigError> {
        let dir = match (&args.backup_dir, &self.file.backup_dir) {
            (Some(dir), _) => dir.clone(),
            (None, Some(dir)) => dir.clone(),
            (None, None) => return Ok(None),
        };
        let every =
            parse_flag(sub, args.backup_every.as_deref(), "backup_every", "PENCERE_BACKUP_EVERY", parse_seconds)?
                .or(self.file.backup_every.filter(|seconds| *seconds > 0))
                .unwrap_or(86_400);
        let keep =
            match parse_flag(sub, args.backup_keep.as_deref(), "backup_keep", "PENCERE_BACKUP_KEEP", parse_positive)? {
                Some(keep) => keep,
                None => match self.file.backup_keep {
                    Some(keep) => check_positive(keep).map_err(|reason| {
                        ConfigError(format!("backup-keep ({}) {keep}: {reason}", self.in_file("backup_keep")))
                    })?,
                    None => 7,
                },
            };
        let key = match (&args.backup_key_file, &self.file.backup_key_file) {
            (Some(path), _) => Some((path.clone(), origin_of(sub, "backup_key_file", "PENCERE_BACKUP_KEY_FILE"))),
            (None, Some(path)) => Some((path.clone(), self.in_file("backup_key_file"))),
            (None, None) => None,
        }
        .map(|(path, origin)| {
            std::fs::read_to_string(&path)
                .map_err(|error| error.to_string())
                .and_then(|text| pencere_backup::Key::from_hex(&text))
                .map_err(|reason| ConfigError(format!("backup-key-file ({origin}) {}: {reason}", path.display())))
        })
        .transpose()?;
        std::fs::create_dir_all(&dir).map_err(|error| ConfigError(format!("backup-dir {}: {error}", dir.display())))?;
        Ok(Some(BackupSchedule {
            dir,
            every: Duration::from_secs(every),
            keep: usize::try_from(keep).unwrap_or(usize::MAX),
            key,
        }))
    }
}

/// Everything `serve` needs.
#[derive(Debug)]
pub(crate) struct ServeSettings {
    pub(crate) security_contacts: Option<pencere_cases::security::Contacts>,
    pub(crate) ehis_url: Option<String>,
    pub(crate) sandbox_persons: u64,
    pub(crate) backups: Option<BackupSchedule>,
    pub(crate) payment_providers: Vec<pencere_web::PaymentProvider>,
    pub(crate) platform_key: Option<pencere_trust::PlatformKey>,
    pub(crate) mailer: Option<pencere_web::mail::SmtpMailer>,
    pub(crate) sms_gateway: Option<pencere_notify::sms::HttpSmsGateway>,
    pub(crate) public_url: Option<String>,
    pub(crate) oidc_issuer: Option<String>,
    pub(crate) oidc_client_id: String,
    pub(crate) trust: pencere_trust::TrustStore,
    pub(crate) addr: SocketAddr,
    pub(crate) demo: bool,
    pub(crate) body_limit: usize,
    pub(crate) request_timeout: Duration,
    pub(crate) db: DbConfig,
}

fn read_trust_anchors(path: &Path, origin: &str) -> Result<pencere_trust::TrustStore, ConfigError> {
    let failed = |reason: String| ConfigError(format!("trust-anchors ({origin}) {}: {reason}", path.display()));
    let pem = std::fs::read_to_string(path).map_err(|error| failed(error.to_string()))?;
    let store = pencere_trust::TrustStore::from_pem(&pem).map_err(|error| failed(error.to_string()))?;
    if store.is_empty() {
        return Err(failed("no CERTIFICATE block in the file".to_owned()));
    }
    Ok(store)
}

/// How a flag's value was given: `--flag-name` or its environment variable.
fn origin_of(matches: &ArgMatches, id: &str, env: &str) -> String {
    match matches.value_source(id) {
        Some(ValueSource::EnvVariable) => env.to_owned(),
        _ => format!("--{}", id.replace('_', "-")),
    }
}

fn parse_flag<T>(
    matches: &ArgMatches,
    value: Option<&str>,
    id: &str,
    env: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, ConfigError> {
    value
        .map(|text| {
            parse(text).map_err(|reason| {
                let name = id.replace('_', "-");
                let origin = origin_of(matches, id, env);
                if origin == format!("--{name}") {
                    ConfigError(format!("{origin} {text:?}: {reason}"))
                } else {
                    ConfigError(format!("{name} ({origin}) {text:?}: {reason}"))
                }
            })
        })
        .transpose()
}

fn parse_addr(text: &str) -> Result<SocketAddr, String> {
    text.parse().map_err(|_| "not a HOST:PORT address such as 127.0.0.1:8080 or [::1]:8080".to_owned())
}

fn parse_positive(text: &str) -> Result<u32, String> {
    let value: u32 = text.parse().map_err(|_| "not a whole number".to_owned())?;
    check_positive(value)
}

fn check_positive(value: u32) -> Result<u32, String> {
    if value == 0 { Err("must be at least 1".to_owned()) } else { Ok(value) }
}

fn parse_bytes(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(bytes) => Ok(bytes),
        Err(_) => Err("not a whole number of bytes".to_owned()),
    }
}

fn parse_seconds(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(seconds) => Ok(seconds),
        Err(_) => Err("not a whole number of seconds".to_owned()),
    }
}

/// `migrate --app-role NAME`: a plain SQL identifier, and only on PostgreSQL.
pub(crate) fn app_role(name: &str, db: &DbConfig) -> Result<pencere_store::roles::AppRole, ConfigError> {
    if let Target::SqliteDir(_) = db.target {
        return Err(ConfigError(
            "--app-role: database roles exist only on PostgreSQL; SQLite's journal is protected by its triggers \
             (drop --app-role, or give --database-url)"
                .to_owned(),
        ));
    }
    pencere_store::roles::AppRole::parse(name).map_err(|reason| ConfigError(format!("--app-role {name:?}: {reason}")))
}

/// Turns a storage error at start-up into the setting it points at, when it points at one.
pub(crate) fn store_error(error: StoreError, db: &DbConfig) -> Result<anyhow::Error, ConfigError> {
    let setting = match db.target {
        Target::SqliteDir(_) => "data",
        Target::Postgres(_) => "database-url",
    };
    match error {
        StoreError::DataDir { .. } | StoreError::InvalidUrl { .. } | StoreError::Connect { .. } => {
            Err(ConfigError(format!("{setting}: {error}")))
        }
        other => Ok(anyhow::Error::new(other)),
    }
}
