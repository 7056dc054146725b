//! Two `pencere serve` processes on one PostgreSQL database, requests alternated between them:
//! a session made on one is valid on the other, an application begun on one is finished on the
//! other, its notice is e-mailed once though both deliver the outbox, a deadline sweep run on
//! both at once acts on each deadline once, and when one instance is killed the other carries on
//! with the same data and sessions.

use std::path::Path;

use pencere_testkit::process::{self, HttpReply, Server};

use super::pencere;

struct Client {
    cookie: String,
    csrf: String,
}

fn login(server: &Server, login: &str) -> Client {
    login_at(&server.url, login)
}

fn send(server: &Server, client: &Client, method: &str, path: &str, kind: &str, body: &str) -> HttpReply {
    send_to(&server.url, client, method, path, kind, body)
}

fn send_to(base: &str, client: &Client, method: &str, path: &str, kind: &str, body: &str) -> HttpReply {
    let headers = [("Cookie", client.cookie.as_str()), ("X-CSRF-Token", client.csrf.as_str()), ("Content-Type", kind)];
    process::http_request(method, &format!("{base}{path}"), &headers, body)
}

fn start(workdir: &Path, url: &str, smtp: &str) -> Server {
    let mut command = pencere(workdir);
    command.args(["serve", "--demo", "--addr", "127.0.0.1:0", "--database-url", url, "--smtp-url", smtp]);
    Server::start(command)
}

