//! The `pencere` binary as an operator runs it: settings, start-up failures, serving, stopping.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::path::Path;
use std::process::Command;

mod archive;
mod backup;
mod bench;
mod crash;
mod exchange;
mod failover;
mod instances;
mod roles;

use pencere_testkit::both_backends;
use pencere_testkit::process::{self, Server, unwritable_dir};

const BIN: &str = env!("CARGO_BIN_EXE_pencere");

/// The schema version this build migrates to.
fn latest_schema() -> i64 {
    pencere_store::migrations(pencere_store::Backend::Sqlite).last().map_or(0, |migration| migration.version)
}

fn pencere(workdir: &Path) -> Command {
    process::command(Path::new(BIN), workdir)
}

/// Runs `pencere ARGS` and asserts the contract for a bad setting: exit status 2 and exactly one
/// line on standard error that contains `expected` — no panic, no backtrace, no usage dump.
fn assert_config_error(mut command: Command, expected: &[&str]) -> String {
    let output = process::run({
        command.env("RUST_BACKTRACE", "1");
        command
    });
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "exit status; stderr: {stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|line| !line.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line, got: {stderr}");
    for needle in expected {
        assert!(lines[0].contains(needle), "{:?} lacks {needle:?}", lines[0]);
    }
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{stderr}");
    lines[0].to_owned()
}

fn serve_args(data: &Path) -> Vec<String> {
    vec!["serve".into(), "--addr".into(), "127.0.0.1:0".into(), "--data".into(), data.display().to_string()]
}

#[test]
fn bad_settings_end_with_one_line_naming_the_setting_and_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let base = || {
        let mut command = pencere(dir.path());
        command.arg("serve").arg("--data").arg(&data);
        command
    };

    let mut command = base();
    command.args(["--addr", "nonsense"]);
    assert_config_error(command, &["--addr \"nonsense\"", "HOST:PORT"]);

    let mut command = base();
    command.env("PENCERE_ADDR", "nonsense");
    assert_config_error(command, &["addr (PENCERE_ADDR) \"nonsense\""]);

    let mut command = base();
    command.args(["--addr", "127.0.0.1:0", "--database-url", "postgres://app:s3cret@127.0.0.1:notaport/db"]);
    let line = assert_config_error(command, &["database-url (--database-url)"]);
    assert!(!line.contains("s3cret"), "the password leaked: {line}");

    let mut command = base();
    command.args(["--addr", "127.0.0.1:0"]).env("PENCERE_SMS_GATEWAY_URL", "ftp://sms.example/send");
    assert_config_error(command, &["sms-gateway-url (PENCERE_SMS_GATEWAY_URL)", "use http or https"]);

    let mut command = base();
    command.args(["--addr", "127.0.0.1:0"]).env("DATABASE_URL", "mysql://app@localhost/db");
    assert_config_error(command, &["database-url (DATABASE_URL)", "unsupported scheme"]);

    let mut command = base();
    command.args(["--addr", "127.0.0.1:0", "--database-url", "postgres://nobody:pw@127.0.0.1:1/none"]);
    let line =
        assert_config_error(command, &["database-url", "cannot connect to postgres://nobody:***@127.0.0.1:1/none"]);
    assert!(!line.contains(":pw@"), "{line}");

    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let taken_addr = taken.local_addr().unwrap().to_string();
    let mut command = base();
    command.args(["--addr", &taken_addr]);
    assert_config_error(command, &[&format!("addr {taken_addr}"), "in use"]);

    let mut command = pencere(dir.path());
    command.args(["serve", "--addr", "127.0.0.1:0", "--data"]).arg(unwritable_dir(dir.path()));
    assert_config_error(command, &["data: data directory", "not-a-directory/data"]);

    let mut command = base();
    command.args(["--addr", "127.0.0.1:0", "--body-limit", "0"]);
    assert_config_error(command, &["--body-limit \"0\"", "at least 1"]);

    let mut command = base();
    command.args(["--addr", "127.0.0.1:0", "--request-timeout", "soon"]);
    assert_config_error(command, &["--request-timeout \"soon\""]);

    let mut command = base();
    command.args(["--addr", "127.0.0.1:0", "--log", "[[["]);
    assert_config_error(command, &["log \"[[[\""]);

    let mut command = base();
    command.args(["--addr", "127.0.0.1:0", "--config", "/nonexistent/pencere.toml"]);
    assert_config_error(command, &["config (--config) /nonexistent/pencere.toml"]);

    std::fs::write(dir.path().join("pencere.toml"), "addr = \"127.0.0.1:0\"\nport = 8080\n").unwrap();
    assert_config_error(base(), &["pencere.toml line 2", "unknown field `port`"]);

    std::fs::write(dir.path().join("pencere.toml"), "addr = \"somewhere\"\n").unwrap();
    assert_config_error(base(), &["addr (addr in pencere.toml) \"somewhere\""]);
}

