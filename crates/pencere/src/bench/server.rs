//! The server under test: `pencere serve --demo` started as a separate process from this very
//! binary, on the benchmark's database, stopped with SIGTERM (or killed) when done.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context as _, anyhow, bail};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, BufReader};
use tokio::process::{Child, Command};

/// Where the server keeps its data.
#[derive(Clone, Debug)]
pub(crate) enum Data {
    /// An embedded SQLite database in this directory.
    Sqlite(PathBuf),
    /// A PostgreSQL database.
    Postgres(String),
}

impl Data {
    /// `sqlite` or `postgres`.
    pub(crate) fn backend(&self) -> &'static str {
        match self {
            Data::Sqlite(_) => "sqlite",
            Data::Postgres(_) => "postgres",
        }
    }

    /// The store's target for the same database.
    pub(crate) fn target(&self) -> pencere_store::Target {
        match self {
            Data::Sqlite(dir) => pencere_store::Target::SqliteDir(dir.clone()),
            Data::Postgres(url) => pencere_store::Target::Postgres(url.clone()),
        }
    }

    fn args(&self) -> Vec<String> {
        match self {
            Data::Sqlite(dir) => vec!["--data".into(), dir.display().to_string()],
            Data::Postgres(url) => vec!["--database-url".into(), url.clone()],
        }
    }
}

/// A running `pencere serve`.
pub(crate) struct Server {
    child: Child,
    /// Its base URL, e.g. `http://127.0.0.1:41234`.
    pub(crate) url: String,
}

impl Server {
    /// Starts `pencere serve --demo` on `data` and waits for its announcement.
    pub(crate) async fn start(data: &Data, smtp_url: Option<&str>) -> anyhow::Result<Server> {
        let exe = std::env::current_exe().context("finding the pencere binary")?;
        let mut command = Command::new(exe);
        command.args(["serve", "--demo", "--addr", "127.0.0.1:0", "--log", "warn"]).args(data.args());
        if let Some(smtp) = smtp_url {
            command.args(["--smtp-url", smtp]);
        }
        command.env_remove("PENCERE_CONFIG").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        command.kill_on_drop(true);
        let mut child = command.spawn().context("starting pencere serve")?;
        let stdout = child.stdout.take().ok_or_else(|| anyhow!("no standard output"))?;
        let mut stderr = child.stderr.take().ok_or_else(|| anyhow!("no standard error"))?;
        // Drain standard error so the server never blocks on a full pipe.
        tokio::spawn(async move {
            let mut sink = Vec::new();
            let _ = stderr.read_to_end(&mut sink).await;
        });
        let mut lines = BufReader::new(stdout).lines();
        let announced = tokio::time::timeout(Duration::from_secs(120), async {
            while let Some(line) = lines.next_line().await? {
                if let Some(url) = line.strip_prefix("Pəncərə is listening on ") {
                    return Ok(Some(url.trim().to_owned()));
                }
            }
            Ok::<_, std::io::Error>(None)
        })
        .await;
        let url = match announced {
            Ok(Ok(Some(url))) => url,
            Ok(Ok(None)) => {
                let status = child.wait().await.ok();
                bail!("pencere serve exited before announcing its address ({status:?})")
            }
            Ok(Err(error)) => bail!("reading pencere serve's output: {error}"),
            Err(_) => bail!("pencere serve did not announce its address within 120 s"),
        };
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Server { child, url })
    }

    /// The process id.
    pub(crate) fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// The server's peak resident set size so far (`VmHWM`), in KiB.
    pub(crate) fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()?)).ok()?;
        status.lines().find_map(|line| line.strip_prefix("VmHWM:")?.trim().strip_suffix("kB")?.trim().parse().ok())
    }

    /// Stops it with SIGTERM and waits for it to exit.
    pub(crate) async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(pid) = self.pid() {
            let status = Command::new("kill").args(["-TERM", &pid.to_string()]).status().await?;
            if !status.success() {
                bail!("kill -TERM {pid} failed");
            }
        }
        match tokio::time::timeout(Duration::from_secs(60), self.child.wait()).await {
            Ok(status) => {
                status?;
                Ok(())
            }
            Err(_) => {
                self.child.kill().await?;
                bail!("pencere serve did not stop within 60 s of SIGTERM")
            }
        }
    }
}
