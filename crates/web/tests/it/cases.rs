//! Applying through the pages and the API: field-level messages in the user's language, drafts
//! and documents, registration with a number and a notice, both sides of the case, the work
//! queue, and who may see what.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use pencere_web::problem::ProblemKind;

use super::Reply;
use super::auth::{Client, api_login, app_with_people, extract_csrf, with_client};
use crate::TestApp;

const BOUNDARY: &str = "pencere-test-boundary";

pub(crate) fn multipart(client: &Client, uri: &str, slot: &str, name: &str, content: &[u8]) -> Request<Body> {
    let mut body = Vec::new();
    for (field, value) in [("csrf", client.csrf.as_str()), ("slot", slot)] {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    Request::post(uri)
        .header(header::COOKIE, &client.cookie)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(body))
        .unwrap()
}

fn with_lang(mut request: Request<Body>, lang: &str) -> Request<Body> {
    request.headers_mut().insert(header::ACCEPT_LANGUAGE, lang.parse().unwrap());
    request
}

fn api(method: Method, uri: &str, client: &Client, body: &str) -> Request<Body> {
    let mut request = with_client(method, uri, client, body);
    request.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    request
}

/// Applies through the pages: a draft, the lease attached, submitted. Returns the case id.
pub(crate) async fn apply_in_pages(app: &TestApp, person: &Client) -> String {
    let form = format!("csrf={}&action=save&f.address=Bak%C4%B1&f.phone=0501234567", person.csrf);
    let saved = app.send(with_client(Method::POST, "/services/lic.sample/apply", person, &form)).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let location = saved.header("location").to_owned();
    let draft = location.split("draft=").nth(1).unwrap().split('&').next().unwrap().to_owned();
    let uploaded = app
        .send(multipart(
            person,
            &format!("/cabinet/cases/{draft}/documents"),
            "lease",
            "../İcarə lease.pdf",
            b"%PDF-1.4 x",
        ))
        .await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);
    let form = format!("csrf={}&draft={draft}&idempotency_key=k-1&f.address=Bak%C4%B1&f.phone=0501234567", person.csrf);
    let submitted = app.send(with_client(Method::POST, "/services/lic.sample/apply", person, &form)).await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER, "{}", submitted.body);
    assert_eq!(submitted.header("location"), format!("/cabinet/cases/{draft}?registered=1"));
    draft
}

