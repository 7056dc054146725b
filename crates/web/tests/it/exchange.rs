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
    let (app, person, _) = app_full(url).await;
    (app, person)
}

const SOURCE_FIN: &str = "6AB3C4D";
const OTHER_FIN: &str = "7CD4E5F";
const SOURCE_PHONE: &str = "+994 50 999 00 01";
const SOURCE_MOBILE_ID: &str = "900001";

/// [`app`], with a trust store of a test CA, an official of the State Tax Service holding
/// `ehis.source` (FİN [`SOURCE_FIN`], whose certificate is returned), and another person (FİN
/// [`OTHER_FIN`], login `other`).
async fn app_full(url: &str) -> (TestApp, String, pencere_trust::IssuedCertificate) {
    let db = TestDb::sqlite().await;
    let now = pencere_core::Timestamp::from_micros(1_795_447_203_000_000);
    let ca = pencere_trust::TestCa::generate("Pəncərə Test CA", now).unwrap();
    let from = pencere_core::Timestamp::from_micros(now.as_micros() - 86_400_000_000);
    let to = pencere_core::Timestamp::from_micros(now.as_micros() + 365 * 86_400_000_000);
    let key = ca.issue("Nigar Rzayeva", Some(SOURCE_FIN), from, to).unwrap();
    let store = Arc::new(pencere_trust::TrustStore::from_pem(&ca.certificate_pem()).unwrap());
    let clock = Arc::new(pencere_core::FixedClock::new(pencere_core::Timestamp::from_micros(1_795_447_203_000_000)));
    let mut config = GatewayConfig::new(url);
    config.timeout = std::time::Duration::from_millis(300);
    config.attempts = 1;
    let gateway = Gateway::new(config, (*db).clone(), clock).unwrap();
    // The official's mobile signature, with a certificate of their own FİN.
    let phone = pencere_web::sandbox::SandboxAccount {
        login: "source".to_owned(),
        phone: SOURCE_PHONE.to_owned(),
        user_id: SOURCE_MOBILE_ID.to_owned(),
        issued: ca.issue("Nigar Rzayeva", Some(SOURCE_FIN), from, to).unwrap(),
    };
    let mobile = pencere_web::sandbox::Sandbox::new(ca.certificate_pem(), vec![phone]);
    let services =
        Services { exchange: Some(Arc::new(gateway)), store, sandbox: Some(Arc::new(mobile)), ..Services::default() };
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
    let taxes = organizations::insert(
        &mut tx,
        &NewOrganization {
            code: "taxes",
            kind: OrganizationKind::Agency,
            voen: None,
            names: ["Dövlət Vergi Xidməti", "State Tax Service", "Государственная налоговая служба"],
        },
    )
    .await
    .unwrap();
    let justice = organizations::insert(
        &mut tx,
        &NewOrganization {
            code: "justice",
            kind: OrganizationKind::Agency,
            voen: None,
            names: ["Ədliyyə Nazirliyi", "Ministry of Justice", "Министерство юстиции"],
        },
    )
    .await
    .unwrap();
    let source_fin: pencere_core::Fin = SOURCE_FIN.parse().unwrap();
    let other_fin: pencere_core::Fin = OTHER_FIN.parse().unwrap();
    for (login, fin, name, kind) in [
        ("source", &source_fin, "Nigar Rzayeva", UserKind::Official),
        ("other", &other_fin, "Aygün Əliyeva", UserKind::Person),
    ] {
        let user = create_user(
            &mut tx,
            &NewUser {
                login,
                kind,
                fin: Some(fin),
                passport: None,
                email: None,
                phone: None,
                full_name: name,
                password: Some(PASSWORD),
            },
            at,
            "test",
        )
        .await
        .unwrap();
        if login == "source" {
            for organization in [&taxes, &justice] {
                let role = pencere_exchange::SOURCE_ROLE.parse().unwrap();
                grant_role(&mut tx, &user.id, &organization.id, &role, None, at).await.unwrap();
            }
        }
    }
    tx.commit().await.unwrap();
    (app, person.id, key)
}