#[test]
fn usage_errors_exit_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = process::run({
        let mut command = pencere(dir.path());
        command.args(["serve", "--no-such-flag"]);
        command
    });
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn flags_win_over_environment_which_wins_over_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file_data = dir.path().join("from-file");
    std::fs::write(
        dir.path().join("pencere.toml"),
        format!("addr = \"not an address\"\ndata = \"{}\"\n", file_data.display()),
    )
    .unwrap();

    // The environment's address wins over the file's unusable one; the file's data dir is used.
    let mut command = pencere(dir.path());
    command.arg("serve").env("PENCERE_ADDR", "127.0.0.1:0");
    let mut server = Server::start(command);
    assert!(server.output().iter().any(|line| line.contains(&format!("{}/pencere.db", file_data.display()))));
    drop(server);

    // The flag wins over both.
    let flag_data = dir.path().join("from-flag");
    let mut command = pencere(dir.path());
    command.args(["serve", "--addr", "127.0.0.1:0", "--data"]).arg(&flag_data).env("PENCERE_ADDR", "bogus");
    let mut server = Server::start(command);
    assert!(server.output().iter().any(|line| line.contains(&format!("{}/pencere.db", flag_data.display()))));
}

// clause: MIG-3.5, TOB-2.8, VEIS-2.8
#[test]
fn demo_mode_seeds_once_serves_the_test_environment_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut command = pencere(dir.path());
    command.args(serve_args(&data)).arg("--demo");
    let mut server = Server::start(command);
    assert!(server.url.starts_with("http://127.0.0.1:"));
    let output = server.output().join("\n");
    assert!(output.contains("TEST ENVIRONMENT — synthetic demo data (seeded now)"), "{output}");
    assert!(output.contains("economy"), "{output}");
    assert_eq!(server.get("/healthz").0, 200);
    assert_eq!(server.get("/readyz").0, 200);
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("TEST MÜHİTİ"));
    assert!(data.join("pencere.db").is_file(), "the embedded database is DATA/pencere.db");
    assert!(server.terminate().success(), "a graceful stop exits 0");

    let mut command = pencere(dir.path());
    command.args(serve_args(&data)).arg("--demo");
    let mut again = Server::start(command);
    let output = again.output().join("\n");
    assert!(output.contains("TEST ENVIRONMENT — synthetic demo data"), "{output}");
    assert!(!output.contains("seeded now"), "the seed runs once: {output}");
}

#[test]
fn demo_data_never_enters_a_production_database_and_the_reverse() {
    let dir = tempfile::tempdir().unwrap();
    let production = dir.path().join("production");
    let mut command = pencere(dir.path());
    command.args(serve_args(&production));
    let server = Server::start(command);
    assert!(server.terminate().success());
    let mut command = pencere(dir.path());
    command.args(serve_args(&production)).arg("--demo");
    assert_config_error(command, &["--demo:", "production environment"]);

    let demo = dir.path().join("demo");
    let mut command = pencere(dir.path());
    command.args(serve_args(&demo)).arg("--demo");
    drop(Server::start(command));
    let mut command = pencere(dir.path());
    command.args(serve_args(&demo));
    assert_config_error(command, &["--demo missing", "demo environment"]);
}

both_backends! {
    async fn serve_and_migrate_run_on_both_backends(db) {
        let dir = tempfile::tempdir().unwrap();
        let mut command = pencere(dir.path());
        command.arg("migrate").args(db.cli_args());
        let output = process::run(command);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(report.contains(&format!("applied 0 migration(s); schema version {}", latest_schema())), "{report}");

        let mut command = pencere(dir.path());
        command.args(["serve", "--addr", "127.0.0.1:0"]).args(db.cli_args());
        let server = Server::start(command);
        assert_eq!(server.get("/readyz").0, 200);
        let (status, metrics) = server.get("/metrics");
        assert_eq!(status, 200);
        let backend = match db.target() {
            pencere_store::Target::SqliteDir(_) => "sqlite",
            pencere_store::Target::Postgres(_) => "postgres",
        };
        assert!(metrics.contains(&format!("backend=\"{backend}\"")), "{metrics}");
        assert!(server.terminate().success());
    }
}

