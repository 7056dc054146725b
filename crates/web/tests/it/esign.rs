//! Login by e-signature certificate: through the API with a client-held key, and through the
//! mobile signature service with the test environment's phone; and every reason for refusal.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine as _;
use p256::ecdsa::DerSignature;
use p256::ecdsa::signature::Signer as _;
use pencere_core::Timestamp;
use pencere_testkit::TestDb;
use pencere_trust::{IssuedCertificate, TestCa, TrustStore};
use pencere_web::problem::ProblemKind;
use pencere_web::sandbox::{Sandbox, SandboxAccount};
use pencere_web::{AppConfig, Services};

use crate::TestApp;

const NOW: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);

struct World {
    app: TestApp,
    ca: TestCa,
    trust: Arc<TrustStore>,
    sandbox: Arc<Sandbox>,
}

async fn world() -> World {
    let ca = TestCa::generate("Pencere Test CA", NOW).unwrap();
    let trust = Arc::new(TrustStore::from_pem(&ca.certificate_pem()).unwrap());
    let phone_key =
        ca.issue("Rəşad Məmmədov", Some("5ZX3K7P"), NOW.plus_seconds(-60), NOW.plus_seconds(86_400)).unwrap();
    let accounts = vec![SandboxAccount {
        login: "applicant".into(),
        phone: "+994 50 200 00 01".into(),
        user_id: "100001".into(),
        issued: phone_key,
    }];
    let sandbox = Arc::new(Sandbox::new(ca.certificate_pem(), accounts));
    let services = Services { store: trust.clone(), sandbox: Some(sandbox.clone()), ..Services::default() };
    let config = AppConfig { demo: true, ..AppConfig::default() };
    let app = TestApp::with_trust(TestDb::sqlite().await, config, services).await;
    World { app, ca, trust, sandbox }
}

pub(crate) fn json_post(uri: &str, body: String) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(body))
        .unwrap()
}

/// Gets a challenge, signs `message` (the challenge itself unless given) with `issued`, sends it.
pub(crate) async fn certificate_login(
    app: &TestApp,
    issued: &IssuedCertificate,
    tamper: bool,
) -> (crate::Reply, String) {
    let challenge = app.send(json_post("/api/v1/session/challenge", String::new())).await.json();
    let text = challenge["challenge"].as_str().unwrap().to_owned();
    let message = if tamper { format!("{text}!") } else { text };
    let signature: DerSignature = issued.key.sign(message.as_bytes());
    let body = serde_json::json!({
        "challenge_id": challenge["id"],
        "certificate": issued.certificate_pem(),
        "signature": base64::engine::general_purpose::STANDARD.encode(signature.as_bytes()),
    })
    .to_string();
    (app.send(json_post("/api/v1/session/certificate", body.clone())).await, body)
}

// clause: KOB-3.6, MIG-5.2.3
#[tokio::test]
async fn a_certificate_signs_a_challenge_and_the_first_login_creates_the_cabinet() {
    let world = world().await;
    let issued =
        world.ca.issue("Aygün Əliyeva", Some("2HKJ4LM"), NOW.plus_seconds(-60), NOW.plus_seconds(86_400)).unwrap();
    let (reply, body) = certificate_login(&world.app, &issued, false).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let session = reply.json();
    assert_eq!(session["user"]["fin"], "2HKJ4LM");
    assert_eq!(session["user"]["full_name"], "Aygün Əliyeva", "the account was created from the certificate");
    assert!(reply.header("set-cookie").starts_with("pencere_session="));

    let replay =
        world.app.send(json_post("/api/v1/session/certificate", body)).await.problem(ProblemKind::Unauthorized);
    assert_eq!(replay["detail"], "This signed request was already used. Start a new login.");

    // The second login finds the same account.
    let (again, _) = certificate_login(&world.app, &issued, false).await;
    assert_eq!(again.json()["user"]["id"], session["user"]["id"]);
}

