//! Security events over HTTP, on both backends: the owner's official reports an intrusion attempt
//! that concerns EHİS, and one e-mail goes at once to each of the three authorities; an
//! authority's inquiry is recorded with its due time 24 hours on and answered once, by e-mail;
//! the operator sees every system's events; an applicant sees none.

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use pencere_testkit::both_backends;
use pencere_web::mail::Mailbox;
use pencere_web::{AppConfig, Services};

use super::auth::{Client, add_people, api_login, with_client};
use crate::{Reply, TestApp};

async fn post(app: &TestApp, client: &Client, uri: &str, fields: &str) -> Reply {
    app.send(with_client(Method::POST, uri, client, &format!("csrf={}&{fields}", client.csrf))).await
}

async fn app_on(db: pencere_testkit::TestDb) -> (TestApp, Arc<Mailbox>) {
    let mailbox = Arc::new(Mailbox::default());
    let services = Services { mail: Some(mailbox.clone()), mailbox: Some(mailbox.clone()), ..Services::default() };
    let contacts = pencere_cases::security::Contacts::parse(pencere_cases::security::TEST_CONTACTS).unwrap();
    let config = AppConfig { security_contacts: Some(contacts), ..AppConfig::default() };
    let app = TestApp::with_trust(db, config, services).await;
    add_people(&app).await;
    (app, mailbox)
}

both_backends! {
    async fn an_intrusion_attempt_is_reported_to_three_authorities_at_once_and_their_inquiry_answered_once(db) {
        let (app, mailbox) = app_on(db).await;
        let reviewer = api_login(&app, "reviewer").await;
        let operator = api_login(&app, "operator").await;
        let person = api_login(&app, "person").await;
        assert_eq!(app.send(with_client(Method::GET, "/work/security/events", &person, "")).await.status, StatusCode::FORBIDDEN);
        let refused = post(&app, &person, "/work/security/events", "system=lic&kind=threat&summary=x").await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        let blank = post(&app, &reviewer, "/work/security/events", "system=lic&kind=intrusion_attempt&summary=").await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(blank.body.contains("id=\"event-summary-error\""), "{}", blank.body);
        let summary = "Repeated+logins+from+one+address+against+the+EHIS+adapter";
        let reported =
            post(&app, &reviewer, "/work/security/events", &format!("system=lic&kind=intrusion_attempt&ehis=yes&summary={summary}")).await;
        assert_eq!(reported.status, StatusCode::SEE_OTHER, "{}", reported.body);
        app.state.dispatcher().run_once().await.unwrap();
        let mut to: Vec<String> = mailbox.messages().iter().map(|mail| mail.to.clone()).collect();
        to.sort();
        assert_eq!(to, ["cert@xritdx.example.az", "cybercrime@police.example.az", "security@mincom.example.az"]);
        assert!(mailbox.messages().iter().all(|mail| mail.subject.contains("müdaxilə cəhdi")
            && mail.text.contains("Repeated logins from one address")));

        // The operator sees it too; the inquiry of XRİTDX is due 24 hours on.
        let page = app.send(with_client(Method::GET, "/admin/security/events", &operator, "")).await;
        assert_eq!(page.status, StatusCode::OK);
        let id = page.body.split("<article class=\"panel\" id=\"event-").nth(1).unwrap().split('"').next().unwrap().to_owned();
        let asked = post(&app, &operator, &format!("/admin/security/events/{id}/inquiries"), "recipient=xritdx&question=Which+address%3F").await;
        assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
        let page = app.send(with_client(Method::GET, "/work/security/events", &reviewer, "")).await;
        let now = pencere_core::Clock::now(app.clock.as_ref());
        let due = now.plus_seconds(24 * 3600).baku_minute();
        assert!(page.body.contains(&due), "due {due}: {}", page.body);
        let inquiry = page.body.split("/work/security/inquiries/").nth(1).unwrap().split('/').next().unwrap().to_owned();
        let before = mailbox.messages().len();
        let answered = post(&app, &reviewer, &format!("/work/security/inquiries/{inquiry}/answer"), "answer=203.0.113.7").await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
        let again = post(&app, &reviewer, &format!("/work/security/inquiries/{inquiry}/answer"), "answer=again").await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        app.state.dispatcher().run_once().await.unwrap();
        let messages = mailbox.messages();
        assert_eq!(messages.len(), before + 1);
        assert_eq!(messages[0].to, "cert@xritdx.example.az");
        assert!(messages[0].text.contains("203.0.113.7") && messages[0].text.contains("Which address?"));
    }
}
