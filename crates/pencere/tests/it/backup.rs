//! The restore drill: data made through the API, backed up while the server runs, the target
//! wiped, restored, compared through the API, and the audit journal verified — on both backends
//! and across them; and the refusal of a damaged, truncated or wrongly keyed backup.

use std::path::{Path, PathBuf};

use pencere_testkit::both_backends;
use pencere_testkit::process::{self, Server};

use super::pencere;

/// A logged-in API client of a running server.
struct Client {
    url: String,
    cookie: String,
    csrf: String,
}

impl Client {
    fn login(server: &Server, login: &str) -> Client {
        let body = serde_json::json!({ "login": login, "password": "pencere-demo" }).to_string();
        let reply = process::http_request(
            "POST",
            &format!("{}/api/v1/session", server.url),
            &[("Content-Type", "application/json")],
            &body,
        );
        assert_eq!(reply.status, 200, "{}", reply.body);
        let cookie = reply.header("set-cookie").unwrap().split(';').next().unwrap().to_owned();
        let session: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        Client { url: server.url.clone(), cookie, csrf: session["csrf_token"].as_str().unwrap().to_owned() }
    }

    /// The same session against another server (sessions live in the database).
    fn against(&self, server: &Server) -> Client {
        Client { url: server.url.clone(), cookie: self.cookie.clone(), csrf: self.csrf.clone() }
    }

    fn send(&self, method: &str, path: &str, content_type: &str, body: &str) -> process::HttpReply {
        let headers =
            [("Cookie", self.cookie.as_str()), ("X-CSRF-Token", self.csrf.as_str()), ("Content-Type", content_type)];
        process::http_request(method, &format!("{}{path}", self.url), &headers, body)
    }

    fn get(&self, path: &str) -> serde_json::Value {
        let reply = self.send("GET", path, "application/json", "");
        assert_eq!(reply.status, 200, "GET {path}: {}", reply.body);
        serde_json::from_str(&reply.body).unwrap()
    }
}

const PDF: &str = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// What the drill compares before and after: the applicant's cases and one case in full, and
/// the public registry.
fn observe(client: &Client, case: &str) -> (serde_json::Value, serde_json::Value, serde_json::Value) {
    (client.get("/api/v1/cases"), client.get(&format!("/api/v1/cases/{case}")), client.get("/api/v1/registry"))
}

/// Starts a demo server on `args`, makes an application with a document through the API, and
/// returns the server, the client and the case's id.
fn serve_with_an_application(workdir: &Path, args: &[String], marker: &str) -> (Server, Client, String) {
    let mut command = pencere(workdir);
    command.args(["serve", "--demo", "--addr", "127.0.0.1:0"]).args(args);
    let server = Server::start(command);
    let client = Client::login(&server, "applicant");
    let body = serde_json::json!({
        "service": "lic.fire-protection",
        "draft": true,
        "data": { "activity_address": marker, "contact_phone": "+994501234567" },
    })
    .to_string();
    let created = client.send("POST", "/api/v1/cases", "application/json", &body);
    assert_eq!(created.status, 201, "{}", created.body);
    let case: serde_json::Value = serde_json::from_str(&created.body).unwrap();
    let id = case["id"].as_str().unwrap().to_owned();
    let attached =
        client.send("PUT", &format!("/api/v1/cases/{id}/documents/ownership"), "application/octet-stream", PDF);
    assert_eq!(attached.status, 201, "{}", attached.body);
    (server, client, id)
}

