//! The applicant's own signed confirmation (LIC-5.3): removing the deficiencies of an application
//! is confirmed with the applicant's enhanced e-signature before the body sees it registered.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use pencere_trust::cms;
use pencere_web::problem::ProblemKind;

use super::auth::{Client, api_login, with_client};
use super::cases::apply_in_pages;
use super::trust::{act, case_json, openssl_verify, world};

fn signature(client: &Client, document: &str, cms: Vec<u8>) -> axum::http::Request<Body> {
    let mut request = with_client(Method::POST, &format!("/api/v1/documents/{document}/signature"), client, "");
    *request.body_mut() = Body::from(cms);
    request.headers_mut().insert(header::CONTENT_TYPE, "application/pkcs7-signature".parse().unwrap());
    request
}

// clause: LIC-5.3, LIC-5.4
#[tokio::test]
async fn removed_deficiencies_count_only_once_the_applicant_has_signed_the_confirmation() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let id = apply_in_pages(app, &person).await;
    let form = format!("csrf={}&transition=request_fixes&reason=Lease+unsigned.", reviewer.csrf);
    let notice = app.send(with_client(Method::POST, &format!("/work/cases/{id}/act"), &reviewer, &form)).await;
    assert_eq!(notice.status, StatusCode::SEE_OTHER, "{}", notice.body);

    // Confirming prepares the confirmation; the case still waits for the applicant.
    let mut request = with_client(Method::POST, &format!("/api/v1/cases/{id}/transitions"), &person, "");
    *request.body_mut() = Body::from(r#"{"transition":"submit_fixes"}"#);
    request.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    let taken = app.send(request).await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    let case: serde_json::Value = taken.json();
    assert_eq!(case["state"], "deficiencies", "nothing counts before the signature");
    assert_eq!(case["documents"][0]["status"], "awaiting_signature");
    assert_eq!(case["documents"][0]["title"], "Çatışmazlıqların aradan qaldırılmasının təsdiqi");
    let document = case["documents"][0]["id"].as_str().unwrap().to_owned();

    // The cabinet asks the applicant to sign it there, and lets them read what they sign.
    let page = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
    assert!(page.body.contains("id=\"signing\""), "{}", page.body);
    assert!(page.body.contains(&format!("action=\"/cabinet/documents/{document}/sign\"")));
    let (status, pdf) =
        app.send_bytes(with_client(Method::GET, &format!("/documents/{document}/pdf"), &person, "")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF-"));
    // Nobody else may sign, or read, the applicant's confirmation.
    let other = api_login(app, "other").await;
    let (status, _) = app.send_bytes(with_client(Method::GET, &format!("/documents/{document}/pdf"), &other, "")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let at = pencere_core::Clock::now(app.clock.as_ref());
    let by_other = cms::sign_detached(&pdf, &world.person_key, at).unwrap();
    app.send(signature(&other, &document, by_other)).await.problem(ProblemKind::NotFound);
    // A signature by another certificate than the applicant's is refused.
    let stranger = cms::sign_detached(&pdf, &world.stranger_key, at).unwrap();
    let refused = app.send(signature(&person, &document, stranger)).await.problem(ProblemKind::Validation);
    assert_eq!(refused["errors"][0]["field"], "signature");
    assert_eq!(case_json(app, &person, &id).await["state"], "deficiencies");

    // The applicant's own signature completes it: the review resumes, and the body is told.
    let signed = cms::sign_detached(&pdf, &world.person_key, at).unwrap();
    let reply = app.send(signature(&person, &document, signed)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let case = case_json(app, &reviewer, &id).await;
    assert_eq!(case["state"], "registered");
    assert_eq!(case["documents"][0]["status"], "valid");
    let official = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
    assert!(official.body.contains("Rəşad Məmmədov"), "the body sees who signed");
    let mut tx = app.state.db().begin_read().await.unwrap();
    let sent = pencere_notify::deliveries(&mut tx, &id).await.unwrap();
    drop(tx);
    for channel in ["inbox", "email", "sms"] {
        assert!(
            sent.iter().any(|delivery| delivery.template == "case-fixes-received" && delivery.channel == channel),
            "{channel}: {sent:?}"
        );
    }

    // The signed confirmation verifies with openssl against the CA.
    let (status, p7s) =
        app.send_bytes(with_client(Method::GET, &format!("/documents/{document}/signature"), &person, "")).await;
    assert_eq!(status, StatusCode::OK);
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("DOC"), &pdf).unwrap();
    std::fs::write(directory.path().join("SIG"), &p7s).unwrap();
    std::fs::write(directory.path().join("CA.pem"), &world.ca_pem).unwrap();
    assert!(openssl_verify(directory.path()), "openssl verifies the applicant's confirmation");

    // An official cannot confirm for the applicant.
    let again = app.send(with_client(Method::POST, &format!("/work/cases/{id}/act"), &reviewer, &form)).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let refused = act(app, &reviewer, &id, "submit_fixes").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
}