#[tokio::test]
async fn foreign_expired_revoked_and_mismatched_signatures_are_refused_with_their_reason() {
    let world = world().await;
    let foreign = TestCa::generate("Someone Else CA", NOW).unwrap();
    let cases = [
        (
            foreign.issue("Stranger", Some("7BC4D9E"), NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap(),
            false,
            "trusted authority",
        ),
        (
            world.ca.issue("Old", Some("7BC4D9E"), NOW.plus_seconds(-7200), NOW.plus_seconds(-3600)).unwrap(),
            false,
            "not valid at this time",
        ),
        (
            world.ca.issue("Fine", Some("7BC4D9E"), NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap(),
            true,
            "does not match",
        ),
    ];
    for (issued, tamper, reason) in cases {
        let (reply, _) = certificate_login(&world.app, &issued, tamper).await;
        let problem = reply.problem(ProblemKind::Unauthorized);
        assert!(problem["detail"].as_str().unwrap().contains(reason), "{problem}");
    }
    let revoked = world.ca.issue("Revoked", Some("7BC4D9E"), NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap();
    world.trust.revoke(&revoked.serial());
    let (reply, _) = certificate_login(&world.app, &revoked, false).await;
    assert!(reply.problem(ProblemKind::Unauthorized)["detail"].as_str().unwrap().contains("revoked"));
}

fn form(uri: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).unwrap() + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_mobile_signature_is_confirmed_on_the_phone_and_logs_in() {
    let world = world().await;
    let unknown = world.app.send(form("/login/mobile", "phone=%2B994501234567&user_id=1&next=%2Fcabinet")).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("qeydiyyatdan keçmiş mobil imza yoxdur"), "{}", unknown.body);

    let started =
        world.app.send(form("/login/mobile", "phone=%2B994+50+200+00+01&user_id=100001&next=%2Fcabinet")).await;
    assert_eq!(started.status, StatusCode::OK);
    let request = hidden(&started.body, "request");
    let prompts = world.sandbox.pending_for("994502000001");
    assert_eq!(prompts.len(), 1);
    assert!(started.body.contains(&prompts[0].code), "both screens show the same code");

    let early = world.app.send(form("/login/mobile/complete", &format!("request={request}&next=%2Fcabinet"))).await;
    assert_eq!(early.status, StatusCode::ACCEPTED, "not confirmed yet");

    let phone = world
        .app
        .send(form("/test/phone/answer", &format!("phone=994502000001&request={request}&answer=confirm")))
        .await;
    assert_eq!(phone.status, StatusCode::SEE_OTHER);
    let done = world.app.send(form("/login/mobile/complete", &format!("request={request}&next=%2Fcabinet"))).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.header("location"), "/cabinet");
    let cookie = done.header("set-cookie").split(';').next().unwrap().to_owned();
    let cabinet =
        world.app.send(Request::get("/cabinet").header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await;
    assert!(cabinet.body.contains("Rəşad Məmmədov") && cabinet.body.contains("5ZX3K7P"));

    let again = world.app.send(form("/login/mobile/complete", &format!("request={request}&next=%2Fcabinet"))).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED, "the signed challenge cannot be used twice");
}

#[tokio::test]
async fn a_declined_mobile_signature_logs_no_one_in() {
    let world = world().await;
    let started = world.app.send(form("/login/mobile", "phone=994502000001&user_id=100001")).await;
    let request = hidden(&started.body, "request");
    assert!(world.sandbox.decline(&request));
    let done = world.app.send(form("/login/mobile/complete", &format!("request={request}"))).await;
    assert_eq!(done.status, StatusCode::UNAUTHORIZED);
    assert!(done.header("set-cookie").is_empty());
}

#[test]
fn an_id_token_that_is_forged_expired_for_another_client_or_another_login_is_refused() {
    use pencere_trust::jws;
    let client =
        pencere_web::sso::SsoClient::new("http://idp.test".into(), "pencere".into(), "http://rp.test/cb".into());
    let key = p256::ecdsa::SigningKey::random(&mut rand_core::OsRng);
    let keys = jws::keys_of(&serde_json::json!({ "keys": [jws::jwk(key.verifying_key(), "k")] }));
    let seconds = NOW.as_micros() / 1_000_000;
    let claims = |aud: &str, exp: i64, nonce: &str| serde_json::json!({ "iss": "http://idp.test", "aud": aud, "sub": "5ZX3K7P", "name": "Rəşad", "nonce": nonce, "exp": exp });
    let good = jws::sign(&key, "k", &claims("pencere", seconds + 60, "n1"));
    assert_eq!(client.check(&good, &keys, "n1", NOW).unwrap().fin.as_str(), "5ZX3K7P");
    for (token, nonce) in [
        (jws::sign(&key, "k", &claims("someone-else", seconds + 60, "n1")), "n1"),
        (jws::sign(&key, "k", &claims("pencere", seconds - 1, "n1")), "n1"),
        (good.clone(), "n2"),
    ] {
        assert!(client.check(&token, &keys, nonce, NOW).is_err());
    }
    let parts: Vec<&str> = good.split('.').collect();
    let forged_claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(claims("pencere", seconds + 60, "n1").to_string().replace("5ZX3K7P", "2HKJ4LM"));
    let forged = format!("{}.{forged_claims}.{}", parts[0], parts[2]);
    assert!(client.check(&forged, &keys, "n1", NOW).is_err(), "a changed claim breaks the signature");
}
