//! Follow-ups on a case, as the review of the portal asked them to behave: the bodies on both
//! sides of a verification query are told when it is asked and when it is answered, and the
//! asked body reads the case only while its answer is due; an open request for a paper copy is
//! closed, and the holder told, when a re-issue or a duplicate replaces the document it asks
//! for; and asking for a paper copy follows the service's login rule.

use axum::http::{Method, StatusCode};
use pencere_store::{on_conn, sqlx};
use pencere_testkit::both_backends;
use pencere_web::{AppConfig, AppState, Services};
use tower::ServiceExt as _;

use super::auth::{Client, api_login, with_client};
use super::cases::apply_in_pages;
use super::registry::{issued, sign_pending};
use super::trust::{act, case_json, world_on};
use crate::{Reply, TestApp};

async fn post(app: &TestApp, client: &Client, uri: &str, fields: &str) -> Reply {
    app.send(with_client(Method::POST, uri, client, &format!("csrf={}&{fields}", client.csrf))).await
}

async fn organization_id(app: &TestApp, code: &str) -> String {
    let mut tx = app.state.db().begin_read().await.unwrap();
    pencere_store::organizations::find_by_code(&mut tx, code).await.unwrap().unwrap().id
}

/// The subjects of the client's inbox, after the outbox has been delivered.
async fn inbox_subjects(app: &TestApp, client: &Client) -> Vec<String> {
    app.state.dispatcher().run_once().await.unwrap();
    let inbox = app.send(with_client(Method::GET, "/api/v1/inbox", client, "")).await.json();
    inbox.as_array().unwrap().iter().map(|message| message["subject"].as_str().unwrap().to_owned()).collect()
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

async fn apply(app: &TestApp, client: &Client, service: &str, fields: &str, key: &str) -> String {
    let form = format!("csrf={}&idempotency_key={key}&{fields}", client.csrf);
    let reply = app.send(with_client(Method::POST, &format!("/services/{service}/apply"), client, &form)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    reply.header("location").trim_start_matches("/cabinet/cases/").split('?').next().unwrap().to_owned()
}

both_backends! {
    // clause: LIC-5.8
    async fn the_bodies_are_told_of_a_query_and_its_answer_and_the_asked_body_then_loses_the_case(db) {
        let world = world_on(db).await;
        let app = &world.app;
        let person = api_login(app, "person").await;
        let reviewer = api_login(app, "reviewer").await;
        let supervisor = api_login(app, "supervisor").await;
        let id = apply_in_pages(app, &person).await;
        let number = case_json(app, &person, &id).await["number"].as_str().unwrap().to_owned();
        let emergencies = organization_id(app, "emergencies").await;

        let uri = format!("/work/cases/{id}/queries");
        let asked = post(app, &reviewer, &uri, &format!("body={emergencies}&slot=lease&question=Genuine%3F")).await;
        assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
        // The asked body's official is told that a query waits for them; the asker is not.
        let told = inbox_subjects(app, &supervisor).await;
        assert!(
            told.contains(&format!("{number} nömrəli müraciət üzrə sənədin yoxlanılması sorğusu")),
            "{told:?}"
        );
        assert!(!told.iter().any(|subject| subject.contains("Genuine")), "the question stays on the case page");
        assert!(inbox_subjects(app, &reviewer).await.is_empty(), "{:?}", inbox_subjects(app, &reviewer).await);

        // While the answer is due, the asked body reads the case.
        let page = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &supervisor, "")).await;
        assert_eq!(page.status, StatusCode::OK);
        let query = page.body.split("/work/queries/").nth(1).unwrap().split('/').next().unwrap().to_owned();
        let answered = post(app, &supervisor, &format!("/work/queries/{query}/answer"), "answer=Genuine").await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
        assert_eq!(answered.header("location"), "/work", "back to the queue, not to a case it no longer reads");

        // The official who asked is told of the answer.
        let told = inbox_subjects(app, &reviewer).await;
        assert_eq!(told, [format!("{number} nömrəli müraciət üzrə yoxlama sorğusuna cavab verilib")], "{told:?}");

        // Once it has answered, the asked body no longer reads the case, on the page or in the API.
        let after = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &supervisor, "")).await;
        assert_eq!(after.status, StatusCode::NOT_FOUND);
        let listed = app.send(with_client(Method::GET, &format!("/api/v1/cases/{id}/queries"), &supervisor, "")).await;
        assert_eq!(listed.status, StatusCode::NOT_FOUND);
        let queue = app.send(with_client(Method::GET, "/work", &supervisor, "")).await;
        assert!(!queue.body.contains(&format!("/work/cases/{id}")), "nor finds it in its queue");
        // The competent body still reads it, with the answer.
        let theirs = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
        assert!(theirs.body.contains("Genuine"));
        assert_eq!(audited(app, &query).await, ["case.verification_asked", "case.verification_answered"]);
    }

    // clause: LIC-6.2
    async fn an_open_paper_copy_request_is_closed_when_a_reissue_replaces_the_licence(db) {
        let world = world_on(db).await;
        let app = &world.app;
        let person = api_login(app, "person").await;
        let reviewer = api_login(app, "reviewer").await;
        let (id, number) = issued(&world, &person, &reviewer).await;
        let licence = case_json(app, &person, &id).await["documents"][0]["id"].as_str().unwrap().to_owned();
        let asked = post(app, &person, &format!("/cabinet/cases/{id}/paper"), &format!("document={licence}&ground=holder_request")).await;
        assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
        let work = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
        let copy =
            work.body.split(&format!("/work/cases/{id}/paper/")).nth(1).unwrap().split('"').next().unwrap().to_owned();
        let before = inbox_subjects(app, &person).await.len();

        // The holder applies for a re-issue; the request stays open until the new licence is signed.
        let fields = format!("f.licence={number}&f.applicant_name=X%C9%99z%C9%99r+Group&f.activity_address=Nizami+5");
        let reissue = apply(app, &person, "lic.reissue", &fields, "paper-r-1").await;
        assert_eq!(act(app, &reviewer, &reissue, "reissue").await.status, StatusCode::SEE_OTHER);
        let queue = app.send(with_client(Method::GET, "/work", &reviewer, "")).await;
        assert!(queue.body.contains(&format!("/work/cases/{id}#paper-heading")), "still open before the signature");
        sign_pending(&world, &reviewer, &reissue).await;

        // Closed in the re-issue's transaction: shown to the holder in words, off the body's queue.
        let mine = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
        assert!(mine.body.contains("Bağlanıb: sənəd əvəz olunub"), "{}", mine.body);
        assert!(mine.body.contains("Kağız nüsxə sorğusu bağlanıb: lisenziya sənədi əvəz olunub"), "on the timeline");
        let queue = app.send(with_client(Method::GET, "/work", &reviewer, "")).await;
        assert!(!queue.body.contains(&format!("/work/cases/{id}#paper-heading")), "no longer to hand over");
        let hand = post(app, &reviewer, &format!("/work/cases/{id}/paper/{copy}"), "handed_note=In+person").await;
        assert_eq!(hand.status, StatusCode::CONFLICT, "a closed request is not handed over");
        let told = inbox_subjects(app, &person).await;
        assert!(
            told[..told.len() - before].iter().any(|subject| subject == &format!("Lisenziya {number}: kağız nüsxə sorğusu bağlanıb")),
            "{told:?}"
        );
        assert_eq!(audited(app, &copy).await, ["case.paper_requested", "case.paper_superseded"]);
    }

    // clause: LIC-6.2
    async fn a_duplicate_closes_the_open_paper_copy_request_too(db) {
        let world = world_on(db).await;
        let app = &world.app;
        let person = api_login(app, "person").await;
        let reviewer = api_login(app, "reviewer").await;
        let (id, number) = issued(&world, &person, &reviewer).await;
        let licence = case_json(app, &person, &id).await["documents"][0]["id"].as_str().unwrap().to_owned();
        let asked = post(app, &person, &format!("/cabinet/cases/{id}/paper"), &format!("document={licence}&ground=foreign_trade")).await;
        assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
        let duplicate = apply(app, &person, "lic.duplicate", &format!("f.licence={number}"), "paper-d-1").await;
        assert_eq!(act(app, &reviewer, &duplicate, "duplicate").await.status, StatusCode::SEE_OTHER);
        sign_pending(&world, &reviewer, &duplicate).await;
        let mine = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
        assert!(mine.body.contains("Bağlanıb: sənəd əvəz olunub"), "{}", mine.body);
        // The new licence document may be asked for (it is the duplicate case's).
        let copy = case_json(app, &person, &duplicate).await["documents"][0]["id"].as_str().unwrap().to_owned();
        let again = post(app, &person, &format!("/cabinet/cases/{duplicate}/paper"), &format!("document={copy}&ground=holder_request")).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    }

    // clause: LIC-3.8, LIC-6.2
    async fn outside_the_test_environment_a_password_session_does_not_ask_for_a_paper_copy(db) {
        let world = world_on(db).await;
        let app = &world.app;
        let person = api_login(app, "person").await;
        let reviewer = api_login(app, "reviewer").await;
        let (id, _) = issued(&world, &person, &reviewer).await;
        let licence = case_json(app, &person, &id).await["documents"][0]["id"].as_str().unwrap().to_owned();

        // The same database served outside the test environment: the person's password session
        // no longer stands in for the e-signature the service's login rule names.
        let production = AppState::new(
            app.state.db().clone(),
            app.clock.clone(),
            Services::default(),
            crate::test_portals(),
            AppConfig::default(),
        )
        .unwrap();
        let router = pencere_web::router(production);
        let send = |uri: String, body: String, json: bool| {
            let mut request = with_client(Method::POST, &uri, &person, &body);
            if json {
                request.headers_mut().insert(axum::http::header::CONTENT_TYPE, "application/json".parse().unwrap());
            }
            router.clone().oneshot(request)
        };
        let form = send(format!("/cabinet/cases/{id}/paper"), format!("csrf={}&document={licence}&ground=holder_request", person.csrf), false).await.unwrap();
        assert_eq!(form.status(), StatusCode::FORBIDDEN);
        let api = send(format!("/api/v1/cases/{id}/paper-copies"), format!(r#"{{"document":"{licence}","ground":"holder_request"}}"#), true).await.unwrap();
        assert_eq!(api.status(), StatusCode::FORBIDDEN);
        let body = axum::body::to_bytes(api.into_body(), 1 << 20).await.unwrap();
        let problem: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(problem["type"], "/problems/forbidden", "{problem}");
        assert!(problem["detail"].as_str().unwrap().contains("elektron imza ilə yenidən daxil olun"), "{problem}");
        let mine = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
        assert!(mine.body.contains("id=\"request-paper\""), "nothing was recorded: the form is still offered");

        // In the test environment the demo stand-in is accepted, as for the other actions.
        let asked = post(app, &person, &format!("/cabinet/cases/{id}/paper"), &format!("document={licence}&ground=holder_request")).await;
        assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    }
}
