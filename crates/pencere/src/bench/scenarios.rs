//! The scenarios: each starts the server it measures, drives it, and returns its report.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow, bail};
use pencere_store::{Db, DbConfig};

use super::load::{self, Client, Recorder};
use super::report::{AuditFigures, Ceiling, Report};
use super::seed;
use super::server::{Data, Server};

/// What every scenario is given.
pub(crate) struct Options {
    pub(crate) clients: usize,
    pub(crate) duration: Duration,
    pub(crate) entries: u64,
    pub(crate) data: Data,
    pub(crate) smtp_url: Option<String>,
    pub(crate) pgbench_scale: u32,
    /// A scratch directory for this run (the ceiling's own SQLite file).
    pub(crate) scratch: std::path::PathBuf,
}

const SERVICE: &str = "lic.fire-protection";
/// The smallest PDF the document check accepts.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// The form of an application: what the registries prefill, and the applicant's own answers.
async fn application_form(client: &Client) -> anyhow::Result<serde_json::Value> {
    let prefill = client.get(&format!("/api/v1/services/{SERVICE}/prefill")).await?;
    if !prefill.ok() {
        bail!("prefill: {} {}", prefill.status, prefill.body);
    }
    let mut data = prefill.json()?["data"].as_object().cloned().unwrap_or_default();
    for (key, value) in [
        ("activity_address", "Bakı ş., Nizami küç. 10"),
        ("activity_scope", "production"),
        ("contact_phone", "+994501234567"),
        ("contact_email", "rashad.mammadov@example.az"),
    ] {
        data.insert(key.to_owned(), serde_json::Value::String(value.to_owned()));
    }
    Ok(serde_json::Value::Object(data))
}

/// One durable application: a draft, its required document, the submission under an
/// `Idempotency-Key`. Returns the registration number of a 2xx answer.
pub(crate) async fn submit_one(
    client: &Client,
    form: &serde_json::Value,
    key: &str,
    recorder: &mut Recorder,
) -> anyhow::Result<Option<String>> {
    let started = Instant::now();
    let draft = client
        .post_json("/api/v1/cases", &serde_json::json!({ "service": SERVICE, "draft": true, "data": form }), &[])
        .await?;
    if !draft.ok() {
        recorder.kind("draft").fail(format!("{} {}", draft.status, draft.body));
        return Ok(None);
    }
    recorder.kind("draft").record(started);
    let id = draft.json()?["id"].as_str().ok_or_else(|| anyhow!("a draft without an id"))?.to_owned();
    let started = Instant::now();
    let attached = client
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/cases/{id}/documents/ownership"),
            Some(("application/octet-stream", PDF.to_vec())),
            &[],
        )
        .await?;
    if !attached.ok() {
        recorder.kind("attach").fail(format!("{} {}", attached.status, attached.body));
        return Ok(None);
    }
    recorder.kind("attach").record(started);
    let started = Instant::now();
    let submitted = client
        .post_json(
            "/api/v1/cases",
            &serde_json::json!({ "service": SERVICE, "draft_id": id, "data": form }),
            &[("Idempotency-Key", key)],
        )
        .await?;
    if !submitted.ok() {
        recorder.kind("submit").fail(format!("{} {}", submitted.status, submitted.body));
        return Ok(None);
    }
    recorder.kind("submit").record(started);
    Ok(submitted.json()?["number"].as_str().map(str::to_owned))
}

/// Durable submissions through the HTTP API, then the storage ceiling on the same backend.
pub(crate) async fn submissions(options: &Options) -> anyhow::Result<Report> {
    let server = Server::start(&options.data, options.smtp_url.as_deref()).await?;
    let clients = load::login_many(&server.url, "applicant", options.clients).await?;
    let form = application_form(&clients[0]).await?;
    let run = std::process::id();
    let clients: Vec<(usize, Client)> = clients.into_iter().enumerate().collect();
    let (recorder, seconds) = load::drive(clients, options.duration, |(index, client), until| {
        let form = form.clone();
        async move {
            let mut recorder = Recorder::default();
            let mut n = 0_u64;
            while Instant::now() < until {
                n += 1;
                let key = format!("bench-{run}-{index}-{n}");
                let started = Instant::now();
                if let Some(_number) = submit_one(&client, &form, &key, &mut recorder).await? {
                    recorder.kind("application (3 requests)").record(started);
                }
            }
            Ok(recorder)
        }
    })
    .await?;
    let rss = server.peak_rss_kib();
    server.stop().await?;
    let mut report = Report::new("submissions", &options.data, options.clients, seconds);
    report.requests = recorder.summaries(seconds);
    report.server_peak_rss_kib = rss;
    let submitted = report.requests.iter().find(|summary| summary.name == "submit").map_or(0.0, |s| s.per_second);
    report.submissions_per_second = Some(submitted);
    let ceiling = ceiling(options).await?;
    report.ceiling =
        Some(Ceiling { ratio: if ceiling.per_second > 0.0 { submitted / ceiling.per_second } else { 0.0 }, ..ceiling });
    Ok(report)
}

