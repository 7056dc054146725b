//! The login method a session records, and the licence services that need the enhanced
//! e-signature (LIC-3.8): refused to a password session in production, with a 403 that says
//! why and links to the e-signature login; accepted from an e-signature session of the same
//! person; and, in the test environment, a demo password session stands in with a notice.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use pencere_core::Timestamp;
use pencere_identity::{NewUser, UserKind, create_user};
use pencere_store::{on_conn, sqlx};
use pencere_testkit::{TestDb, both_backends};
use pencere_trust::{TestCa, TrustStore};
use pencere_web::problem::ProblemKind;
use pencere_web::{AppConfig, Services};

use super::auth::{Client, PASSWORD, add_people, api_login, with_client};
use super::esign::certificate_login;
use crate::TestApp;

const NOW: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);

/// An app (demo or production) trusting a fresh test CA, with the ministry and its people, and a
/// person `mammadov` (FİN 5ZX3K7P) who has a password and a certificate with the same FİN.
async fn world(db: TestDb, demo: bool) -> (TestApp, pencere_trust::IssuedCertificate) {
    let (app, _, issued) = world_with_ca(db, demo).await;
    (app, issued)
}

/// The same, with the app's certification authority, to issue other people's certificates.
async fn world_with_ca(db: TestDb, demo: bool) -> (TestApp, TestCa, pencere_trust::IssuedCertificate) {
    let ca = TestCa::generate("Pencere Test CA", NOW).unwrap();
    let trust = Arc::new(TrustStore::from_pem(&ca.certificate_pem()).unwrap());
    let services = Services { store: trust, ..Services::default() };
    let app = TestApp::with_trust(db, AppConfig { demo, ..AppConfig::default() }, services).await;
    add_people(&app).await;
    let fin: pencere_core::Fin = "5ZX3K7P".parse().unwrap();
    let mut tx = app.state.db().begin().await.unwrap();
    create_user(
        &mut tx,
        &NewUser {
            login: "mammadov",
            kind: UserKind::Person,
            fin: Some(&fin),
            passport: None,
            email: None,
            phone: None,
            full_name: "Rəşad Məmmədov",
            password: Some(PASSWORD),
        },
        NOW,
        "test",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let issued = ca.issue("Rəşad Məmmədov", Some("5ZX3K7P"), NOW.plus_seconds(-60), NOW.plus_seconds(86_400)).unwrap();
    (app, ca, issued)
}

fn api(method: Method, uri: &str, client: &Client, body: &str) -> Request<Body> {
    let mut request = with_client(method, uri, client, body);
    request.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    request.headers_mut().insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    request
}

fn page(uri: &str, client: &Client, lang: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::COOKIE, &client.cookie)
        .header(header::ACCEPT_LANGUAGE, lang)
        .body(Body::empty())
        .unwrap()
}

async fn me(app: &TestApp, client: &Client) -> serde_json::Value {
    let reply = app.send(api(Method::GET, "/api/v1/me", client, "")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

async fn esign_client(app: &TestApp, issued: &pencere_trust::IssuedCertificate) -> Client {
    let (reply, _) = certificate_login(app, issued, false).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let cookie = reply.header("set-cookie").split(';').next().unwrap().to_owned();
    Client { cookie, csrf: reply.json()["csrf_token"].as_str().unwrap().to_owned() }
}

async fn case_count(app: &TestApp) -> i64 {
    let mut tx = app.state.db().begin_read().await.unwrap();
    let (count,): (i64,) = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT COUNT(*) FROM cases")).fetch_one(&mut *conn).await.unwrap()
    });
    count
}

const FORM: &str = "f.address=Bak%C4%B1&f.phone=0501234567";