// clause: LIC-4.3, MIG-4.2
#[tokio::test]
async fn the_form_names_each_problem_in_the_users_language_and_loses_nothing() {
    let app = app_with_people().await;
    let person = api_login(&app, "person").await;
    let page = app.send(with_client(Method::GET, "/services/lic.sample/apply", &person, "")).await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = extract_csrf(&page.body);
    let form = format!("csrf={csrf}&f.address=&f.phone=12345");
    let az = app.send(with_client(Method::POST, "/services/lic.sample/apply", &person, &form)).await;
    assert_eq!(az.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(az.body.contains("Bu sahə məcburidir."), "{}", az.body);
    assert!(az.body.contains("Azərbaycan mobil nömrəsi daxil edin"));
    assert!(az.body.contains("Bu sənədi əlavə edin."));
    assert!(az.body.contains("aria-invalid=\"true\" aria-describedby=\"f-address-error\""));
    assert!(az.body.contains("value=\"12345\""), "what was typed is kept");
    let en = app.send(with_lang(with_client(Method::POST, "/services/lic.sample/apply", &person, &form), "en")).await;
    assert!(en.body.contains("This field is required.") && en.body.contains("Attach this document."));
    let ru = app.send(with_lang(with_client(Method::POST, "/services/lic.sample/apply", &person, &form), "ru")).await;
    assert!(ru.body.contains("Это поле обязательно."));
    // A file that is not a PDF, JPEG or PNG is refused by content, whatever its name.
    let saved = app
        .send(with_client(Method::POST, "/services/lic.sample/apply", &person, &format!("csrf={csrf}&action=save")))
        .await;
    let draft = saved.header("location").split("draft=").nth(1).unwrap().split('&').next().unwrap().to_owned();
    let refused =
        app.send(multipart(&person, &format!("/cabinet/cases/{draft}/documents"), "lease", "x.pdf", b"MZ\x90")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Yalnız PDF, JPEG və PNG faylları qəbul olunur."), "{}", refused.body);
}

// clause: LIC-4.4, LIC-2.0.1
#[tokio::test]
async fn a_submitted_application_gets_a_number_deadlines_a_timeline_and_a_notice() {
    let app = app_with_people().await;
    let person = api_login(&app, "person").await;
    let id = apply_in_pages(&app, &person).await;
    let page = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}?registered=1"), &person, "")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"case-number\">LIC-2026-000001<"), "{}", page.body);
    assert!(page.body.contains("Baxılma müddəti") && page.body.contains("Law 176-VQ, art. 14.1"));
    assert!(page.body.contains("Qeydə alınıb"));
    assert!(page.body.contains("İcarə_lease.pdf"), "the uploaded name is kept, cleaned, without its path");
    // The notice reaches the cabinet inbox once the outbox is delivered, in Azerbaijani.
    let report = app.state.dispatcher().run_once().await.unwrap();
    assert_eq!(report.sent, 1, "inbox only: this person has no e-mail or mobile number");
    let inbox = app.send(with_client(Method::GET, "/cabinet/inbox", &person, "")).await;
    assert!(inbox.body.contains("LIC-2026-000001 nömrəli müraciət qeydə alındı"), "{}", inbox.body);
    let api_inbox = app.send(with_client(Method::GET, "/api/v1/inbox", &person, "")).await.json();
    assert_eq!(api_inbox[0]["case_id"], id.as_str());
    let cabinet = app.send(with_client(Method::GET, "/cabinet", &person, "")).await;
    assert!(cabinet.body.contains("1 oxunmamış bildiriş"), "{}", cabinet.body);
    // The document can be downloaded by its applicant, exactly as sent.
    let document = app.send(with_client(Method::GET, &format!("/cases/{id}/documents/lease/1"), &person, "")).await;
    assert_eq!((document.status, document.body.as_str()), (StatusCode::OK, "%PDF-1.4 x"));
    assert_eq!(document.header("content-type"), "application/pdf");
    assert_eq!(
        document.header("content-disposition"),
        "attachment; filename=\"_car__lease.pdf\"; filename*=UTF-8''%C4%B0car%C9%99_lease.pdf"
    );
}

// clause: LIC-5.2, LIC-5.3, LIC-5.4
#[tokio::test]
async fn the_official_works_the_queue_and_both_sides_see_the_deadlines() {
    let app = app_with_people().await;
    let person = api_login(&app, "person").await;
    let id = apply_in_pages(&app, &person).await;
    let reviewer = api_login(&app, "reviewer").await;
    let queue = app.send(with_client(Method::GET, "/work", &reviewer, "")).await;
    assert!(queue.body.contains("LIC-2026-000001") && queue.body.contains("Rəşad Məmmədov"), "{}", queue.body);
    let case_page = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
    assert!(case_page.body.contains("id=\"act-request_fixes\""));
    // A deficiency notice needs its reason: the form says so, in the official's language.
    let act = format!("/work/cases/{id}/act");
    let missing = app
        .send(with_lang(
            with_client(Method::POST, &act, &reviewer, &format!("csrf={}&transition=request_fixes", reviewer.csrf)),
            "en",
        ))
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("Write the reason."));
    let body = format!("csrf={}&transition=request_fixes&reason=Lease+unsigned.", reviewer.csrf);
    assert_eq!(app.send(with_client(Method::POST, &act, &reviewer, &body)).await.status, StatusCode::SEE_OTHER);
    let assign = format!("csrf={}&to=me", reviewer.csrf);
    let assigned = app.send(with_client(Method::POST, &format!("/work/cases/{id}/assign"), &reviewer, &assign)).await;
    assert_eq!(assigned.status, StatusCode::SEE_OTHER, "{}", assigned.body);
    let taken = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
    assert!(taken.body.contains("id=\"case-assigned\">Leyla Hüseynova<"), "{}", taken.body);
    // The applicant sees the new state, the fixing deadline and the reason.
    let page = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
    assert!(page.body.contains("Çatışmazlıqlar aradan qaldırılmalıdır"));
    assert!(page.body.contains("Düzəliş müddəti") && page.body.contains("Lease unsigned."));
    assert!(page.body.contains("dayandırılıb"), "the review deadline is paused");
    assert!(page.body.contains("id=\"act-submit_fixes\""));
    let fixed = app
        .send(with_client(
            Method::POST,
            &format!("/cabinet/cases/{id}/act"),
            &person,
            &format!("csrf={}&transition=submit_fixes", person.csrf),
        ))
        .await;
    assert_eq!(fixed.status, StatusCode::SEE_OTHER, "{}", fixed.body);
    // Opening the case was journaled as a read of the applicant's data.
    let cabinet = app.send(with_client(Method::GET, "/cabinet", &person, "")).await;
    assert!(cabinet.body.contains("Şəxsi məlumatlara baxılıb"), "{}", cabinet.body);
}

