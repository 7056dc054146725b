//! The command line: subcommands, flags, and their environment variables.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Pəncərə runs state information systems of the Azerbaijani e-government model: the Licenses and
/// Permits portal, the tobacco registry, e-KOB evi, the Highly Qualified Migrant portal and VEİS.
///
/// Settings come from flags, then `PENCERE_*` environment variables, then the configuration file
/// (`--config`, or `./pencere.toml` when it exists), then built-in defaults.
#[derive(Debug, Parser)]
#[command(name = "pencere", version, about, long_about, max_term_width = 100)]
pub(crate) struct Cli {
    /// Configuration file in TOML; keys are the long flag names with `_` for `-`
    /// (e.g. `database_url`). Without this flag `./pencere.toml` is read if it exists.
    #[arg(long, global = true, env = "PENCERE_CONFIG", value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Log format: human-readable `text` or one JSON object per line. [default: text]
    #[arg(long, global = true, env = "PENCERE_LOG_FORMAT", value_name = "FORMAT")]
    pub(crate) log_format: Option<LogFormat>,

    /// Log filter in `tracing` syntax, e.g. `info` or `pencere_web=debug,info`. [default: info]
    #[arg(long, global = true, env = "PENCERE_LOG", value_name = "FILTER")]
    pub(crate) log: Option<String>,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run the web server: pages, API, health and metrics. Applies pending migrations first.
    Serve(Box<ServeArgs>),
    /// Apply pending database migrations and exit.
    Migrate(MigrateArgs),
    /// Work with the audit journal.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Write an online, consistent backup of the whole database (documents and audit journal
    /// included) to one file, while the server keeps running.
    Backup(BackupArgs),
    /// Restore a backup into an empty database (a new SQLite directory or an empty PostgreSQL
    /// database, on either backend), then check its row counts and audit journal.
    Restore(RestoreArgs),
    /// The archive centre: closed cases past their retention period in signed packages, and the
    /// archive's index.
    #[command(subcommand)]
    Archive(crate::archive::ArchiveCommand),
    /// Turn a backup into a test data set for a pre-production environment: every personal
    /// identifier and name replaced consistently, documents replaced by placeholders.
    Anonymize(crate::archive::AnonymizeArgs),
    /// Measure: start the server as a separate process, drive it over loopback with concurrent
    /// clients, print a table and write bench-results/NAME.json (see BENCHMARKS.md).
    Bench(Box<crate::bench::BenchArgs>),
}

/// `migrate`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct MigrateArgs {
    /// PostgreSQL only: after migrating, as the schema's owner, grant this existing role what the
    /// server needs (use of the schema, reading and writing every table, the sequences) but never
    /// UPDATE, DELETE or TRUNCATE on the audit journal and the stored documents. The server then
    /// runs with this role in its --database-url. Repeat it after every upgrade.
    #[arg(long, env = "PENCERE_APP_ROLE", value_name = "NAME")]
    pub(crate) app_role: Option<String>,

    #[command(flatten)]
    pub(crate) db: DbArgs,
}

/// `backup`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct BackupArgs {
    /// The backup file to write (written as FILE.partial and renamed when complete).
    #[arg(long, value_name = "FILE")]
    pub(crate) to: PathBuf,

    /// Encrypt the backup with the key in this file: 64 hexadecimal digits, made e.g. with
    /// `openssl rand -hex 32`. Keep it apart from the backups.
    #[arg(long, env = "PENCERE_BACKUP_KEY_FILE", value_name = "FILE")]
    pub(crate) key_file: Option<PathBuf>,

    #[command(flatten)]
    pub(crate) db: DbArgs,
}

/// `restore`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct RestoreArgs {
    /// The backup file to restore.
    #[arg(long, value_name = "FILE")]
    pub(crate) from: PathBuf,

    /// The key file the backup was encrypted with.
    #[arg(long, env = "PENCERE_BACKUP_KEY_FILE", value_name = "FILE")]
    pub(crate) key_file: Option<PathBuf>,

    /// Only read the backup through and check it against its manifest; touch no database.
    #[arg(long)]
    pub(crate) check: bool,

    #[command(flatten)]
    pub(crate) db: DbArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AuditCommand {
    /// Recompute the audit journal's hash chain and check its signed checkpoints; exit 0 only
    /// when it is intact.
    Verify(VerifyArgs),
}

