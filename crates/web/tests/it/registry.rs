//! The unified registry over HTTP: a signed licence enters the public registry under a numbered
//! entry, anyone finds it and checks its signed extract with `openssl`; the tax authority and the
//! supervisory body each read their own feed; the supervisory body's motion is answered by a
//! signed suspension, then a restoration and a revocation, each reflected at once.

use std::process::Command;

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use pencere_trust::cms;
use pencere_web::problem::ProblemKind;

use super::auth::{Client, api_login, with_client};
use super::trust::{SECRET, World, act, billed, callback, case_json, paid, seconds, world};
use crate::TestApp;

/// Signs the case's document awaiting a signature with the reviewer's own key.
pub(super) async fn sign_pending(world: &World, reviewer: &Client, case_id: &str) {
    let app = &world.app;
    let case = case_json(app, reviewer, case_id).await;
    let pending = case["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|document| document["status"] == "awaiting_signature")
        .unwrap_or_else(|| panic!("a document awaits its signature: {case}"));
    let id = pending["id"].as_str().unwrap();
    let (status, pdf) = app.send_bytes(with_client(Method::GET, &format!("/documents/{id}/pdf"), reviewer, "")).await;
    assert_eq!(status, StatusCode::OK);
    let at = pencere_core::Clock::now(app.clock.as_ref());
    let signature = cms::sign_detached(&pdf, &world.reviewer_key, at).unwrap();
    let mut request = with_client(Method::POST, &format!("/api/v1/documents/{id}/signature"), reviewer, "");
    *request.body_mut() = Body::from(signature);
    request.headers_mut().insert(header::CONTENT_TYPE, "application/pkcs7-signature".parse().unwrap());
    let signed = app.send(request).await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
}

async fn act_with_reason(app: &TestApp, client: &Client, id: &str, transition: &str, reason: &str) -> StatusCode {
    let form = format!("csrf={}&transition={transition}&reason={}", client.csrf, reason.replace(' ', "+"));
    app.send(with_client(Method::POST, &format!("/work/cases/{id}/act"), client, &form)).await.status
}

async fn feed(app: &TestApp, client: &Client, after: i64) -> Vec<serde_json::Value> {
    let reply = app.send(with_client(Method::GET, &format!("/api/v1/registry/feed?after={after}"), client, "")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json().as_array().unwrap().clone()
}

/// A licence issued: the case id and the licence's number.
pub(super) async fn issued(world: &World, person: &Client, reviewer: &Client) -> (String, String) {
    let app = &world.app;
    let (id, code) = billed(world, person, reviewer).await;
    let reply = app.send(callback("bank", SECRET, seconds(app), &paid(&code, "BANK-R", "550.00"))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(act(app, reviewer, &id, "issue").await.status, StatusCode::SEE_OTHER);
    sign_pending(world, reviewer, &id).await;
    let found = app.get("/api/v1/registry?q=R%C9%99%C5%9Fad").await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    let number = found.json()[0]["number"].as_str().unwrap().to_owned();
    (id, number)
}

// clause: LIC-3.5, LIC-7.3, LIC-10.0.7, LIC-8.0.14
#[tokio::test]
async fn a_signed_licence_is_in_the_public_registry_with_an_extract_that_openssl_verifies() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let (id, code) = billed(&world, &person, &reviewer).await;
    let reply = app.send(callback("bank", SECRET, seconds(app), &paid(&code, "BANK-1", "550.00"))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // Prepared but not signed: numbered, yet not public.
    assert_eq!(act(app, &reviewer, &id, "issue").await.status, StatusCode::SEE_OTHER);
    assert!(app.get("/api/v1/registry").await.json().as_array().unwrap().is_empty());
    assert_eq!(app.get("/registry/LIC-ECONOMY-000001").await.status, StatusCode::NOT_FOUND);
    sign_pending(&world, &reviewer, &id).await;

    // Anyone, without logging in, finds it by the holder's name, the number or the status.
    // A whole number is looked up exactly, whatever its case; a fragment of it still matches.
    for query in [
        "q=r%C9%99%C5%9Fad",
        "q=LIC-ECONOMY-000001",
        "q=lic-economy-000001",
        "q=000001",
        "status=active",
        "body=economy&service=lic.sample",
    ] {
        let found = app.get(&format!("/api/v1/registry?{query}")).await.json();
        assert_eq!(found.as_array().unwrap().len(), 1, "{query}: {found}");
        assert_eq!(found[0]["number"], "LIC-ECONOMY-000001");
        assert_eq!(found[0]["holder_name"], "Rəşad Məmmədov");
        assert_eq!(found[0]["status"], "active");
        assert_eq!(found[0]["body"], "economy");
        assert_eq!(found[0]["address"], "Bakı");
    }
    for query in ["q=nobody", "q=LIC-ECONOMY-000002", "q=1400551291", "status=revoked", "body=taxes", "from=2099-01-01"]
    {
        let found = app.get(&format!("/api/v1/registry?{query}")).await.json();
        assert!(found.as_array().unwrap().is_empty(), "{query}: {found}");
    }
    app.get("/api/v1/registry?from=yesterday").await.problem(ProblemKind::Validation);
    let page = app.get("/registry?q=LIC-ECONOMY").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("href=\"/registry/LIC-ECONOMY-000001\""), "{}", page.body);
    let bad = app.get("/registry?from=31.12.2026").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("id=\"from-error\""), "a field-level message: {}", bad.body);

    // The entry's page shows its history; the extract is signed with the portal's key.
    let entry = app.get("/registry/LIC-ECONOMY-000001").await;
    assert_eq!(entry.status, StatusCode::OK);
    assert!(entry.body.contains("data-status=\"active\""));
    assert!(entry.body.contains("data-kind=\"issued\""));
    let json = app.get("/api/v1/registry/LIC-ECONOMY-000001").await.json();
    assert_eq!(json["history"][0]["kind"], "issued");
    let licence_code = json["history"][0]["act_code"].as_str().unwrap().to_owned();
    let verified = app.get(&format!("/api/v1/verify/{licence_code}")).await.json();
    assert_eq!(verified["status"], "valid", "the history links the signed licence");
    let directory = tempfile::tempdir().unwrap();
    for (path, file) in [
        ("/registry/LIC-ECONOMY-000001/extract.pdf", "extract.pdf"),
        ("/registry/LIC-ECONOMY-000001/extract.sig", "extract.sig"),
        ("/registry/seal.pem", "seal.pem"),
    ] {
        let (status, bytes) = app.send_bytes(axum::http::Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        std::fs::write(directory.path().join(file), bytes).unwrap();
    }
    let check = || {
        Command::new("openssl")
            .args(["dgst", "-sha256", "-verify", "seal.pem", "-signature", "extract.sig", "extract.pdf"])
            .current_dir(directory.path())
            .output()
            .unwrap_or_else(|error| panic!("running openssl (scripts/test installs it): {error}"))
    };
    let output = check();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = Command::new("pdftotext")
        .args(["extract.pdf", "-"])
        .current_dir(directory.path())
        .output()
        .unwrap_or_else(|error| panic!("running pdftotext (scripts/test installs it): {error}"));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("LIC-ECONOMY-000001") && text.contains("Rəşad Məmmədov"), "{text}");
    let mut pdf = std::fs::read(directory.path().join("extract.pdf")).unwrap();
    let middle = pdf.len() / 2;
    pdf[middle] ^= 0x01;
    std::fs::write(directory.path().join("extract.pdf"), pdf).unwrap();
    assert!(!check().status.success(), "one changed byte fails");
}

// clause: LIC-6.3, LIC-6.4, LIC-6.5, LIC-6.6, LIC-8.0.8
#[tokio::test]
async fn the_supervisors_motion_leads_to_signed_acts_that_reach_the_registry_and_both_feeds_at_once() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let supervisor = api_login(app, "supervisor").await;
    let taxman = api_login(app, "taxman").await;
    let (id, number) = issued(&world, &person, &reviewer).await;

    // The issue reached the tax authority and the supervisory body, each in its own feed.
    for client in [&taxman, &supervisor] {
        let items = feed(app, client, 0).await;
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(items[0]["payload"]["event"], "issued");
        assert_eq!(items[0]["payload"]["number"], number.as_str());
        assert_eq!(items[0]["payload"]["status"], "active");
    }
    let mine = app.send(with_client(Method::GET, "/api/v1/registry/feed", &person, "")).await;
    assert_eq!(mine.status, StatusCode::FORBIDDEN, "the holder is no receiving body");
    assert!(feed(app, &reviewer, 0).await.is_empty(), "the licensing body receives no feed of its own acts");

    // Only the supervisory body moves, and only with reasons.
    let motion = |client: &Client, body: &str| {
        let mut request = with_client(Method::POST, &format!("/api/v1/registry/{number}/motions"), client, "");
        *request.body_mut() = Body::from(body.to_owned());
        request.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        request
    };
    let reasons = r#"{"action":"suspend","reason":"Inspection of 20 November: extinguishers past their test date"}"#;
    app.send(motion(&reviewer, reasons)).await.problem(ProblemKind::Forbidden);
    app.send(motion(&taxman, reasons)).await.problem(ProblemKind::Forbidden);
    app.send(motion(&supervisor, r#"{"action":"suspend","reason":"  "}"#)).await.problem(ProblemKind::Validation);
    app.send(motion(&supervisor, r#"{"action":"close","reason":"x"}"#)).await.problem(ProblemKind::Validation);
    let filed = app.send(motion(&supervisor, reasons)).await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.body);
    let page = app.send(with_client(Method::GET, &format!("/registry/{number}"), &reviewer, "")).await;
    assert!(page.body.contains("extinguishers past their test date"), "the licensing body sees the motion");
    assert!(page.body.contains("/dismiss"), "and may dismiss it");
    let queue = app.send(with_client(Method::GET, "/work", &reviewer, "")).await;
    assert!(queue.body.contains("id=\"queue-motions\""), "the motion waits in the body's queue");
    assert!(queue.body.contains(&format!("href=\"/registry/{number}\"")));
    let public = app.get(&format!("/registry/{number}")).await;
    assert!(!public.body.contains("extinguishers"), "motions are not public");

    // The body suspends with a signed act: the registry, the licence and both feeds change at once.
    assert_eq!(act_with_reason(app, &reviewer, &id, "suspend", "").await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        act_with_reason(app, &reviewer, &id, "suspend", "Supervisory motion upheld").await,
        StatusCode::SEE_OTHER
    );
    let waiting = app.get(&format!("/api/v1/registry/{number}")).await.json();
    assert_eq!(waiting["status"], "active", "nothing changes before the act is signed");
    sign_pending(&world, &reviewer, &id).await;
    let json = app.get(&format!("/api/v1/registry/{number}")).await.json();
    assert_eq!(json["status"], "suspended");
    assert_eq!(json["history"][1]["kind"], "suspended");
    assert_eq!(json["history"][1]["reason"], "Supervisory motion upheld");
    let licence_code = json["history"][0]["act_code"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/api/v1/verify/{licence_code}")).await.json()["status"], "suspended");
    let act_code = json["history"][1]["act_code"].as_str().unwrap().to_owned();
    let act_check = app.get(&format!("/api/v1/verify/{act_code}")).await.json();
    assert_eq!(act_check["status"], "valid");
    assert_eq!(act_check["signature_valid"], true);
    let page = app.send(with_client(Method::GET, &format!("/registry/{number}"), &supervisor, "")).await;
    assert!(page.body.contains("data-status=\"accepted\""), "the motion is answered by the act: {}", page.body);
    for client in [&taxman, &supervisor] {
        let items = feed(app, client, 0).await;
        assert_eq!(items.len(), 2);
        assert_eq!(items[1]["payload"]["event"], "suspended");
        assert_eq!(items[1]["payload"]["status"], "suspended");
        let after = items[0]["seq"].as_i64().unwrap();
        assert_eq!(feed(app, client, after).await.len(), 1, "reading on from the last item");
    }
    let case = case_json(app, &person, &id).await;
    assert_eq!(case["state"], "suspended", "the holder sees it on the case");
    app.state.dispatcher().run_once().await.unwrap();
    let inbox = app.send(with_client(Method::GET, "/api/v1/inbox", &person, "")).await.json();
    let subject = inbox[0]["subject"].as_str().unwrap();
    assert!(subject.contains(&number) && subject.contains("dayandırılıb"), "the holder is notified: {inbox}");
    assert!(inbox[0]["body"].as_str().unwrap().contains("Supervisory motion upheld"), "with the reasons");

    // Restored, then revoked: each a signed act, each in the registry at once.
    assert_eq!(act_with_reason(app, &reviewer, &id, "restore", "Equipment re-tested").await, StatusCode::SEE_OTHER);
    sign_pending(&world, &reviewer, &id).await;
    assert_eq!(app.get(&format!("/api/v1/registry/{number}")).await.json()["status"], "active");
    assert_eq!(app.get(&format!("/api/v1/verify/{licence_code}")).await.json()["status"], "valid");
    let second = r#"{"action":"revoke","reason":"Repeated breach found on 1 December"}"#;
    assert_eq!(app.send(motion(&supervisor, second)).await.status, StatusCode::CREATED);
    assert_eq!(act_with_reason(app, &reviewer, &id, "revoke", "Repeated breach").await, StatusCode::SEE_OTHER);
    sign_pending(&world, &reviewer, &id).await;
    let json = app.get(&format!("/api/v1/registry/{number}")).await.json();
    assert_eq!(json["status"], "revoked");
    let kinds: Vec<&str> = json["history"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["issued", "suspended", "restored", "revoked"]);
    assert_eq!(app.get(&format!("/api/v1/verify/{licence_code}")).await.json()["status"], "revoked");
    assert_eq!(feed(app, &taxman, 0).await.len(), 4);
    let found = app.get("/api/v1/registry?status=revoked").await.json();
    assert_eq!(found[0]["number"], number.as_str());
    app.send(motion(&supervisor, reasons)).await.problem(ProblemKind::Conflict);
}

// clause: LIC-6.5
#[tokio::test]
async fn the_licensing_body_dismisses_a_motion_with_reasons_and_the_licence_stays_in_force() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let supervisor = api_login(app, "supervisor").await;
    let (_, number) = issued(&world, &person, &reviewer).await;
    let form = format!("csrf={}&action=suspend&reason=Missing+fire+log", supervisor.csrf);
    let filed = app.send(with_client(Method::POST, &format!("/registry/{number}/motions"), &supervisor, &form)).await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.body);
    let empty = format!("csrf={}&action=suspend&reason=", supervisor.csrf);
    let refused =
        app.send(with_client(Method::POST, &format!("/registry/{number}/motions"), &supervisor, &empty)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"motion-reason-error\""), "{}", refused.body);
    let page = app.send(with_client(Method::GET, &format!("/registry/{number}"), &reviewer, "")).await;
    let motion_id = page.body.split("/work/motions/").nth(1).unwrap().split('/').next().unwrap().to_owned();
    let path = format!("/work/motions/{motion_id}/dismiss");
    let by_person = format!("csrf={}&answer=No", person.csrf);
    assert_ne!(app.send(with_client(Method::POST, &path, &person, &by_person)).await.status, StatusCode::SEE_OTHER);
    let by_supervisor = format!("csrf={}&answer=No", supervisor.csrf);
    assert_ne!(
        app.send(with_client(Method::POST, &path, &supervisor, &by_supervisor)).await.status,
        StatusCode::SEE_OTHER,
        "the supervisory body does not decide its own motion"
    );
    let answer = format!("csrf={}&answer=The+log+was+shown+at+the+hearing", reviewer.csrf);
    assert_eq!(app.send(with_client(Method::POST, &path, &reviewer, &answer)).await.status, StatusCode::SEE_OTHER);
    let page = app.send(with_client(Method::GET, &format!("/registry/{number}"), &supervisor, "")).await;
    assert!(page.body.contains("data-status=\"dismissed\""));
    assert!(page.body.contains("The log was shown at the hearing"));
    assert_eq!(app.get(&format!("/api/v1/registry/{number}")).await.json()["status"], "active");
    assert_ne!(app.send(with_client(Method::POST, &path, &reviewer, &answer)).await.status, StatusCode::SEE_OTHER);
}
