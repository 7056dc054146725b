//! The archive centre and pre-production data, as an operator runs them: closed cases moved
//! into signed packages that openssl verifies, searched, exported, refused when altered and
//! imported elsewhere; and a backup anonymized, restored and served without a personal value of
//! the original left.

use std::path::Path;
use std::process::Command;

use pencere_store::dump::{self, Value};
use pencere_testkit::both_backends;
use pencere_testkit::process::{self, Server};

use super::pencere;

fn cli(workdir: &Path, args: &[&str], target: &[String]) -> (bool, String, String) {
    let mut command = pencere(workdir);
    command.args(args).args(target);
    let output = process::run(command);
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn shell(dir: &Path, program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).current_dir(dir).output().unwrap();
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A logged-in API session of the demo applicant.
fn login(server: &Server) -> (String, String) {
    let body = serde_json::json!({ "login": "applicant", "password": "pencere-demo" }).to_string();
    let reply = process::http_request(
        "POST",
        &format!("{}/api/v1/session", server.url),
        &[("Content-Type", "application/json")],
        &body,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let cookie = reply.header("set-cookie").unwrap().split(';').next().unwrap().to_owned();
    let session: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    (cookie, session["csrf_token"].as_str().unwrap().to_owned())
}

fn send(server: &Server, session: &(String, String), method: &str, path: &str, body: &str) -> process::HttpReply {
    let headers =
        [("Cookie", session.0.as_str()), ("X-CSRF-Token", session.1.as_str()), ("Content-Type", "application/json")];
    process::http_request(method, &format!("{}{path}", server.url), &headers, body)
}

/// Serves the demo on `target`, has the applicant withdraw their registered application (a
/// closed case), and returns its registration number.
fn close_a_case(dir: &Path, target: &[String]) -> String {
    let mut command = pencere(dir);
    command.args(["serve", "--demo", "--addr", "127.0.0.1:0"]).args(target);
    let server = Server::start(command);
    let session = login(&server);
    let cases: serde_json::Value =
        serde_json::from_str(&send(&server, &session, "GET", "/api/v1/cases", "").body).unwrap();
    let case = cases
        .as_array()
        .unwrap()
        .iter()
        .find(|case| case["state"] == "registered")
        .unwrap_or_else(|| panic!("a registered application of the applicant: {cases}"))
        .clone();
    let id = case["id"].as_str().unwrap();
    let body = serde_json::json!({ "transition": "withdraw" }).to_string();
    let withdrawn = send(&server, &session, "POST", &format!("/api/v1/cases/{id}/transitions"), &body);
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.body);
    assert!(server.terminate().success());
    case["number"].as_str().unwrap().to_owned()
}

async fn empty_target(postgres: bool, dir: &Path, name: &str) -> Vec<String> {
    if postgres {
        vec!["--database-url".into(), pencere_testkit::fresh_postgres_database().await]
    } else {
        vec!["--data".into(), dir.join(name).display().to_string()]
    }
}

both_backends! {
    // clause: KOB-7.1.4, LIC-3.1, LIC-3.7
    async fn closed_cases_move_into_signed_packages_that_are_searched_verified_and_imported(db) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path();
        let postgres = matches!(db.target(), pencere_store::Target::Postgres(_));
        let source = db.cli_args();
        shell(path, "openssl", &["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "platform.pem"]);
        shell(path, "openssl", &["pkey", "-in", "platform.pem", "-pubout", "-out", "platform.pub.pem"]);
        shell(path, "openssl", &["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other.pem"]);
        let number = close_a_case(path, &source);

        // Nothing is due by the retention catalog yet: the case closed today.
        let (ok, stdout, stderr) = cli(path, &["archive", "run", "--platform-key", "platform.pem"], &source);
        assert!(ok, "{stderr}");
        assert!(stdout.contains("no closed case is due"), "{stdout}");

        let (ok, stdout, stderr) = cli(path, &["archive", "run", "--before", "2100-01-01", "--platform-key", "platform.pem"], &source);
        assert!(ok, "{stderr}");
        // Every closed case is archived: ours and the demo's decided ones.
        let archived: usize = stdout
            .split("archived ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|count| count.parse().ok())
            .unwrap_or_else(|| panic!("{stdout}"));
        assert!(archived >= 1 && stdout.contains(" cases into package"), "{stdout}");
        let (ok, again, _) = cli(path, &["archive", "run", "--before", "2100-01-01", "--platform-key", "platform.pem"], &source);
        assert!(ok && again.contains("no closed case is due"), "an archived case is not archived twice: {again}");

        // The index: found by number and by the applicant's name, with the archive note.
        let (ok, found, stderr) = cli(path, &["archive", "search", "--text", &number], &source);
        assert!(ok, "{stderr}");
        assert!(found.contains(&number) && found.contains("withdrawn") && found.contains("lic."), "{found}");
        assert!(found.contains("note: Case") && found.contains("closed before 2100-01-01") && found.contains("record SHA-256"), "{found}");
        let (_, by_period, _) = cli(path, &["archive", "search", "--closed-from", "2099-01-01"], &source);
        assert!(!by_period.contains(&number), "{by_period}");
        let (ok, listed, _) = cli(path, &["archive", "list"], &source);
        assert!(ok);
        let package = listed.split('\t').next().unwrap().trim().to_owned();
        assert!(listed.contains(&format!("{archived} cases")), "{listed}");

        // Exported, the package verifies with the platform key — here and with openssl.
        let (ok, _, stderr) = cli(path, &["archive", "export", "--package", &package, "--to", "package.tar.gz"], &source);
        assert!(ok, "{stderr}");
        let (ok, intact, stderr) = cli(path, &["archive", "verify", "package.tar.gz", "--platform-key", "platform.pub.pem"], &[]);
        assert!(ok, "{stderr}");
        assert!(intact.contains("intact") && intact.contains(&package), "{intact}");
        std::fs::create_dir(path.join("unpacked")).unwrap();
        shell(path, "tar", &["-xzf", "package.tar.gz", "-C", "unpacked"]);
        let openssl = shell(&path.join("unpacked"), "openssl", &["dgst", "-sha256", "-verify", "../platform.pub.pem", "-signature", "manifest.sig", "manifest.json"]);
        assert!(openssl.contains("Verified OK"), "{openssl}");
        let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(path.join("unpacked/manifest.json")).unwrap()).unwrap();
        let ours = manifest["items"].as_array().unwrap().iter().find(|item| item["case_number"] == number.as_str());
        let record = ours.unwrap_or_else(|| panic!("{number} in {manifest}"))["record"].as_str().unwrap();
        let record_text = std::fs::read_to_string(path.join("unpacked").join(record)).unwrap();
        assert!(record_text.contains(&number) && record_text.contains("case_events"), "the records travel with the package");
        assert!(manifest["parts"].as_array().unwrap().iter().any(|part| part["path"].as_str().unwrap().starts_with("documents/")) || !record_text.contains("\"sha256\""));

        // Another key, or one changed byte in a record, is refused with the reason.
        let (ok, _, stderr) = cli(path, &["archive", "verify", "package.tar.gz", "--platform-key", "other.pem"], &[]);
        assert!(!ok && stderr.contains("not by the given key"), "{stderr}");
        let tampered = record_text.replacen(&number, &number.replace('0', "9").replacen('L', "X", 1), 1);
        std::fs::write(path.join("unpacked").join(record), tampered).unwrap();
        shell(&path.join("unpacked"), "tar", &["-czf", "../tampered.tar.gz", "."]);
        let (ok, _, stderr) = cli(path, &["archive", "verify", "tampered.tar.gz", "--platform-key", "platform.pub.pem"], &[]);
        assert!(!ok, "a tampered package is refused");
        assert!(stderr.contains("the archive package is refused") && stderr.contains(&format!("{record} was altered")), "{stderr}");

        // The live case and the journal are untouched: the journal verifies.
        let (ok, stdout, stderr) = cli(path, &["audit", "verify"], &source);
        assert!(ok, "{stdout} {stderr}");

        // Imported into another installation's archive, once.
        let other = empty_target(postgres, path, "other").await;
        assert!(cli(path, &["migrate"], &other).0);
        let (ok, _, stderr) = cli(path, &["archive", "import", "tampered.tar.gz", "--platform-key", "platform.pub.pem"], &other);
        assert!(!ok && stderr.contains("was altered"), "{stderr}");
        let (ok, stdout, stderr) = cli(path, &["archive", "import", "package.tar.gz", "--platform-key", "platform.pub.pem"], &other);
        assert!(ok, "{stderr}");
        assert!(stdout.contains(&format!("imported package {package}")), "{stdout}");
        let (_, found, _) = cli(path, &["archive", "search", "--text", &number], &other);
        assert!(found.contains(&number), "{found}");
        let (ok, _, stderr) = cli(path, &["archive", "import", "package.tar.gz", "--platform-key", "platform.pub.pem"], &other);
        assert!(!ok && stderr.contains("already in the archive"), "{stderr}");
        let (ok, exported_again, _) = cli(path, &["archive", "export", "--package", &package, "--to", "again.tar.gz"], &other);
        assert!(ok, "{exported_again}");
        assert_eq!(std::fs::read(path.join("again.tar.gz")).unwrap(), std::fs::read(path.join("package.tar.gz")).unwrap());
    }
}

/// Every text of every table, bytes read as text too.
async fn every_text(db: &pencere_store::Db) -> (Vec<String>, std::collections::BTreeMap<String, usize>) {
    let mut tx = db.begin_read().await.unwrap();
    let tables = dump::tables(&mut tx).await.unwrap();
    let mut texts = Vec::new();
    let mut counts = std::collections::BTreeMap::new();
    for table in &tables {
        let mut rows = 0;
        dump::read_rows(&mut tx, table, |values| {
            rows += 1;
            for value in values {
                match value {
                    Value::Text(text) => texts.push(text),
                    Value::Bytes(bytes) => texts.push(String::from_utf8_lossy(&bytes).into_owned()),
                    _ => {}
                }
            }
            Ok::<(), ()>(())
        })
        .await
        .unwrap()
        .unwrap();
        counts.insert(table.name.clone(), rows);
    }
    tx.rollback().await.unwrap();
    (texts, counts)
}

/// The personal values of the source: people's and companies' identifiers and names, and what
/// the applicant wrote.
async fn personal_values(db: &pencere_store::Db) -> Vec<String> {
    let mut tx = db.begin_read().await.unwrap();
    type Person = (Option<String>, String, Option<String>, Option<String>);
    let found: Vec<Person> = pencere_store::on_conn!(tx.conn(), |conn, _sql| {
        pencere_store::sqlx::query_as("SELECT fin, full_name, email, phone FROM users")
            .fetch_all(&mut *conn)
            .await
            .unwrap()
    });
    let companies: Vec<(Option<String>, String)> = pencere_store::on_conn!(tx.conn(), |conn, _sql| {
        pencere_store::sqlx::query_as("SELECT voen, name_az FROM organizations WHERE kind <> 'agency'")
            .fetch_all(&mut *conn)
            .await
            .unwrap()
    });
    tx.rollback().await.unwrap();
    let mut values: Vec<String> = found
        .into_iter()
        .flat_map(|(fin, name, email, phone)| [fin, Some(name), email, phone])
        .chain(companies.into_iter().flat_map(|(voen, name)| [voen, Some(name)]))
        .flatten()
        .filter(|value| value.chars().count() >= 5)
        .collect();
    values.sort();
    values.dedup();
    values
}

both_backends! {
    // clause: MIG-3.5, TOB-2.8, VEIS-2.8
    async fn an_anonymized_backup_restores_and_serves_without_a_personal_value_of_the_original(db) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path();
        let postgres = matches!(db.target(), pencere_store::Target::Postgres(_));
        let source = db.cli_args();
        let marker = "Qızılgül küçəsi 17, mənzil 4";
        let phone = "+994557654321";
        {
            let mut command = pencere(path);
            command.args(["serve", "--demo", "--addr", "127.0.0.1:0"]).args(&source);
            let server = Server::start(command);
            let session = login(&server);
            let body = serde_json::json!({
                "service": "lic.fire-protection",
                "draft": true,
                "data": { "activity_address": marker, "contact_phone": phone },
            })
            .to_string();
            let created = send(&server, &session, "POST", "/api/v1/cases", &body);
            assert_eq!(created.status, 201, "{}", created.body);
            assert!(server.terminate().success());
        }
        let mut originals = personal_values(&db).await;
        originals.extend([marker.to_owned(), phone.to_owned()]);
        assert!(originals.iter().any(|value| value == "5ZX3K7P"), "the demo applicant's FİN: {originals:?}");
        let (before, counts_before) = every_text(&db).await;
        for value in &originals {
            assert!(before.iter().any(|text| text.contains(value.as_str())), "{value} is in the source");
        }

        assert!(cli(path, &["backup", "--to", "source.pbak"], &source).0);
        let (ok, stdout, stderr) = cli(path, &["anonymize", "--from", "source.pbak", "--to", "test.pbak"], &[]);
        assert!(ok, "{stderr}");
        assert!(stdout.contains("anonymized") && stdout.contains("chained afresh"), "{stdout}");
        let target = empty_target(postgres, path, "preprod").await;
        let (ok, stdout, stderr) = cli(path, &["restore", "--from", "test.pbak"], &target);
        assert!(ok, "the anonymized backup restores: {stderr}");
        assert!(stdout.contains("audit journal intact"), "{stdout}");

        let restored = pencere_store::Db::connect(&pencere_store::DbConfig::new(match &target[..] {
            [flag, value] if flag == "--data" => pencere_store::Target::SqliteDir(value.into()),
            [_, url] => pencere_store::Target::Postgres(url.clone()),
            _ => unreachable!(),
        }))
        .await
        .unwrap();
        let (after, counts_after) = every_text(&restored).await;
        for value in &originals {
            let leaks: Vec<&String> = after.iter().filter(|text| text.contains(value.as_str())).take(3).collect();
            assert!(leaks.is_empty(), "{value:?} survived anonymization in {leaks:?}");
        }
        let mut expected = counts_before.clone();
        expected.insert("audit_checkpoints".to_owned(), 0);
        assert_eq!(counts_after, expected, "every row is kept (the checkpoints of the old chain aside)");
        // The replacements are of valid formats and keep the relations: every user still has
        // their memberships and the applicant's cases are still theirs.
        let mut tx = restored.begin_read().await.unwrap();
        let fins: Vec<Option<String>> = pencere_store::on_conn!(tx.conn(), |conn, _sql| {
            pencere_store::sqlx::query_scalar("SELECT fin FROM users").fetch_all(&mut *conn).await.unwrap()
        });
        let orphans: i64 = pencere_store::on_conn!(tx.conn(), |conn, _sql| {
            pencere_store::sqlx::query_scalar(
                "SELECT COUNT(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.applicant_id)",
            )
            .fetch_one(&mut *conn)
            .await
            .unwrap()
        });
        tx.rollback().await.unwrap();
        restored.close().await;
        for fin in fins.into_iter().flatten() {
            assert!(fin.parse::<pencere_core::Fin>().is_ok(), "{fin}");
        }
        assert_eq!(orphans, 0);

        // The pre-production server runs on it, and its journal verifies.
        let mut command = pencere(path);
        command.args(["serve", "--demo", "--addr", "127.0.0.1:0"]).args(&target);
        let server = Server::start(command);
        assert_eq!(server.get("/readyz").0, 200);
        let (status, registry) = server.get("/api/v1/registry");
        assert_eq!(status, 200, "{registry}");
        assert!(server.terminate().success());
        let (ok, stdout, stderr) = cli(path, &["audit", "verify"], &target);
        assert!(ok, "{stdout} {stderr}");
    }
}
