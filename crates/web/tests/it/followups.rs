//! Follow-ups on a case over HTTP: a verification query about a doubtful document, asked of a
//! relevant body while the review deadline keeps running, and a paper copy of a licence, asked
//! for by the holder and handed over by the issuing body.

use axum::http::{Method, StatusCode};
use pencere_store::{on_conn, sqlx};

use super::auth::{Client, api_login, with_client};
use super::cases::apply_in_pages;
use super::registry::issued;
use super::trust::{case_json, world};
use crate::{Reply, TestApp};

async fn post(app: &TestApp, client: &Client, uri: &str, fields: &str) -> Reply {
    app.send(with_client(Method::POST, uri, client, &format!("csrf={}&{fields}", client.csrf))).await
}

/// The audit actions recorded for a record.
async fn audited(app: &TestApp, record_id: &str) -> Vec<String> {
    let mut tx = app.state.db().begin_read().await.unwrap();
    let rows: Vec<(String,)> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT action FROM audit_entries WHERE record_id = $1 ORDER BY id"))
            .bind(record_id)
            .fetch_all(&mut *conn)
            .await
            .unwrap()
    });
    rows.into_iter().map(|(action,)| action).collect()
}

async fn organization_id(app: &TestApp, code: &str) -> String {
    let mut tx = app.state.db().begin_read().await.unwrap();
    pencere_store::organizations::find_by_code(&mut tx, code).await.unwrap().unwrap().id
}

fn review_due(case: &serde_json::Value) -> (String, String) {
    let review = case["deadlines"].as_array().unwrap().iter().find(|deadline| deadline["id"] == "review").unwrap();
    (review["due_on"].as_str().unwrap().to_owned(), review["status"].as_str().unwrap().to_owned())
}

// clause: LIC-5.8
#[tokio::test]
async fn a_doubtful_document_is_checked_by_the_body_asked_while_the_review_deadline_runs() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let id = apply_in_pages(app, &person).await;
    let before = review_due(&case_json(app, &reviewer, &id).await);
    let emergencies = organization_id(app, "emergencies").await;

    let page = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
    assert!(page.body.contains("id=\"ask-query\""), "the competent body's official may ask");
    assert!(page.body.contains("Fövqəladə Hallar Nazirliyi"), "other bodies are offered");

    // Field by field: no body, no question; a body that does not exist; a slot with no document.
    let uri = format!("/work/cases/{id}/queries");
    let empty = post(app, &reviewer, &uri, "body=&slot=&question=").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("id=\"query-question-error\""), "{}", empty.body);
    assert!(empty.body.contains("id=\"query-body-error\""));
    let wrong = post(app, &reviewer, &uri, "body=nobody&slot=deed&question=Is+it+genuine%3F").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("id=\"query-slot-error\""));
    assert!(wrong.body.contains(">Is it genuine?</textarea>"), "the question typed is kept");
    let person_asks = post(app, &person, &uri, &format!("body={emergencies}&question=x")).await;
    assert_eq!(person_asks.status, StatusCode::FORBIDDEN, "the applicant does not ask");

    let question = "Is+lease+no.+77+registered+with+you%3F";
    let asked = post(app, &reviewer, &uri, &format!("body={emergencies}&slot=lease&question={question}")).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);

    // The deadline is not paused: the time counts within it.
    let during = case_json(app, &reviewer, &id).await;
    assert_eq!(review_due(&during), before, "the review deadline keeps running, unchanged");
    assert_eq!(during["state"], "registered");
    // The applicant sees that a query went out, not what it says.
    let applicant_view = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
    let timeline = applicant_view.body.split("id=\"timeline\"").nth(1).unwrap_or_default();
    assert!(timeline.contains("Sənədlərin yoxlanılması üçün aidiyyəti orqana sorğu göndərilib"), "{timeline}");
    assert!(!applicant_view.body.contains("lease no. 77"));

    // The body asked finds it in its queue and sees the case; a body not asked does not.
    let supervisor = api_login(app, "supervisor").await;
    let queue = app.send(with_client(Method::GET, "/work", &supervisor, "")).await;
    let main = queue.body.split("<main").nth(1).unwrap();
    assert!(main.contains("id=\"queried\""), "the table is on the page, not in its title: {}", queue.body);
    let theirs = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &supervisor, "")).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(theirs.body.contains("Is lease no. 77 registered with you?"));
    assert!(theirs.body.contains("id=\"answer-query\""));
    let taxman = api_login(app, "taxman").await;
    let not_asked = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &taxman, "")).await;
    assert_eq!(not_asked.status, StatusCode::NOT_FOUND);

    let query_id = theirs.body.split("/work/queries/").nth(1).unwrap().split('/').next().unwrap().to_owned();
    let answer_uri = format!("/work/queries/{query_id}/answer");
    assert_eq!(post(app, &taxman, &answer_uri, "answer=No").await.status, StatusCode::NOT_FOUND);
    assert_eq!(post(app, &reviewer, &answer_uri, "answer=Yes").await.status, StatusCode::NOT_FOUND, "not the asker");
    let blank = post(app, &supervisor, &answer_uri, "answer=+").await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.body.contains("id=\"query-answer-error\""));
    let answered = post(app, &supervisor, &answer_uri, "answer=Registered+on+2026-03-02").await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
    assert_eq!(post(app, &supervisor, &answer_uri, "answer=Again").await.status, StatusCode::CONFLICT);

    let page = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
    assert!(page.body.contains("Registered on 2026-03-02"), "the competent body reads the answer");
    let after = case_json(app, &reviewer, &id).await;
    assert_eq!(review_due(&after), before);
    let kinds: Vec<&str> = after["timeline"].as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).collect();
    assert!(kinds.contains(&"verification_asked") && kinds.contains(&"verification_answered"), "{kinds:?}");
    assert_eq!(audited(app, &query_id).await, ["case.verification_asked", "case.verification_answered"]);
}

