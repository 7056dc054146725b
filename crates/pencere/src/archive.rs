//! `pencere archive …`: the operator's commands around `pencere-archive` (run, list, search,
//! export, verify, import), and `pencere anonymize`, which turns a backup into a test data set.

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use clap::{Args, Subcommand};
use pencere_archive::{ArchiveError, Cutoff, Retention, Search};
use pencere_core::Clock as _;
use pencere_core::calendar::Date;
use pencere_store::{Db, DbConfig};
use pencere_trust::{PlatformKey, PlatformVerifier};
use pencere_web::SystemClock;

use crate::Failure;
use crate::cli::DbArgs;
use crate::config::{ConfigError, Resolver};
use crate::serve::startup_failure;

#[derive(Debug, Subcommand)]
pub(crate) enum ArchiveCommand {
    /// Move closed cases past their retention period (or closed before --before) into signed
    /// archive packages, one per month of closing, and record them in the archive's index.
    Run(RunArgs),
    /// List the packages in the archive.
    List(ListArgs),
    /// Search the archive's index by case number, applicant, service or closing day.
    Search(SearchArgs),
    /// Write a stored package to a file.
    Export(ExportArgs),
    /// Check a package file: whole, unaltered and signed by the platform key. Touches no database.
    Verify(FileArgs),
    /// Verify a package file and add it, with its index, to this installation's archive.
    Import(ImportArgs),
}

/// `archive run`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// Archive the cases closed before this day (YYYY-MM-DD, Baku time) instead of those whose
    /// retention period from the retention catalog has ended.
    #[arg(long, value_name = "DATE")]
    pub(crate) before: Option<String>,

    /// The platform's signing key (P-256, PKCS#8 PEM) that signs the packages.
    #[arg(long, env = "PENCERE_PLATFORM_KEY", value_name = "FILE")]
    pub(crate) platform_key: PathBuf,

    #[command(flatten)]
    pub(crate) db: DbArgs,
}

/// `archive list`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    #[command(flatten)]
    pub(crate) db: DbArgs,
}

/// `archive search`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// Part of the case number, the applicant's name, FİN or VÖEN, or the service (any case).
    #[arg(long, value_name = "TEXT")]
    pub(crate) text: Option<String>,

    /// Closed on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub(crate) closed_from: Option<String>,

    /// Closed on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub(crate) closed_to: Option<String>,

    /// Only the items of this package.
    #[arg(long, value_name = "ID")]
    pub(crate) package: Option<String>,

    /// At most this many items. [default: 100]
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<i64>,

    #[command(flatten)]
    pub(crate) db: DbArgs,
}

/// `archive export`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The package's id (as `archive list` shows it).
    #[arg(long, value_name = "ID")]
    pub(crate) package: String,

    /// The file to write.
    #[arg(long, value_name = "FILE")]
    pub(crate) to: PathBuf,

    #[command(flatten)]
    pub(crate) db: DbArgs,
}

/// `archive verify`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct FileArgs {
    /// The package file.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,

    /// The platform's public key (PEM; a private key file works too) the package must be signed with.
    #[arg(long, value_name = "FILE")]
    pub(crate) platform_key: PathBuf,
}

/// `archive import`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The package file.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,

    /// The platform's public key (PEM; a private key file works too) the package must be signed with.
    #[arg(long, value_name = "FILE")]
    pub(crate) platform_key: PathBuf,

    #[command(flatten)]
    pub(crate) db: DbArgs,
}

/// `anonymize`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct AnonymizeArgs {
    /// The backup to read (as `pencere backup` wrote it).
    #[arg(long, value_name = "FILE")]
    pub(crate) from: PathBuf,

    /// The anonymized backup to write; restore it with `pencere restore`.
    #[arg(long, value_name = "FILE")]
    pub(crate) to: PathBuf,

    /// The key file the input backup was encrypted with.
    #[arg(long, value_name = "FILE")]
    pub(crate) key_file: Option<PathBuf>,

    /// Encrypt the output with the key in this file (64 hexadecimal digits).
    #[arg(long, value_name = "FILE")]
    pub(crate) to_key_file: Option<PathBuf>,

    /// 64 hexadecimal digits keying the replacements: the same secret gives the same replacements
    /// in the next run. Without it a random secret is used and forgotten.
    #[arg(long, value_name = "FILE")]
    pub(crate) secret_file: Option<PathBuf>,
}