/// `audit verify`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The platform's public key (PEM; a private key file works too): checkpoint signatures are
    /// checked against it. Without it only their agreement with the chain is checked.
    #[arg(long, value_name = "FILE")]
    pub(crate) platform_key: Option<PathBuf>,

    #[command(flatten)]
    pub(crate) db: DbArgs,
}

/// Where the data lives.
#[derive(Debug, Args)]
pub(crate) struct DbArgs {
    /// Directory of the embedded SQLite database (`DIR/pencere.db`) and stored files.
    /// [default: ./pencere-data]
    #[arg(long, env = "PENCERE_DATA", value_name = "DIR")]
    pub(crate) data: Option<PathBuf>,

    /// PostgreSQL URL (`postgres://user:password@host:5432/db`); when set, it is used instead of
    /// the embedded SQLite file. `DATABASE_URL` is read too, after `PENCERE_DATABASE_URL`.
    #[arg(long, env = "PENCERE_DATABASE_URL", value_name = "URL", hide_env_values = true)]
    pub(crate) database_url: Option<String>,

    /// Largest number of database connections in the pool. [default: 8]
    #[arg(long, env = "PENCERE_DB_MAX_CONNECTIONS", value_name = "N")]
    pub(crate) db_max_connections: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Run as the test environment: seed demo data into an embedded database, list the demo
    /// accounts, and show a TEST ENVIRONMENT banner on every page. Never implied by other settings.
    #[arg(long)]
    pub(crate) demo: bool,

    /// Address and port to listen on. [default: 127.0.0.1:8080]
    #[arg(long, env = "PENCERE_ADDR", value_name = "HOST:PORT")]
    pub(crate) addr: Option<String>,

    /// Largest request body accepted, in bytes. [default: 10485760]
    #[arg(long, env = "PENCERE_BODY_LIMIT", value_name = "BYTES")]
    pub(crate) body_limit: Option<String>,

    /// Seconds a request may take before it is abandoned with 503. [default: 30]
    #[arg(long, env = "PENCERE_REQUEST_TIMEOUT", value_name = "SECONDS")]
    pub(crate) request_timeout: Option<String>,

    /// PEM file of the root certificates that e-signature certificates must chain to. Ignored in
    /// the test environment, which generates its own CA at start-up.
    #[arg(long, env = "PENCERE_TRUST_ANCHORS", value_name = "FILE")]
    pub(crate) trust_anchors: Option<std::path::PathBuf>,

    /// The address people reach this server at, for links and single sign-on redirects.
    /// [default: http://ADDR]
    #[arg(long, env = "PENCERE_PUBLIC_URL", value_name = "URL")]
    pub(crate) public_url: Option<String>,

    /// Issuer URL of the OpenID Connect provider for single sign-on (Vahid Giriş). Ignored in the
    /// test environment, which runs its own provider under /test/oidc.
    #[arg(long, env = "PENCERE_OIDC_ISSUER", value_name = "URL")]
    pub(crate) oidc_issuer: Option<String>,

    /// This server's client id at the OpenID Connect provider. [default: pencere]
    #[arg(long, env = "PENCERE_OIDC_CLIENT_ID", value_name = "ID")]
    pub(crate) oidc_client_id: Option<String>,

    /// The platform's signing key (P-256, PKCS#8 PEM), which signs the audit journal's
    /// checkpoints. Without it a key is generated at start-up (and its checkpoints can be
    /// checked only against the chain, not against a known key).
    #[arg(long, env = "PENCERE_PLATFORM_KEY", value_name = "FILE")]
    pub(crate) platform_key: Option<PathBuf>,

