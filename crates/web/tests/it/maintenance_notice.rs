//! The notice participants give before planned work comes from each portal's catalog
//! (`catalog/maintenance.toml`), with its article and whether it was verified, and is checked
//! at start-up: the platform names no figure of its own.

use axum::http::StatusCode;
use pencere_core::Timestamp;
use pencere_identity::{NewUser, UserKind, create_user, grant_role};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_testkit::{TestDb, both_backends};
use pencere_web::{AppConfig, AppState, CatalogSource, Services};

use super::auth::{Client, PASSWORD, api_login, with_client};
use crate::{TestApp, test_portals};

const T0: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);

const THREE_DAYS: &str =
    "[notice]\ndays = 3\nunit = \"working\"\nlaw = \"Test regulation, clause 1\"\nverified = false\n";

/// The sample portal with the given maintenance file (or none), a participant body and its
/// official (`reviewer`). The clock shows Monday, 23 November 2026, 19:20 in Baku.
async fn world(db: TestDb, maintenance: Option<&'static str>) -> TestApp {
    let mut portals = test_portals();
    portals[0].maintenance = maintenance.map(|text| CatalogSource { path: "lic/catalog/maintenance.toml", text });
    let config = AppConfig { demo: true, ..AppConfig::default() };
    let app = TestApp::with_portals(db, config, Services::default(), portals).await;
    let mut tx = app.state.db().begin().await.unwrap();
    let names = ["İqtisadiyyat Nazirliyi", "Ministry of Economy", "Минэкономики"];
    let body = organizations::insert(
        &mut tx,
        &NewOrganization { code: "economy", kind: OrganizationKind::Agency, voen: None, names },
    )
    .await
    .unwrap();
    let new = NewUser {
        login: "reviewer",
        kind: UserKind::Official,
        fin: None,
        passport: None,
        email: None,
        phone: None,
        full_name: "Leyla Hüseynova",
        password: Some(PASSWORD),
    };
    let user = create_user(&mut tx, &new, T0, "test").await.unwrap();
    grant_role(&mut tx, &user.id, &body.id, &"lic.reviewer".parse().unwrap(), None, T0).await.unwrap();
    tx.commit().await.unwrap();
    app
}

fn form(client: &Client, pairs: &[(&str, &str)]) -> String {
    let mut body = format!("csrf={}", client.csrf);
    for (name, value) in pairs {
        let encoded: String = value
            .bytes()
            .map(|byte| match byte {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => char::from(byte).to_string(),
                _ => format!("%{byte:02X}"),
            })
            .collect();
        body.push_str(&format!("&{name}={encoded}"));
    }
    body
}

async fn post(app: &TestApp, client: &Client, uri: &str, pairs: &[(&str, &str)]) -> crate::Reply {
    app.send(with_client(axum::http::Method::POST, uri, client, &form(client, pairs))).await
}

/// Registers the official's system and returns its id.
async fn register(app: &TestApp, official: &Client) -> String {
    let fields = [
        ("portal", "lic"),
        ("name", "LİS"),
        ("purpose", "Licences issued by the ministry"),
        ("endpoint", "https://is.economy.gov.az/lic"),
        ("contact", "it@economy.gov.az"),
    ];
    assert_eq!(post(app, official, "/work/participant/systems", &fields).await.status, StatusCode::SEE_OTHER);
    let page = app.send(with_client(axum::http::Method::GET, "/work/participant", official, "")).await;
    let before = page.body.split("LİS</h3>").next().unwrap();
    before.rsplit("data-system=\"").next().unwrap().split('"').next().unwrap().to_owned()
}

async fn announce(app: &TestApp, official: &Client, system: &str, starts: &str) -> crate::Reply {
    let fields = [
        ("system", system),
        ("kind", "preventive"),
        ("starts_at", starts),
        ("ends_at", "2026-12-04T18:00"),
        ("description", "Database upgrade"),
    ];
    post(app, official, "/work/participant/maintenance", &fields).await
}

both_backends! {
    // clause: LIC-9.1.6
    async fn the_notice_period_before_planned_work_is_the_portals_catalog_figure(db) {
        let app = world(db, Some(THREE_DAYS)).await;
        let reviewer = api_login(&app, "reviewer").await;
        let system = register(&app, &reviewer).await;
        let page = app.send(with_client(axum::http::Method::GET, "/work/participant", &reviewer, "")).await;
        assert!(page.body.contains("işi ən azı 3 iş günü əvvəl elan edin"), "{}", page.body);
        // Monday: three working days ahead is Thursday; Wednesday is too soon.
        let refused = announce(&app, &reviewer, &system, "2026-11-25T10:00").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.body.contains("İş ən azı 3 iş günü əvvəl elan edilməlidir: ən tezi 2026-11-26 tarixində başlaya bilər."),
            "{}",
            refused.body
        );
        // What was typed comes back with the message.
        assert!(refused.body.contains("value=\"2026-11-25T10:00\""), "{}", refused.body);
        assert!(refused.body.contains(">Database upgrade</textarea>"), "{}", refused.body);
        assert!(refused.body.contains(&format!("<option value=\"{system}\" selected>")), "{}", refused.body);
        assert_eq!(announce(&app, &reviewer, &system, "2026-11-26T10:00").await.status, StatusCode::SEE_OTHER);
    }

    async fn a_system_whose_catalog_names_no_notice_period_takes_no_announcement(db) {
        let app = world(db, None).await;
        let reviewer = api_login(&app, "reviewer").await;
        let system = register(&app, &reviewer).await;
        let page = app.send(with_client(axum::http::Method::GET, "/work/participant", &reviewer, "")).await;
        assert!(!page.body.contains("iş günü əvvəl elan edin"), "no figure is shown that the catalog does not give");
        let refused = announce(&app, &reviewer, &system, "2026-12-01T10:00").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("id=\"maintenance-system-error\""), "{}", refused.body);
        assert!(refused.body.contains("planlı işlərin nə qədər əvvəl elan edilməli olduğunu göstərmir"));
    }
}

#[tokio::test]
async fn a_broken_maintenance_file_stops_start_up_naming_the_file_and_the_field() {
    for (text, field) in [
        ("[notice]\ndays = 2\nunit = \"calendar\"\nlaw = \"x\"\nverified = true\n", "notice.unit"),
        ("[notice]\ndays = 0\nunit = \"working\"\nlaw = \"x\"\nverified = true\n", "notice.days"),
        ("[notice]\ndays = 2\nunit = \"working\"\nlaw = \" \"\nverified = true\n", "notice.law"),
        ("[notice]\ndays = 2\nunit = \"working\"\nlaw = \"x\"\n", "verified"),
    ] {
        let db = TestDb::sqlite().await;
        let mut portals = test_portals();
        portals[0].maintenance = Some(CatalogSource { path: "lic/catalog/maintenance.toml", text });
        let clock = std::sync::Arc::new(pencere_core::FixedClock::new(T0));
        let Err(error) = AppState::new((*db).clone(), clock, Services::default(), portals, AppConfig::default()) else {
            panic!("{text} was accepted");
        };
        let message = error.to_string();
        assert!(message.contains("lic/catalog/maintenance.toml") && message.contains(field), "{field}: {message}");
    }
}
