//! The information of the Law's article 12.2 over HTTP: the first version comes from the
//! catalog; a licensing body's official submits an update that stays private until the operator
//! publishes it (then the service page and the API show it with its date and the history) or
//! returns it with a reason the body is told.

use std::sync::Arc;

use axum::http::{Method, StatusCode, header};
use pencere_identity::{NewUser, RoleName, UserKind, create_user, grant_role};
use pencere_store::audit::{self, Search};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_testkit::{TestDb, both_backends};
use pencere_web::mail::Mailbox;
use pencere_web::problem::ProblemKind;
use pencere_web::{AppConfig, Services};
use serde_json::Value;

use super::auth::{Client, PASSWORD, api_login, with_client};
use crate::TestApp;

const T0: pencere_core::Timestamp = pencere_core::Timestamp::from_micros(1_795_447_203_000_000);
const SECTIONS: [&str; 7] = ["legal_basis", "conditions", "documents", "fee", "deadlines", "how_to_apply", "contacts"];

/// The sample service's competent body (`economy`) with its head (`lic.head`, with an e-mail
/// address), an official of another body (`lic.reviewer` at `emergencies`), the operator and an
/// applicant.
async fn world(db: TestDb) -> (TestApp, Arc<Mailbox>) {
    let mailbox = Arc::new(Mailbox::default());
    let services = Services { mail: Some(mailbox.clone()), mailbox: Some(mailbox.clone()), ..Services::default() };
    let app = TestApp::with_trust(db, AppConfig { demo: true, ..AppConfig::default() }, services).await;
    let mut tx = app.state.db().begin().await.unwrap();
    let mut bodies = Vec::new();
    for (code, names) in [
        ("economy", ["İqtisadiyyat Nazirliyi", "Ministry of Economy", "Минэкономики"]),
        ("emergencies", ["Fövqəladə Hallar Nazirliyi", "Ministry of Emergency Situations", "МЧС"]),
    ] {
        let org = organizations::insert(
            &mut tx,
            &NewOrganization { code, kind: OrganizationKind::Agency, voen: None, names },
        )
        .await
        .unwrap();
        bodies.push(org.id);
    }
    for (login, name, kind, email, role) in [
        ("head", "Elçin Quliyev", UserKind::Official, Some("head@economy.example.az"), Some((0, "lic.head"))),
        ("rival", "Fərid Cəfərov", UserKind::Official, None, Some((1, "lic.reviewer"))),
        ("operator", "Orxan Nəbiyev", UserKind::Official, None, Some((0, RoleName::PLATFORM_ADMIN))),
        ("person", "Rəşad Məmmədov", UserKind::Person, None, None),
    ] {
        let user = create_user(
            &mut tx,
            &NewUser {
                login,
                kind,
                fin: None,
                passport: None,
                email,
                phone: None,
                full_name: name,
                password: Some(PASSWORD),
            },
            T0,
            "test",
        )
        .await
        .unwrap();
        if let Some((body, role)) = role {
            grant_role(&mut tx, &user.id, &bodies[body], &role.parse().unwrap(), None, T0).await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    (app, mailbox)
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

async fn information(app: &TestApp, lang: &str) -> Value {
    let reply = app.get_with("/api/v1/services/lic.sample/information", header::ACCEPT_LANGUAGE, lang).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

fn section<'a>(information: &'a Value, id: &str) -> &'a str {
    information["sections"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap()["text"].as_str().unwrap()
}

/// The form as the edit page prefills it (the text in force), with `changes` applied.
async fn form_with(app: &TestApp, client: &Client, changes: &[(&str, &str)], note: &str) -> String {
    let mut fields = vec![format!("csrf={}", client.csrf)];
    for lang in ["az", "en", "ru"] {
        let current = information(app, lang).await;
        for id in SECTIONS {
            let name = format!("{id}_{lang}");
            let value = changes.iter().find(|(field, _)| *field == name).map_or(section(&current, id), |(_, v)| v);
            fields.push(format!("{name}={}", encode(value)));
        }
    }
    fields.push(format!("note={}", encode(note)));
    fields.join("&")
}

async fn submit(app: &TestApp, client: &Client, form: &str) -> crate::Reply {
    app.send(with_client(Method::POST, "/services/lic.sample/information/edit", client, form)).await
}

async fn pending_id(app: &TestApp, operator: &Client) -> String {
    let queue = app.send(with_client(Method::GET, "/admin/publications", operator, "")).await;
    assert_eq!(queue.status, StatusCode::OK);
    let at = queue.body.find("id=\"pending-").unwrap_or_else(|| panic!("a version awaits: {}", queue.body));
    queue.body[at + "id=\"pending-".len()..].split('"').next().unwrap().to_owned()
}

async fn audited(app: &TestApp, action: &str, record: &str) -> bool {
    let mut tx = app.state.db().begin_read().await.unwrap();
    let search = Search {
        actor_id: None,
        subject_id: None,
        record_type: Some("service_information".into()),
        record_id: Some(record.into()),
        action_prefix: Some(action.into()),
        from: None,
        until: None,
        before_id: None,
        limit: 10,
        clearance: Default::default(),
    };
    !audit::search(&mut tx, &search).await.unwrap().is_empty()
}

both_backends! {
    // clause: LIC-7.4, LIC-8.0.12, LIC-9.2.2
    async fn an_update_is_public_only_once_the_operator_publishes_it_with_its_date_and_history(db) {
        let (app, mailbox) = world(db).await;

        // The first version is the catalog's.
        let first = information(&app, "en").await;
        assert_eq!(first["version"], 1);
        assert!(first["updated_at"].is_null());
        assert_eq!(section(&first, "legal_basis"), "Sample law, art. 1");
        assert!(section(&first, "fee").contains("550.00 AZN"), "{first}");
        assert!(section(&first, "deadlines").contains("Time to decide: 10 working days"), "{first}");
        assert!(section(&first, "documents").contains("Lease (required)"), "{first}");
        assert_eq!(first["history"].as_array().unwrap().len(), 1);
        let page = app.get_with("/services/lic.sample", header::ACCEPT_LANGUAGE, "en").await;
        assert!(page.body.contains("First version, from the service catalog (version 1)"), "{}", page.body);
        assert!(!page.body.contains("id=\"information-edit\""), "no update link for the public");

        // A day later (sessions are fresh), the body's official finds the form prefilled with the
        // text in force.
        app.clock.advance(86_400);
        let head = api_login(&app, "head").await;
        let official_page = app.send(with_client(Method::GET, "/services/lic.sample", &head, "")).await;
        assert!(official_page.body.contains("id=\"information-edit\""));
        let edit = app.send(with_client(Method::GET, "/services/lic.sample/information/edit", &head, "")).await;
        assert_eq!(edit.status, StatusCode::OK);
        assert!(edit.body.contains("name=\"legal_basis_en\" rows=\"4\">Sample law, art. 1</textarea>"), "{}", edit.body);

        let conditions = "Premises of at least 50 m² with ventilation.";
        let form = form_with(
            &app,
            &head,
            &[("conditions_en", conditions), ("conditions_az", "Ən azı 50 m² sahəsi olan, havalandırılan bina."),
              ("conditions_ru", "Помещение не менее 50 м² с вентиляцией.")],
            "Minimum floor area added",
        )
        .await;
        let sent = submit(&app, &head, &form).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);

        // Not public yet.
        let still = information(&app, "en").await;
        assert_eq!(still["version"], 1);
        assert_ne!(section(&still, "conditions"), conditions);
        assert!(!app.get("/services/lic.sample").await.body.contains("50 m²"));

        let operator = api_login(&app, "operator").await;
        let id = pending_id(&app, &operator).await;
        assert!(audited(&app, "publication.submit", &id).await);
        let published = app
            .send(with_client(Method::POST, &format!("/admin/publications/{id}/publish"), &operator, &format!("csrf={}", operator.csrf)))
            .await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);
        assert!(audited(&app, "publication.publish", &id).await);

        // Public at once, with the new date and the history.
        let now = information(&app, "en").await;
        assert_eq!(now["version"], 2);
        assert_eq!(now["updated_at"], "2026-11-24T15:20:03Z");
        assert_eq!(section(&now, "conditions"), conditions);
        assert_eq!(section(&information(&app, "ru").await, "conditions"), "Помещение не менее 50 м² с вентиляцией.");
        let history: Vec<(i64, String)> = now["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| (row["version"].as_i64().unwrap(), row["note"].as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(history[0], (2, "Minimum floor area added".to_owned()));
        assert_eq!(history[1].0, 1);
        assert_eq!(now["history"][0]["published_at"], "2026-11-24T15:20:03Z");
        let page = app.get_with("/services/lic.sample", header::ACCEPT_LANGUAGE, "en").await;
        assert!(page.body.contains("Last updated on 2026-11-24 19:20 (version 2)."), "{}", page.body);
        assert!(page.body.contains(conditions));
        assert!(page.body.contains("<td>2</td><td>2026-11-24 19:20</td><td>Minimum floor area added</td>"), "{}", page.body);

        // Published once: a second publication of the same version is a conflict.
        let again = app
            .send(with_client(Method::POST, &format!("/admin/publications/{id}/publish"), &operator, &format!("csrf={}", operator.csrf)))
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);

        // The body's official is told, in the inbox and by e-mail, in the language they wrote in.
        app.state.dispatcher().run_once().await.unwrap();
        let inbox = app.send(with_client(Method::GET, "/api/v1/inbox", &head, "")).await.json();
        assert!(inbox[0]["subject"].as_str().unwrap().contains("“Nümunə lisenziya” üzrə məlumat dərc olundu"), "{inbox}");
        let mail = mailbox.messages();
        assert_eq!(mail[0].to, "head@economy.example.az");
        assert!(mail[0].text.contains("versiya 2"), "{}", mail[0].text);
    }

    // clause: LIC-8.0.12, LIC-9.2.2
    async fn a_returned_update_needs_a_reason_and_the_body_is_told_it(db) {
        let (app, mailbox) = world(db).await;
        let head = api_login(&app, "head").await;
        let form = form_with(&app, &head, &[("fee_en", "Free of charge.")], "Fee removed").await;
        assert_eq!(submit(&app, &head, &form).await.status, StatusCode::SEE_OTHER);
        let operator = api_login(&app, "operator").await;
        let id = pending_id(&app, &operator).await;
        let uri = format!("/admin/publications/{id}/return");

        let blank = app.send(with_client(Method::POST, &uri, &operator, &format!("csrf={}&reason=+", operator.csrf))).await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(blank.body.contains("id=\"reason-1-error\""), "a field-level message: {}", blank.body);

        let reason = "The duty is set by the State Duty Law; it cannot be removed.";
        let returned =
            app.send(with_client(Method::POST, &uri, &operator, &format!("csrf={}&reason={}", operator.csrf, encode(reason)))).await;
        assert_eq!(returned.status, StatusCode::SEE_OTHER, "{}", returned.body);
        assert!(audited(&app, "publication.return", &id).await);

        // Nothing published; the queue is empty; the body sees why.
        assert_eq!(information(&app, "en").await["version"], 1);
        assert_ne!(section(&information(&app, "en").await, "fee"), "Free of charge.");
        let queue = app.send(with_client(Method::GET, "/admin/publications", &operator, "")).await;
        assert!(queue.body.contains("id=\"no-publications\""));
        let mut request = with_client(Method::GET, "/services/lic.sample/information/edit", &head, "");
        request.headers_mut().insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
        let edit = app.send(request).await;
        assert!(edit.body.contains(&format!("Returned: {reason}")), "{}", edit.body);
        app.state.dispatcher().run_once().await.unwrap();
        let inbox = app.send(with_client(Method::GET, "/api/v1/inbox", &head, "")).await.json();
        assert!(inbox[0]["body"].as_str().unwrap().contains(reason), "{inbox}");
        assert!(mailbox.messages()[0].text.contains(reason));
    }

    // clause: LIC-9.2.2
    async fn only_the_competent_bodys_officials_submit_and_bad_input_is_named_field_by_field(db) {
        let (app, _) = world(db).await;
        let head = api_login(&app, "head").await;
        let rival = api_login(&app, "rival").await;
        let person = api_login(&app, "person").await;
        for client in [&rival, &person] {
            let form = form_with(&app, client, &[("fee_en", "Nothing.")], "Mine").await;
            assert_eq!(submit(&app, client, &form).await.status, StatusCode::FORBIDDEN);
            let page = app.send(with_client(Method::GET, "/services/lic.sample/information/edit", client, "")).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN);
        }
        assert_eq!(app.get("/services/lic.sample/information/edit").await.status, StatusCode::SEE_OTHER);
        let unknown = app.send(with_client(Method::GET, "/services/lic.nothing/information/edit", &head, "")).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        app.get("/api/v1/services/lic.nothing/information").await.problem(ProblemKind::NotFound);

        // Bad input: each problem named at its field, nothing stored.
        let form = form_with(&app, &head, &[("conditions_az", "   "), ("contacts_ru", &"я".repeat(4001))], "").await;
        let bad = submit(&app, &head, &form).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for id in ["f-conditions_az-error", "f-contacts_ru-error", "f-note-error"] {
            assert!(bad.body.contains(&format!("id=\"{id}\"")), "{id}: {}", bad.body);
        }
        assert!(bad.body.contains("href=\"#f-conditions_az\""), "the summary links the field");
        let operator = api_login(&app, "operator").await;
        let queue = app.send(with_client(Method::GET, "/admin/publications", &operator, "")).await;
        assert!(queue.body.contains("id=\"no-publications\""), "nothing was stored");

        // The operator alone publishes; an official of the body cannot publish its own update.
        let form = form_with(&app, &head, &[], "Checked, nothing changed").await;
        assert_eq!(submit(&app, &head, &form).await.status, StatusCode::SEE_OTHER);
        let id = pending_id(&app, &operator).await;
        let by_head = app
            .send(with_client(Method::POST, &format!("/admin/publications/{id}/publish"), &head, &format!("csrf={}", head.csrf)))
            .await;
        assert_eq!(by_head.status, StatusCode::FORBIDDEN);
        let missing = app
            .send(with_client(
                Method::POST,
                "/admin/publications/00000000-0000-7000-8000-000000000000/publish",
                &operator,
                &format!("csrf={}", operator.csrf),
            ))
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(information(&app, "en").await["version"], 1);
    }
}