/// The backend's own limit: durable single-row commits on SQLite, pgbench on PostgreSQL.
async fn ceiling(options: &Options) -> anyhow::Result<Ceiling> {
    match &options.data {
        Data::Sqlite(_) => {
            let dir = options.scratch.join("ceiling");
            let commits = pencere_store::ceiling::sqlite_commits(&dir, options.clients, options.duration).await?;
            Ok(Ceiling {
                kind: "sqlite-commits".into(),
                per_second: commits.per_second(),
                ratio: 0.0,
                detail: format!(
                    "{} single-row transactions by {} tasks, WAL, synchronous=FULL, one writer",
                    commits.commits, options.clients
                ),
            })
        }
        Data::Postgres(url) => pgbench(url, options).await,
    }
}

/// `pgbench`: from PATH or the Debian package's directory.
fn pgbench_binary() -> anyhow::Result<std::path::PathBuf> {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("bin/pgbench"))
        .filter(|path| path.is_file())
        .collect();
    found.sort();
    if let Some(path) = found.pop() {
        return Ok(path);
    }
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|dir| dir.join("pgbench")).find(|path| path.is_file()))
        .ok_or_else(|| anyhow!("pgbench not found (install the postgresql package)"))
}

async fn run_pgbench(binary: &Path, args: &[String]) -> anyhow::Result<String> {
    let output = tokio::process::Command::new(binary)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .with_context(|| format!("running {}", binary.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        bail!("pgbench {}: {}{}", args.join(" "), stdout, String::from_utf8_lossy(&output.stderr));
    }
    Ok(stdout)
}

/// TPC-B-like pgbench with the same client count, on the same server, in the same database
/// (its tables are dropped afterwards).
async fn pgbench(url: &str, options: &Options) -> anyhow::Result<Ceiling> {
    let binary = pgbench_binary()?;
    let scale = options.pgbench_scale.max(1).to_string();
    run_pgbench(&binary, &["-i".into(), "-q".into(), "-s".into(), scale.clone(), url.to_owned()]).await?;
    let clients = options.clients.to_string();
    let seconds = options.duration.as_secs().max(1).to_string();
    let outcome = run_pgbench(
        &binary,
        &["-c".into(), clients, "-j".into(), "2".into(), "-T".into(), seconds, "-n".into(), url.to_owned()],
    )
    .await;
    let dropped = run_pgbench(&binary, &["-i".into(), "-I".into(), "d".into(), url.to_owned()]).await;
    let stdout = outcome?;
    dropped?;
    let tps = stdout
        .lines()
        .find(|line| line.starts_with("tps = "))
        .and_then(|line| line.trim_start_matches("tps = ").split_whitespace().next()?.parse::<f64>().ok())
        .ok_or_else(|| anyhow!("pgbench printed no tps: {stdout}"))?;
    Ok(Ceiling {
        kind: "pgbench-tpcb".into(),
        per_second: tps,
        ratio: 0.0,
        detail: format!("pgbench TPC-B-like, scale {scale}, {} clients, 2 threads", options.clients),
    })
}

/// An applicant's cabinet: their list of applications and one application with its timeline.
pub(crate) async fn cabinet(options: &Options) -> anyhow::Result<Report> {
    let server = Server::start(&options.data, options.smtp_url.as_deref()).await?;
    let clients = load::login_many(&server.url, "applicant", options.clients).await?;
    // A few applications of our own beside the demo's, so the list and the timelines are real.
    let form = application_form(&clients[0]).await?;
    let mut setup = Recorder::default();
    for n in 0..3 {
        submit_one(&clients[0], &form, &format!("bench-cabinet-{}-{n}", std::process::id()), &mut setup).await?;
    }
    let (recorder, seconds) = load::drive(clients, options.duration, |client, until| async move {
        let mut recorder = Recorder::default();
        let mut n = 0_usize;
        while Instant::now() < until {
            let started = Instant::now();
            let list = client.get("/api/v1/cases").await?;
            if !list.ok() {
                recorder.kind("case list").fail(format!("{} {}", list.status, list.body));
                continue;
            }
            recorder.kind("case list").record(started);
            let cases = list.json()?;
            let ids: Vec<String> = cases
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|case| case["id"].as_str().map(str::to_owned))
                .collect();
            if ids.is_empty() {
                continue;
            }
            n += 1;
            let started = Instant::now();
            let case = client.get(&format!("/api/v1/cases/{}", ids[n % ids.len()])).await?;
            if case.ok() {
                recorder.kind("case with timeline").record(started);
            } else {
                recorder.kind("case with timeline").fail(format!("{} {}", case.status, case.body));
            }
        }
        Ok(recorder)
    })
    .await?;
    let rss = server.peak_rss_kib();
    server.stop().await?;
    let mut report = Report::new("cabinet", &options.data, options.clients, seconds);
    report.requests = recorder.summaries(seconds);
    report.server_peak_rss_kib = rss;
    Ok(report)
}