    /// SMTP server for outgoing e-mail: `smtp://host:25`, `smtp://host:587?tls=required`,
    /// `smtps://user:password@host:465`. Without it the test environment keeps mail in its
    /// mailbox page (/test/mailbox), and production sends none.
    #[arg(long, env = "PENCERE_SMTP_URL", value_name = "URL", hide_env_values = true)]
    pub(crate) smtp_url: Option<String>,

    /// HTTP gateway for outgoing SMS (`POST` of `{"id", "to", "text"}` as JSON). Without it the
    /// test environment sends SMS to its own sandbox gateway (/test/sms), and production sends
    /// none.
    #[arg(long, env = "PENCERE_SMS_GATEWAY_URL", value_name = "URL", hide_env_values = true)]
    pub(crate) sms_gateway_url: Option<String>,

    /// Sender of outgoing e-mail. [default: Pəncərə <no-reply@pencere.invalid>]
    #[arg(long, env = "PENCERE_MAIL_FROM", value_name = "ADDRESS")]
    pub(crate) mail_from: Option<String>,

    /// Base URL of the EHİS security server that forms are prefilled through (civil registry,
    /// tax register). The test environment serves its own sandbox registries on loopback when
    /// it is not set; production without it prefills nothing from registries.
    #[arg(long, env = "PENCERE_EHIS_URL", value_name = "URL")]
    pub(crate) ehis_url: Option<String>,

    /// Where security events are reported (XRİTDX, the Ministry of Digital Development and
    /// Transport, the law-enforcement body) and within how many hours their inquiries are answered:
    /// a TOML file like crates/cases/catalog/security.toml. The test environment uses that file's
    /// test addresses; production without it records security events but sends no report.
    #[arg(long, env = "PENCERE_SECURITY_CONTACTS", value_name = "FILE")]
    pub(crate) security_contacts: Option<PathBuf>,

    /// How many persons the test environment's sandbox civil registry knows (derived from the
    /// index on request, never stored: a benchmark may ask for 1000000). Besides them, the demo
    /// accounts are always known. Only without --ehis-url in demo mode.
    #[arg(long, env = "PENCERE_SANDBOX_PERSONS", value_name = "N", default_value_t = 10_000)]
    pub(crate) sandbox_persons: u64,

    /// Directory for scheduled backups: with it, one instance writes a backup there every
    /// --backup-every seconds (`pencere-YYYYMMDDTHHMMSSZ.pbak`) and keeps the newest
    /// --backup-keep. Without it no scheduled backup is taken.
    #[arg(long, env = "PENCERE_BACKUP_DIR", value_name = "DIR")]
    pub(crate) backup_dir: Option<PathBuf>,

    /// Seconds between scheduled backups. [default: 86400]
    #[arg(long, env = "PENCERE_BACKUP_EVERY", value_name = "SECONDS")]
    pub(crate) backup_every: Option<String>,

    /// How many scheduled backups to keep; older ones are deleted. [default: 7]
    #[arg(long, env = "PENCERE_BACKUP_KEEP", value_name = "N")]
    pub(crate) backup_keep: Option<String>,

    /// Encrypt scheduled backups with the key in this file (64 hexadecimal digits).
    #[arg(long, env = "PENCERE_BACKUP_KEY_FILE", value_name = "FILE")]
    pub(crate) backup_key_file: Option<PathBuf>,

    /// PostgreSQL URL of a hot standby of --database-url: the public registry and statistics
    /// read from it (falling back to the primary while it does not answer); everything else
    /// uses the primary. See docs/FAILOVER.md.
    #[arg(long, env = "PENCERE_READ_DATABASE_URL", value_name = "URL", hide_env_values = true)]
    pub(crate) read_database_url: Option<String>,

    #[command(flatten)]
    pub(crate) db: DbArgs,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn the_command_line_is_consistent_and_every_flag_is_explained() {
        let command = Cli::command();
        command.clone().debug_assert();
        fn check(command: &clap::Command, path: &str) {
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                assert!(arg.get_help().is_some(), "{path} --{id} has no help text");
            }
            assert!(command.get_about().is_some(), "{path} has no description");
            for sub in command.get_subcommands() {
                check(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        check(&command, "pencere");
    }
}
