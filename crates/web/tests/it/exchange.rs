//! The application form prefilled from state registries through the EHİS gateway, over a real
//! loopback socket to the sandbox registries; and, when they do not answer, a clear message and a
//! form that still works.

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use pencere_exchange::sandbox::Sandbox;
use pencere_exchange::{Gateway, GatewayConfig};
use pencere_identity::{NewUser, RoleName, UserKind, create_user, grant_role};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_store::{on_conn, sqlx};
use pencere_testkit::TestDb;
use pencere_web::{AppConfig, Services};

use super::auth::{PASSWORD, api_login, with_client};
use crate::TestApp;

const FIN: &str = "5ZX3K7P";
const VOEN: &str = "1400551291";

/// An app whose gateway goes to `url`, with the ministry and a company's representative.
async fn app(url: &str) -> (TestApp, String) {
    let db = TestDb::sqlite().await;
    let clock = Arc::new(pencere_core::FixedClock::new(pencere_core::Timestamp::from_micros(1_795_447_203_000_000)));
    let mut config = GatewayConfig::new(url);
    config.timeout = std::time::Duration::from_millis(300);
    config.attempts = 1;
    let gateway = Gateway::new(config, (*db).clone(), clock).unwrap();
    let services = Services { exchange: Some(Arc::new(gateway)), ..Services::default() };
    let app = TestApp::with_trust(db, AppConfig { demo: true, ..AppConfig::default() }, services).await;
    let mut tx = app.state.db().begin().await.unwrap();
    let at = pencere_core::Timestamp::from_micros(1_795_447_203_000_000);
    let fin: pencere_core::Fin = FIN.parse().unwrap();
    organizations::insert(
        &mut tx,
        &NewOrganization {
            code: "economy",
            kind: OrganizationKind::Agency,
            voen: None,
            names: ["İqtisadiyyat Nazirliyi", "Ministry of Economy", "Минэкономики"],
        },
    )
    .await
    .unwrap();
    let company = organizations::insert(
        &mut tx,
        &NewOrganization {
            code: "xezer",
            kind: OrganizationKind::Company,
            voen: Some(VOEN),
            names: ["“Xəzər Tikinti” MMC", "Xazar Tikinti LLC", "ООО «Хазар Тикинти»"],
        },
    )
    .await
    .unwrap();
    let person = create_user(
        &mut tx,
        &NewUser {
            login: "person",
            kind: UserKind::Person,
            fin: Some(&fin),
            passport: None,
            email: None,
            phone: None,
            full_name: "Rəşad Məmmədov",
            password: Some(PASSWORD),
        },
        at,
        "test",
    )
    .await
    .unwrap();
    grant_role(&mut tx, &person.id, &company.id, &RoleName::ORG_REPRESENTATIVE.parse().unwrap(), None, at)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (app, person.id)
}