/// The person gives the company's consent to move its tax record, through the API.
async fn consent(app: &TestApp, person: &super::auth::Client) -> String {
    let body = serde_json::json!({ "subject": VOEN, "dataset": "tax.taxpayer" }).to_string();
    let mut request = with_client(Method::POST, "/api/v1/consents", person, &body);
    request.headers_mut().insert("content-type", "application/json".parse().unwrap());
    let given = app.send(request).await;
    assert_eq!(given.status, StatusCode::CREATED, "{}", given.body);
    given.json()["id"].as_str().unwrap().to_owned()
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
    consent(&app, &person).await;

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
    assert!(reads.contains("Vətəndaşlıq vəziyyəti aktlarının reyestri") && reads.contains("<td>siz ("));
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
    consent(&app, &person).await;
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

fn json(method: Method, uri: &str, client: &super::auth::Client, body: &str) -> axum::http::Request<axum::body::Body> {
    let mut request = with_client(method, uri, client, body);
    request.headers_mut().insert("content-type", "application/json".parse().unwrap());
    request
}

async fn log_rows(app: &TestApp) -> Vec<(String, String, Option<String>, Option<String>)> {
    let mut tx = app.state.db().begin_read().await.unwrap();
    on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_as("SELECT subject, status, error, response_sha256 FROM exchange_log ORDER BY at, id")
            .fetch_all(&mut *conn)
            .await
            .unwrap()
    })
}

// clause: TOB-4.3
#[tokio::test]
async fn without_the_companys_consent_its_tax_record_is_refused_and_the_form_says_how_to_give_it() {
    let (url, sandbox) = sandbox().await;
    let (app, _) = app(&url).await;
    let expected_legal = sandbox.taxpayer(&VOEN.parse().unwrap()).unwrap().legal_address;
    let person = api_login(&app, "person").await;

    let page = app.send(with_client(Method::GET, "/services/lic.sample/apply", &person, "")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains(&expected_legal), "no data without consent");
    let note = page.body.split("id=\"exchange-consent\"").nth(1).unwrap_or_default();
    let note = note.split("</div>").next().unwrap_or_default();
    assert!(note.contains("vergi sirridir") && note.contains("href=\"/cabinet/consents\""), "{}", page.body);
    let api = app.send(with_client(Method::GET, "/api/v1/services/lic.sample/prefill", &person, "")).await.json();
    assert_eq!(api["needs_consent"], serde_json::json!(["tax"]));
    assert!(api["data"].get("legal_address").is_none());
    let refused: Vec<_> = log_rows(&app).await.into_iter().filter(|row| row.0 == VOEN).collect();
    assert_eq!(refused.len(), 2);
    for (_, status, error, response) in &refused {
        assert_eq!((status.as_str(), response.as_deref()), ("refused", None));
        assert!(error.as_deref().is_some_and(|error| error.contains("consent")), "{error:?}");
    }

    // The consents page offers it; giving it there lets the data move.
    let consents = app.send(with_client(Method::GET, "/cabinet/consents", &person, "")).await;
    assert!(consents.body.contains("data-subject=\"1400551291\" data-dataset=\"tax.taxpayer\""), "{}", consents.body);
    assert!(consents.body.contains("class=\"consent-missing\""));
    let form = format!("csrf={}&subject={VOEN}&dataset=tax.taxpayer", person.csrf);
    let given = app.send(with_client(Method::POST, "/cabinet/consents", &person, &form)).await;
    assert_eq!(given.status, StatusCode::SEE_OTHER, "{}", given.body);
    let filled = app.send(with_client(Method::GET, "/api/v1/services/lic.sample/prefill", &person, "")).await.json();
    assert_eq!(filled["data"]["legal_address"], expected_legal.as_str());
    assert_eq!(filled["needs_consent"], serde_json::json!([]));

    // Someone who does not speak for the company can neither give nor revoke its consent.
    let other = api_login(&app, "other").await;
    let body = serde_json::json!({ "subject": VOEN, "dataset": "tax.taxpayer" }).to_string();
    let stranger = app.send(json(Method::POST, "/api/v1/consents", &other, &body)).await;
    stranger.problem(pencere_web::problem::ProblemKind::Forbidden);
    let listed = app.send(with_client(Method::GET, "/api/v1/consents", &person, "")).await.json();
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    let revoke = format!("/api/v1/consents/{id}/revoke");
    let refused = app.send(with_client(Method::POST, &revoke, &other, "")).await;
    refused.problem(pencere_web::problem::ProblemKind::NotFound);
    let revoked = app.send(with_client(Method::POST, &revoke, &person, "")).await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT, "{}", revoked.body);
    let again = app.send(with_client(Method::GET, "/api/v1/services/lic.sample/prefill", &person, "")).await.json();
    assert_eq!(again["needs_consent"], serde_json::json!(["tax"]), "revoked at once");

    // Both changes are in the journal.
    let mut tx = app.state.db().begin_read().await.unwrap();
    let actions: Vec<String> = on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_scalar("SELECT action FROM audit_entries WHERE action LIKE 'exchange.consent.%' ORDER BY id")
            .fetch_all(&mut *conn)
            .await
            .unwrap()
    });
    assert_eq!(actions, ["exchange.consent.give", "exchange.consent.revoke"]);
}

