//! The `pencere` binary: parses the command line, wires the crates together, runs a command.
//!
//! Exit status: 0 success, 1 failure at run time, 2 bad usage or a setting that cannot be used
//! (always with one line on standard error naming the setting).

mod archive;
mod backup;
mod bench;
mod cli;
mod config;
mod demo;
mod serve;
mod telemetry;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{AuditCommand, Cli, Command};
use crate::config::{ConfigError, Resolver};

/// How a command failed.
pub(crate) enum Failure {
    /// A setting cannot be used: exit 2.
    Config(ConfigError),
    /// Something failed while running: exit 1.
    Runtime(anyhow::Error),
}

impl From<ConfigError> for Failure {
    fn from(error: ConfigError) -> Self {
        Failure::Config(error)
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Runtime(error)
    }
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => return report(Failure::Runtime(error.into())),
    };
    match runtime.block_on(run(cli, &matches)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(failure),
    }
}

#[allow(clippy::print_stderr, reason = "the one line a failed command prints")]
fn report(failure: Failure) -> ExitCode {
    match failure {
        Failure::Config(error) => {
            eprintln!("pencere: error: {error}");
            ExitCode::from(2)
        }
        Failure::Runtime(error) => {
            eprintln!("pencere: error: {error:#}");
            ExitCode::from(1)
        }
    }
}

async fn run(cli: Cli, matches: &clap::ArgMatches) -> Result<(), Failure> {
    let resolver = Resolver::new(matches, cli.config.as_deref())?;
    let (log_format, log_filter) = resolver.logging(cli.log_format, cli.log.as_deref());
    telemetry::init(log_format, &log_filter).map_err(|error| ConfigError(format!("log {log_filter:?}: {error}")))?;
    match (&cli.command, matches.subcommand()) {
        (Command::Serve(args), Some((_, sub))) => {
            let settings = resolver.serve(sub, args)?;
            serve::serve(settings).await
        }
        (Command::Migrate(args), Some((_, sub))) => {
            let db = resolver.database(sub, &args.db)?;
            let app_role = args.app_role.as_deref().map(|name| config::app_role(name, &db)).transpose()?;
            serve::migrate(db, app_role).await
        }
        (Command::Audit(AuditCommand::Verify(args)), Some((_, audit))) => {
            let sub = audit.subcommand().map(|(_, sub)| sub).unwrap_or(audit);
            let db = resolver.database(sub, &args.db)?;
            let verifier = args
                .platform_key
                .as_deref()
                .map(|path| {
                    std::fs::read_to_string(path)
                        .map_err(|error| error.to_string())
                        .and_then(|pem| pencere_trust::PlatformVerifier::from_pem(&pem))
                        .map_err(|reason| ConfigError(format!("--platform-key {}: {reason}", path.display())))
                })
                .transpose()?;
            serve::audit_verify(db, verifier).await
        }
        (Command::Backup(args), Some((_, sub))) => {
            let db = resolver.database(sub, &args.db)?;
            let key = backup::read_key(args.key_file.as_deref())?;
            backup::backup(db, &args.to, key).await
        }
        (Command::Restore(args), Some((_, sub))) => {
            let key = backup::read_key(args.key_file.as_deref())?;
            if args.check {
                return backup::check(&args.from, key);
            }
            let db = resolver.database(sub, &args.db)?;
            backup::restore(db, &args.from, key).await
        }
        (Command::Archive(command), Some((_, archive))) => {
            let sub = archive.subcommand().map(|(_, sub)| sub).unwrap_or(archive);
            archive::archive(&resolver, command, sub).await
        }
        (Command::Anonymize(args), Some(_)) => archive::anonymize(args),
        (Command::Bench(args), _) => bench::run(args).await,
        _ => Err(Failure::Runtime(anyhow::anyhow!("unknown command"))),
    }
}