both_backends! {
    // clause: LIC-3.8
    async fn outside_the_test_environment_only_an_esign_session_applies_for_a_licence(db) {
        let (app, issued) = world(db, false).await;
        let password = api_login(&app, "mammadov").await;
        let session = me(&app, &password).await;
        assert_eq!(session["login_method"], "password");

        // The service and the apply pages say it before the form, with a link to the e-signature login.
        for uri in ["/services/lic.sample", "/services/lic.sample/apply"] {
            let shown = app.send(page(uri, &password, "en")).await;
            assert_eq!(shown.status, StatusCode::OK, "{uri}: {}", shown.body);
            assert!(shown.body.contains("id=\"login-method-notice\""), "{uri}: {}", shown.body);
            assert!(shown.body.contains("This service needs a login with the enhanced e-signature"), "{uri}");
            assert!(shown.body.contains("href=\"/login?again=esign#esign-heading\""), "{uri}");
        }
        // The login page shows itself to the logged-in user who must log in again.
        let login = app.send(page("/login?again=esign", &password, "az")).await;
        assert_eq!(login.status, StatusCode::OK, "{}", login.body);
        assert!(login.body.contains("id=\"esign-heading\""));

        // Saving a draft and submitting in the pages: a 403 page that explains, in the user's language.
        for action in ["action=save&", ""] {
            let form = format!("csrf={}&{action}idempotency_key=k-{action}&{FORM}", password.csrf);
            let mut request = with_client(Method::POST, "/services/lic.sample/apply", &password, &form);
            request.headers_mut().insert(header::ACCEPT_LANGUAGE, "az".parse().unwrap());
            let refused = app.send(request).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
            assert!(refused.body.contains("yalnız gücləndirilmiş elektron imza"), "{}", refused.body);
            assert!(refused.body.contains("href=\"/login?again=esign#esign-heading\""), "{}", refused.body);
            assert!(refused.body.contains("Elektron imza ilə daxil olun"));
        }
        // The API: a problem document of kind forbidden with the explanation.
        for draft in ["true", "false"] {
            let body = format!(
                r#"{{"service":"lic.sample","draft":{draft},"data":{{"address":"Şəki","phone":"+994 55 123 45 67"}}}}"#
            );
            let refused = app.send(api(Method::POST, "/api/v1/cases", &password, &body)).await;
            let problem = refused.problem(ProblemKind::Forbidden);
            assert!(
                problem["detail"].as_str().unwrap().contains("only be made after logging in with the enhanced e-signature"),
                "{problem}"
            );
        }
        assert_eq!(case_count(&app).await, 0, "nothing was kept of the refused attempts");

        // The same person, logged in with the e-signature: the session says so, and they apply.
        let esign = esign_client(&app, &issued).await;
        let session = me(&app, &esign).await;
        assert_eq!(session["login_method"], "esign");
        let same = me(&app, &password).await;
        assert!(session["id"].is_string());
        assert_eq!(session["id"], same["id"], "the same account");
        let shown = app.send(page("/services/lic.sample/apply", &esign, "en")).await;
        assert!(!shown.body.contains("login-method-notice"), "{}", shown.body);
        let body = r#"{"service":"lic.sample","draft":true,"data":{"address":"Şəki"}}"#;
        let draft = app.send(api(Method::POST, "/api/v1/cases", &esign, body)).await;
        assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.body);
        let form = format!("csrf={}&action=save&{FORM}", esign.csrf);
        let saved = app.send(with_client(Method::POST, "/services/lic.sample/apply", &esign, &form)).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert_eq!(case_count(&app).await, 2);
        // Another person's password session is refused the e-signature session's draft as before:
        // not found, not a login problem that would reveal it.
        let other = api_login(&app, "other").await;
        let draft_id = draft.json()["id"].as_str().unwrap().to_owned();
        let foreign = app.send(page(&format!("/services/lic.sample/apply?draft={draft_id}"), &other, "en")).await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{}", foreign.body);
    }
}

both_backends! {
    // clause: LIC-3.8
    async fn a_password_and_an_esign_session_are_stored_with_their_method(db) {
        let (app, issued) = world(db, false).await;
        let password = api_login(&app, "mammadov").await;
        let esign = esign_client(&app, &issued).await;
        assert_eq!(me(&app, &password).await["login_method"], "password");
        assert_eq!(me(&app, &esign).await["login_method"], "esign");
        let mut tx = app.state.db().begin_read().await.unwrap();
        let methods: Vec<(String,)> = on_conn!(tx.conn(), |conn, sql| {
            sqlx::query_as(&sql("SELECT login_method FROM sessions ORDER BY created_at, login_method"))
                .fetch_all(&mut *conn)
                .await
                .unwrap()
        });
        let methods: Vec<&str> = methods.iter().map(|(method,)| method.as_str()).collect();
        assert_eq!(methods, vec!["esign", "password"], "both sessions are stored with their method");
    }
}