/// A civil-registry record about `fin`, as the source official would sign it.
fn person_record(fin: &str) -> String {
    serde_json::json!({
        "fin": fin, "first_name": "Rəşad", "last_name": "Məmmədov", "patronymic": "Vaqif oğlu",
        "birth_date": "1985-04-12", "registered_address": "Şəki, Füzuli küçəsi 7",
    })
    .to_string()
}

async fn enter_record(
    app: &TestApp,
    client: &super::auth::Client,
    key: &pencere_trust::IssuedCertificate,
    registry: &str,
    subject: &str,
    data: &str,
) -> crate::Reply {
    use base64::Engine as _;
    let at = pencere_core::Clock::now(app.clock.as_ref());
    let signature = pencere_trust::cms::sign_detached(data.as_bytes(), key, at).unwrap();
    let body = serde_json::json!({
        "registry": registry,
        "subject": subject,
        "data": data,
        "signature": base64::engine::general_purpose::STANDARD.encode(signature),
    })
    .to_string();
    app.send(json(Method::POST, "/api/v1/exchange/records", client, &body)).await
}

// clause: TOB-4.5, VEIS-4.5
#[tokio::test]
async fn with_the_registry_stopped_a_signed_manual_record_fills_the_form_naming_who_entered_it() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (app, _, key) = app_full(&format!("http://127.0.0.1:{closed}")).await;
    let source = api_login(&app, "source").await;
    // The official acts for the Ministry of Justice, which keeps the civil registry.
    let mut tx = app.state.db().begin_read().await.unwrap();
    let justice = organizations::find_by_code(&mut tx, "justice").await.unwrap().unwrap();
    drop(tx);
    let switch = format!("csrf={}&organization={}", source.csrf, justice.id);
    assert_eq!(
        app.send(with_client(Method::POST, "/cabinet/organization", &source, &switch)).await.status,
        StatusCode::SEE_OTHER
    );

    // A record signed by someone else, or over other bytes, or of a registry not theirs, is refused.
    let record = person_record(FIN);
    let stranger_ca =
        pencere_trust::TestCa::generate("Başqa CA", pencere_core::Clock::now(app.clock.as_ref())).unwrap();
    let now = pencere_core::Clock::now(app.clock.as_ref());
    let stranger = stranger_ca
        .issue(
            "Nigar Rzayeva",
            Some(SOURCE_FIN),
            now,
            pencere_core::Timestamp::from_micros(now.as_micros() + 86_400_000_000),
        )
        .unwrap();
    enter_record(&app, &source, &stranger, "civil-registry", FIN, &record)
        .await
        .problem(pencere_web::problem::ProblemKind::Validation);
    enter_record(&app, &source, &key, "tax", VOEN, &record).await.problem(pencere_web::problem::ProblemKind::Forbidden);
    enter_record(&app, &source, &key, "civil-registry", OTHER_FIN, &record)
        .await
        .problem(pencere_web::problem::ProblemKind::Validation);
    let kept = enter_record(&app, &source, &key, "civil-registry", FIN, &record).await;
    assert_eq!(kept.status, StatusCode::CREATED, "{}", kept.body);

    // The source's page lists it with its signer.
    let page = app.send(with_client(Method::GET, "/work/ehis", &source, "")).await;
    assert_eq!(page.status, StatusCode::OK);
    let records = page.body.split("id=\"ehis-records\"").nth(1).unwrap_or_default();
    assert!(records.contains(FIN) && records.contains("Nigar Rzayeva"), "{}", page.body);

    // The registry is unreachable: the applicant's form is filled from the record, saying so.
    let person = api_login(&app, "person").await;
    let form = app.send(with_client(Method::GET, "/services/lic.sample/apply", &person, "")).await;
    assert!(form.body.contains("value=\"Şəki, Füzuli küçəsi 7\""), "{}", form.body);
    let note = form.body.split("id=\"exchange-manual\"").nth(1).unwrap_or_default();
    let note = note.split("</div>").next().unwrap_or_default();
    assert!(note.contains("Nigar Rzayeva") && note.contains("elektron imza"), "{note}");
    let api = app.send(with_client(Method::GET, "/api/v1/services/lic.sample/prefill", &person, "")).await.json();
    assert_eq!(api["manual"]["civil-registry"], "Nigar Rzayeva");
    assert_eq!(api["data"]["home"], "Şəki, Füzuli küçəsi 7");

    // The data tracker names the provenance.
    let cabinet = app.send(with_client(Method::GET, "/cabinet", &person, "")).await;
    let reads = cabinet.body.split("id=\"registry-reads\"").nth(1).unwrap_or_default();
    assert!(reads.contains("Nigar Rzayeva tərəfindən"), "{reads}");

    // The operator sees the failures and the open circuit… after enough of them.
    for _ in 0..5 {
        app.send(with_client(Method::GET, "/api/v1/services/lic.sample/prefill", &person, "")).await;
    }
    let operator_page = {
        let mut tx = app.state.db().begin().await.unwrap();
        let operator = create_user(
            &mut tx,
            &NewUser {
                login: "operator",
                kind: UserKind::Official,
                fin: None,
                passport: None,
                email: None,
                phone: None,
                full_name: "Orxan Nəbiyev",
                password: Some(PASSWORD),
            },
            now,
            "test",
        )
        .await
        .unwrap();
        let economy = organizations::find_by_code(&mut tx, "economy").await.unwrap().unwrap();
        grant_role(&mut tx, &operator.id, &economy.id, &RoleName::PLATFORM_ADMIN.parse().unwrap(), None, now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let operator = api_login(&app, "operator").await;
        app.send(with_client(Method::GET, "/admin/exchange", &operator, "")).await
    };
    assert_eq!(operator_page.status, StatusCode::OK);
    let adapters = operator_page.body.split("id=\"exchange-adapters\"").nth(1).unwrap_or_default();
    assert!(adapters.contains("class=\"circuit-open\""), "{}", operator_page.body);
    // Every adapter is listed under its name, the conscription service's sources too.
    assert!(!adapters.contains("exchange-registry-"), "{adapters}");
    assert!(adapters.contains("Dövlət Sərhəd Xidməti: sərhədkeçmə və məhdudiyyətlər"), "{adapters}");
    let failures = operator_page.body.split("id=\"exchange-failures\"").nth(1).unwrap_or_default();
    assert!(failures.contains("cavab vermədi"), "{failures}");
    assert!(!operator_page.body.contains(FIN), "the operator's view names no person");
}