// clause: LIC-6.2
#[tokio::test]
async fn a_holder_asks_for_a_paper_copy_and_the_issuing_body_records_its_hand_over() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let (id, _) = issued(&world, &person, &reviewer).await;
    let licence = case_json(app, &person, &id).await["documents"][0]["id"].as_str().unwrap().to_owned();

    let page = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
    assert!(page.body.contains("id=\"request-paper\""), "the holder may ask for a paper copy");
    let uri = format!("/cabinet/cases/{id}/paper");
    let bad = post(app, &person, &uri, &format!("document={licence}&ground=because")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Variantlardan birini seçin."), "{}", bad.body);
    let other = api_login(app, "other").await;
    let stranger = post(app, &other, &uri, &format!("document={licence}&ground=holder_request")).await;
    assert_eq!(stranger.status, StatusCode::NOT_FOUND, "not the holder");

    let asked = post(app, &person, &uri, &format!("document={licence}&ground=foreign_trade&note=At+the+office")).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let again = post(app, &person, &uri, &format!("document={licence}&ground=holder_request")).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "one open request at a time");

    // The issuing body sees it in its queue and records the hand-over, with how.
    let queue = app.send(with_client(Method::GET, "/work", &reviewer, "")).await;
    let main = queue.body.split("<main").nth(1).unwrap();
    assert!(main.contains("id=\"papers\"") && main.contains(&format!("/work/cases/{id}#paper-heading")));
    let work = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
    let copy =
        work.body.split(&format!("/work/cases/{id}/paper/")).nth(1).unwrap().split('"').next().unwrap().to_owned();
    let hand = format!("/work/cases/{id}/paper/{copy}");
    assert_eq!(post(app, &person, &hand, "handed_note=x").await.status, StatusCode::FORBIDDEN, "officials only");
    let blank = post(app, &reviewer, &hand, "handed_note=").await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.body.contains("id=\"handed-note-error\""));
    let done = post(app, &reviewer, &hand, "handed_note=Handed+to+the+holder+in+person").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(post(app, &reviewer, &hand, "handed_note=again").await.status, StatusCode::CONFLICT);

    // The holder sees it handed over and is told so; both steps are on the record.
    let mine = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
    assert!(mine.body.contains("Təhvil verilib") && mine.body.contains("Handed to the holder in person"));
    let mut tx = app.state.db().begin_read().await.unwrap();
    let sent = pencere_notify::deliveries(&mut tx, &id).await.unwrap();
    drop(tx);
    assert!(sent.iter().any(|delivery| delivery.template == "paper-copy-ready"), "{sent:?}");
    assert_eq!(audited(app, &copy).await, ["case.paper_requested", "case.paper_handed_over"]);
}

fn json(method: Method, uri: &str, client: &Client, body: &str) -> axum::http::Request<axum::body::Body> {
    let mut request = with_client(method, uri, client, body);
    request.headers_mut().insert(axum::http::header::CONTENT_TYPE, "application/json".parse().unwrap());
    request
}

