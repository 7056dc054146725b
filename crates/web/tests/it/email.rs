//! Login by a one-time e-mail link for foreigners (MIG-4.3), with the test environment's mailbox.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pencere_identity::{NewUser, UserKind, create_user};
use pencere_testkit::TestDb;
use pencere_web::mail::Mailbox;
use pencere_web::{AppConfig, Services};

use crate::TestApp;

async fn app_with_foreigner() -> (TestApp, Arc<Mailbox>) {
    let mailbox = Arc::new(Mailbox::default());
    let services = Services { mail: Some(mailbox.clone()), mailbox: Some(mailbox.clone()), ..Services::default() };
    let config = AppConfig { demo: true, public_url: "http://pencere.test".into(), ..AppConfig::default() };
    let app = TestApp::with_trust(TestDb::sqlite().await, config, services).await;
    let mut tx = app.state.db().begin().await.unwrap();
    let new = NewUser {
        login: "john",
        kind: UserKind::Foreigner,
        fin: None,
        passport: Some("C01234567"),
        email: Some("John.Smith@example.com"),
        phone: None,
        full_name: "John Smith",
        password: None,
    };
    create_user(&mut tx, &new, pencere_core::Timestamp::from_micros(0), "test").await.unwrap();
    tx.commit().await.unwrap();
    (app, mailbox)
}

fn form(uri: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn link_in(text: &str) -> String {
    let at = text.find("http://pencere.test/login/email/").expect("a link in the message");
    text[at..].split_whitespace().next().unwrap().trim_start_matches("http://pencere.test").to_owned()
}

// clause: MIG-4.3
#[tokio::test]
async fn a_foreigner_logs_in_with_a_one_time_link_sent_by_e_mail() {
    let (app, mailbox) = app_with_foreigner().await;
    let known = app.send(form("/login/email", "email=john.smith%40example.com")).await;
    let unknown = app.send(form("/login/email", "email=nobody%40example.com")).await;
    assert_eq!((known.status, unknown.status), (StatusCode::OK, StatusCode::OK));
    let message =
        |body: &str| body.split("id=\"email-message\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    assert_eq!(message(&known.body), message(&unknown.body), "the answer does not reveal whether the address is known");

    let sent = mailbox.messages();
    assert_eq!(sent.len(), 1, "only the known address gets mail");
    assert_eq!(sent[0].to, "John.Smith@example.com");
    assert!(sent[0].text.starts_with("Hello John Smith"), "{}", sent[0].text);
    let path = link_in(&sent[0].text);

    let preview = app.get(&path).await;
    assert_eq!(preview.status, StatusCode::OK, "opening the link does not use it up");
    let login = app.send(form(&path, "")).await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    assert_eq!(login.header("location"), "/cabinet");
    assert!(login.header("set-cookie").starts_with("pencere_session="));

    let again = app.send(form(&path, "")).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert!(again.body.contains("already used"));
}

#[tokio::test]
async fn an_expired_or_unknown_link_logs_no_one_in() {
    let (app, mailbox) = app_with_foreigner().await;
    app.send(form("/login/email", "email=john.smith%40example.com")).await;
    let path = link_in(&mailbox.messages()[0].text);
    app.clock.advance(16 * 60);
    let late = app.send(form(&path, "")).await;
    assert_eq!(late.status, StatusCode::UNAUTHORIZED);
    assert!(late.body.contains("expired"));
    let forged = app.send(form(&format!("/login/email/{}", "0".repeat(64)), "")).await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
    assert!(forged.header("set-cookie").is_empty());
}

#[tokio::test]
async fn the_link_form_cannot_flood_an_inbox() {
    let (app, mailbox) = app_with_foreigner().await;
    for _ in 0..5 {
        let reply = app.send(form("/login/email", "email=john.smith%40example.com")).await;
        assert_eq!(reply.status, StatusCode::OK, "the answer stays the same");
    }
    assert_eq!(mailbox.messages().len(), 3, "at most three links per quarter of an hour");
    app.clock.advance(16 * 60);
    app.send(form("/login/email", "email=john.smith%40example.com")).await;
    assert_eq!(mailbox.messages().len(), 4);
}