fn run(workdir: &Path, args: &[&str], target: &[String]) -> (bool, String, String) {
    let mut command = pencere(workdir);
    command.args(args).args(target);
    let output = process::run(command);
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A new, empty target of the given kind, as command-line arguments.
async fn empty_target(postgres: bool, dir: &Path, name: &str) -> Vec<String> {
    if postgres {
        vec!["--database-url".into(), pencere_testkit::fresh_postgres_database().await]
    } else {
        vec!["--data".into(), dir.join(name).display().to_string()]
    }
}

/// Backs the running server's database up, restores it into `target`, serves the restored
/// database and checks that the API shows the same data and the journal verifies.
fn drill(
    dir: &Path,
    server: Server,
    client: &Client,
    case: &str,
    source: &[String],
    target: &[String],
    wipe: Option<&Path>,
) {
    let before = observe(client, case);
    let timeline = before.1["timeline"].as_array().unwrap();
    assert!(timeline.iter().any(|event| event["kind"] == "document"), "the document is on the case: {}", before.1);
    assert!(before.0.as_array().unwrap().iter().any(|listed| listed["id"] == case), "{}", before.0);
    let file = dir.join("drill.pbak");
    let file_arg = file.display().to_string();
    let (ok, stdout, stderr) = run(dir, &["backup", "--to", &file_arg], source);
    assert!(ok, "backup while serving: {stderr}");
    assert!(stdout.contains("backed up") && stdout.contains("audit chain head"), "{stdout}");
    assert!(server.terminate().success());
    if let Some(data) = wipe {
        std::fs::remove_dir_all(data).unwrap();
    }

    let (ok, stdout, stderr) = run(dir, &["restore", "--from", &file_arg], target);
    assert!(ok, "restore: {stderr}");
    assert!(stdout.contains("restored") && stdout.contains("audit journal intact"), "{stdout}");

    let mut command = pencere(dir);
    command.args(["serve", "--demo", "--addr", "127.0.0.1:0"]).args(target);
    let restored = Server::start(command);
    let after = observe(&client.against(&restored), case);
    assert_eq!(before, after, "the restored server shows the same data to the same session");
    assert!(restored.terminate().success());

    let (ok, stdout, stderr) = run(dir, &["audit", "verify"], target);
    assert!(ok, "audit verify after restore: {stdout} {stderr}");

    let (ok, _, stderr) = run(dir, &["restore", "--from", &file_arg], target);
    assert!(!ok, "a second restore into the same database is refused");
    assert!(stderr.contains("the target database is not empty"), "{stderr}");
}

both_backends! {
    // clause: LIC-8.0.3, LIC-3.7, LIC-3.4, KOB-3.5, MIG-1.6, TOB-2.7, VEIS-2.7
    async fn a_backup_taken_while_serving_restores_the_same_data_into_a_wiped_target(db) {
        let dir = tempfile::tempdir().unwrap();
        let postgres = matches!(db.target(), pencere_store::Target::Postgres(_));
        let source = db.cli_args();
        let (server, client, case) = serve_with_an_application(dir.path(), &source, "Drill street 1");
        if postgres {
            let target = empty_target(true, dir.path(), "").await;
            drill(dir.path(), server, &client, &case, &source, &target, None);
        } else {
            // Restore into the very directory the data was in, after deleting it.
            let data = PathBuf::from(&source[1]);
            drill(dir.path(), server, &client, &case, &source, &source, Some(&data));
        }
    }
}

// clause: LIC-8.0.3, LIC-3.7
#[tokio::test]
async fn a_backup_of_sqlite_restores_into_postgresql() {
    let dir = tempfile::tempdir().unwrap();
    let source = vec!["--data".to_owned(), dir.path().join("small").display().to_string()];
    let (server, client, case) = serve_with_an_application(dir.path(), &source, "Growing street 2");
    let target = empty_target(true, dir.path(), "").await;
    drill(dir.path(), server, &client, &case, &source, &target, None);
}

fn rewrite_part(dir: &Path, backup: &Path, out: &Path, change: impl Fn(&mut Vec<u8>)) {
    let unpacked = dir.join("unpacked");
    std::fs::create_dir_all(&unpacked).unwrap();
    let status = std::process::Command::new("tar").arg("-xzf").arg(backup).arg("-C").arg(&unpacked).status().unwrap();
    assert!(status.success());
    let part = std::fs::read_dir(unpacked.join("tables"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.display().to_string().ends_with("-cases.jsonl"))
        .unwrap();
    let mut bytes = std::fs::read(&part).unwrap();
    change(&mut bytes);
    std::fs::write(&part, bytes).unwrap();
    let status = std::process::Command::new("tar")
        .arg("-czf")
        .arg(out)
        .arg("-C")
        .arg(&unpacked)
        .args(["tables", "manifest.json"])
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::remove_dir_all(&unpacked).unwrap();
}

// clause: LIC-8.0.3, LIC-2.0.6
#[test]
fn a_changed_truncated_or_wrongly_keyed_backup_is_refused_and_the_target_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    let source = vec!["--data".to_owned(), dir.path().join("source").display().to_string()];
    let (server, _client, _case) = serve_with_an_application(dir.path(), &source, "Tamper street 3");
    let key = dir.path().join("backup.key");
    std::fs::write(&key, format!("{}\n", "3f".repeat(32))).unwrap();
    let plain = dir.path().join("plain.pbak");
    let sealed = dir.path().join("sealed.pbak");
    let path = |file: &Path| file.display().to_string();
    assert!(run(dir.path(), &["backup", "--to", &path(&plain)], &source).0);
    assert!(run(dir.path(), &["backup", "--to", &path(&sealed), "--key-file", &path(&key)], &source).0);
    assert!(server.terminate().success());
    let (ok, stdout, _) = run(dir.path(), &["restore", "--check", "--from", &path(&plain)], &[]);
    assert!(ok && stdout.contains("intact"), "{stdout}");
    assert!(!std::fs::read(&sealed).unwrap().windows(14).any(|window| window == b"Tamper street "), "encrypted");

    let target = vec!["--data".to_owned(), dir.path().join("target").display().to_string()];
    let refused = |file: &Path, extra: &[&str], expected: &str| {
        let mut args = vec!["restore", "--from"];
        let file = path(file);
        args.push(&file);
        args.extend_from_slice(extra);
        let (ok, _, stderr) = run(dir.path(), &args, &target);
        assert!(!ok, "{file} was accepted");
        assert!(stderr.contains(expected), "{file}: {stderr}");
        assert_eq!(
            stderr.lines().count(),
            stderr.lines().filter(|line| line.contains(" INFO ")).count() + 1,
            "{stderr}"
        );
    };

    let changed = dir.path().join("changed.pbak");
    rewrite_part(dir.path(), &plain, &changed, |bytes| {
        let at = bytes.windows(6).position(|window| window == b"Tamper").unwrap();
        bytes[at] = b'D';
    });
    refused(&changed, &[], "cases.jsonl has SHA-256");

    let bytes = std::fs::read(&plain).unwrap();
    let truncated = dir.path().join("truncated.pbak");
    std::fs::write(&truncated, &bytes[..bytes.len() * 2 / 3]).unwrap();
    refused(&truncated, &[], "the backup is damaged or altered");

    refused(&sealed, &[], "this backup is encrypted");
    let wrong = dir.path().join("wrong.key");
    std::fs::write(&wrong, "00".repeat(32)).unwrap();
    refused(&sealed, &["--key-file", &path(&wrong)], "the backup key does not open this file");
    let mut flipped = std::fs::read(&sealed).unwrap();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let flipped_file = dir.path().join("flipped.pbak");
    std::fs::write(&flipped_file, flipped).unwrap();
    refused(&flipped_file, &["--key-file", &path(&key)], "the backup is damaged or altered");

    // Nothing was loaded by the refused attempts: the right key restores into the same target.
    let (ok, stdout, stderr) =
        run(dir.path(), &["restore", "--from", &path(&sealed), "--key-file", &path(&key)], &target);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("audit journal intact"), "{stdout}");
}