#[test]
fn migrate_creates_and_upgrades_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh");
    let output = process::run({
        let mut command = pencere(dir.path());
        command.arg("migrate").arg("--data").arg(&data);
        command
    });
    assert!(output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains(&format!("applied {0} migration(s); schema version {0}", latest_schema()))
    );
}

#[test]
fn audit_verify_reports_an_empty_journal_and_refuses_an_unmigrated_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let verify = || {
        let mut command = pencere(dir.path());
        command.args(["audit", "verify", "--data"]).arg(&data);
        process::run(command)
    };
    let unmigrated = verify();
    assert_eq!(unmigrated.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unmigrated.stderr).contains("run `pencere migrate` first"));

    let mut migrate = pencere(dir.path());
    migrate.args(["migrate", "--data"]).arg(&data);
    assert!(process::run(migrate).status.success());
    let empty = verify();
    assert!(empty.status.success(), "{}", String::from_utf8_lossy(&empty.stderr));
    assert!(String::from_utf8_lossy(&empty.stdout).contains("empty journal"));
}

both_backends! {
    // clause: KOB-6.1.9, KOB-7.1.1, MIG-5.2.3
    async fn audit_verify_passes_an_intact_journal_and_names_a_changed_entry(db) {
        let dir = tempfile::tempdir().unwrap();
        let mut command = pencere(dir.path());
        command.args(["serve", "--demo", "--addr", "127.0.0.1:0"]).args(db.cli_args());
        let server = Server::start(command);
        let (status, _) = server.get("/healthz");
        assert_eq!(status, 200);
        assert!(server.terminate().success(), "a clean stop seals the journal");

        let verify = || {
            let mut command = pencere(dir.path());
            command.args(["audit", "verify"]).args(db.cli_args());
            process::run(command)
        };
        let intact = verify();
        let report = String::from_utf8_lossy(&intact.stdout).into_owned();
        assert!(intact.status.success(), "{report} {}", String::from_utf8_lossy(&intact.stderr));
        assert!(report.contains("audit journal intact:") && report.contains("entries verified"), "{report}");
        assert!(!report.contains("not yet sealed"), "{report}");

        // Change one character of the third sealed entry, bypassing the append-only triggers as
        // someone with direct access to the database could.
        let mut tx = db.begin().await.unwrap();
        let target: i64 = pencere_store::on_conn!(tx.conn(), |conn, sql| {
            let target: i64 = pencere_store::sqlx::query_scalar(&sql("SELECT entry_id FROM audit_chain WHERE seq = $1"))
                .bind(3_i64)
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let disable = match db.backend() {
                pencere_store::Backend::Sqlite => "DROP TRIGGER audit_entries_no_update",
                pencere_store::Backend::Postgres => "ALTER TABLE audit_entries DISABLE TRIGGER USER",
            };
            pencere_store::sqlx::raw_sql(disable).execute(&mut *conn).await.unwrap();
            pencere_store::sqlx::query(&sql("UPDATE audit_entries SET actor_label = actor_label || 'x' WHERE id = $1"))
                .bind(target)
                .execute(&mut *conn)
                .await
                .unwrap();
            target
        });
        tx.commit().await.unwrap();

        let broken = verify();
        let stderr = String::from_utf8_lossy(&broken.stderr).into_owned();
        assert_eq!(broken.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(&format!("audit journal broken at position 3 (entry id {target})")), "{stderr}");
    }
}

