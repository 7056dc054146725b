//! `pencere bench SCENARIO`: starts `pencere serve --demo` as a separate process on a scratch
//! SQLite directory (or on `--database-url`), drives it over loopback from concurrent HTTP
//! clients in this process, prints a table and writes `bench-results/NAME.json`.
//!
//! Benchmarks are not tests: nothing here judges a figure. See BENCHMARKS.md for the figures and
//! the commands that produced them.

mod load;
mod report;
mod scenarios;
mod seed;
mod server;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use crate::Failure;
use crate::config::ConfigError;
use scenarios::Options;
use server::Data;

/// What to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Scenario {
    /// Durable application submissions through the API, and the storage ceiling beside them.
    Submissions,
    /// Public registry search (name fragment, VÖEN, number, status) over --entries licences.
    Registry,
    /// An applicant's case list and case timeline.
    Cabinet,
    /// Full verification of an audit journal of --entries entries.
    AuditVerify,
    /// Every scenario above, one after the other.
    All,
}

impl Scenario {
    fn name(self) -> &'static str {
        match self {
            Scenario::Submissions => "submissions",
            Scenario::Registry => "registry",
            Scenario::Cabinet => "cabinet",
            Scenario::AuditVerify => "audit-verify",
            Scenario::All => "all",
        }
    }
}

/// `bench`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct BenchArgs {
    /// The scenario to run.
    #[arg(value_enum)]
    pub(crate) scenario: Scenario,

    /// Concurrent HTTP clients (and ceiling clients).
    #[arg(long, default_value_t = 64)]
    pub(crate) clients: usize,

    /// Seconds of load per scenario (and of the ceiling's run).
    #[arg(long, default_value_t = 20)]
    pub(crate) seconds: u64,

    /// Registry entries to load (registry) or journal entries to write (audit-verify).
    #[arg(long, default_value_t = 100_000)]
    pub(crate) entries: u64,

    /// PostgreSQL database to run on instead of a scratch SQLite directory. It should be empty:
    /// the server seeds the demo into it and the registry scenario loads entries with fixed ids.
    #[arg(long, env = "PENCERE_BENCH_DATABASE_URL", value_name = "URL", hide_env_values = true)]
    pub(crate) database_url: Option<String>,

    /// SQLite directory to run in instead of a scratch one, kept after the run (one
    /// subdirectory per scenario). A registry already loaded there with at least --entries
    /// entries is measured as it is, without loading again.
    #[arg(long, value_name = "DIR", conflicts_with = "database_url")]
    pub(crate) data: Option<PathBuf>,

    /// SMTP server the measured server sends its e-mail to (otherwise the demo's mailbox page).
    #[arg(long, value_name = "URL", hide_env_values = true)]
    pub(crate) smtp_url: Option<String>,

    /// pgbench's scale factor for the PostgreSQL ceiling (100,000 accounts per unit).
    #[arg(long, default_value_t = 10)]
    pub(crate) pgbench_scale: u32,

    /// Directory the JSON results are written to.
    #[arg(long, default_value = "bench-results", value_name = "DIR")]
    pub(crate) out: PathBuf,

    /// Name of the results file (without `.json`). [default: SCENARIO-BACKEND]
    #[arg(long, value_name = "NAME")]
    pub(crate) name: Option<String>,
}

/// Runs `pencere bench`.
#[allow(clippy::print_stdout, reason = "the benchmark's table")]
pub(crate) async fn run(args: &BenchArgs) -> Result<(), Failure> {
    if args.clients == 0 {
        return Err(ConfigError("--clients 0: at least 1 client is needed".into()).into());
    }
    if let Some(url) = &args.database_url {
        pencere_store::Target::from_settings(std::path::Path::new("."), Some(url))
            .map_err(|error| ConfigError(format!("--database-url: {error}")))?;
    }
    let scratch =
        tempfile::Builder::new().prefix("pencere-bench-").tempdir().context("creating a scratch directory")?;
    let scenarios = match args.scenario {
        Scenario::All => vec![Scenario::Submissions, Scenario::Cabinet, Scenario::Registry, Scenario::AuditVerify],
        one => vec![one],
    };
    for scenario in scenarios {
        // Each scenario gets a database of its own on SQLite; PostgreSQL is the one given.
        let data = match &args.database_url {
            Some(url) => Data::Postgres(url.clone()),
            None => {
                Data::Sqlite(args.data.as_deref().unwrap_or(scratch.path()).join(format!("data-{}", scenario.name())))
            }
        };
        let options = Options {
            clients: args.clients,
            duration: Duration::from_secs(args.seconds.max(1)),
            entries: args.entries,
            data: data.clone(),
            smtp_url: args.smtp_url.clone(),
            pgbench_scale: args.pgbench_scale,
            scratch: scratch.path().join(format!("scratch-{}", scenario.name())),
        };
        std::fs::create_dir_all(&options.scratch).context("creating a scratch directory")?;
        println!("pencere bench {} on {} …", scenario.name(), data.backend());
        let report = match scenario {
            Scenario::Submissions => scenarios::submissions(&options).await,
            Scenario::Registry => scenarios::registry(&options).await,
            Scenario::Cabinet => scenarios::cabinet(&options).await,
            Scenario::AuditVerify => scenarios::audit_verify(&options).await,
            Scenario::All => unreachable_all(),
        }
        .with_context(|| format!("scenario {}", scenario.name()))?;
        let name = match (&args.name, args.scenario) {
            (Some(name), Scenario::All) => format!("{name}-{}", scenario.name()),
            (Some(name), _) => name.clone(),
            (None, _) => format!("{}-{}", scenario.name(), data.backend()),
        };
        let path = report.write(&args.out, &name)?;
        print!("{}", report.table());
        println!("  written to {}", path.display());
    }
    Ok(())
}

fn unreachable_all() -> anyhow::Result<report::Report> {
    Err(anyhow::anyhow!("`all` is expanded into the other scenarios"))
}
