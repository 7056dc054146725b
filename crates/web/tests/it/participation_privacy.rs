//! Inquiries and suggestions are open to anyone, who may type anyone's e-mail address: the
//! receipt repeats nothing the sender wrote, only the number, the answer's last day and the
//! private link; the link's key does not stay readable in the outbox once the receipt is sent;
//! and submissions are limited per e-mail address and per client address within a window,
//! counted in the database.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_store::{on_conn, sqlx};
use pencere_testkit::{TestDb, both_backends};
use pencere_web::mail::Mailbox;
use pencere_web::problem::ProblemKind;
use pencere_web::{AppConfig, Services};

use crate::TestApp;

/// An app whose e-mail goes to a mailbox, with the ministry the sample service names.
async fn world(db: TestDb) -> (TestApp, Arc<Mailbox>) {
    let mailbox = Arc::new(Mailbox::default());
    let services = Services { mail: Some(mailbox.clone()), mailbox: Some(mailbox.clone()), ..Services::default() };
    let config = AppConfig { demo: true, public_url: "http://pencere.test".into(), ..AppConfig::default() };
    let app = TestApp::with_trust(db, config, services).await;
    let mut tx = app.state.db().begin().await.unwrap();
    let names = ["İqtisadiyyat Nazirliyi", "Ministry of Economy", "Минэкономики"];
    organizations::insert(
        &mut tx,
        &NewOrganization { code: "economy", kind: OrganizationKind::Agency, voen: None, names },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (app, mailbox)
}

/// The inquiry form, sent from a client address.
fn inquiry(email: &str, ip: [u8; 4], lang: &str) -> Request<Body> {
    let body = format!(
        "body=economy&name=Nigar+Quliyeva&email={}&phone=&subject=Secret+plans&text=Private+details+of+the+matter",
        email.replace('@', "%40")
    );
    let mut request = Request::post("/inquiries/new")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, lang)
        .body(Body::from(body))
        .unwrap();
    request.extensions_mut().insert(ConnectInfo(SocketAddr::from((ip, 40_000))));
    request
}

fn api_inquiry(email: &str, ip: [u8; 4]) -> Request<Body> {
    let body = format!(r#"{{"body":"economy","name":"N","email":"{email}","phone":"","subject":"S","text":"T"}}"#);
    let mut request = Request::post("/api/v1/inquiries")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(body))
        .unwrap();
    request.extensions_mut().insert(ConnectInfo(SocketAddr::from((ip, 40_000))));
    request
}

/// The stored arguments of the e-mail messages in the outbox.
async fn outbox_args(app: &TestApp) -> Vec<String> {
    let mut tx = app.state.db().begin_read().await.unwrap();
    let rows: Vec<(String,)> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT args FROM outbox WHERE channel = 'email' ORDER BY created_at, id"))
            .fetch_all(&mut *conn)
            .await
            .unwrap()
    });
    rows.into_iter().map(|(args,)| args).collect()
}

