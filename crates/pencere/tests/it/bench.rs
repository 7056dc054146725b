//! `pencere bench` runs each scenario end to end at a tiny size, on both backends, and writes a
//! JSON report with the fields BENCHMARKS.md is built from. No figure is judged here.

use std::path::Path;

use super::pencere;
use pencere_testkit::process;

fn bench(workdir: &Path, scenario: &str, database_url: Option<&str>) -> serde_json::Value {
    let out = workdir.join("results");
    let mut command = pencere(workdir);
    command.args(["bench", scenario, "--clients", "2", "--seconds", "1", "--entries", "300", "--pgbench-scale", "1"]);
    command.arg("--out").arg(&out).args(["--name", scenario]);
    if let Some(url) = database_url {
        command.args(["--database-url", url]);
    }
    let output = process::run(command);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "bench {scenario}: {stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains(&format!("{scenario} on ")), "the table: {stdout}");
    let text = std::fs::read_to_string(out.join(format!("{scenario}.json"))).unwrap();
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["scenario"], scenario);
    assert_eq!(report["backend"], if database_url.is_some() { "postgres" } else { "sqlite" });
    assert!(report["machine"]["cpus"].as_u64().unwrap() >= 1);
    report
}

fn request<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    let requests = report["requests"].as_array().unwrap();
    let found = requests.iter().find(|summary| summary["name"] == name);
    let found = found.unwrap_or_else(|| panic!("no {name:?} in {report:#}"));
    for field in ["count", "errors", "per_second", "p50_ms", "p95_ms", "p99_ms", "max_ms"] {
        assert!(found[field].is_number(), "{name}.{field} in {report:#}");
    }
    assert_eq!(found["errors"], 0, "{report:#}");
    found
}

async fn every_scenario(database_url: impl Fn() -> Option<String>) {
    let dir = tempfile::tempdir().unwrap();

    let submissions = bench(dir.path(), "submissions", database_url().as_deref());
    assert!(request(&submissions, "submit")["count"].as_u64().unwrap() > 0, "{submissions:#}");
    request(&submissions, "draft");
    request(&submissions, "attach");
    let ceiling = &submissions["ceiling"];
    assert!(ceiling["per_second"].as_f64().unwrap() > 0.0, "{submissions:#}");
    assert!(ceiling["ratio"].is_number());
    let kind = if database_url().is_some() { "pgbench-tpcb" } else { "sqlite-commits" };
    assert_eq!(ceiling["kind"], kind);
    assert!(submissions["server_peak_rss_kib"].as_u64().unwrap() > 0);

    let cabinet = bench(dir.path(), "cabinet", database_url().as_deref());
    request(&cabinet, "case list");
    request(&cabinet, "case with timeline");

    let registry = bench(dir.path(), "registry", database_url().as_deref());
    for kind in ["by name fragment", "by VÖEN", "by number", "by rare fragment", "by status"] {
        request(&registry, kind);
    }
    assert_eq!(registry["entries"], 300);
    assert!(registry["load_per_second"].as_f64().unwrap() > 0.0);

    let audit = bench(dir.path(), "audit-verify", database_url().as_deref());
    assert!(audit["audit"]["entries"].as_u64().unwrap() >= 300, "{audit:#}");
    assert!(audit["audit"]["entries_per_second"].as_f64().unwrap() > 0.0);
}

#[tokio::test]
async fn every_scenario_runs_tiny_on_sqlite_and_writes_its_report() {
    every_scenario(|| None).await;
}

#[tokio::test]
async fn every_scenario_runs_tiny_on_postgres_and_writes_its_report() {
    // One database for the run: the server seeds it once, as an operator's would be.
    let url = pencere_testkit::fresh_postgres_database().await;
    every_scenario(|| Some(url.clone())).await;
}
