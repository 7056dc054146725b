//! A scenario's figures: the table printed and the JSON written to `bench-results/NAME.json`.

use std::path::Path;

use anyhow::Context as _;
use serde::Serialize;

use super::load::Summary;
use super::server::Data;

/// The machine a run measured.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Machine {
    pub(crate) cpus: usize,
    pub(crate) cpu_model: String,
    pub(crate) memory_kib: u64,
    pub(crate) kernel: String,
}

impl Machine {
    pub(crate) fn this() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        Machine {
            cpus: std::thread::available_parallelism().map_or(1, usize::from),
            cpu_model: cpuinfo
                .lines()
                .find_map(|line| {
                    line.strip_prefix("model name")?.split_once(':').map(|(_, name)| name.trim().to_owned())
                })
                .unwrap_or_default(),
            memory_kib: meminfo
                .lines()
                .find_map(|line| line.strip_prefix("MemTotal:")?.trim().strip_suffix("kB")?.trim().parse().ok())
                .unwrap_or(0),
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim().to_owned(),
        }
    }
}

/// The limit of the storage itself, measured in the same run.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Ceiling {
    /// `sqlite-commits` or `pgbench-tpcb`.
    pub(crate) kind: String,
    /// Commits (SQLite) or transactions (pgbench) per second.
    pub(crate) per_second: f64,
    /// Submissions per second divided by `per_second`.
    pub(crate) ratio: f64,
    pub(crate) detail: String,
}

/// What a verification of the journal measured.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct AuditFigures {
    pub(crate) entries: u64,
    pub(crate) seconds: f64,
    pub(crate) entries_per_second: f64,
}

/// One scenario's result.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Report {
    pub(crate) scenario: String,
    pub(crate) backend: String,
    pub(crate) clients: usize,
    pub(crate) seconds: f64,
    pub(crate) machine: Machine,
    pub(crate) build: &'static str,
    pub(crate) requests: Vec<Summary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) submissions_per_second: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) ceiling: Option<Ceiling>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) entries: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) load_per_second: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) audit: Option<AuditFigures>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) server_peak_rss_kib: Option<u64>,
}

impl Report {
    pub(crate) fn new(scenario: &str, data: &Data, clients: usize, seconds: f64) -> Report {
        Report {
            scenario: scenario.to_owned(),
            backend: data.backend().to_owned(),
            clients,
            seconds,
            machine: Machine::this(),
            build: if cfg!(debug_assertions) { "debug" } else { "release" },
            requests: Vec::new(),
            submissions_per_second: None,
            ceiling: None,
            entries: None,
            load_per_second: None,
            audit: None,
            server_peak_rss_kib: None,
        }
    }

    /// The human-readable table.
    pub(crate) fn table(&self) -> String {
        let mut out = format!(
            "{} on {} — {} clients, {:.1} s, {} build, {} CPUs\n",
            self.scenario, self.backend, self.clients, self.seconds, self.build, self.machine.cpus
        );
        if !self.requests.is_empty() {
            out.push_str(&format!(
                "  {:<26} {:>8} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9}\n",
                "request", "count", "errors", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms"
            ));
            for s in &self.requests {
                out.push_str(&format!(
                    "  {:<26} {:>8} {:>7} {:>9.1} {:>9.2} {:>9.2} {:>9.2} {:>9.2}\n",
                    s.name, s.count, s.errors, s.per_second, s.p50_ms, s.p95_ms, s.p99_ms, s.max_ms
                ));
                if let Some(error) = &s.first_error {
                    out.push_str(&format!("    first error: {}\n", error.chars().take(300).collect::<String>()));
                }
            }
        }
        if let Some(ceiling) = &self.ceiling {
            out.push_str(&format!(
                "  ceiling ({}): {:.1}/s — {}; submissions/ceiling = {:.3}\n",
                ceiling.kind, ceiling.per_second, ceiling.detail, ceiling.ratio
            ));
        }
        if let (Some(entries), Some(rate)) = (self.entries, self.load_per_second) {
            out.push_str(&format!("  registry entries: {entries} (loaded at {rate:.0}/s)\n"));
        }
        if let Some(audit) = &self.audit {
            out.push_str(&format!(
                "  audit journal: {} entries verified in {:.2} s = {:.0} entries/s\n",
                audit.entries, audit.seconds, audit.entries_per_second
            ));
        }
        if let Some(rss) = self.server_peak_rss_kib {
            out.push_str(&format!("  server peak RSS: {:.1} MiB\n", rss as f64 / 1024.0));
        }
        out
    }

    /// Writes `DIR/NAME.json`.
    pub(crate) fn write(&self, dir: &Path, name: &str) -> anyhow::Result<std::path::PathBuf> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join(format!("{name}.json"));
        let json = serde_json::to_string_pretty(self).context("serializing the report")?;
        std::fs::write(&path, json + "\n").with_context(|| format!("writing {}", path.display()))?;
        Ok(path)
    }
}
