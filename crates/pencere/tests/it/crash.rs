//! Crash safety: applications are submitted by concurrent clients while the server is killed with
//! SIGKILL at random moments and started again, on SQLite and on PostgreSQL. Afterwards every
//! submission that was answered 2xx exists exactly once with the number it was given, no
//! application is half-written (each registered one has its timeline event, its audit entry and
//! its notices; none is left without a number), every notice is delivered (the cabinet inbox
//! exactly once, e-mail over real SMTP as one message: a copy sent again after a kill carries the
//! same Message-ID) and `pencere audit verify` passes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pencere_testkit::process::{self, Server};

use super::pencere;

const KILLS: usize = 20;
const CLIENTS: usize = 4;
const PDF: &str = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// An HTTP/1.1 request that reports a dead server as `None` instead of failing.
fn try_request(base: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Option<(u16, String)> {
    let authority = base.strip_prefix("http://")?;
    let address = authority.parse().ok()?;
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let (_, body) = text.split_once("\r\n\r\n")?;
    Some((status, body.to_owned()))
}

struct Session {
    cookie: String,
    csrf: String,
}

impl Session {
    fn send(&self, base: &str, method: &str, path: &str, kind: &str, body: &str) -> Option<(u16, String)> {
        let headers = [("Cookie", self.cookie.as_str()), ("X-CSRF-Token", self.csrf.as_str()), ("Content-Type", kind)];
        try_request(base, method, path, &headers, body)
    }
}

fn login(base: &str) -> Session {
    let body = serde_json::json!({ "login": "applicant", "password": "pencere-demo" }).to_string();
    let reply = process::http_request(
        "POST",
        &format!("{base}/api/v1/session"),
        &[("Content-Type", "application/json")],
        &body,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let cookie = reply.header("set-cookie").unwrap().split(';').next().unwrap().to_owned();
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    Session { cookie, csrf: json["csrf_token"].as_str().unwrap().to_owned() }
}

/// A free loopback port, so that every restart listens where the clients send.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Rows of a query, every column as text (`NULL` as empty), on either backend.
async fn rows(target: &Target, sql: &str) -> Vec<Vec<String>> {
    use pencere_store::sqlx::{Connection as _, Row as _};
    match target {
        Target::Sqlite(dir) => {
            let url = format!("sqlite://{}", dir.join("pencere.db").display());
            let mut conn = pencere_store::sqlx::SqliteConnection::connect(&url).await.unwrap();
            let found = pencere_store::sqlx::query(sql).fetch_all(&mut conn).await.unwrap();
            found
                .iter()
                .map(|row| {
                    (0..row.len())
                        .map(|i| {
                            row.try_get::<Option<String>, _>(i)
                                .ok()
                                .flatten()
                                .or_else(|| row.try_get::<Option<i64>, _>(i).ok().flatten().map(|n| n.to_string()))
                                .unwrap_or_default()
                        })
                        .collect()
                })
                .collect()
        }
        Target::Postgres(url) => {
            let mut conn = pencere_store::sqlx::PgConnection::connect(url).await.unwrap();
            let found = pencere_store::sqlx::query(sql).fetch_all(&mut conn).await.unwrap();
            found
                .iter()
                .map(|row| {
                    (0..row.len())
                        .map(|i| {
                            row.try_get::<Option<String>, _>(i)
                                .ok()
                                .flatten()
                                .or_else(|| row.try_get::<Option<i64>, _>(i).ok().flatten().map(|n| n.to_string()))
                                .unwrap_or_default()
                        })
                        .collect()
                })
                .collect()
        }
    }
}

enum Target {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

impl Target {
    fn args(&self) -> Vec<String> {
        match self {
            Target::Sqlite(dir) => vec!["--data".into(), dir.display().to_string()],
            Target::Postgres(url) => vec!["--database-url".into(), url.clone()],
        }
    }
}

fn start(workdir: &Path, target: &Target, port: u16, smtp: &str) -> Server {
    let mut command = pencere(workdir);
    command
        .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{port}"), "--smtp-url", smtp, "--log", "warn"])
        .args(target.args());
    Server::start(command)
}

fn kill(server: Server) {
    // Dropping a Server sends SIGKILL and reaps it.
    drop(server);
}

/// A small pseudo-random stream for the moments of the kills.
fn jitter(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Mails in the maildir addressed to `to`, as text.
fn mails_to(maildir: &Path, to: &str) -> Vec<String> {
    std::fs::read_dir(maildir.join("new"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .filter(|mail| mail.contains(&format!("To: {to}")))
        .collect()
}

/// One client's work: draft, document, submission under its own Idempotency-Key; a request
/// without an answer is tried again (the same key for the submission) once the server is back.
fn client(
    base: String,
    session: Session,
    index: usize,
    stop: Arc<AtomicBool>,
    acked: Arc<Mutex<BTreeMap<String, String>>>,
    form: serde_json::Value,
) {
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let key = format!("crash-{index}-{n}");
        let body = serde_json::json!({ "service": "lic.fire-protection", "draft": true, "data": form }).to_string();
        let draft = match session.send(&base, "POST", "/api/v1/cases", "application/json", &body) {
            Some((201, draft)) => draft,
            Some((status, answer)) => panic!("draft: {status} {answer}"),
            None => {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let id = serde_json::from_str::<serde_json::Value>(&draft).unwrap()["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/cases/{id}/documents/ownership");
        let attached = loop {
            match session.send(&base, "PUT", &path, "application/octet-stream", PDF) {
                Some((201, _)) => break true,
                Some((status, body)) => panic!("attach: {status} {body}"),
                None if stop.load(Ordering::Relaxed) => break false,
                None => std::thread::sleep(Duration::from_millis(50)),
            }
        };
        if !attached {
            return;
        }
        let body = serde_json::json!({ "service": "lic.fire-protection", "draft_id": id, "data": form }).to_string();
        let headers_key = key.clone();
        loop {
            let headers = [
                ("Cookie", session.cookie.as_str()),
                ("X-CSRF-Token", session.csrf.as_str()),
                ("Content-Type", "application/json"),
                ("Idempotency-Key", headers_key.as_str()),
            ];
            match try_request(&base, "POST", "/api/v1/cases", &headers, &body) {
                Some((200 | 201, answer)) => {
                    let number = serde_json::from_str::<serde_json::Value>(&answer).unwrap()["number"]
                        .as_str()
                        .unwrap()
                        .to_owned();
                    acked.lock().unwrap().insert(key.clone(), number);
                    break;
                }
                Some((status, answer)) => panic!("submit {key}: {status} {answer}"),
                // No answer: the server died. Unacknowledged, the key is tried again; when the
                // run is over it stays unacknowledged (and must then be all there or not at all).
                None if stop.load(Ordering::Relaxed) => return,
                None => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }
}

async fn crash_run(target: Target) {
    let dir = tempfile::tempdir().unwrap();
    let (smtp, maildir) = pencere_testkit::smtp::server();
    let port = free_port();
    // The demo applicant gets an address of this run's own, so that no other test reads its mail.
    let to = format!("crash-{}-{}@example.az", std::process::id(), port);
    let first = start(dir.path(), &target, port, &smtp);
    assert!(first.terminate().success());
    match &target {
        Target::Sqlite(data) => {
            use pencere_store::sqlx::Connection as _;
            let url = format!("sqlite://{}", data.join("pencere.db").display());
            let mut conn = pencere_store::sqlx::SqliteConnection::connect(&url).await.unwrap();
            pencere_store::sqlx::query("UPDATE users SET email = $1 WHERE login = 'applicant'")
                .bind(&to)
                .execute(&mut conn)
                .await
                .unwrap();
        }
        Target::Postgres(url) => {
            use pencere_store::sqlx::Connection as _;
            let mut conn = pencere_store::sqlx::PgConnection::connect(url).await.unwrap();
            pencere_store::sqlx::query("UPDATE users SET email = $1 WHERE login = 'applicant'")
                .bind(&to)
                .execute(&mut conn)
                .await
                .unwrap();
        }
    }

    let mut server = start(dir.path(), &target, port, &smtp);
    let base = server.url.clone();
    let prefill = login(&base);
    let (status, body) =
        prefill.send(&base, "GET", "/api/v1/services/lic.fire-protection/prefill", "application/json", "").unwrap();
    assert_eq!(status, 200, "{body}");
    let mut form = serde_json::from_str::<serde_json::Value>(&body).unwrap()["data"].as_object().unwrap().clone();
    for (key, value) in [
        ("activity_address", "Bakı ş., Nizami küç. 10"),
        ("activity_scope", "production"),
        ("contact_phone", "+994501234567"),
        ("contact_email", to.as_str()),
    ] {
        form.insert(key.into(), value.into());
    }
    let form = serde_json::Value::Object(form);

    let stop = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(Mutex::new(BTreeMap::new()));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|index| {
            let (base, session, stop, acked, form) =
                (base.clone(), login(&base), stop.clone(), acked.clone(), form.clone());
            std::thread::spawn(move || client(base, session, index, stop, acked, form))
        })
        .collect();

    let mut seed = u64::from(port) | 1 << 40;
    let started = Instant::now();
    for _ in 0..KILLS {
        std::thread::sleep(Duration::from_millis(150 + jitter(&mut seed) % 900));
        kill(server);
        server = start(dir.path(), &target, port, &smtp);
    }
    // A last stretch of load on the last server, then stop the clients.
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        client.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(!acked.is_empty(), "some submissions were acknowledged in {:?}", started.elapsed());

    // A killed server's e-mail leases would run out in two minutes; run that clock forward.
    let expire = "UPDATE outbox SET lease_until = 0 WHERE status = 'pending' AND lease_until IS NOT NULL";
    rows(&target, expire).await;
    // Every notice of our applications goes out.
    let ours = "c.idempotency_key LIKE 'crash-%'";
    let pending =
        format!("SELECT COUNT(*) FROM outbox o JOIN cases c ON c.id = o.case_id WHERE {ours} AND o.status <> 'sent'");
    let mut left = String::new();
    for _ in 0..300 {
        left = rows(&target, &pending).await[0][0].clone();
        if left == "0" {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(left, "0", "every queued notice was delivered");
    assert!(server.terminate().success());

    // Every acknowledged submission exists exactly once, with the number it was answered with.
    let stored = rows(&target, &format!("SELECT c.idempotency_key, c.number FROM cases c WHERE {ours}")).await;
    let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in &stored {
        by_key.entry(row[0].clone()).or_default().push(row[1].clone());
    }
    for (key, number) in &acked {
        assert_eq!(by_key.get(key), Some(&vec![number.clone()]), "acknowledged {key} exists once as {number}");
    }
    let numbers: BTreeSet<&String> = stored.iter().map(|row| &row[1]).collect();
    assert_eq!(numbers.len(), stored.len(), "no number is given twice");

    // Nothing is half-written: each stored submission has its number, its "registered" event,
    // its audit entry and its notices (inbox and e-mail), whether or not its answer arrived.
    let whole = format!(
        "SELECT c.id, c.number, c.state, \
         (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'registered'), \
         (SELECT COUNT(*) FROM audit_entries a WHERE a.record_type = 'case' AND a.record_id = c.id AND a.action = 'case.submit'), \
         (SELECT COUNT(*) FROM outbox o WHERE o.case_id = c.id AND o.channel = 'inbox'), \
         (SELECT COUNT(*) FROM outbox o WHERE o.case_id = c.id AND o.channel = 'email'), \
         (SELECT COUNT(*) FROM outbox o JOIN inbox i ON i.outbox_id = o.id WHERE o.case_id = c.id) \
         FROM cases c WHERE {ours}"
    );
    for row in rows(&target, &whole).await {
        assert!(!row[1].is_empty(), "{row:?} has a number");
        assert_eq!(row[2], "registered", "{row:?}");
        assert_eq!(&row[3..], ["1", "1", "1", "1", "1"], "case, event, audit entry, notices, inbox row: {row:?}");
    }
    // Unacknowledged drafts are either whole drafts or absent; no draft has a number.
    let numbered_drafts =
        rows(&target, "SELECT COUNT(*) FROM cases WHERE state = 'draft' AND number IS NOT NULL").await;
    assert_eq!(numbered_drafts[0][0], "0");

    // Each e-mail notice reached the SMTP server exactly once as a message: a kill between the
    // SMTP server's acceptance and the "sent" mark sends it again, but under the same Message-ID
    // (the outbox message's), which mail systems and readers fold into one.
    let mails = mails_to(&maildir, &to);
    let notices = rows(
        &target,
        &format!(
            "SELECT c.number, o.id FROM cases c JOIN outbox o ON o.case_id = c.id AND o.channel = 'email' WHERE {ours}"
        ),
    )
    .await;
    assert_eq!(notices.len(), stored.len());
    for notice in &notices {
        let (number, outbox_id) = (&notice[0], &notice[1]);
        let ids: BTreeSet<String> = mails
            .iter()
            .filter(|mail| mail.contains(number.as_str()))
            .filter_map(|mail| {
                mail.lines()
                    .find(|line| line.to_ascii_lowercase().starts_with("message-id:"))
                    .map(|line| line["message-id:".len()..].trim().to_owned())
            })
            .collect();
        assert_eq!(ids.len(), 1, "the notice of {number} is one message: {ids:?}");
        assert!(ids.iter().all(|id| id.starts_with(&format!("<{outbox_id}@"))), "{ids:?} names {outbox_id}");
    }
    for entry in std::fs::read_dir(maildir.join("new")).into_iter().flatten().flatten() {
        if std::fs::read_to_string(entry.path()).is_ok_and(|mail| mail.contains(&format!("To: {to}"))) {
            let _ = std::fs::remove_file(entry.path());
        }
    }

    // The journal is intact.
    let mut verify = pencere(dir.path());
    verify.args(["audit", "verify"]).args(target.args());
    let output = process::run(verify);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "audit verify: {stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("audit journal intact"), "{stdout}");
}

// clause: LIC-2.0.7, KOB-6.1.9, LIC-8.0.3
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_submissions_survive_twenty_kills() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    crash_run(Target::Sqlite(data)).await;
}

// clause: LIC-2.0.7, KOB-6.1.9, LIC-8.0.3
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_submissions_survive_twenty_kills() {
    let url = pencere_testkit::fresh_postgres_database().await;
    crash_run(Target::Postgres(url)).await;
}