#[tokio::test]
async fn the_data_tracker_shows_every_read_about_the_person_and_nothing_else() {
    let (url, _) = sandbox().await;
    let (app, _) = app(&url).await;
    let person = api_login(&app, "person").await;
    let other = api_login(&app, "other").await;
    consent(&app, &person).await;
    // Three reads about the person (the form, the API), two about the company, and one about the
    // other person, by the other person.
    app.send(with_client(Method::GET, "/services/lic.sample/apply", &person, "")).await;
    app.send(with_client(Method::GET, "/api/v1/services/lic.sample/prefill", &person, "")).await;
    app.send(with_client(Method::GET, "/api/v1/services/lic.sample/prefill", &other, "")).await;

    let rows: Vec<(String, String, Option<String>, Option<String>)> = log_rows(&app).await;
    let about_person = rows.iter().filter(|row| row.0 == FIN).count();
    let about_company = rows.iter().filter(|row| row.0 == VOEN).count();
    assert_eq!((about_person, about_company), (2, 2));
    assert_eq!(rows.iter().filter(|row| row.0 == OTHER_FIN).count(), 1);

    let cabinet = app.send(with_client(Method::GET, "/cabinet", &person, "")).await;
    let reads = cabinet.body.split("id=\"registry-reads\"").nth(1).unwrap_or_default();
    let reads = reads.split("</table>").next().unwrap_or_default();
    let lines: Vec<&str> = reads.split("<tr><td>").skip(1).collect();
    assert_eq!(lines.len(), 4, "every read about the person and their company, nothing else: {reads}");
    for line in &lines {
        // When, which registry, purpose, who (body and role), and the source.
        assert!(line.contains("prefill lic.sample"), "{line}");
        assert!(line.contains("siz (“Xəzər Tikinti” MMC, qanuni nümayəndə)"), "{line}");
        assert!(line.contains("məlumat mübadiləsi"), "{line}");
    }
    assert!(!reads.contains("Aygün"), "another person's reads never show");
    let other_cabinet = app.send(with_client(Method::GET, "/cabinet", &other, "")).await;
    let other_reads = other_cabinet.body.split("id=\"registry-reads\"").nth(1).unwrap_or_default();
    let other_reads = other_reads.split("</table>").next().unwrap_or_default();
    assert_eq!(other_reads.split("<tr><td>").count() - 1, 1, "{other_reads}");
}