const PDF: &str = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Messages in the maildir addressed to `to` that mention `text`.
fn mails(maildir: &Path, to: &str, text: &str) -> usize {
    std::fs::read_dir(maildir.join("new"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| {
            let mail = std::fs::read_to_string(entry.path()).unwrap_or_default();
            mail.contains(&format!("To: {to}")) && mail.contains(text)
        })
        .count()
}

// clause: LIC-2.0.7
#[tokio::test]
async fn two_instances_share_sessions_deliver_once_sweep_once_and_survive_the_loss_of_one() {
    let dir = tempfile::tempdir().unwrap();
    let url = pencere_testkit::fresh_postgres_database().await;
    let (smtp, maildir) = pencere_testkit::smtp::server();
    // Mail to the demo applicant left by an earlier run would name the same numbers: clear it.
    for entry in std::fs::read_dir(maildir.join("new")).into_iter().flatten().flatten() {
        let mail = std::fs::read_to_string(entry.path()).unwrap_or_default();
        if mail.contains("To: rashad.mammadov@example.az") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let a = start(dir.path(), &url, &smtp);
    let b = start(dir.path(), &url, &smtp);

    // A session made on A is valid on B.
    let applicant = login(&a, "applicant");
    let me = send(&b, &applicant, "GET", "/api/v1/me", "application/json", "");
    assert_eq!(me.status, 200, "{}", me.body);
    assert!(me.body.contains("\"login\":\"applicant\""), "{}", me.body);

    // An application: drafted on B, its documents attached on A, submitted on B.
    let marker = format!("Two instances street {}", std::process::id());
    let data = serde_json::json!({
        "activity_address": marker,
        "activity_scope": "production",
        "contact_phone": "+994501234567",
        "contact_email": "rashad.mammadov@example.az",
    });
    let draft = send(
        &b,
        &applicant,
        "POST",
        "/api/v1/cases",
        "application/json",
        &serde_json::json!({ "service": "lic.fire-protection", "draft": true, "data": data }).to_string(),
    );
    assert_eq!(draft.status, 201, "{}", draft.body);
    let id = serde_json::from_str::<serde_json::Value>(&draft.body).unwrap()["id"].as_str().unwrap().to_owned();
    for slot in ["ownership", "conditions"] {
        let attached = send(
            &a,
            &applicant,
            "PUT",
            &format!("/api/v1/cases/{id}/documents/{slot}"),
            "application/octet-stream",
            PDF,
        );
        assert_eq!(attached.status, 201, "{}", attached.body);
    }
    let prefill = send(&a, &applicant, "GET", "/api/v1/services/lic.fire-protection/prefill", "application/json", "");
    let mut full: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str::<serde_json::Value>(&prefill.body).unwrap()["data"].as_object().unwrap().clone();
    full.extend(data.as_object().unwrap().clone());
    let submitted = send(
        &b,
        &applicant,
        "POST",
        "/api/v1/cases",
        "application/json",
        &serde_json::json!({ "service": "lic.fire-protection", "draft_id": id, "data": full }).to_string(),
    );
    assert_eq!(submitted.status, 201, "{}", submitted.body);
    let number =
        serde_json::from_str::<serde_json::Value>(&submitted.body).unwrap()["number"].as_str().unwrap().to_owned();

    // Both instances deliver the outbox; the registration notice is e-mailed once.
    // (The demo's own applications notify the same person: count only the mails naming ours.)
    let to = "rashad.mammadov@example.az";
    for _ in 0..150 {
        if mails(&maildir, to, &number) > 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(mails(&maildir, to, &number), 1, "the registration notice arrives");
    std::thread::sleep(std::time::Duration::from_secs(3));
    assert_eq!(mails(&maildir, to, &number), 1, "and no second copy of it");

    // The deadline sweep run on both at once acts on each expired deadline once.
    let open: i64 = {
        use pencere_store::sqlx::Connection as _;
        let mut conn = pencere_store::sqlx::PgConnection::connect(&url).await.unwrap();
        pencere_store::sqlx::query_scalar(
            "SELECT COUNT(*) FROM case_deadlines WHERE status = 'open' AND due_on < '2027-12-01'",
        )
        .fetch_one(&mut conn)
        .await
        .unwrap()
    };
    assert!(open > 0, "the demo's applications and ours have open deadlines");
    let expired = |url: String| async move {
        use pencere_store::sqlx::Connection as _;
        let mut conn = pencere_store::sqlx::PgConnection::connect(&url).await.unwrap();
        let count: i64 =
            pencere_store::sqlx::query_scalar("SELECT COUNT(*) FROM case_deadlines WHERE status = 'expired'")
                .fetch_one(&mut conn)
                .await
                .unwrap();
        count
    };
    let expired_before = expired(url.clone()).await;
    let operator_a = login(&a, "operator");
    let operator_b = login(&b, "operator");
    let sweep = |base: &str, client: &Client| -> (i64, i64) {
        let form = format!("csrf={}&date=2027-12-01", client.csrf);
        let reply = send_to(base, client, "POST", "/test/deadlines/sweep", "application/x-www-form-urlencoded", &form);
        assert_eq!(reply.status, 303, "{}", reply.body);
        let location = reply.header("location").unwrap().to_owned();
        let figure = |name: &str| -> i64 {
            location.split(&format!("{name}=")).nth(1).unwrap().split('&').next().unwrap().parse().unwrap()
        };
        (figure("acted"), figure("flagged"))
    };
    let (first, second) = std::thread::scope(|scope| {
        let one = scope.spawn(|| sweep(&a.url, &operator_a));
        let two = scope.spawn(|| sweep(&b.url, &operator_b));
        (one.join().unwrap(), two.join().unwrap())
    });
    // Each deadline is acted on once: as many acts as deadlines expired, at least every one open
    // before (an act may resume a paused deadline that is itself past due, LIC-5.5).
    let acted = first.0 + first.1 + second.0 + second.1;
    assert_eq!(acted, expired(url.clone()).await - expired_before, "each deadline once: {first:?} {second:?}");
    assert!(acted >= open, "{acted} < {open}");
    assert_eq!(sweep(&b.url, &operator_b), (0, 0), "nothing is left to act on");

    // A is killed; B carries on with the same session and data.
    drop(a);
    let case = send(&b, &applicant, "GET", &format!("/api/v1/cases/{id}"), "application/json", "");
    assert_eq!(case.status, 200, "{}", case.body);
    assert!(case.body.contains(&number));
    assert_eq!(b.get("/readyz").0, 200);
    assert!(b.terminate().success());
}

/// One applicant's submission through the API, each request to the next live instance in turn:
/// a draft, its two documents, the submission. `Ok((id, number))` once the submission was
/// acknowledged; `Err` when an instance could not be reached or answered otherwise.
fn submit_through(
    bases: &[String],
    turn: &mut usize,
    client: &Client,
    marker: &str,
) -> Result<(String, String), String> {
    let mut next = || {
        *turn += 1;
        bases[*turn % bases.len()].clone()
    };
    let headers = |kind: &'static str| -> Vec<(&'static str, String)> {
        vec![
            ("Cookie", client.cookie.clone()),
            ("X-CSRF-Token", client.csrf.clone()),
            ("Content-Type", kind.to_owned()),
        ]
    };
    let call = |base: String, method: &str, path: &str, kind: &'static str, body: &str| {
        let owned = headers(kind);
        let borrowed: Vec<(&str, &str)> = owned.iter().map(|(name, value)| (*name, value.as_str())).collect();
        process::try_http_request(method, &format!("{base}{path}"), &borrowed, body)
    };
    let data = serde_json::json!({
        "activity_address": marker,
        "activity_scope": "production",
        "contact_phone": "+994501234567",
        "contact_email": "rashad.mammadov@example.az",
        "applicant_name": "Rəşad Məmmədov",
        "voen": "1400551291",
    });
    let body = serde_json::json!({ "service": "lic.fire-protection", "draft": true, "data": data }).to_string();
    let draft = call(next(), "POST", "/api/v1/cases", "application/json", &body)?;
    if draft.status != 201 {
        return Err(format!("draft: {} {}", draft.status, draft.body));
    }
    let id = serde_json::from_str::<serde_json::Value>(&draft.body).map_err(|e| e.to_string())?["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for slot in ["ownership", "conditions"] {
        let path = format!("/api/v1/cases/{id}/documents/{slot}");
        let attached = call(next(), "PUT", &path, "application/octet-stream", PDF)?;
        if attached.status != 201 {
            return Err(format!("attach: {} {}", attached.status, attached.body));
        }
    }
    let body = serde_json::json!({ "service": "lic.fire-protection", "draft_id": id, "data": data }).to_string();
    let submitted = call(next(), "POST", "/api/v1/cases", "application/json", &body)?;
    if !(200..300).contains(&submitted.status) {
        return Err(format!("submit: {} {}", submitted.status, submitted.body));
    }
    let number = serde_json::from_str::<serde_json::Value>(&submitted.body).map_err(|e| e.to_string())?["number"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    Ok((id, number))
}

// clause: LIC-2.0.7, LIC-8.0.3
#[tokio::test]
async fn killing_one_of_two_instances_under_load_loses_no_acknowledged_submission() {
    use pencere_store::sqlx::Connection as _;
    let dir = tempfile::tempdir().unwrap();
    let url = pencere_testkit::fresh_postgres_database().await;
    let (smtp, _) = pencere_testkit::smtp::server();
    let a = start(dir.path(), &url, &smtp);
    let b = start(dir.path(), &url, &smtp);
    let bases = vec![a.url.clone(), b.url.clone()];
    let survivor = vec![b.url.clone()];
    let a = std::sync::Mutex::new(Some(a));
    let killed = std::sync::atomic::AtomicBool::new(false);
    let acknowledged = std::sync::Mutex::new(Vec::<(String, String)>::new());
    let failures = std::sync::atomic::AtomicUsize::new(0);
    const WORKERS: usize = 6;
    const BEFORE_KILL: usize = 12;
    const AFTER_KILL: usize = 12;
    std::thread::scope(|scope| {
        for worker in 0..WORKERS {
            let (bases, survivor, a, killed, acknowledged, failures) =
                (&bases, &survivor, &a, &killed, &acknowledged, &failures);
            let b_url = survivor[0].clone();
            scope.spawn(move || {
                let client = login_at(&b_url, "applicant");
                let mut turn = worker;
                for round in 0.. {
                    let done = acknowledged.lock().unwrap().len();
                    if done >= BEFORE_KILL + AFTER_KILL {
                        break;
                    }
                    // The first worker kills A, mid-traffic, once enough was acknowledged.
                    if worker == 0 && done >= BEFORE_KILL && !killed.swap(true, std::sync::atomic::Ordering::SeqCst) {
                        drop(a.lock().unwrap().take());
                    }
                    let targets = if killed.load(std::sync::atomic::Ordering::SeqCst) { survivor } else { bases };
                    let marker = format!("Load street {worker}-{round}");
                    match submit_through(targets, &mut turn, &client, &marker) {
                        Ok(ids) => acknowledged.lock().unwrap().push(ids),
                        Err(_) => {
                            failures.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                    }
                    assert!(failures.load(std::sync::atomic::Ordering::SeqCst) < 200, "the survivor keeps serving");
                }
            });
        }
    });
    assert!(killed.load(std::sync::atomic::Ordering::SeqCst), "A was killed under load");
    let acknowledged = acknowledged.into_inner().unwrap();
    assert!(acknowledged.len() >= BEFORE_KILL + AFTER_KILL);

    // Every acknowledged submission is there once, with its number, its journal entry and its
    // notices; nothing is half-written for the ones that were not acknowledged.
    let mut conn = pencere_store::sqlx::PgConnection::connect(&url).await.unwrap();
    for (id, number) in &acknowledged {
        let rows: i64 = pencere_store::sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE id = $1 AND number = $2")
            .bind(id)
            .bind(number)
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(rows, 1, "{number}");
    }
    let numbers: Vec<String> = acknowledged.iter().map(|(_, number)| number.clone()).collect();
    let mut unique = numbers.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), numbers.len(), "no number given twice");
    let half_written: i64 = pencere_store::sqlx::query_scalar(
        "SELECT COUNT(*) FROM cases c WHERE c.number IS NOT NULL AND c.service = 'lic.fire-protection' \
         AND (NOT EXISTS (SELECT 1 FROM audit_entries l WHERE l.record_id = c.id AND l.action = 'case.submit') \
              OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id AND o.template = 'case-registered'))",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(half_written, 0, "every registered case has its journal entry and its notices");
    let notices: Vec<i64> = pencere_store::sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE template = 'case-registered' AND channel = 'email' GROUP BY case_id",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert!(notices.iter().all(|count| *count == 1), "one registration e-mail queued per case: {notices:?}");

    let verify = process::run({
        let mut command = pencere(dir.path());
        command.args(["audit", "verify", "--database-url", &url]);
        command
    });
    assert!(verify.status.success(), "audit verify: {}", String::from_utf8_lossy(&verify.stderr));
    assert!(b.terminate().success());
}

fn login_at(base: &str, login: &str) -> Client {
    let body = serde_json::json!({ "login": login, "password": "pencere-demo" }).to_string();
    let reply = process::http_request(
        "POST",
        &format!("{base}/api/v1/session"),
        &[("Content-Type", "application/json")],
        &body,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let cookie = reply.header("set-cookie").unwrap().split(';').next().unwrap().to_owned();
    let session: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    Client { cookie, csrf: session["csrf_token"].as_str().unwrap().to_owned() }
}