// clause: LIC-3.8
#[tokio::test]
async fn in_the_test_environment_a_demo_password_session_applies_and_is_told_production_needs_the_esignature() {
    let (app, _) = world(TestDb::sqlite().await, true).await;
    let password = api_login(&app, "mammadov").await;
    assert_eq!(me(&app, &password).await["login_method"], "password", "the recorded method is unchanged");
    for uri in ["/services/lic.sample", "/services/lic.sample/apply"] {
        let shown = app.send(page(uri, &password, "ru")).await;
        assert_eq!(shown.status, StatusCode::OK, "{uri}");
        assert!(shown.body.contains("id=\"login-method-notice\""), "{uri}: {}", shown.body);
        assert!(shown.body.contains("В рабочей среде эта услуга требует входа с усиленной электронной подписью"));
        assert!(!shown.body.contains("id=\"login-method-link\""), "nothing to do here: no link");
    }
    let form = format!("csrf={}&action=save&{FORM}", password.csrf);
    let saved = app.send(with_client(Method::POST, "/services/lic.sample/apply", &password, &form)).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let body = r#"{"service":"lic.sample","draft":true,"data":{"address":"Şəki"}}"#;
    let draft = app.send(api(Method::POST, "/api/v1/cases", &password, body)).await;
    assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.body);
}

both_backends! {
    // clause: LIC-4.1, LIC-10.0.1
    async fn a_first_esign_login_creates_the_cabinet_from_which_the_person_applies_for_a_licence(db) {
        let (app, ca, _) = world_with_ca(db, false).await;
        let ca_user = |db: &pencere_store::Db| {
            let db = db.clone();
            async move {
                let mut tx = db.begin_read().await.unwrap();
                let rows: Vec<(String,)> = on_conn!(tx.conn(), |conn, sql| {
                    sqlx::query_as(&sql("SELECT id FROM users WHERE fin = $1"))
                        .bind("7QW2E9R")
                        .fetch_all(&mut *conn)
                        .await
                        .unwrap()
                });
                rows
            }
        };
        assert!(ca_user(app.state.db()).await.is_empty(), "nobody with this FİN before the login");
        let anonymous = app.get("/services/lic.sample/apply").await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER, "applying needs a login first");

        // The first login with the e-signature registers the person: account and e-cabinet.
        let stranger_ca = TestCa::generate("Another CA", NOW).unwrap();
        let untrusted = stranger_ca
            .issue("Nigar Həsənova", Some("7QW2E9R"), NOW.plus_seconds(-60), NOW.plus_seconds(86_400))
            .unwrap();
        let (refused, _) = certificate_login(&app, &untrusted, false).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "a certificate of an unknown CA registers nobody");
        assert!(ca_user(app.state.db()).await.is_empty());
        let issued =
            ca.issue("Nigar Həsənova", Some("7QW2E9R"), NOW.plus_seconds(-60), NOW.plus_seconds(86_400)).unwrap();
        let person = esign_client(&app, &issued).await;
        let me = me(&app, &person).await;
        assert_eq!(me["login_method"], "esign");
        assert_eq!(me["full_name"], "Nigar Həsənova", "the account comes from the certificate");
        let ids = ca_user(app.state.db()).await;
        assert_eq!(ids.len(), 1, "one account was created");
        let cabinet = app.send(page("/cabinet", &person, "az")).await;
        assert_eq!(cabinet.status, StatusCode::OK, "{}", cabinet.body);
        assert!(cabinet.body.contains("Nigar Həsənova"), "the cabinet is theirs");

        // In the cabinet's portal they choose the licensed activity, then apply.
        let system = app.send(page("/systems/lic", &person, "en")).await;
        assert!(system.body.contains("href=\"/services/lic.sample\""), "{}", system.body);
        let service = app.send(page("/services/lic.sample", &person, "en")).await;
        assert!(service.body.contains("href=\"/services/lic.sample/apply\""));
        assert!(!service.body.contains("login-method-notice"), "an e-signature login qualifies");
        let case_id = crate::cases::apply_in_pages(&app, &person).await;
        let mine = app.send(api(Method::GET, "/api/v1/cases", &person, "")).await.json();
        let mine = mine.as_array().unwrap();
        assert_eq!(mine.len(), 1, "{mine:?}");
        assert_eq!(mine[0]["id"], case_id.as_str());
        assert!(mine[0]["number"].as_str().is_some_and(|number| number.starts_with("LIC-")), "{mine:?}");

        // The journal holds the registration by certificate and the submission, by this person.
        let mut tx = app.state.db().begin_read().await.unwrap();
        let actions: Vec<(String,)> = on_conn!(tx.conn(), |conn, sql| {
            sqlx::query_as(&sql("SELECT action FROM audit_entries WHERE actor_id = $1 ORDER BY id"))
                .bind(&ids[0].0)
                .fetch_all(&mut *conn)
                .await
                .unwrap()
        });
        let actions: Vec<&str> = actions.iter().map(|(action,)| action.as_str()).collect();
        assert_eq!(actions.first(), Some(&"identity.login.success"), "{actions:?}");
        assert!(actions.contains(&"case.submit"), "{actions:?}");
    }
}