// clause: KOB-3.6
#[test]
fn a_client_holding_its_key_logs_in_with_a_signature_made_by_openssl() {
    use base64::Engine as _;
    let dir = tempfile::tempdir().unwrap();
    let mut command = pencere(dir.path());
    command.args(serve_args(&dir.path().join("data"))).arg("--demo");
    let server = Server::start(command);

    let credentials =
        process::http_request("GET", &format!("{}/api/v1/test/credentials/applicant", server.url), &[], "");
    assert_eq!(credentials.status, 200, "{}", credentials.body);
    let credentials: serde_json::Value = serde_json::from_str(&credentials.body).unwrap();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let key = file("key.pem", credentials["private_key"].as_str().unwrap());
    let cert = file("cert.pem", credentials["certificate"].as_str().unwrap());
    let ca = file("ca.pem", credentials["ca"].as_str().unwrap());
    let verified = Command::new("openssl").arg("verify").arg("-CAfile").arg(&ca).arg(&cert).output().unwrap();
    assert!(verified.status.success(), "openssl accepts the chain: {}", String::from_utf8_lossy(&verified.stderr));

    let challenge = process::http_request("POST", &format!("{}/api/v1/session/challenge", server.url), &[], "");
    let challenge: serde_json::Value = serde_json::from_str(&challenge.body).unwrap();
    let message = file("challenge.txt", challenge["challenge"].as_str().unwrap());
    let signature = dir.path().join("signature.der");
    let signed = Command::new("openssl")
        .args(["dgst", "-sha256", "-sign"])
        .arg(&key)
        .arg("-out")
        .arg(&signature)
        .arg(&message)
        .output()
        .unwrap();
    assert!(signed.status.success(), "{}", String::from_utf8_lossy(&signed.stderr));
    let body = serde_json::json!({
        "challenge_id": challenge["id"],
        "certificate": credentials["certificate"],
        "signature": base64::engine::general_purpose::STANDARD.encode(std::fs::read(&signature).unwrap()),
    })
    .to_string();
    let json = [("Content-Type", "application/json")];
    let login = process::http_request("POST", &format!("{}/api/v1/session/certificate", server.url), &json, &body);
    assert_eq!(login.status, 200, "{}", login.body);
    let cookie = login.header("set-cookie").unwrap().split(';').next().unwrap().to_owned();
    let me = process::http_request("GET", &format!("{}/api/v1/me", server.url), &[("Cookie", &cookie)], "");
    let me: serde_json::Value = serde_json::from_str(&me.body).unwrap();
    assert_eq!((me["login"].as_str(), me["fin"].as_str()), (Some("applicant"), Some("5ZX3K7P")));

    let replay = process::http_request("POST", &format!("{}/api/v1/session/certificate", server.url), &json, &body);
    assert_eq!(replay.status, 401, "a replayed challenge is refused");
}

/// Follows the single sign-on of the test environment by hand, as a browser would, and returns
/// the callback URL the provider sent back with the flow cookie.
fn sso_until_callback(server: &Server, fin: &str) -> (String, String) {
    let start = process::http_request("GET", &format!("{}/login/sso?next=/cabinet", server.url), &[], "");
    assert_eq!(start.status, 303, "{}", start.body);
    let flow_cookie = start.header("set-cookie").unwrap().split(';').next().unwrap().to_owned();
    let authorize = start.header("location").unwrap().to_owned();
    assert!(authorize.starts_with(&format!("{}/test/oidc/authorize?", server.url)), "{authorize}");
    assert!(authorize.contains("code_challenge_method=S256"));
    let page = process::http_request("GET", &authorize, &[], "");
    assert_eq!(page.status, 200, "{}", page.body);
    let hidden = |name: &str| {
        let marker = format!("name=\"{name}\" value=\"");
        let at = page.body.find(&marker).unwrap() + marker.len();
        page.body[at..].split('"').next().unwrap().replace("&#x2f;", "/").replace("&#47;", "/").replace("&amp;", "&")
    };
    let form: Vec<(String, String)> =
        ["client_id", "redirect_uri", "state", "nonce", "code_challenge", "code_challenge_method"]
            .iter()
            .map(|name| (name.to_string(), hidden(name)))
            .chain([
                ("response_type".into(), "code".into()),
                ("fin".into(), fin.into()),
                ("password".into(), "pencere-demo".into()),
            ])
            .collect();
    let body: String = form
        .iter()
        .map(|(key, value)| {
            format!(
                "{key}={}",
                value
                    .bytes()
                    .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
                    .collect::<String>()
            )
        })
        .collect::<Vec<_>>()
        .join("&");
    let answered = process::http_request(
        "POST",
        &format!("{}/test/oidc/authorize", server.url),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &body,
    );
    assert_eq!(answered.status, 303, "{}", answered.body);
    (answered.header("location").unwrap().to_owned(), flow_cookie)
}