// clause: LIC-5.8, LIC-6.2
#[tokio::test]
async fn integrators_ask_and_answer_queries_and_hand_over_paper_copies_through_the_api() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let supervisor = api_login(app, "supervisor").await;
    let taxman = api_login(app, "taxman").await;
    let (id, _) = issued(&world, &person, &reviewer).await;
    // A closed case takes no more queries; an open one does.
    let closed = app
        .send(json(
            Method::POST,
            &format!("/api/v1/cases/{id}/queries"),
            &reviewer,
            r#"{"body":"emergencies","question":"Q"}"#,
        ))
        .await;
    assert_eq!(closed.status, StatusCode::CONFLICT, "{}", closed.body);
    let other = api_login(app, "other").await;
    let open = apply_in_pages(app, &other).await;
    let uri = format!("/api/v1/cases/{open}/queries");
    let unknown = app.send(json(Method::POST, &uri, &reviewer, r#"{"body":"nowhere","question":"Q"}"#)).await;
    let problem = unknown.problem(pencere_web::problem::ProblemKind::Validation);
    assert_eq!(problem["errors"][0]["field"], "body");
    let person_asks = app.send(json(Method::POST, &uri, &other, r#"{"body":"emergencies","question":"Q"}"#)).await;
    assert_eq!(person_asks.status, StatusCode::FORBIDDEN);
    let asked = app
        .send(json(Method::POST, &uri, &reviewer, r#"{"body":"emergencies","slot":"lease","question":"Genuine?"}"#))
        .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    let query = asked.json()["id"].as_str().unwrap().to_owned();
    let listed = app.send(with_client(Method::GET, &uri, &supervisor, "")).await.json();
    assert_eq!(listed[0]["question"], "Genuine?");
    assert_eq!(listed[0]["body"], "emergencies");
    assert_eq!(app.send(with_client(Method::GET, &uri, &taxman, "")).await.status, StatusCode::NOT_FOUND);
    let answer = format!("/api/v1/queries/{query}/answer");
    assert_eq!(app.send(json(Method::POST, &answer, &taxman, r#"{"text":"No"}"#)).await.status, StatusCode::NOT_FOUND);
    let answered = app.send(json(Method::POST, &answer, &supervisor, r#"{"text":"Genuine, no. 77"}"#)).await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
    assert_eq!(
        app.send(json(Method::POST, &answer, &supervisor, r#"{"text":"Again"}"#)).await.status,
        StatusCode::CONFLICT
    );
    let seen = app.send(with_client(Method::GET, &uri, &reviewer, "")).await.json();
    assert_eq!((seen[0]["status"].as_str(), seen[0]["answer"].as_str()), (Some("answered"), Some("Genuine, no. 77")));

    // A paper copy: asked for by the holder, handed over by the issuing body.
    let licence = case_json(app, &person, &id).await["documents"][0]["id"].as_str().unwrap().to_owned();
    let papers = format!("/api/v1/cases/{id}/paper-copies");
    let bad =
        app.send(json(Method::POST, &papers, &person, &format!(r#"{{"document":"{licence}","ground":"x"}}"#))).await;
    assert_eq!(bad.problem(pencere_web::problem::ProblemKind::Validation)["errors"][0]["field"], "ground");
    let body = format!(r#"{{"document":"{licence}","ground":"holder_request","note":"By post"}}"#);
    assert_eq!(app.send(json(Method::POST, &papers, &other, &body)).await.status, StatusCode::NOT_FOUND);
    let requested = app.send(json(Method::POST, &papers, &person, &body)).await;
    assert_eq!(requested.status, StatusCode::CREATED, "{}", requested.body);
    let copy = requested.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(app.send(json(Method::POST, &papers, &person, &body)).await.status, StatusCode::CONFLICT);
    let hand = format!("/api/v1/paper-copies/{copy}/handed-over");
    assert_eq!(app.send(json(Method::POST, &hand, &supervisor, r#"{"text":"x"}"#)).await.status, StatusCode::NOT_FOUND);
    let handed = app.send(json(Method::POST, &hand, &reviewer, r#"{"text":"Sent by registered post"}"#)).await;
    assert_eq!(handed.status, StatusCode::OK, "{}", handed.body);
    assert_eq!(audited(app, &copy).await, ["case.paper_requested", "case.paper_handed_over"]);
}