fn failed(error: ArchiveError) -> Failure {
    Failure::Runtime(anyhow!(error))
}

fn signing_key(path: &Path) -> Result<PlatformKey, ConfigError> {
    std::fs::read_to_string(path)
        .map_err(|error| error.to_string())
        .and_then(|pem| PlatformKey::from_pem(&pem))
        .map_err(|reason| ConfigError(format!("--platform-key {}: {reason}", path.display())))
}

fn verifier(path: &Path) -> Result<PlatformVerifier, ConfigError> {
    std::fs::read_to_string(path)
        .map_err(|error| error.to_string())
        .and_then(|pem| PlatformVerifier::from_pem(&pem))
        .map_err(|reason| ConfigError(format!("--platform-key {}: {reason}", path.display())))
}

fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|error| Failure::Runtime(anyhow!("{}: {error}", path.display())))
}

/// Connects, refusing a database whose schema is not this build's (`pencere migrate` first).
async fn connect(config: &DbConfig) -> Result<Db, Failure> {
    let db = Db::connect(config).await.map_err(|error| startup_failure(error, config))?;
    let version = db.schema_version().await.map_err(|error| startup_failure(error, config))?;
    let latest = pencere_store::migrations(db.backend()).last().map_or(0, |migration| migration.version);
    if version != latest {
        db.close().await;
        return Err(Failure::Runtime(anyhow!(
            "{}: the schema is at version {version}, this build's is {latest}: run `pencere migrate` first",
            config.target.describe()
        )));
    }
    Ok(db)
}

