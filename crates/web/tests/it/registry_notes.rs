//! Notes on a registry entry over HTTP, on both backends: the owner's official enters data about
//! an entry and its holder is notified and reads it; the holder reports an error, the owner's
//! officials see it waiting and answer it once, and the holder is told the answer. Nobody else —
//! another user, the public — sees the notes.

use axum::http::{Method, StatusCode};
use pencere_store::{on_conn, sqlx};
use pencere_testkit::both_backends;

use super::auth::{Client, api_login, with_client};
use super::registry::issued;
use super::trust::world_on;
use crate::{Reply, TestApp};

async fn post_json(app: &TestApp, client: &Client, uri: &str, body: serde_json::Value) -> Reply {
    let mut request = with_client(Method::POST, uri, client, &body.to_string());
    request.headers_mut().insert("content-type", "application/json".parse().unwrap());
    app.send(request).await
}

async fn post_form(app: &TestApp, client: &Client, uri: &str, fields: &str) -> Reply {
    app.send(with_client(Method::POST, uri, client, &format!("csrf={}&{fields}", client.csrf))).await
}

async fn inbox_subjects(app: &TestApp, client: &Client) -> Vec<String> {
    app.state.dispatcher().run_once().await.unwrap();
    let inbox = app.send(with_client(Method::GET, "/api/v1/inbox", client, "")).await.json();
    inbox.as_array().unwrap().iter().map(|message| message["subject"].as_str().unwrap().to_owned()).collect()
}

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

both_backends! {
    async fn the_owner_enters_data_the_holder_follows_it_and_reports_an_error_that_is_answered_once(db) {
        let world = world_on(db).await;
        let app = &world.app;
        let person = api_login(app, "person").await;
        let reviewer = api_login(app, "reviewer").await;
        let other = api_login(app, "other").await;
        let (_, number) = issued(&world, &person, &reviewer).await;
        let notes = format!("/api/v1/registry/{number}/notes");

        // The owner's official enters what they learned; the holder is told and reads it.
        let empty = post_json(app, &reviewer, &notes, serde_json::json!({ "text": "  " })).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", empty.body);
        assert_eq!(empty.json()["errors"][0]["field"], "text", "{}", empty.body);
        let entered = post_json(app, &reviewer, &notes, serde_json::json!({ "text": "Inspection of 2026-11-20: no remarks." })).await;
        assert_eq!(entered.status, StatusCode::CREATED, "{}", entered.body);
        let note_id = entered.json()["id"].as_str().unwrap().to_owned();
        assert_eq!(audited(app, &note_id).await, ["registry.note_entered"]);
        assert!(inbox_subjects(app, &person).await.iter().any(|subject| subject.contains(&number)
            && subject.contains("yeni məlumat")), "the holder is notified");
        let read = app.send(with_client(Method::GET, &notes, &person, "")).await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.body);
        assert_eq!(read.json()[0]["kind"], "entered");
        assert_eq!(read.json()[0]["text"], "Inspection of 2026-11-20: no remarks.");
        // The holder does not enter the owner's data.
        let by_holder = post_json(app, &person, &notes, serde_json::json!({ "text": "mine" })).await;
        assert_eq!(by_holder.status, StatusCode::FORBIDDEN, "{}", by_holder.body);

        // Nobody else sees them: another user, the public, the entry's public page.
        assert_eq!(app.send(with_client(Method::GET, &notes, &other, "")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get(&notes).await.status, StatusCode::UNAUTHORIZED);
        let public = app.get(&format!("/registry/{number}")).await;
        assert!(!public.body.contains("Inspection of 2026-11-20") && !public.body.contains("notes-heading"));
        let stranger_page = app.send(with_client(Method::GET, &format!("/registry/{number}"), &other, "")).await;
        assert!(!stranger_page.body.contains("Inspection of 2026-11-20"));

        // The holder reports an error; another user may not; a blank report is named on the form.
        let errors = format!("/api/v1/registry/{number}/errors");
        let foreign = post_json(app, &other, &errors, serde_json::json!({ "text": "wrong" })).await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN, "{}", foreign.body);
        let blank = post_form(app, &person, &format!("/registry/{number}/errors"), "text=").await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(blank.body.contains("id=\"error-text-error\""), "{}", blank.body);
        let reported = post_form(app, &person, &format!("/registry/{number}/errors"), "text=The+address+misses+the+building+number.").await;
        assert_eq!(reported.status, StatusCode::SEE_OTHER, "{}", reported.body);
        let report_id = app.send(with_client(Method::GET, &notes, &person, "")).await.json()[1]["id"].as_str().unwrap().to_owned();
        assert_eq!(audited(app, &report_id).await, ["registry.error_reported"]);
        assert!(inbox_subjects(app, &reviewer).await.iter().any(|subject| subject.contains(&number)), "the owner is told");
        let queue = app.send(with_client(Method::GET, "/work", &reviewer, "")).await;
        assert!(queue.body.contains("id=\"entry-errors\"") && queue.body.contains(&number), "waiting in the owner's queue");

        // The owner answers once; the holder is told the answer; the queue no longer shows it.
        let answer = format!("/api/v1/registry/errors/{report_id}/answer");
        assert_eq!(post_json(app, &other, &answer, serde_json::json!({ "answer": "x" })).await.status, StatusCode::NOT_FOUND);
        let answered = post_json(app, &reviewer, &answer, serde_json::json!({ "answer": "Corrected by re-issue." })).await;
        assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
        let again = post_json(app, &reviewer, &answer, serde_json::json!({ "answer": "Twice." })).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
        let listed = app.send(with_client(Method::GET, &notes, &person, "")).await.json();
        assert_eq!(listed[1]["status"], "answered");
        assert_eq!(listed[1]["answer"], "Corrected by re-issue.");
        assert_eq!(audited(app, &report_id).await, ["registry.error_reported", "registry.error_answered"]);
        app.state.dispatcher().run_once().await.unwrap();
        let inbox = app.send(with_client(Method::GET, "/api/v1/inbox", &person, "")).await.json();
        assert!(inbox.as_array().unwrap().iter().any(|message| message["body"].as_str().unwrap_or_default().contains("Corrected by re-issue.")), "{inbox}");
        let queue = app.send(with_client(Method::GET, "/work", &reviewer, "")).await;
        assert!(!queue.body.contains("id=\"entry-errors\""));
    }
}