async fn connect(data: &Data) -> anyhow::Result<Db> {
    let db = Db::connect(&DbConfig::new(data.target())).await?;
    db.migrate().await?;
    Ok(db)
}

/// Public registry search by name fragment, VÖEN, number, a fragment few entries hold, and
/// status, over `entries` licences.
pub(crate) async fn registry(options: &Options) -> anyhow::Result<Report> {
    // The first start migrates and seeds the demo; the registry is loaded with the server stopped.
    Server::start(&options.data, None).await?.stop().await?;
    let db = connect(&options.data).await?;
    let load_rate = seed::load_registry(&db, options.entries).await?;

    db.close().await;
    let server = Server::start(&options.data, options.smtp_url.as_deref()).await?;
    let clients: Vec<(usize, Client)> = (0..options.clients)
        .map(|index| Client::anonymous(&server.url).map(|client| (index, client)))
        .collect::<anyhow::Result<_>>()?;
    let entries = options.entries.max(1);
    let (recorder, seconds) = load::drive(clients, options.duration, |(index, client), until| async move {
        let mut recorder = Recorder::default();
        let mut n = index as u64 * 7919;
        while Instant::now() < until {
            n += 1;
            let licence = seed::licence((n * 104_729) % entries);
            let (kind, query): (&'static str, String) = match n % 5 {
                0 => ("by name fragment", format!("q={}", encode(&seed::name_fragment(n)))),
                1 => ("by VÖEN", format!("q={}", licence.voen)),
                2 => ("by number", format!("q={}", licence.number)),
                3 => ("by rare fragment", format!("q={}", seed::rare_fragment((n * 7_919) % entries))),
                _ => ("by status", "status=suspended".to_owned()),
            };
            let started = Instant::now();
            let reply = client.get(&format!("/api/v1/registry?{query}")).await?;
            if reply.ok() {
                recorder.kind(kind).record(started);
            } else {
                recorder.kind(kind).fail(format!("{} {}", reply.status, reply.body));
            }
        }
        Ok(recorder)
    })
    .await?;
    let rss = server.peak_rss_kib();
    server.stop().await?;
    let mut report = Report::new("registry", &options.data, options.clients, seconds);
    report.requests = recorder.summaries(seconds);
    report.server_peak_rss_kib = rss;
    report.entries = Some(options.entries);
    report.load_per_second = load_rate;
    Ok(report)
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Appends `entries` journal entries, seals them, and times a full verification of the chain.
pub(crate) async fn audit_verify(options: &Options) -> anyhow::Result<Report> {
    let db = connect(&options.data).await?;
    seed::load_audit(&db, options.entries).await?;
    let started = Instant::now();
    let outcome = pencere_store::audit::verify(&db).await?;
    let seconds = started.elapsed().as_secs_f64();
    db.close().await;
    let verified = outcome.map_err(|broken| anyhow!("the journal is broken at {}: {}", broken.seq, broken.reason))?;
    let mut report = Report::new("audit-verify", &options.data, 1, seconds);
    report.audit = Some(AuditFigures {
        entries: verified.entries,
        seconds,
        entries_per_second: if seconds > 0.0 { verified.entries as f64 / seconds } else { 0.0 },
    });
    Ok(report)
}
