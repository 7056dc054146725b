//! Monitoring: the operational gauges on `/metrics` move with the work they measure, every
//! metric the shipped alert rules use is exposed, and the operator's status page shows them.

use axum::http::{Method, StatusCode};

use super::auth::{api_login, app_with_people, with_client};
use super::cases::apply_in_pages;

fn gauge(metrics: &str, name: &str) -> i64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name} ")))
        .unwrap_or_else(|| panic!("{name} is missing:\n{metrics}"))
        .trim()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn the_gauges_follow_the_outbox_the_deadlines_and_the_audit_journal() {
    let app = app_with_people().await;
    let before = app.get("/metrics").await.body;
    assert_eq!(gauge(&before, "pencere_gauges_up"), 1);
    assert_eq!(gauge(&before, "pencere_outbox_pending"), 0);
    assert_eq!(gauge(&before, "pencere_deadlines_open"), 0);

    let person = api_login(&app, "person").await;
    apply_in_pages(&app, &person).await;
    let after = app.get("/metrics").await.body;
    assert_eq!(gauge(&after, "pencere_outbox_pending"), 1, "the registration notice waits for delivery");
    assert_eq!(gauge(&after, "pencere_deadlines_open"), 1, "the review deadline runs");
    assert_eq!(gauge(&after, "pencere_deadlines_past_due"), 0);
    assert!(gauge(&after, "pencere_audit_unsealed_entries") > 0, "nothing seals the journal in this test");

    app.state.dispatcher().run_once().await.unwrap();
    let delivered = app.get("/metrics").await.body;
    assert_eq!(gauge(&delivered, "pencere_outbox_pending"), 0);
    assert_eq!(gauge(&delivered, "pencere_outbox_oldest_pending_seconds"), 0);
    pencere_store::audit::seal_all(app.state.db(), pencere_core::Timestamp::from_micros(1_795_447_300_000_000))
        .await
        .unwrap();
    assert_eq!(gauge(&app.get("/metrics").await.body, "pencere_audit_unsealed_entries"), 0);

    // The operator's page shows the same figures.
    let operator = api_login(&app, "operator").await;
    let page = app.send(with_client(Method::GET, "/admin/status", &operator, "")).await;
    assert_eq!(page.status, StatusCode::OK);
    let row = page.body.split("id=\"status-deadlines-open\"").nth(1).unwrap_or_default();
    assert!(row.starts_with(" data-attention=\"false\"><td>Açıq qanuni müddətlər</td><td>1</td>"), "{row}");
    let refused = app.send(with_client(Method::GET, "/admin/status", &person, "")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn every_metric_the_alert_rules_use_is_exposed() {
    let app = app_with_people().await;
    let _ = app.get("/healthz").await;
    let metrics = app.get("/metrics").await.body;
    let rules = include_str!("../../../../ops/prometheus/alerts.yml");
    let mut names: Vec<&str> = rules
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| word.starts_with("pencere_"))
        .collect();
    names.sort_unstable();
    names.dedup();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        assert!(
            metrics.contains(&format!("{name} ")) || metrics.contains(&format!("{name}{{")),
            "{name} is not exposed"
        );
    }
}
