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

mod datasets;

async fn sandbox() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(Sandbox::new(1).serve(listener));
    url
}

pub(crate) fn gateway(db: &Db, url: &str) -> Gateway {
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

pub(crate) const PURPOSE: Purpose<'static> =
    Purpose { text: "prefill lic.fire-protection", user_id: None, body_id: None, role: None };

/// A user (for consents and manual records) and an organization, by raw SQL: the exchange
/// knows no identity crate.
pub(crate) async fn user_and_org(db: &Db) -> (String, String) {
    let mut tx = db.begin().await.unwrap();
    let org = pencere_store::organizations::insert(
        &mut tx,
        &pencere_store::organizations::NewOrganization {
            code: "taxes",
            kind: pencere_store::organizations::OrganizationKind::Agency,
            voen: None,
            names: ["Dövlət Vergi Xidməti", "State Tax Service", "Госналогслужба"],
        },
    )
    .await
    .unwrap();
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO users (id, login, kind, full_name, created_at) VALUES ('u1', 'u1', 'official', 'Leyla Quliyeva', 0)"))
            .execute(&mut *conn)
            .await
            .unwrap();
    });
    tx.commit().await.unwrap();
    ("u1".to_owned(), org.id)
}

pub(crate) fn actor<'a>(user: &'a str, org: Option<&'a str>) -> pencere_exchange::Actor<'a> {
    pencere_exchange::Actor {
        user_id: user,
        label: user,
        org_id: org,
        ip: None,
        request_id: None,
        at: Timestamp::from_micros(1_800_000_000_000_000),
    }
}

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
    // clause: TOB-5.2, TOB-4.4, TOB-5.1.8, LIC-D3.1.5
    async fn reads_go_over_the_protocol_and_every_call_is_logged(db) {
        let url = sandbox().await;
        let gateway = gateway(&db, &url);
        let (known, unknown) = known_and_unknown();

        let person = gateway.person(&known, &PURPOSE).await.unwrap().unwrap();
        assert_eq!(person.provenance, pencere_exchange::Provenance::Exchange);
        let person = person.value;
        assert_eq!(person.fin, known.to_string());
        assert!(!person.registered_address.is_empty());
        assert_eq!(gateway.person(&unknown, &PURPOSE).await.unwrap(), None, "an unknown FİN is no data, not an error");
        let again = gateway.person(&known, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(again, person, "served from the cache");

        let voen: pencere_core::Voen = "1400551291".parse().unwrap();
        let (user, _) = user_and_org(&db).await;
        pencere_exchange::give_consent(&db, &voen.to_string(), "tax.taxpayer", &actor(&user, None)).await.unwrap();
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

both_backends! {
    // clause: TOB-4.3
    async fn tax_secret_data_moves_only_with_the_taxpayers_consent_and_a_refusal_is_logged(db) {
        let url = sandbox().await;
        let gateway = gateway(&db, &url);
        let (user, _) = user_and_org(&db).await;
        let voen: pencere_core::Voen = "1400551291".parse().unwrap();
        let subject = voen.to_string();
        assert_eq!(pencere_exchange::Adapter::Tax.sensitivity(), pencere_exchange::Sensitivity::TaxSecret);

        // No consent: no data, a typed refusal, and a log row without a response.
        let refused = gateway.taxpayer(&voen, &PURPOSE).await.unwrap_err();
        assert!(matches!(refused, pencere_exchange::ExchangeError::NoConsent { dataset: "tax.taxpayer", .. }), "{refused}");

        let id = pencere_exchange::give_consent(&db, &subject, "tax.taxpayer", &actor(&user, None)).await.unwrap();
        let again = pencere_exchange::give_consent(&db, &subject, "tax.taxpayer", &actor(&user, None)).await;
        assert!(matches!(again, Err(pencere_exchange::ConsentError::AlreadyGiven)), "one consent in force");
        let personal = pencere_exchange::give_consent(&db, &subject, "civil-registry.person", &actor(&user, None)).await;
        assert!(matches!(personal, Err(pencere_exchange::ConsentError::NotConsentable(_))));
        assert!(gateway.taxpayer(&voen, &PURPOSE).await.is_ok(), "with consent the data moves");

        // Only a subject the actor speaks for can be revoked.
        let stranger = pencere_exchange::revoke_consent(&db, &id, &["1700340141".to_owned()], &actor(&user, None)).await;
        assert!(matches!(stranger, Err(pencere_exchange::ConsentError::NotFound)));
        pencere_exchange::revoke_consent(&db, &id, std::slice::from_ref(&subject), &actor(&user, None)).await.unwrap();
        let after = gateway.taxpayer(&voen, &PURPOSE).await.unwrap_err();
        assert!(matches!(after, pencere_exchange::ExchangeError::NoConsent { .. }), "revoked at once");

        let rows = log(&db).await;
        let statuses: Vec<(&str, bool)> = rows.iter().map(|row| (row.2.as_str(), row.4)).collect();
        assert_eq!(statuses[0], ("refused", false), "refused, no response hashed");
        assert_eq!(statuses[2], ("refused", false));
        assert_eq!(rows.len(), 3);
        let consents = pencere_exchange::consents_of(&db, std::slice::from_ref(&subject)).await.unwrap();
        assert_eq!(consents.len(), 1);
        assert!(consents[0].revoked_at.is_some());

        // Each consent and revocation is journaled.
        let mut tx = db.begin_read().await.unwrap();
        let actions: Vec<String> = on_conn!(tx.conn(), |conn, _sql| {
            sqlx::query_scalar("SELECT action FROM audit_entries ORDER BY id").fetch_all(&mut *conn).await.unwrap()
        });
        assert_eq!(actions, ["exchange.consent.give", "exchange.consent.revoke"]);
    }
}

both_backends! {
    // clause: TOB-4.5, VEIS-4.5
    async fn a_manual_record_stands_in_when_the_registry_has_none_or_is_unreachable(db) {
        let (user, org) = user_and_org(&db).await;
        let (known, unknown) = known_and_unknown();
        let record = |fin: &pencere_core::Fin| {
            serde_json::json!({
                "fin": fin.to_string(), "first_name": "Aygün", "last_name": "Həsənova", "patronymic": "Rauf qızı",
                "birth_date": "1990-02-03", "registered_address": "Gəncə, Atatürk prospekti 12",
            })
            .to_string()
        };
        let new = |data: &'static str, subject: &'static str| pencere_exchange::NewManualRecord {
            adapter: pencere_exchange::Adapter::CivilRegistry,
            subject,
            data,
            entered_by_name: "Leyla Quliyeva",
            organization_id: "",
            signature: b"cms",
            signer_name: "Leyla Quliyeva",
            certificate_serial: "01",
        };
        // A record about someone else than it says is refused.
        let other: &'static str = Box::leak(record(&known).into_boxed_str());
        let subject: &'static str = Box::leak(unknown.to_string().into_boxed_str());
        let mismatch = pencere_exchange::record_manual(&db, &new(other, subject), &actor(&user, Some(&org))).await;
        assert!(matches!(mismatch, Err(pencere_exchange::ManualError::Invalid(_))));

        let data: &'static str = Box::leak(record(&unknown).into_boxed_str());
        let mut entry = new(data, subject);
        entry.organization_id = &org;
        let kept = pencere_exchange::record_manual(&db, &entry, &actor(&user, Some(&org))).await.unwrap();

        // The registry does not know the person: the manual record is handed out, with provenance.
        let url = sandbox().await;
        let gateway = gateway(&db, &url);
        let found = gateway.person(&unknown, &PURPOSE).await.unwrap().unwrap();
        assert_eq!(found.value.registered_address, "Gəncə, Atatürk prospekti 12");
        let pencere_exchange::Provenance::Manual(provenance) = &found.provenance else { panic!("{found:?}") };
        assert_eq!((provenance.record_id.as_str(), provenance.by_name.as_str()), (kept.id.as_str(), "Leyla Quliyeva"));
        // A registry that answers wins over the manual record of someone else.
        let answered = gateway.person(&known, &PURPOSE).await.unwrap().unwrap();
        assert_eq!(answered.provenance, pencere_exchange::Provenance::Exchange);

        // Unreachable: the same record stands in; the log says the registry did not answer and
        // which record was used.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let down = self::gateway(&db, &format!("http://127.0.0.1:{closed}"));
        let fallback = down.person(&unknown, &PURPOSE).await.unwrap().unwrap();
        assert!(matches!(fallback.provenance, pencere_exchange::Provenance::Manual(_)));
        let rows = pencere_exchange::log_of(&db, &unknown.to_string(), 10).await.unwrap();
        let seen: Vec<(&str, bool)> = rows.iter().map(|row| (row.status.as_str(), row.manual.is_some())).collect();
        assert_eq!(seen, [("unavailable", true), ("not_found", true)]);
        // Manual records are only ever added.
        let mut tx = db.begin().await.unwrap();
        let refused: bool = on_conn!(tx.conn(), |conn, _sql| {
            sqlx::query("UPDATE exchange_manual_records SET data = '{}'").execute(&mut *conn).await.is_err()
        });
        assert!(refused);
    }
}
