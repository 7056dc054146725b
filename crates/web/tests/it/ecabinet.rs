//! The applicant's e-cabinet (LIC-1.3.4): their applications with their state, the documents
//! issued to them, their payments, the correction requests they send the operator, and the
//! notices the licensing body sends them; and none of it in another person's cabinet.

use axum::http::{Method, StatusCode};

use super::auth::{Client, api_login, with_client};
use super::registry::sign_pending;
use super::trust::{SECRET, act, billed, callback, case_json, paid, seconds, world};
use crate::{Reply, TestApp};

async fn page(app: &TestApp, client: &Client, uri: &str) -> Reply {
    let mut request = with_client(Method::GET, uri, client, "");
    request.headers_mut().insert(axum::http::header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    reply
}

fn section<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no {id} in {body}"));
    let rest = &body[start..];
    &rest[..rest.find("</li>\n").unwrap_or(rest.len())]
}

// clause: LIC-1.3.4
#[tokio::test]
async fn the_cabinet_shows_the_applicants_licence_matters_and_reaches_the_operator_and_the_body() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let empty = page(app, &person, "/cabinet").await;
    assert!(section(&empty.body, "cabinet-payments").contains("You have no payments yet."));

    // Applied and billed: the payment is in the cabinet, due, with its code.
    let (id, code) = billed(&world, &person, &reviewer).await;
    let number = case_json(app, &person, &id).await["number"].as_str().unwrap().to_owned();
    let cabinet = page(app, &person, "/cabinet").await;
    let payments = section(&cabinet.body, "cabinet-payments");
    assert!(payments.contains(&code) && payments.contains("550.00 AZN"), "{payments}");
    assert!(payments.contains("data-status=\"due\"") && payments.contains("(Due)"), "{payments}");
    assert!(payments.contains(&format!("href=\"/cabinet/cases/{id}\"")));
    assert!(section(&cabinet.body, "cabinet-documents").contains("You have no documents yet."));

    // Paid, issued and signed: the payment is settled and the licence is among their documents.
    let reply = app.send(callback("bank", SECRET, seconds(app), &paid(&code, "BANK-1", "550.00"))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(act(app, &reviewer, &id, "issue").await.status, StatusCode::SEE_OTHER);
    let waiting = page(app, &person, "/cabinet").await;
    assert!(
        section(&waiting.body, "cabinet-documents").contains("You have no documents yet."),
        "a document awaiting its signature is not theirs yet"
    );
    sign_pending(&world, &reviewer, &id).await;
    let case = case_json(app, &person, &id).await;
    assert_eq!(case["state"], "granted", "{case}");
    let verify_code = case["documents"][0]["code"].as_str().unwrap().to_owned();
    let cabinet = page(app, &person, "/cabinet").await;
    let documents = section(&cabinet.body, "cabinet-documents");
    assert!(documents.contains(&verify_code) && documents.contains("(Valid)"), "{documents}");
    assert!(documents.contains(&number), "{documents}");
    let payments = section(&cabinet.body, "cabinet-payments");
    assert!(payments.contains("data-status=\"settled\"") && payments.contains("(Paid)"), "{payments}");

    // Their applications, each with its state.
    let cases = page(app, &person, "/cabinet/cases").await;
    assert!(cases.body.contains(&number) && cases.body.contains("Granted"), "{}", cases.body);

    // The licensing body's notices reach their inbox.
    app.state.dispatcher().run_once().await.unwrap();
    let inbox = app.send(with_client(Method::GET, "/api/v1/inbox", &person, "")).await.json();
    let inbox = inbox.as_array().unwrap();
    assert!(inbox.len() >= 2, "registered, billed, granted: {inbox:?}");
    assert!(inbox.iter().all(|message| message["case_id"] == id.as_str()), "{inbox:?}");
    assert!(page(app, &person, "/cabinet").await.body.contains("href=\"/cabinet/inbox\""));

    // They ask the operator to correct their data, from the cabinet; the operator sees it.
    let body = format!("csrf={}&field=phone&value=%2B994501234567&explanation=new+number", person.csrf);
    let sent = app.send(with_client(Method::POST, "/cabinet/data/corrections", &person, &body)).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let operator = api_login(app, "operator").await;
    let queue = page(app, &operator, "/admin/corrections").await;
    assert!(queue.body.contains("Rəşad Məmmədov") && queue.body.contains("+994501234567"), "{}", queue.body);

    // Another person's cabinet shows none of it.
    let other = api_login(app, "other").await;
    let theirs = page(app, &other, "/cabinet").await;
    assert!(!theirs.body.contains(&code) && !theirs.body.contains(&verify_code));
    assert!(section(&theirs.body, "cabinet-payments").contains("You have no payments yet."));
}