// clause: MIG-5.2.3, LIC-3.2
#[tokio::test]
async fn nobody_else_sees_or_moves_an_application() {
    let app = app_with_people().await;
    let person = api_login(&app, "person").await;
    let id = apply_in_pages(&app, &person).await;
    let other = api_login(&app, "other").await;
    for uri in [format!("/cabinet/cases/{id}"), format!("/cases/{id}/documents/lease/1")] {
        assert_eq!(app.send(with_client(Method::GET, &uri, &other, "")).await.status, StatusCode::NOT_FOUND, "{uri}");
    }
    app.send(with_client(Method::GET, &format!("/api/v1/cases/{id}"), &other, "")).await.problem(ProblemKind::NotFound);
    let act = format!("csrf={}&transition=submit_fixes", other.csrf);
    let moved = app.send(with_client(Method::POST, &format!("/cabinet/cases/{id}/act"), &other, &act)).await;
    assert_eq!(moved.status, StatusCode::NOT_FOUND);
    // The applicant cannot take the official's step; the operator is no official of the body.
    let grant = format!("csrf={}&transition=grant", person.csrf);
    let refused = app.send(with_client(Method::POST, &format!("/cabinet/cases/{id}/act"), &person, &grant)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let operator = api_login(&app, "operator").await;
    assert_eq!(app.send(with_client(Method::GET, "/work", &operator, "")).await.status, StatusCode::FORBIDDEN);
    let list = app.send(with_client(Method::GET, "/api/v1/cases", &other, "")).await.json();
    assert_eq!(list.as_array().unwrap().len(), 0);
}

// clause: LIC-4.4, LIC-4.3
#[tokio::test]
async fn the_api_registers_once_per_idempotency_key_and_names_bad_fields() {
    let app = app_with_people().await;
    let person = api_login(&app, "person").await;
    let bad =
        app.send(api(Method::POST, "/api/v1/cases", &person, r#"{"service":"lic.sample","data":{"phone":"1"}}"#)).await;
    let problem = bad.problem(ProblemKind::Validation);
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["address", "phone", "lease"]);
    let draft = app
        .send(api(
            Method::POST,
            "/api/v1/cases",
            &person,
            r#"{"service":"lic.sample","draft":true,"data":{"address":"Şəki"}}"#,
        ))
        .await;
    assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.body);
    let draft_id = draft.json()["id"].as_str().unwrap().to_owned();
    let mut put = with_client(Method::PUT, &format!("/api/v1/cases/{draft_id}/documents/lease"), &person, "");
    put.headers_mut().insert("x-file-name", "lease.png".parse().unwrap());
    *put.body_mut() = Body::from(b"\x89PNG\r\n\x1a\n....".to_vec());
    let stored = app.send(put).await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.body);
    let body = format!(
        r#"{{"service":"lic.sample","draft_id":"{draft_id}","data":{{"address":"Şəki","phone":"+994 55 123 45 67"}}}}"#
    );
    let submit = |key: &'static str| {
        let mut request = api(Method::POST, "/api/v1/cases", &person, &body);
        request.headers_mut().insert("idempotency-key", key.parse().unwrap());
        request
    };
    let first: Reply = app.send(submit("abc")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again: Reply = app.send(submit("abc")).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(first.json()["number"], again.json()["number"]);
    assert_eq!(first.json()["deadlines"][0]["due_on"].as_str().map(str::len), Some(10));
    let mine = app.send(with_client(Method::GET, "/api/v1/cases", &person, "")).await.json();
    assert_eq!(mine.as_array().unwrap().len(), 1, "one application, not two");
}