/// A form body, every byte but letters and digits percent-encoded.
fn form_body(fields: &[(&str, &str)]) -> String {
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|b| if b.is_ascii_alphanumeric() { char::from(b).to_string() } else { format!("%{b:02X}") })
            .collect()
    };
    fields.iter().map(|(name, value)| format!("{name}={}", encode(value))).collect::<Vec<_>>().join("&")
}

/// The value of a hidden input of a page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).map(|at| at + marker.len()).unwrap_or_else(|| panic!("{name} in {html}"));
    html[start..].split('"').next().unwrap().to_owned()
}

// clause: TOB-4.5, VEIS-4.5
#[tokio::test]
async fn the_source_official_enters_a_record_on_the_page_and_signs_it_on_the_phone() {
    let (url, _) = sandbox().await;
    let (app, _, _) = app_full(&url).await;
    let source = api_login(&app, "source").await;
    let mut tx = app.state.db().begin_read().await.unwrap();
    let justice = organizations::find_by_code(&mut tx, "justice").await.unwrap().unwrap();
    drop(tx);
    let switch = format!("csrf={}&organization={}", source.csrf, justice.id);
    app.send(with_client(Method::POST, "/cabinet/organization", &source, &switch)).await;
    let page = app.send(with_client(Method::GET, "/work/ehis", &source, "")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("id=\"ehis-entry\"") && page.body.contains("<option value=\"civil-registry\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("<option value=\"civil-family\""), "every data set of the registries the agency keeps");

    let subject = "2HKJ4LM";
    let record = serde_json::json!({
        "fin": subject, "first_name": "Aygün", "last_name": "Həsənova", "patronymic": "Rauf qızı",
        "birth_date": "1990-02-03", "registered_address": "Gəncə, Atatürk prospekti 12",
    })
    .to_string();
    let fields = |subject: &'static str, data: &str| {
        form_body(&[
            ("registry", "civil-registry"),
            ("subject", subject),
            ("data", data),
            ("phone", SOURCE_PHONE),
            ("user_id", SOURCE_MOBILE_ID),
        ])
    };
    // A record about someone else than the subject is refused before anything is signed.
    let wrong = app
        .send(with_client(Method::POST, "/work/ehis/sign", &source, &csrf(&source, &fields("3KLM5N8", &record))))
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("id=\"ehis-entry-error\""), "{}", wrong.body);
    // A registry the agency does not keep is refused too.
    let foreign = form_body(&[
        ("registry", "customs"),
        ("subject", "1400551291"),
        ("data", "{}"),
        ("phone", SOURCE_PHONE),
        ("user_id", SOURCE_MOBILE_ID),
    ]);
    let refused = app.send(with_client(Method::POST, "/work/ehis/sign", &source, &csrf(&source, &foreign))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let started = app
        .send(with_client(Method::POST, "/work/ehis/sign", &source, &csrf(&source, &fields(subject, &record))))
        .await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    assert!(started.body.contains("id=\"verification-code\""), "{}", started.body);
    let request = hidden(&started.body, "request");
    let attributes = hidden(&started.body, "attributes");
    let complete = form_body(&[
        ("request", &request),
        ("attributes", &attributes),
        ("registry", "civil-registry"),
        ("subject", subject),
        ("data", &record),
    ]);
    // Not confirmed on the phone yet: the page waits.
    let waiting =
        app.send(with_client(Method::POST, "/work/ehis/sign/complete", &source, &csrf(&source, &complete))).await;
    assert_eq!(waiting.status, StatusCode::ACCEPTED, "{}", waiting.body);
    // The phone shows the request; the official confirms there.
    let mobile = app.state.services().sandbox.clone().unwrap();
    assert_eq!(mobile.pending_for(SOURCE_PHONE).len(), 1);
    assert!(mobile.confirm(&request));
    let done =
        app.send(with_client(Method::POST, "/work/ehis/sign/complete", &source, &csrf(&source, &complete))).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);

    // Kept with its provenance and signature, and journaled.
    let listed = app.send(with_client(Method::GET, "/work/ehis", &source, "")).await;
    let table = listed.body.split("id=\"ehis-records\"").nth(1).unwrap_or_default();
    assert!(table.contains(subject) && table.contains("Nigar Rzayeva"), "{}", listed.body);
    let mut tx = app.state.db().begin_read().await.unwrap();
    let (data, signer): (String, String) = on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_as("SELECT data, signer_name FROM exchange_manual_records").fetch_one(&mut *conn).await.unwrap()
    });
    assert_eq!((data.as_str(), signer.as_str()), (record.as_str(), "Nigar Rzayeva"));
    let actions: Vec<String> = on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_scalar("SELECT action FROM audit_entries WHERE action LIKE 'exchange.%'")
            .fetch_all(&mut *conn)
            .await
            .unwrap()
    });
    assert_eq!(actions, ["exchange.manual_record.enter"]);
    // The same signed request cannot be replayed for other data.
    let other = record.replace("Aygün", "Leyla");
    let replay = form_body(&[
        ("request", &request),
        ("attributes", &attributes),
        ("registry", "civil-registry"),
        ("subject", subject),
        ("data", &other),
    ]);
    let replayed =
        app.send(with_client(Method::POST, "/work/ehis/sign/complete", &source, &csrf(&source, &replay))).await;
    assert_eq!(replayed.status, StatusCode::NOT_FOUND);
}

/// A form body with the session's CSRF token.
fn csrf(client: &super::auth::Client, body: &str) -> String {
    format!("csrf={}&{body}", client.csrf)
}
