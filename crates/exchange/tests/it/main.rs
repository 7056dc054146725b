//! The gateway against the sandbox registries over a real loopback socket: typed reads, the
//! protocol's headers, the message log, caching by sensitivity, retries and the circuit breaker.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::sync::Arc;
use std::time::Duration;

use pencere_core::{FixedClock, Timestamp};
use pencere_exchange::sandbox::Sandbox;
use pencere_exchange::{Gateway, GatewayConfig, Purpose};
use pencere_store::{Db, on_conn, sqlx};
use pencere_testkit::both_backends;

async fn sandbox() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(Sandbox::new(1).serve(listener));
    url
}

fn gateway(db: &Db, url: &str) -> Gateway {
    let clock = Arc::new(FixedClock::new(Timestamp::from_micros(1_800_000_000_000_000)));
    let mut config = GatewayConfig::new(url);
    config.timeout = Duration::from_millis(500);
    Gateway::new(config, db.clone(), clock).unwrap()
}

/// The message log as (service, subject, status, attempts, has a response hash), oldest first.
async fn log(db: &Db) -> Vec<(String, String, String, i64, bool)> {
    let mut tx = db.begin_read().await.unwrap();
    let rows: Vec<(String, String, String, i64, Option<String>, String)> = on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_as(
            "SELECT service, subject, status, attempts, response_sha256, request_sha256 FROM exchange_log ORDER BY at, id",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap()
    });
    rows.into_iter()
        .map(|(service, subject, status, attempts, response, request)| {
            assert_eq!(request.len(), 64, "the request's SHA-256 is logged");
            (service, subject, status, attempts, response.is_some())
        })
        .collect()
}

const PURPOSE: Purpose<'static> = Purpose { text: "prefill lic.fire-protection", user_id: None };

/// A FİN the sandbox knows and one it does not (one in eight is unknown).
fn known_and_unknown() -> (pencere_core::Fin, pencere_core::Fin) {
    let sandbox = Sandbox::new(1);
    let mut known = None;
    let mut unknown = None;
    for index in 0..400_u32 {
        let text = format!("{:07}", 1_000_000 + index * 7);
        let text: String = text.chars().map(|c| if c == '0' { 'A' } else { c }).collect();
        let fin: pencere_core::Fin = text.parse().unwrap();
        match sandbox.person(&fin) {
            Some(_) if known.is_none() => known = Some(fin),
            None if unknown.is_none() => unknown = Some(fin),
            _ => {}
        }
    }
    (known.unwrap(), unknown.unwrap())
}

both_backends! {
    // clause: LIC-D3.1.5, TOB-5.2
    async fn reads_go_over_the_protocol_and_every_call_is_logged(db) {
        let url = sandbox().await;
        let gateway = gateway(&db, &url);
        let (known, unknown) = known_and_unknown();

        let person = gateway.person(&known, &PURPOSE).await.unwrap().unwrap();
        assert_eq!(person.fin, known.to_string());
        assert!(!person.registered_address.is_empty());
        assert_eq!(gateway.person(&unknown, &PURPOSE).await.unwrap(), None, "an unknown FİN is no data, not an error");
        let again = gateway.person(&known, &PURPOSE).await.unwrap().unwrap();
        assert_eq!(again, person, "served from the cache");

        let voen: pencere_core::Voen = "1400551291".parse().unwrap();
        let first = gateway.taxpayer(&voen, &PURPOSE).await.unwrap();
        let second = gateway.taxpayer(&voen, &PURPOSE).await.unwrap();
        assert_eq!(first, second);

        let civil = "AZ/GOV/VMX/civil-registry/persons".to_owned();
        let tax = "AZ/GOV/DVX/taxpayers/taxpayers".to_owned();
        let taxpayer_status = if first.is_some() { "ok" } else { "not_found" };
        assert_eq!(
            log(&db).await,
            vec![
                (civil.clone(), known.to_string(), "ok".to_owned(), 1, true),
                (civil.clone(), unknown.to_string(), "not_found".to_owned(), 1, true),
                (civil, known.to_string(), "cached".to_owned(), 0, true),
                // Tax data is a tax secret: asked again, never cached.
                (tax.clone(), voen.to_string(), taxpayer_status.to_owned(), 1, true),
                (tax, voen.to_string(), taxpayer_status.to_owned(), 1, true),
            ]
        );

        // The registries refuse a call that does not name its client, message and purpose.
        let bare = reqwest::get(format!("{url}/r1/AZ/GOV/VMX/civil-registry/persons/{known}")).await.unwrap();
        assert_eq!(bare.status(), 400);
        assert!(bare.text().await.unwrap().contains("x-road-client"));
    }
}

both_backends! {
    async fn an_unreachable_registry_is_retried_then_its_circuit_opens_and_each_call_is_logged(db) {
        // A port nothing listens on: every attempt is refused.
        let closed = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let gateway = gateway(&db, &format!("http://127.0.0.1:{closed}"));
        let (known, _) = known_and_unknown();
        for _ in 0..5 {
            let error = gateway.person(&known, &PURPOSE).await.unwrap_err();
            assert!(matches!(error, pencere_exchange::ExchangeError::Unavailable { .. }), "{error}");
        }
        let open = gateway.person(&known, &PURPOSE).await.unwrap_err();
        assert!(open.to_string().contains("circuit open"), "{open}");
        let statuses: Vec<(String, i64)> =
            log(&db).await.into_iter().map(|(_, _, status, attempts, _)| (status, attempts)).collect();
        let mut expected = vec![("unavailable".to_owned(), 3); 5];
        expected.push(("circuit_open".to_owned(), 0));
        assert_eq!(statuses, expected, "three attempts each, then refused at once");
    }
}