/// Runs an `archive` subcommand.
#[allow(clippy::print_stdout, reason = "the commands' reports")]
pub(crate) async fn archive(
    resolver: &Resolver,
    command: &ArchiveCommand,
    matches: &clap::ArgMatches,
) -> Result<(), Failure> {
    let now = SystemClock.now();
    match command {
        ArchiveCommand::Run(args) => {
            let key = signing_key(&args.platform_key)?;
            let cutoff = match &args.before {
                Some(text) => Cutoff::Before(
                    Date::parse(text).ok_or_else(|| ConfigError(format!("--before {text:?}: expected YYYY-MM-DD")))?,
                ),
                None => Cutoff::Retention(Retention::builtin().map_err(failed)?, Date::in_baku(now)),
            };
            let db = connect(&resolver.database(matches, &args.db)?).await?;
            let outcome = pencere_archive::run(&db, &key, &cutoff, now).await;
            db.close().await;
            let written = outcome.map_err(failed)?;
            if written.is_empty() {
                println!("no closed case is due for the archive");
            }
            for package in written {
                println!(
                    "archived {} cases into package {} ({} bytes, signed)",
                    package.items, package.package, package.bytes
                );
            }
        }
        ArchiveCommand::List(args) => {
            let db = connect(&resolver.database(matches, &args.db)?).await?;
            let outcome = pencere_archive::packages(&db).await;
            db.close().await;
            for package in outcome.map_err(failed)? {
                println!(
                    "{}\tperiod {}\t{} cases\tmade {}\tsha256 {}{}",
                    package.id,
                    package.period,
                    package.items,
                    package.created_at,
                    package.sha256,
                    package.imported_at.map(|at| format!("\timported {at}")).unwrap_or_default()
                );
            }
        }
        ArchiveCommand::Search(args) => {
            let db = connect(&resolver.database(matches, &args.db)?).await?;
            let search = Search {
                text: args.text.clone(),
                closed_from: args.closed_from.clone(),
                closed_to: args.closed_to.clone(),
                package: args.package.clone(),
                limit: args.limit.unwrap_or(100),
            };
            let outcome = pencere_archive::search(&db, &search).await;
            db.close().await;
            for item in outcome.map_err(failed)? {
                println!(
                    "{}\t{}\t{}\t{}\t{}\tclosed {}\t{}\n\tnote: {}",
                    item.package,
                    item.case_number.as_deref().unwrap_or(&item.case_id),
                    item.applicant,
                    item.applicant_code.as_deref().unwrap_or("-"),
                    item.service,
                    item.closed_on,
                    item.outcome,
                    item.note
                );
            }
        }
        ArchiveCommand::Export(args) => {
            let db = connect(&resolver.database(matches, &args.db)?).await?;
            let outcome = pencere_archive::export(&db, &args.package).await;
            db.close().await;
            let content = outcome.map_err(failed)?;
            std::fs::write(&args.to, &content)
                .map_err(|error| Failure::Runtime(anyhow!("{}: {error}", args.to.display())))?;
            println!("{}: package {} ({} bytes)", args.to.display(), args.package, content.len());
        }
        ArchiveCommand::Verify(args) => {
            let verifier = verifier(&args.platform_key)?;
            let manifest = pencere_archive::verify(&read_file(&args.file)?, &verifier).map_err(failed)?;
            println!(
                "{}: intact: package {}, period {}, {} cases, {} parts, signed by platform key {}",
                args.file.display(),
                manifest.package,
                manifest.period,
                manifest.items.len(),
                manifest.parts.len(),
                manifest.key_id
            );
        }
        ArchiveCommand::Import(args) => {
            let verifier = verifier(&args.platform_key)?;
            let content = read_file(&args.file)?;
            let db = connect(&resolver.database(matches, &args.db)?).await?;
            let outcome = pencere_archive::import(&db, &content, &verifier, now).await;
            db.close().await;
            let manifest = outcome.map_err(failed)?;
            println!("imported package {} ({} cases) into the archive", manifest.package, manifest.items.len());
        }
    }
    Ok(())
}

/// `pencere anonymize --from BACKUP --to BACKUP`.
#[allow(clippy::print_stdout, reason = "the command's report")]
pub(crate) fn anonymize(args: &AnonymizeArgs) -> Result<(), Failure> {
    let from_key = crate::backup::read_key(args.key_file.as_deref())?;
    let to_key = crate::backup::read_key(args.to_key_file.as_deref())?;
    let secret = match &args.secret_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|error| ConfigError(format!("--secret-file {}: {error}", path.display())))?;
            let text = text.trim();
            let bytes = (text.len() == 64 && text.is_ascii())
                .then(|| {
                    (0..32)
                        .map(|index| u8::from_str_radix(&text[index * 2..index * 2 + 2], 16).ok())
                        .collect::<Option<Vec<u8>>>()
                })
                .flatten()
                .ok_or_else(|| {
                    ConfigError(format!("--secret-file {}: expected 64 hexadecimal digits", path.display()))
                })?;
            let mut secret = [0_u8; 32];
            secret.copy_from_slice(&bytes);
            secret
        }
        None => {
            let mut secret = [0_u8; 32];
            rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut secret);
            secret
        }
    };
    let done = pencere_backup::anonymize::anonymize(
        &args.from,
        from_key.as_ref(),
        &args.to,
        to_key.as_ref(),
        secret,
        SystemClock.now(),
        &mut |_| {},
    )
    .map_err(|error| Failure::Runtime(anyhow!(error)))?;
    let rows: u64 = done.manifest.tables.iter().map(|table| table.rows).sum();
    println!(
        "{}: anonymized {} tables, {rows} rows: {} personal values and {} documents replaced; audit journal chained afresh, head {}",
        args.to.display(),
        done.manifest.tables.len(),
        done.replaced,
        done.documents,
        if done.manifest.audit.hash.is_empty() { "(empty)" } else { &done.manifest.audit.hash }
    );
    Ok(())
}
