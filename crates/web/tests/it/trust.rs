//! Payments and signed documents over HTTP: provider callbacks that are forged, replayed, wrong
//! or repeated; a decision signed by the official's own key, downloaded by the applicant,
//! verified with the real `openssl` command and at `/verify/{code}`, then revoked.

use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use pencere_core::Timestamp;
use pencere_identity::RoleName;
use pencere_identity::{NewUser, UserKind, create_user, grant_role};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_testkit::TestDb;
use pencere_trust::{IssuedCertificate, TestCa, TrustStore, cms};
use pencere_web::problem::ProblemKind;
use pencere_web::sandbox::{Sandbox, SandboxAccount};
use pencere_web::{AppConfig, PaymentProvider, Services};

use super::auth::{Client, api_login, with_client};
use super::cases::apply_in_pages;
use crate::{Reply, TestApp};

pub(super) const SECRET: &[u8] = b"a shared secret of the bank, 32 bytes";

pub(super) struct World {
    pub(super) app: TestApp,
    pub(super) ca_pem: String,
    pub(super) reviewer_key: IssuedCertificate,
    pub(super) stranger_key: IssuedCertificate,
    /// The applicant's own key (FİN 6AB3C7D), for confirmations they sign (LIC-5.3).
    pub(super) person_key: IssuedCertificate,
}

/// The app's clock and the machine's (openssl checks certificates against the latter).
fn validity(app_now: Timestamp) -> (Timestamp, Timestamp) {
    let real = Timestamp::from_micros(
        i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_micros()).unwrap(),
    );
    let (early, late) = if real < app_now { (real, app_now) } else { (app_now, real) };
    (early.plus_seconds(-86_400), late.plus_seconds(365 * 86_400))
}

pub(super) async fn world() -> World {
    world_on(TestDb::sqlite().await).await
}