both_backends! {
    // clause: LIC-7.2, LIC-10.0.3
    async fn the_receipt_repeats_nothing_the_sender_wrote_and_its_key_leaves_the_outbox(db) {
        let (app, mailbox) = world(db).await;
        let reply = app.send(inquiry("nigar@example.az", [192, 0, 2, 1], "en")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let marker = "id=\"private-link\"";
        let start = reply.body.find(marker).unwrap();
        let rest = &reply.body[start..];
        let link = rest[rest.find('>').unwrap() + 1..].split('<').next().unwrap().trim().replace("&amp;", "&");
        let key = link.split("key=").nth(1).unwrap().to_owned();

        // While the receipt waits, the outbox holds what it needs to send it.
        let waiting = outbox_args(&app).await;
        assert_eq!(waiting.len(), 1);
        assert!(waiting[0].contains(&key));

        app.state.dispatcher().run_once().await.unwrap();
        let mail = mailbox.messages();
        let receipt = &mail[0];
        assert!(receipt.subject.contains("SRG-2026-000001"), "{}", receipt.subject);
        assert!(receipt.text.contains("SRG-2026-000001") && receipt.text.contains("2026-12-14"), "{}", receipt.text);
        assert!(receipt.text.contains(&format!("http://pencere.test{link}")), "{}", receipt.text);
        for written in ["Nigar", "Secret plans", "Private details", "Ministry of Economy"] {
            assert!(!receipt.text.contains(written) && !receipt.subject.contains(written), "{written}: {}", receipt.text);
        }
        // Once sent, the key is no longer readable in the outbox; the private link still works.
        let sent = outbox_args(&app).await;
        assert!(!sent[0].contains(&key), "{}", sent[0]);
        assert!(sent[0].contains("SRG-2026-000001"), "the rest of the record stays: {}", sent[0]);
        assert_eq!(app.get(&link).await.status, StatusCode::OK);
    }

    // clause: LIC-10.0.3
    async fn submissions_are_limited_per_e_mail_address_within_a_window(db) {
        let (app, mailbox) = world(db).await;
        // The limits are the portal's catalog values (the sample's: 3 per address in 30 minutes).
        let limits = app.state.engine().participation().unwrap().limits.clone();
        assert_eq!((limits.per_email, limits.window_minutes), (3, 30));
        for round in 0..limits.per_email {
            let ip = [192, 0, 2, u8::try_from(round).unwrap() + 1];
            assert_eq!(app.send(inquiry("Target@example.az", ip, "en")).await.status, StatusCode::OK, "{round}");
        }
        // The address is compared without case, whichever client sends.
        let refused = app.send(inquiry("target@EXAMPLE.az", [198, 51, 100, 7], "az")).await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "{}", refused.body);
        assert!(refused.body.contains("id=\"f-email-error\""), "a message under the field: {}", refused.body);
        assert!(refused.body.contains("Son vaxtlarda bu e-poçt ünvanı ilə çox sayda sorğu"), "{}", refused.body);
        assert!(refused.body.contains("Private details of the matter"), "what was typed is kept");
        let api = app.send(api_inquiry("target@example.az", [198, 51, 100, 8])).await;
        assert_eq!(api.status, StatusCode::TOO_MANY_REQUESTS);
        let problem = api.problem(ProblemKind::TooManyRequests);
        assert_eq!(problem["errors"][0]["field"], "email", "{problem}");
        app.state.dispatcher().run_once().await.unwrap();
        let count = usize::try_from(limits.per_email).unwrap();
        assert_eq!(mailbox.messages().len(), count, "no receipt for a refused submission");

        // Another address is not limited; after the window the address may send again.
        assert_eq!(app.send(inquiry("other@example.az", [198, 51, 100, 9], "en")).await.status, StatusCode::OK);
        app.clock.advance(limits.window_minutes * 60 + 1);
        assert_eq!(app.send(inquiry("target@example.az", [198, 51, 100, 9], "en")).await.status, StatusCode::OK);
    }

    // clause: LIC-10.0.3
    async fn submissions_are_limited_per_client_address_within_a_window(db) {
        let (app, _) = world(db).await;
        let limits = app.state.engine().participation().unwrap().limits.clone();
        assert_eq!(limits.per_ip, 6);
        for round in 0..limits.per_ip {
            let email = format!("sender{round}@example.az");
            assert_eq!(app.send(inquiry(&email, [203, 0, 113, 5], "en")).await.status, StatusCode::OK, "{round}");
        }
        let refused = app.send(inquiry("fresh@example.az", [203, 0, 113, 5], "en")).await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(refused.body.contains("sent from your network recently"), "{}", refused.body);
        let api = app.send(api_inquiry("fresh@example.az", [203, 0, 113, 5])).await;
        assert_eq!(api.problem(ProblemKind::TooManyRequests)["errors"][0]["field"], "email");
        // Another client address is not limited.
        assert_eq!(app.send(inquiry("fresh@example.az", [203, 0, 113, 6], "en")).await.status, StatusCode::OK);
    }
}