async fn sandbox() -> (String, Sandbox) {
    let sandbox = Sandbox::new(3).with_taxpayer_named(&VOEN.parse().unwrap(), "“Xəzər Tikinti” MMC").with_person_named(
        &FIN.parse().unwrap(),
        "Rəşad",
        "Məmmədov",
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(sandbox.clone().serve(listener));
    (url, sandbox)
}

// clause: LIC-4.2, LIC-3.3
#[tokio::test]
async fn the_form_is_prefilled_from_the_registries_through_ehis_and_each_read_is_logged() {
    let (url, sandbox) = sandbox().await;
    let (app, person_id) = app(&url).await;
    let expected_legal = sandbox.taxpayer(&VOEN.parse().unwrap()).unwrap().legal_address;
    let expected_home = sandbox.person(&FIN.parse().unwrap()).unwrap().registered_address;
    let person = api_login(&app, "person").await;

    let page = app.send(with_client(Method::GET, "/services/lic.sample/apply", &person, "")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("value=\"{expected_legal}\"")), "{}", page.body);
    assert!(page.body.contains(&format!("value=\"{expected_home}\"")));
    let note = page.body.split("id=\"exchange-prefilled\"").nth(1).unwrap_or_default();
    assert!(
        note.contains("Dövlət reyestrlərindən EHİS vasitəsilə dolduruldu") && note.contains("Hüquqi ünvan"),
        "{note}"
    );
    assert!(!page.body.contains("exchange-unavailable"));

    let api = app.send(with_client(Method::GET, "/api/v1/services/lic.sample/prefill", &person, "")).await.json();
    assert_eq!(api["data"]["legal_address"], expected_legal.as_str());
    assert_eq!(api["sources"]["legal_address"], "AZ/GOV/DVX/taxpayers/taxpayers");
    assert_eq!(api["sources"]["home"], "AZ/GOV/VMX/civil-registry/persons");
    assert_eq!(api["unavailable"], serde_json::json!([]));

    // Every read is in the message log, with its purpose and the user on whose behalf.
    let mut tx = app.state.db().begin_read().await.unwrap();
    let rows: Vec<(String, String, Option<String>, String)> = on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_as("SELECT subject, purpose, user_id, status FROM exchange_log ORDER BY at, id")
            .fetch_all(&mut *conn)
            .await
            .unwrap()
    });
    assert_eq!(rows.len(), 4, "two reads per form: the tax register and the civil registry");
    for (subject, purpose, user, status) in &rows {
        assert!(subject == VOEN || subject == FIN, "{subject}");
        assert_eq!((purpose.as_str(), user.as_deref()), ("prefill lic.sample", Some(person_id.as_str())));
        assert!(status == "ok" || status == "cached", "{status}");
    }

    // The data tracker: the person sees in their cabinet each read about them and their company.
    let cabinet = app.send(with_client(Method::GET, "/cabinet", &person, "")).await;
    let reads = cabinet.body.split("id=\"registry-reads\"").nth(1).unwrap_or_default();
    let reads = reads.split("</table>").next().unwrap_or_default();
    assert_eq!(reads.matches("<tr><td>").count(), 4, "{reads}");
    assert!(reads.contains("Vergi orqanının reyestri") && reads.contains("“Xəzər Tikinti” MMC"), "{reads}");
    assert!(reads.contains("Vətəndaşlıq vəziyyəti aktlarının reyestri") && reads.contains("<td>Siz</td>"));
    assert!(reads.contains("prefill lic.sample") && reads.contains("cavab verildi"));
}

// clause: LIC-4.2
#[tokio::test]
async fn when_the_registries_do_not_answer_the_applicant_is_told_and_enters_the_data() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let (app, _) = app(&format!("http://127.0.0.1:{closed}")).await;
    let person = api_login(&app, "person").await;
    let page = app.send(with_client(Method::GET, "/services/lic.sample/apply", &person, "")).await;
    assert_eq!(page.status, StatusCode::OK, "the form still opens");
    let note = page.body.split("id=\"exchange-unavailable\"").nth(1).unwrap_or_default();
    assert!(note.contains("Vergi orqanının reyestri") && note.contains("hazırda cavab vermir"), "{}", page.body);
    let api = app.send(with_client(Method::GET, "/api/v1/services/lic.sample/prefill", &person, "")).await;
    assert_eq!(api.status, StatusCode::OK);
    assert_eq!(api.json()["unavailable"], serde_json::json!(["tax", "civil-registry"]));
    // What the applicant types instead is kept in the draft.
    let form = format!("csrf={}&action=save&f.legal_address=Bak%C4%B1%2C+Nizami+5", person.csrf);
    let saved = app.send(with_client(Method::POST, "/services/lic.sample/apply", &person, &form)).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let draft = app.send(with_client(Method::GET, saved.header("location"), &person, "")).await;
    assert!(draft.body.contains("value=\"Bakı, Nizami 5\""), "{}", draft.body);
}