/// The same world on a given database (for tests on both backends).
pub(super) async fn world_on(db: TestDb) -> World {
    let now = Timestamp::from_micros(1_795_447_203_000_000);
    let ca = TestCa::generate("Pəncərə Test CA", now).unwrap();
    let (from, to) = validity(now);
    let reviewer_key = ca.issue("Leyla Hüseynova", Some("5HJ2K9L"), from, to).unwrap();
    let stranger_key = ca.issue("Başqa Şəxs", Some("7ZZ9Q1W"), from, to).unwrap();
    let person_key = ca.issue("Rəşad Məmmədov", Some("6AB3C7D"), from, to).unwrap();
    // The sandbox holds the reviewer's key too (as the phone would) and the CA, which revokes.
    let copy = IssuedCertificate {
        certificate: reviewer_key.certificate.clone(),
        key: p256::pkcs8::DecodePrivateKey::from_pkcs8_pem(&reviewer_key.key_pem()).unwrap(),
    };
    let account = SandboxAccount {
        login: "reviewer".to_owned(),
        phone: "+994 50 200 00 05".to_owned(),
        user_id: "200005".to_owned(),
        issued: copy,
    };
    let ca_pem = ca.certificate_pem();
    let sandbox = Sandbox::new(ca_pem.clone(), vec![account]).with_authority(ca);
    let services = Services {
        store: std::sync::Arc::new(TrustStore::from_pem(&ca_pem).unwrap()),
        sandbox: Some(std::sync::Arc::new(sandbox)),
        payments: vec![PaymentProvider { id: "bank".to_owned(), secret: SECRET.to_vec() }],
        seal: Some(std::sync::Arc::new(pencere_trust::PlatformKey::generate())),
        ..Services::default()
    };
    let config = AppConfig { demo: true, public_url: "https://pencere.example.az".to_owned(), ..AppConfig::default() };
    let app = TestApp::with_trust(db, config, services).await;
    let db = app.state.db();
    let mut tx = db.begin().await.unwrap();
    let economy = organizations::insert(
        &mut tx,
        &NewOrganization {
            code: "economy",
            kind: OrganizationKind::Agency,
            voen: None,
            names: ["İqtisadiyyat Nazirliyi", "Ministry of Economy", "Минэкономики"],
        },
    )
    .await
    .unwrap();
    let mut other_bodies = Vec::new();
    for (code, names) in [
        ("taxes", ["Dövlət Vergi Xidməti", "State Tax Service", "Налоговая служба"]),
        ("emergencies", ["Fövqəladə Hallar Nazirliyi", "Ministry of Emergency Situations", "МЧС"]),
    ] {
        let org = organizations::insert(
            &mut tx,
            &NewOrganization { code, kind: OrganizationKind::Agency, voen: None, names },
        )
        .await
        .unwrap();
        other_bodies.push(org);
    }
    let body_of = |code: &str| {
        if code == "economy" { &economy } else { other_bodies.iter().find(|org| org.code == code).unwrap() }
    };
    for (login, name, fin, kind, role, body) in [
        ("person", "Rəşad Məmmədov", Some("6AB3C7D"), UserKind::Person, None, "economy"),
        ("other", "Aygün Əliyeva", None, UserKind::Person, None, "economy"),
        ("reviewer", "Leyla Hüseynova", Some("5HJ2K9L"), UserKind::Official, Some("lic.reviewer"), "economy"),
        ("operator", "Orxan Nəbiyev", None, UserKind::Official, Some(RoleName::PLATFORM_ADMIN), "economy"),
        ("supervisor", "Səbinə Qasımova", None, UserKind::Official, Some("lic.supervisor"), "emergencies"),
        ("taxman", "Vergi sistemi", None, UserKind::Official, Some("lic.feed"), "taxes"),
    ] {
        let fin: Option<pencere_core::Fin> = fin.map(|fin| fin.parse().unwrap());
        let user = create_user(
            &mut tx,
            &NewUser {
                login,
                kind,
                fin: fin.as_ref(),
                passport: None,
                email: (login == "person").then_some("resad@example.az"),
                phone: (login == "person").then_some("+994701112233"),
                full_name: name,
                password: Some(super::auth::PASSWORD),
            },
            now,
            "test",
        )
        .await
        .unwrap();
        if let Some(role) = role {
            grant_role(&mut tx, &user.id, &body_of(body).id, &role.parse().unwrap(), None, now).await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    World { app, ca_pem, reviewer_key, stranger_key, person_key }
}

pub(super) fn seconds(app: &TestApp) -> i64 {
    use pencere_core::Clock as _;
    app.clock.now().as_micros() / 1_000_000
}

pub(super) fn callback(provider: &str, secret: &[u8], timestamp: i64, body: &str) -> Request<Body> {
    Request::post(format!("/api/v1/payments/callback/{provider}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-pencere-timestamp", timestamp.to_string())
        .header("x-pencere-signature", pencere_payments::sign(secret, timestamp, body.as_bytes()))
        .body(Body::from(body.to_owned()))
        .unwrap()
}

pub(super) fn paid(code: &str, reference: &str, amount: &str) -> String {
    format!(r#"{{"provider_ref":"{reference}","code":"{code}","amount":"{amount}","currency":"AZN"}}"#)
}

pub(super) async fn case_json(app: &TestApp, client: &Client, id: &str) -> serde_json::Value {
    let reply = app.send(with_client(Method::GET, &format!("/api/v1/cases/{id}"), client, "")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

pub(super) async fn act(app: &TestApp, client: &Client, id: &str, transition: &str) -> Reply {
    let form = format!("csrf={}&transition={transition}", client.csrf);
    app.send(with_client(Method::POST, &format!("/work/cases/{id}/act"), client, &form)).await
}

/// A case billed for its duty: the case id and the payment code.
pub(super) async fn billed(world: &World, person: &Client, reviewer: &Client) -> (String, String) {
    let app = &world.app;
    let id = apply_in_pages(app, person).await;
    assert_eq!(act(app, reviewer, &id, "bill").await.status, StatusCode::SEE_OTHER);
    let case = case_json(app, person, &id).await;
    assert_eq!(case["state"], "awaiting_payment");
    assert_eq!(case["payments"][0]["amount"], "550.00");
    assert_eq!(case["payments"][0]["status"], "due");
    (id, case["payments"][0]["code"].as_str().unwrap().to_owned())
}

// clause: LIC-5.11, LIC-5.12, LIC-3.6
#[tokio::test]
async fn forged_replayed_and_wrong_callbacks_are_refused_and_a_valid_one_applies_once() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let (id, code) = billed(&world, &person, &reviewer).await;
    let now = seconds(app);
    let good = paid(&code, "BANK-1", "550.00");

    // Forged: signed with another secret, or not signed at all.
    app.send(callback("bank", b"guessed secret", now, &good)).await.problem(ProblemKind::Unauthorized);
    let unsigned = Request::post("/api/v1/payments/callback/bank")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(good.clone()))
        .unwrap();
    app.send(unsigned).await.problem(ProblemKind::Unauthorized);
    // Replayed: a genuine callback captured ten minutes ago.
    app.send(callback("bank", SECRET, now - 600, &good)).await.problem(ProblemKind::Unauthorized);
    // Wrong amount, wrong code, unknown provider, not JSON.
    app.send(callback("bank", SECRET, now, &paid(&code, "BANK-1", "55.00"))).await.problem(ProblemKind::Validation);
    app.send(callback("bank", SECRET, now, &paid("000000000000", "BANK-1", "550.00")))
        .await
        .problem(ProblemKind::NotFound);
    app.send(callback("elsewhere", SECRET, now, &good)).await.problem(ProblemKind::NotFound);
    app.send(callback("bank", SECRET, now, "{not json")).await.problem(ProblemKind::BadRequest);
    let case = case_json(app, &person, &id).await;
    assert_eq!(case["state"], "awaiting_payment", "nothing was applied");
    assert_eq!(case["payments"][0]["status"], "due");

    // The genuine callback, sent four times at once: one payment, the others duplicates.
    let (a, b, c, d) = tokio::join!(
        app.send(callback("bank", SECRET, now, &good)),
        app.send(callback("bank", SECRET, now, &good)),
        app.send(callback("bank", SECRET, now, &good)),
        app.send(callback("bank", SECRET, now, &good)),
    );
    let mut outcomes: Vec<String> = [a, b, c, d]
        .iter()
        .map(|reply| {
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            reply.json()["status"].as_str().unwrap().to_owned()
        })
        .collect();
    outcomes.sort();
    assert_eq!(outcomes, ["applied", "duplicate", "duplicate", "duplicate"]);
    let case = case_json(app, &person, &id).await;
    assert_eq!(case["state"], "issuing", "the payment moved the case on at once");
    assert_eq!(case["payments"][0]["status"], "paid");
    let moves = case["timeline"].as_array().unwrap().iter().filter(|e| e["to_state"] == "issuing").count();
    assert_eq!(moves, 1);

    // A second, different payment of the paid order is refused.
    app.send(callback("bank", SECRET, now, &paid(&code, "BANK-2", "550.00"))).await.problem(ProblemKind::Conflict);

    // The operator's reconciliation lists the one payment.
    let operator = api_login(app, "operator").await;
    let csv = app.send(with_client(Method::GET, "/admin/payments/reconciliation?provider=bank", &operator, "")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 2, "{}", csv.body);
    assert!(lines[1].contains(&format!("BANK-1,{code},")) && lines[1].contains(",550.00,AZN,"), "{}", csv.body);
    let person_csv =
        app.send(with_client(Method::GET, "/admin/payments/reconciliation?provider=bank", &person, "")).await;
    assert_ne!(person_csv.status, StatusCode::OK, "only the operator reconciles");
}

// clause: LIC-8.0.4
#[tokio::test]
async fn a_confirmed_payment_reaches_the_applicant_and_the_licensing_body() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let (id, code) = billed(&world, &person, &reviewer).await;
    let row = |body: &str| {
        body.split("<table id=\"payments\">").nth(1).and_then(|rest| rest.split("</table>").next()).map(str::to_owned)
    };
    let before = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
    assert!(row(&before.body).is_some_and(|table| table.contains("data-status=\"due\"") && table.contains(&code)));

    let reply = app.send(callback("bank", SECRET, seconds(app), &paid(&code, "BANK-P", "550.00"))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // The licensing body sees the payment confirmed on the case, with its code.
    let official = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
    let table = row(&official.body).expect("the official's case page lists the payment");
    assert!(table.contains("data-status=\"paid\"") && table.contains(&code), "{table}");
    // The user sees it too, and is told in the cabinet.
    let mine = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
    assert!(row(&mine.body).is_some_and(|table| table.contains("data-status=\"paid\"")));
    let mut tx = app.state.db().begin_read().await.unwrap();
    let sent = pencere_notify::deliveries(&mut tx, &id).await.unwrap();
    drop(tx);
    assert!(sent.iter().any(|delivery| delivery.template == "case-paid" && delivery.channel == "inbox"), "{sent:?}");
    // A body that is not a party to the case learns nothing of it.
    let supervisor = api_login(app, "supervisor").await;
    let other = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &supervisor, "")).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
}

pub(super) fn openssl_verify(directory: &std::path::Path) -> bool {
    Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-content", "DOC", "-in", "SIG", "-CAfile", "CA.pem"])
        .args(["-out", "/dev/null"])
        .current_dir(directory)
        .output()
        .unwrap_or_else(|error| panic!("running openssl (scripts/test installs it): {error}"))
        .status
        .success()
}

// clause: LIC-6.1
#[tokio::test]
async fn a_decision_signed_by_the_officials_key_verifies_with_openssl_and_shows_its_status() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let (id, code) = billed(&world, &person, &reviewer).await;
    let now = seconds(app);
    let reply = app.send(callback("bank", SECRET, now, &paid(&code, "BANK-9", "550.00"))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // Taking "issue" prepares the licence; the case waits, visibly, for the signature.
    assert_eq!(act(app, &reviewer, &id, "issue").await.status, StatusCode::SEE_OTHER);
    let case = case_json(app, &reviewer, &id).await;
    assert_eq!(case["state"], "issuing");
    assert_eq!(case["documents"][0]["status"], "awaiting_signature");
    let document = case["documents"][0]["id"].as_str().unwrap().to_owned();
    let verify_code = case["documents"][0]["code"].as_str().unwrap().to_owned();
    let page = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
    assert!(page.body.contains("id=\"awaiting-signature\""), "the applicant sees the wait");
    let official_page = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
    assert!(official_page.body.contains("id=\"signing\""), "the official is asked to sign");
    let (status, _) =
        app.send_bytes(with_client(Method::GET, &format!("/documents/{document}/pdf"), &person, "")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an unsigned document is not the applicant's yet");
    let (status, pdf) =
        app.send_bytes(with_client(Method::GET, &format!("/documents/{document}/pdf"), &reviewer, "")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF-"));

    // A signature over other bytes, or by someone else's certificate, is refused.
    let sign = |body: Vec<u8>| {
        let mut request = with_client(Method::POST, &format!("/api/v1/documents/{document}/signature"), &reviewer, "");
        *request.body_mut() = Body::from(body);
        request.headers_mut().insert(header::CONTENT_TYPE, "application/pkcs7-signature".parse().unwrap());
        request
    };
    let signing_time = app.clock.as_ref();
    let at = pencere_core::Clock::now(signing_time);
    let wrong_bytes = cms::sign_detached(b"another document", &world.reviewer_key, at).unwrap();
    app.send(sign(wrong_bytes)).await.problem(ProblemKind::Validation);
    let wrong_person = cms::sign_detached(&pdf, &world.stranger_key, at).unwrap();
    let refused = app.send(sign(wrong_person)).await.problem(ProblemKind::Validation);
    assert_eq!(refused["errors"][0]["field"], "signature");
    assert_eq!(case_json(app, &reviewer, &id).await["state"], "issuing");

    let signature = cms::sign_detached(&pdf, &world.reviewer_key, at).unwrap();
    let signed = app.send(sign(signature)).await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    let case = case_json(app, &person, &id).await;
    assert_eq!(case["state"], "granted");
    assert_eq!(case["documents"][0]["status"], "valid");

    // The applicant downloads the PDF and its signature; openssl verifies them against the CA.
    let (status, pdf) =
        app.send_bytes(with_client(Method::GET, &format!("/documents/{document}/pdf"), &person, "")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, p7s) =
        app.send_bytes(with_client(Method::GET, &format!("/documents/{document}/signature"), &person, "")).await;
    assert_eq!(status, StatusCode::OK);
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("DOC"), &pdf).unwrap();
    std::fs::write(directory.path().join("SIG"), &p7s).unwrap();
    std::fs::write(directory.path().join("CA.pem"), &world.ca_pem).unwrap();
    assert!(openssl_verify(directory.path()), "openssl verifies the downloaded licence");
    let mut changed = pdf.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x01;
    std::fs::write(directory.path().join("DOC"), &changed).unwrap();
    assert!(!openssl_verify(directory.path()), "one changed byte fails");

    // Someone else may not download it.
    let other = api_login(app, "other").await;
    let (status, _) = app.send_bytes(with_client(Method::GET, &format!("/documents/{document}/pdf"), &other, "")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Anyone verifies it by its code, without logging in.
    let verify = app.get(&format!("/verify/{verify_code}")).await;
    assert_eq!(verify.status, StatusCode::OK);
    assert!(verify.body.contains("data-status=\"valid\""), "{}", verify.body);
    assert!(verify.body.contains("Leyla Hüseynova"));
    let json = app.get(&format!("/api/v1/verify/{}", verify_code.to_lowercase().replace('-', ""))).await.json();
    assert_eq!(json["status"], "valid");
    assert_eq!(json["signature_valid"], true);
    assert_eq!(json["signed_by"], "Leyla Hüseynova");
    app.get("/api/v1/verify/AAAA-BBBB-CCCC").await.problem(ProblemKind::NotFound);
}

#[tokio::test]
async fn a_revoked_certificate_is_published_in_the_crl_and_can_no_longer_sign() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let (id, code) = billed(&world, &person, &reviewer).await;
    let reply = app.send(callback("bank", SECRET, seconds(app), &paid(&code, "BANK-7", "550.00"))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(act(app, &reviewer, &id, "issue").await.status, StatusCode::SEE_OTHER);
    let case = case_json(app, &reviewer, &id).await;
    let document = case["documents"][0]["id"].as_str().unwrap().to_owned();

    // Only the operator revokes; the CA publishes the serial in its signed list.
    let form = format!("csrf={}&login=reviewer", person.csrf);
    assert_ne!(app.send(with_client(Method::POST, "/test/pki/revoke", &person, &form)).await.status, StatusCode::OK);
    let operator = api_login(app, "operator").await;
    let form = format!("csrf={}&login=reviewer", operator.csrf);
    let revoked = app.send(with_client(Method::POST, "/test/pki/revoke", &operator, &form)).await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
    let serial = revoked.json()["revoked"].as_str().unwrap().to_uppercase();
    let (status, crl) = app.send_bytes(Request::get("/test/pki/crl").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("CRL"), &crl).unwrap();
    std::fs::write(directory.path().join("CA.pem"), &world.ca_pem).unwrap();
    let checked = Command::new("openssl")
        .args(["crl", "-inform", "DER", "-in", "CRL", "-CAfile", "CA.pem", "-noout", "-text"])
        .current_dir(directory.path())
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&checked.stdout), String::from_utf8_lossy(&checked.stderr));
    assert!(checked.status.success() && text.contains("verify OK"), "{text}");
    assert!(text.replace(':', "").to_uppercase().contains(&serial), "{serial} in {text}");

    // The revoked certificate's signature is refused and the case keeps waiting.
    let (_, pdf) = app.send_bytes(with_client(Method::GET, &format!("/documents/{document}/pdf"), &reviewer, "")).await;
    let at = pencere_core::Clock::now(app.clock.as_ref());
    let signature = cms::sign_detached(&pdf, &world.reviewer_key, at).unwrap();
    let mut request = with_client(Method::POST, &format!("/api/v1/documents/{document}/signature"), &reviewer, "");
    *request.body_mut() = Body::from(signature);
    let refused = app.send(request).await.problem(ProblemKind::Validation);
    assert_eq!(refused["errors"][0]["field"], "signature");
    assert_eq!(case_json(app, &reviewer, &id).await["state"], "issuing");
}