// clause: LIC-3.7, KOB-3.5
#[test]
fn the_server_takes_scheduled_backups_and_keeps_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    let mut command = pencere(dir.path());
    command
        .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--backup-every", "1", "--backup-keep", "2"])
        .arg("--data")
        .arg(dir.path().join("data"))
        .arg("--backup-dir")
        .arg(&backups);
    let server = Server::start(command);
    let list = || -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&backups)
            .map(|entries| entries.map(|entry| entry.unwrap().path()).collect())
            .unwrap_or_default();
        found.sort();
        found
    };
    // Wait (bounded) for a third backup to have been written: the first is then deleted.
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..200 {
        seen.extend(list().into_iter().filter(|path| path.extension().is_some_and(|extension| extension == "pbak")));
        if seen.len() >= 3 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(seen.len() >= 3, "three scheduled backups were written: {seen:?}");
    assert!(server.terminate().success());
    let kept: Vec<PathBuf> = list().into_iter().filter(|path| path.extension().is_some_and(|e| e == "pbak")).collect();
    assert_eq!(kept.len(), 2, "the newest two are kept: {kept:?}");
    assert!(!kept.contains(seen.iter().next().unwrap()), "the oldest was deleted");
    for file in &kept {
        let (ok, stdout, stderr) = run(dir.path(), &["restore", "--check", "--from", &file.display().to_string()], &[]);
        assert!(ok && stdout.contains("intact"), "{stdout} {stderr}");
    }
}
