//! A signed refusal and the administrative complaint against it, over HTTP: the refusal is a
//! reasoned act signed by the official and delivered to the cabinet; the applicant contests it
//! from the act itself; the complaint is checked against the acts issued to the applicant, goes
//! to the body that issued the act, shows its deadline on both sides, and is decided with a
//! signed result act sent to the cabinet and by e-mail.

use std::process::Command;

use axum::http::{Method, StatusCode};
use pencere_store::{on_conn, sqlx};

use super::auth::{Client, api_login, with_client};
use super::cases::apply_in_pages;
use super::registry::sign_pending;
use super::trust::{World, act, case_json, openssl_verify, world};
use crate::{Reply, TestApp};

async fn decide(app: &TestApp, client: &Client, id: &str, transition: &str, reason: &str) -> Reply {
    let form = format!("csrf={}&transition={transition}&reason={}", client.csrf, reason.replace(' ', "+"));
    app.send(with_client(Method::POST, &format!("/work/cases/{id}/act"), client, &form)).await
}

async fn complain(app: &TestApp, client: &Client, code: &str, key: &str) -> Reply {
    let form = format!(
        "csrf={}&idempotency_key={key}&f.act={}&f.grounds=The+premises+were+inspected+and+comply",
        client.csrf,
        code.to_lowercase()
    );
    app.send(with_client(Method::POST, "/services/lic.complaint/apply", client, &form)).await
}

/// Gives a user an e-mail address and a mobile number, as their cabinet would.
async fn give_addresses(world: &World, login: &str) {
    let mut tx = world.app.state.db().begin().await.unwrap();
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE users SET email = $1, phone = $2 WHERE login = $3"))
            .bind(format!("{login}@example.az"))
            .bind("+994501234567")
            .bind(login)
            .execute(&mut *conn)
            .await
            .unwrap();
    });
    tx.commit().await.unwrap();
}

/// The templates and channels of the messages written for a case.
async fn deliveries(app: &TestApp, case_id: &str) -> Vec<(String, String)> {
    let mut tx = app.state.db().begin_read().await.unwrap();
    pencere_notify::deliveries(&mut tx, case_id)
        .await
        .unwrap()
        .into_iter()
        .map(|delivery| (delivery.template, delivery.channel))
        .collect()
}