// clause: TOB-5.4, VEIS-5.3
#[test]
fn single_sign_on_logs_a_person_in_and_creates_their_cabinet_and_refuses_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = pencere(dir.path());
    command.args(serve_args(&dir.path().join("data"))).arg("--demo");
    let server = Server::start(command);

    let (callback, flow_cookie) = sso_until_callback(&server, "7BC4D9E");
    assert!(callback.starts_with(&format!("{}/login/sso/callback?code=", server.url)), "{callback}");
    let done = process::http_request("GET", &callback, &[("Cookie", &flow_cookie)], "");
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.header("location"), Some("/cabinet"));
    let session = done.header("set-cookie").unwrap().split(';').next().unwrap().to_owned();
    let me = process::http_request("GET", &format!("{}/api/v1/me", server.url), &[("Cookie", &session)], "");
    let me: serde_json::Value = serde_json::from_str(&me.body).unwrap();
    assert_eq!(me["fin"], "7BC4D9E");

    // The same answer again: the flow is used up.
    let replayed = process::http_request("GET", &callback, &[("Cookie", &flow_cookie)], "");
    assert_eq!(replayed.status, 401);
    assert!(replayed.header("set-cookie").is_none());

    // A tampered code is refused by the provider; nobody is logged in.
    let (callback, flow_cookie) = sso_until_callback(&server, "7BC4D9E");
    let tampered = callback.replacen("code=", "code=0", 1);
    let refused = process::http_request("GET", &tampered, &[("Cookie", &flow_cookie)], "");
    assert_eq!(refused.status, 401);
    assert!(refused.header("set-cookie").is_none());

    // A callback arriving in another browser (without the flow cookie) is refused.
    let (callback, _) = sso_until_callback(&server, "7BC4D9E");
    let foreign = process::http_request("GET", &callback, &[], "");
    assert_eq!(foreign.status, 401);
}

use pencere_testkit::smtp::{server as test_smtp, wait_for_mail};

// clause: MIG-4.3
#[test]
fn the_login_link_travels_through_a_real_smtp_server() {
    let (smtp, maildir) = test_smtp();
    let dir = tempfile::tempdir().unwrap();
    let mut command = pencere(dir.path());
    command.args(serve_args(&dir.path().join("data"))).args(["--demo", "--smtp-url", &smtp]);
    let server = Server::start(command);
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let asked =
        process::http_request("POST", &format!("{}/login/email", server.url), &form, "email=john.smith%40example.com");
    assert_eq!(asked.status, 200, "{}", asked.body);
    let mail = wait_for_mail(&maildir, "john.smith@example.com");
    // The body may be quoted-printable; undo soft line breaks before looking for the link.
    let mail = mail.replace("=\r\n", "").replace("=\n", "");
    let at = mail.find(&format!("{}/login/email/", server.url)).expect("a link in the mail");
    let link: String = mail[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || ":/.-_".contains(*c)).collect();
    let login = process::http_request("POST", &link, &form, "");
    assert_eq!(login.status, 303, "{}", login.body);
    let cookie = login.header("set-cookie").unwrap().split(';').next().unwrap().to_owned();
    let me = process::http_request("GET", &format!("{}/api/v1/me", server.url), &[("Cookie", &cookie)], "");
    assert!(me.body.contains("\"login\":\"foreigner\""), "{}", me.body);
}

// clause: KOB-6.1.9, MIG-5.2.3
#[test]
fn checkpoints_are_signed_with_the_configured_platform_key() {
    let dir = tempfile::tempdir().unwrap();
    let openssl = |args: &[&str]| {
        let output = Command::new("openssl").args(args).current_dir(dir.path()).output().unwrap();
        assert!(output.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    };
    openssl(&["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "platform.pem"]);
    openssl(&["pkey", "-in", "platform.pem", "-pubout", "-out", "platform.pub.pem"]);
    openssl(&["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other.pem"]);
    let data = dir.path().join("data");
    let mut command = pencere(dir.path());
    command.args(serve_args(&data)).args(["--demo", "--platform-key", "platform.pem"]);
    let server = Server::start(command);
    assert!(server.terminate().success());

    let verify = |key: &str| {
        let mut command = pencere(dir.path());
        command.args(["audit", "verify", "--platform-key", key, "--data"]).arg(&data);
        process::run(command)
    };
    let good = verify("platform.pub.pem");
    let report = String::from_utf8_lossy(&good.stdout).into_owned();
    assert!(good.status.success(), "{report} {}", String::from_utf8_lossy(&good.stderr));
    assert!(report.contains("1 signed checkpoints agree with the chain; signatures checked"), "{report}");
    let wrong = verify("other.pem");
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("is not signed by platform key"));
}
