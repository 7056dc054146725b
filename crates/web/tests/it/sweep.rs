//! The test environment's deadline sweep as of a date (`/test/deadlines`): the operator expires
//! the deadlines due before that day, the action is journaled, and outside demo mode or for
//! anyone but the operator the route is not there.

use axum::http::{Method, StatusCode};
use pencere_store::audit::{self, Search};
use pencere_testkit::both_backends;
use pencere_web::AppConfig;

use super::auth::{Client, api_login, app_with_people_in, with_client};
use super::cases::apply_in_pages;
use crate::{Reply, TestApp};

async fn sweep(app: &TestApp, client: &Client, date: &str) -> Reply {
    let form = format!("csrf={}&date={date}", client.csrf);
    app.send(with_client(Method::POST, "/test/deadlines/sweep", client, &form)).await
}

/// The fix deadline's due date and status, as the applicant's API shows them.
async fn fix_deadline(app: &TestApp, client: &Client, id: &str) -> (String, String) {
    let reply = app.send(with_client(Method::GET, &format!("/api/v1/cases/{id}"), client, "")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let case = reply.json();
    let fix = case["deadlines"].as_array().unwrap().iter().find(|deadline| deadline["id"] == "fix").unwrap().clone();
    (fix["due_on"].as_str().unwrap().to_owned(), fix["status"].as_str().unwrap().to_owned())
}

/// The day after `date` (`YYYY-MM-DD`).
fn day_after(date: &str) -> String {
    pencere_core::calendar::Date::parse(date).unwrap().plus_days(1).to_string()
}

async fn journaled(app: &TestApp, date: &str) -> Vec<String> {
    let mut tx = app.state.db().begin_read().await.unwrap();
    let search = Search {
        actor_id: None,
        subject_id: None,
        record_type: Some("deadline_sweep".into()),
        record_id: Some(date.into()),
        action_prefix: Some("test.deadlines_swept".into()),
        from: None,
        until: None,
        before_id: None,
        limit: 10,
        clearance: Default::default(),
    };
    audit::search(&mut tx, &search).await.unwrap().into_iter().map(|entry| entry.details).collect()
}

both_backends! {
    async fn the_operator_sweeps_the_deadlines_as_of_a_date_and_the_sweep_is_journaled(db) {
        let app = app_with_people_in(db, AppConfig { demo: true, ..AppConfig::default() }).await;
        let person = api_login(&app, "person").await;
        let reviewer = api_login(&app, "reviewer").await;
        let operator = api_login(&app, "operator").await;
        let id = apply_in_pages(&app, &person).await;
        let form = format!("csrf={}&transition=request_fixes&reason=Lease+unsigned.", reviewer.csrf);
        let sent = app.send(with_client(Method::POST, &format!("/work/cases/{id}/act"), &reviewer, &form)).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let (due, status) = fix_deadline(&app, &person, &id).await;
        assert_eq!(status, "open");

        // The operator's statistics page leads to the form.
        let stats = app.send(with_client(Method::GET, "/admin/statistics", &operator, "")).await;
        assert!(stats.body.contains("href=\"/test/deadlines\""), "{}", stats.body);
        let page = app.send(with_client(Method::GET, "/test/deadlines", &operator, "")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("id=\"sweep-date\"") && page.body.contains("action=\"/test/deadlines/sweep\""));

        // On the due day itself the deadline still runs.
        let on_due = sweep(&app, &operator, &due).await;
        assert_eq!(on_due.status, StatusCode::SEE_OTHER, "{}", on_due.body);
        assert_eq!(on_due.header("location"), format!("/test/deadlines?date={due}&acted=0&flagged=0"));
        assert_eq!(fix_deadline(&app, &person, &id).await.1, "open");

        // As of the next day it expires (this catalog flags the case overdue).
        let after = day_after(&due);
        let swept = sweep(&app, &operator, &after).await;
        assert_eq!(swept.header("location"), format!("/test/deadlines?date={after}&acted=0&flagged=1"));
        assert_eq!(fix_deadline(&app, &person, &id).await.1, "expired");
        let shown = app
            .send(with_client(Method::GET, &format!("/test/deadlines?date={after}&acted=0&flagged=1"), &operator, ""))
            .await;
        assert!(shown.body.contains("id=\"swept\""), "{}", shown.body);
        assert!(shown.body.contains(&after));
        assert_eq!(journaled(&app, &after).await, [format!("{{\"as_of\":\"{after}\",\"acted\":0,\"flagged\":1}}")]);

        // A second sweep finds nothing more to do.
        let again = sweep(&app, &operator, &after).await;
        assert_eq!(again.header("location"), format!("/test/deadlines?date={after}&acted=0&flagged=0"));
    }
}

#[tokio::test]
async fn a_date_that_is_not_a_date_is_named_on_the_form() {
    let app =
        app_with_people_in(pencere_testkit::TestDb::sqlite().await, AppConfig { demo: true, ..AppConfig::default() })
            .await;
    let operator = api_login(&app, "operator").await;
    for bad in ["", "2026-02-30", "next+week"] {
        let reply = sweep(&app, &operator, bad).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(reply.body.contains("id=\"sweep-date-error\""), "{bad}: {}", reply.body);
        assert!(reply.body.contains("aria-invalid=\"true\""));
    }
}

#[tokio::test]
async fn only_the_operator_sweeps_and_only_in_the_test_environment() {
    let app =
        app_with_people_in(pencere_testkit::TestDb::sqlite().await, AppConfig { demo: true, ..AppConfig::default() })
            .await;
    for login in ["person", "reviewer", "head"] {
        let client = api_login(&app, login).await;
        assert_eq!(sweep(&app, &client, "2030-01-01").await.status, StatusCode::FORBIDDEN, "{login}");
        let page = app.send(with_client(Method::GET, "/test/deadlines", &client, "")).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{login}");
    }
    assert!(journaled(&app, "2030-01-01").await.is_empty());

    let production = app_with_people_in(pencere_testkit::TestDb::sqlite().await, AppConfig::default()).await;
    let operator = api_login(&production, "operator").await;
    assert_eq!(sweep(&production, &operator, "2030-01-01").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        production.send(with_client(Method::GET, "/test/deadlines", &operator, "")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(journaled(&production, "2030-01-01").await.is_empty());
    let stats = production.send(with_client(Method::GET, "/admin/statistics", &operator, "")).await;
    assert!(!stats.body.contains("/test/deadlines"), "no link outside the test environment");
}