fn pdf_text(pdf: &[u8]) -> String {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("act.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|error| panic!("running pdftotext (scripts/test installs poppler-utils): {error}"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A refused application: the case id and the refusal's verification code.
async fn refused(world: &World, person: &Client, reviewer: &Client) -> (String, String) {
    let app = &world.app;
    let id = apply_in_pages(app, person).await;
    assert_eq!(decide(app, reviewer, &id, "refuse", "").await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reply = decide(app, reviewer, &id, "refuse", "The premises lack a fire exit").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(case_json(app, person, &id).await["state"], "registered", "nothing is decided before the signature");
    sign_pending(world, reviewer, &id).await;
    let case = case_json(app, person, &id).await;
    assert_eq!(case["state"], "refused");
    let code = case["documents"][0]["code"].as_str().unwrap().to_owned();
    (id, code)
}

// clause: LIC-5.9
#[tokio::test]
async fn a_refusal_is_a_reasoned_act_signed_by_the_official_and_delivered_to_the_cabinet() {
    let world = world().await;
    let app = &world.app;
    give_addresses(&world, "person").await;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let (id, _) = refused(&world, &person, &reviewer).await;

    let case = case_json(app, &person, &id).await;
    let document = &case["documents"][0];
    assert_eq!(document["status"], "valid");
    let document_id = document["id"].as_str().unwrap();
    let (status, pdf) =
        app.send_bytes(with_client(Method::GET, &format!("/documents/{document_id}/pdf"), &person, "")).await;
    assert_eq!(status, StatusCode::OK);
    let text = pdf_text(&pdf);
    assert!(text.contains("The premises lack a fire exit"), "the act states its reasons: {text}");
    let (status, p7s) =
        app.send_bytes(with_client(Method::GET, &format!("/documents/{document_id}/signature"), &person, "")).await;
    assert_eq!(status, StatusCode::OK);
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("DOC"), &pdf).unwrap();
    std::fs::write(directory.path().join("SIG"), &p7s).unwrap();
    std::fs::write(directory.path().join("CA.pem"), &world.ca_pem).unwrap();
    assert!(openssl_verify(directory.path()), "openssl verifies the official's signature on the refusal");

    // The decision reached the cabinet, the e-mail address and the mobile number.
    let sent = deliveries(app, &id).await;
    for channel in ["inbox", "email", "sms"] {
        assert!(sent.contains(&("case-decided".to_owned(), channel.to_owned())), "{channel}: {sent:?}");
    }
    // The review deadline was met, not left running.
    assert!(case["deadlines"].as_array().unwrap().iter().all(|deadline| deadline["status"] != "open"), "{case}");
}

// clause: LIC-7.1, LIC-10.0.2, LIC-10.0.6
#[tokio::test]
async fn a_complaint_against_a_refusal_goes_to_the_issuing_body_and_is_decided_by_a_signed_act() {
    let world = world().await;
    let app = &world.app;
    give_addresses(&world, "person").await;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let (refused_id, code) = refused(&world, &person, &reviewer).await;

    // The refusal in the cabinet offers the complaint, with the act's code filled in.
    let page = app.send(with_client(Method::GET, &format!("/cabinet/cases/{refused_id}"), &person, "")).await;
    let link = format!("/services/lic.complaint/apply?act={code}");
    assert!(page.body.contains(&link), "the act links to the complaint");
    let form = app.send(with_client(Method::GET, &link, &person, "")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(&format!("value=\"{code}\"")), "the code is prefilled");

    // Codes that are not the applicant's signed acts of a contestable kind are refused, by field.
    let bad = complain(app, &person, "AAAA-BBBB-CCCC", "c-0").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Bu kodla sizə verilmiş imzalanmış akt yoxdur."), "{}", bad.body);
    let malformed = complain(app, &person, "not a code", "c-0").await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(malformed.body.contains("yoxlama kodunu daxil edin"), "{}", malformed.body);
    let other = api_login(app, "other").await;
    let foreign = complain(app, &other, &code, "c-0").await;
    assert_eq!(foreign.status, StatusCode::UNPROCESSABLE_ENTITY, "another person's act is not theirs to contest");
    assert!(foreign.body.contains("Bu kodla sizə verilmiş imzalanmış akt yoxdur."));
    assert!(!foreign.body.contains("Rəşad"), "nothing of the act's holder is shown");

    let filed = complain(app, &person, &code, "c-1").await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.body);
    let complaint_id =
        filed.header("location").trim_start_matches("/cabinet/cases/").split('?').next().unwrap().to_owned();
    let complaint = case_json(app, &person, &complaint_id).await;
    assert!(complaint["number"].as_str().unwrap().starts_with("SHK-"), "{complaint}");
    let due = complaint["deadlines"][0]["due_on"].as_str().unwrap().to_owned();
    let mine = app.send(with_client(Method::GET, &format!("/cabinet/cases/{complaint_id}"), &person, "")).await;
    assert!(mine.body.contains(&due), "the complainant sees the deadline");

    // It went to the body that issued the act (the service names another), whose official sees
    // it with the same deadline, and the refused case records that it is contested.
    let queue = app.send(with_client(Method::GET, "/work", &reviewer, "")).await;
    assert!(queue.body.contains(complaint["number"].as_str().unwrap()), "in the issuing body's queue");
    let theirs = app.send(with_client(Method::GET, &format!("/work/cases/{complaint_id}"), &reviewer, "")).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(theirs.body.contains(&due), "the official sees the deadline");
    assert!(theirs.body.contains(&code), "and the contested act, its code normalized");
    let original = case_json(app, &reviewer, &refused_id).await;
    assert!(
        original["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|event| event["kind"] == "cited" && event["note"] == complaint["number"]),
        "{original}"
    );

    // The body rejects it with reasons, signed; the result act reaches the cabinet and e-mail.
    let reply = decide(app, &reviewer, &complaint_id, "reject", "The refusal rests on the inspection report").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    sign_pending(&world, &reviewer, &complaint_id).await;
    let decided = case_json(app, &person, &complaint_id).await;
    assert_eq!(decided["state"], "rejected");
    let act_document = &decided["documents"][0];
    assert_eq!(act_document["status"], "valid");
    let act_id = act_document["id"].as_str().unwrap();
    let (status, pdf) =
        app.send_bytes(with_client(Method::GET, &format!("/documents/{act_id}/pdf"), &person, "")).await;
    assert_eq!(status, StatusCode::OK);
    let text = pdf_text(&pdf);
    assert!(text.contains("The refusal rests on the inspection report"), "{text}");
    assert!(text.contains(&code), "the result act names the contested act: {text}");
    let sent = deliveries(app, &complaint_id).await;
    assert!(sent.contains(&("complaint-registered".to_owned(), "email".to_owned())), "{sent:?}");
    assert!(sent.contains(&("complaint-decided".to_owned(), "inbox".to_owned())), "{sent:?}");
    assert!(sent.contains(&("complaint-decided".to_owned(), "email".to_owned())), "{sent:?}");

    // Nobody else reads the complaint.
    let reply = app.send(with_client(Method::GET, &format!("/api/v1/cases/{complaint_id}"), &other, "")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_licence_is_not_an_act_one_complains_against_here() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let (id, code) = super::trust::billed(&world, &person, &reviewer).await;
    let now = super::trust::seconds(app);
    let paid = super::trust::paid(&code, "BANK-C", "550.00");
    let reply = app.send(super::trust::callback("bank", super::trust::SECRET, now, &paid)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(act(app, &reviewer, &id, "issue").await.status, StatusCode::SEE_OTHER);
    sign_pending(&world, &reviewer, &id).await;
    let licence = case_json(app, &person, &id).await["documents"][0]["code"].as_str().unwrap().to_owned();
    let page = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
    assert!(!page.body.contains("/services/lic.complaint/apply"), "a licence offers no complaint");
    let reply = complain(app, &person, &licence, "c-2").await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("Bu növ sənədə bu müraciətlə istinad etmək olmaz."), "{}", reply.body);
}
