//! The operator and the participants over HTTP: a participant registers its integrated systems
//! and the information on their compliance, which the operator accepts or returns; the
//! operator's notices reach the participant's officials and are answered; a warning, then a
//! suspension that refuses the participant's officials (and nobody else), then its lifting; and
//! maintenance announcements counted in working days, shown on the affected system's pages
//! until the work ends.

use std::sync::Arc;

use axum::http::{Method, StatusCode, header};
use pencere_identity::{NewUser, RoleName, UserKind, create_user, grant_role};
use pencere_store::audit::{self, Search};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_testkit::{TestDb, both_backends};
use pencere_web::mail::Mailbox;
use pencere_web::problem::ProblemKind;
use pencere_web::{AppConfig, Services};

use super::auth::{Client, PASSWORD, api_login, with_client};
use crate::{Reply, TestApp};

const T0: pencere_core::Timestamp = pencere_core::Timestamp::from_micros(1_795_447_203_000_000);
const DAY: i64 = 86_400;

/// Two participant bodies (the ministry, `economy`, and the emergencies ministry, `emergency`)
/// with an official each (`reviewer`, `rescuer`), the operator (who acts for the ministry) and a
/// person. The clock shows Monday, 23 November 2026, 19:20 in Baku.
async fn world(db: TestDb) -> (TestApp, Arc<Mailbox>) {
    let mailbox = Arc::new(Mailbox::default());
    let services = Services { mail: Some(mailbox.clone()), mailbox: Some(mailbox.clone()), ..Services::default() };
    let app = TestApp::with_trust(db, AppConfig { demo: true, ..AppConfig::default() }, services).await;
    let mut tx = app.state.db().begin().await.unwrap();
    let mut bodies = Vec::new();
    for (code, names) in [
        ("economy", ["İqtisadiyyat Nazirliyi", "Ministry of Economy", "Минэкономики"]),
        ("emergency", ["Fövqəladə Hallar Nazirliyi", "Ministry of Emergency Situations", "МЧС"]),
    ] {
        let new = NewOrganization { code, kind: OrganizationKind::Agency, voen: None, names };
        bodies.push(organizations::insert(&mut tx, &new).await.unwrap());
    }
    for (login, name, email, kind, role, body) in [
        ("person", "Rəşad Məmmədov", None, UserKind::Person, None, 0),
        ("reviewer", "Leyla Hüseynova", Some("leyla@economy.gov.az"), UserKind::Official, Some("lic.reviewer"), 0),
        ("rescuer", "Tural Əliyev", None, UserKind::Official, Some("lic.reviewer"), 1),
        ("operator", "Orxan Nəbiyev", None, UserKind::Official, Some(RoleName::PLATFORM_ADMIN), 0),
    ] {
        let new = NewUser {
            login,
            kind,
            fin: None,
            passport: None,
            email,
            phone: None,
            full_name: name,
            password: Some(PASSWORD),
        };
        let user = create_user(&mut tx, &new, T0, "test").await.unwrap();
        if let Some(role) = role {
            grant_role(&mut tx, &user.id, &bodies[body].id, &role.parse().unwrap(), None, T0).await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    (app, mailbox)
}

/// A form body with its values percent-encoded.
fn form(client: &Client, pairs: &[(&str, &str)]) -> String {
    let mut body = format!("csrf={}", client.csrf);
    for (name, value) in pairs {
        body.push_str(&format!("&{name}={}", encode(value)));
    }
    body
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => char::from(byte).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

async fn post(app: &TestApp, client: &Client, uri: &str, pairs: &[(&str, &str)]) -> Reply {
    app.send(with_client(Method::POST, uri, client, &form(client, pairs))).await
}

async fn get(app: &TestApp, client: &Client, uri: &str) -> Reply {
    app.send(with_client(Method::GET, uri, client, "")).await
}

/// Registers a system for the client's body and returns its id.
async fn register(app: &TestApp, official: &Client, name: &str) -> String {
    let fields = [
        ("portal", "lic"),
        ("name", name),
        ("purpose", "Licences issued by the ministry"),
        ("endpoint", "https://is.economy.gov.az/lic"),
        ("contact", "it@economy.gov.az"),
    ];
    let reply = post(app, official, "/work/participant/systems", &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let page = get(app, official, "/work/participant").await;
    let marker = format!("{name}</h3>");
    let before = page.body.split(&marker).next().unwrap();
    before.rsplit("data-system=\"").next().unwrap().split('"').next().unwrap().to_owned()
}

async fn audit_actions(app: &TestApp, prefix: &str) -> Vec<String> {
    let mut tx = app.state.db().begin_read().await.unwrap();
    let search = Search { action_prefix: Some(prefix.to_owned()), limit: 100, ..Search::default() };
    let mut actions: Vec<String> =
        audit::search(&mut tx, &search).await.unwrap().into_iter().map(|entry| entry.action).collect();
    actions.reverse();
    actions
}

async fn inbox_subjects(app: &TestApp, client: &Client) -> Vec<String> {
    app.state.dispatcher().run_once().await.unwrap();
    let inbox = get(app, client, "/api/v1/inbox").await.json();
    inbox.as_array().unwrap().iter().map(|message| message["subject"].as_str().unwrap().to_owned()).collect()
}

both_backends! {
    // clause: LIC-9.1.1, LIC-8.0.2, LIC-D3.1.5
    async fn a_participant_registers_its_system_and_the_operator_decides_on_its_compliance(db) {
        let (app, _) = world(db).await;
        let reviewer = api_login(&app, "reviewer").await;
        let rescuer = api_login(&app, "rescuer").await;
        let operator = api_login(&app, "operator").await;

        // Bad input is answered field by field.
        let missing = post(&app, &reviewer, "/work/participant/systems", &[("portal", "lic"), ("name", "LİS")]).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(missing.body.contains("id=\"system-purpose-error\">Bu xananı doldurun."), "{}", missing.body);

        let id = register(&app, &reviewer, "Lisenziya İnformasiya Sistemi").await;
        let own = get(&app, &reviewer, "/work/participant").await;
        assert!(own.body.contains("https://is.economy.gov.az/lic"));
        assert!(own.body.contains("data-status=\"none\""), "nothing submitted yet");
        // Another body's official neither sees it nor can speak for it.
        assert!(!get(&app, &rescuer, "/work/participant").await.body.contains("Lisenziya İnformasiya Sistemi"));
        let foreign = [("statement", "All met"), ("on", "2026-11-23")];
        let uri = format!("/work/participant/systems/{id}/compliance");
        assert_eq!(post(&app, &rescuer, &uri, &foreign).await.status, StatusCode::NOT_FOUND);

        let future = post(&app, &reviewer, &uri, &[("statement", "All met"), ("on", "2026-12-31")]).await;
        assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(future.body.contains(&format!("id=\"on-{id}-error\">Tarix bu gündən sonra ola bilməz.")), "{}", future.body);
        let statement = "TR-1 TLS 1.3: met. TR-2 signed messages: met. TR-3 99.5% availability: met.";
        assert_eq!(post(&app, &reviewer, &uri, &[("statement", statement), ("on", "2026-11-20")]).await.status, StatusCode::SEE_OTHER);

        // The operator sees every participant and the status of each system.
        let list = get(&app, &operator, "/admin/participants").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("href=\"/admin/participants/economy\""));
        assert!(list.body.contains("href=\"/admin/participants/emergency\""));
        assert!(list.body.contains("data-status=\"submitted\""), "{}", list.body);
        assert_eq!(get(&app, &reviewer, "/admin/participants").await.status, StatusCode::FORBIDDEN);

        // Returned with reasons (a reason is required), resubmitted, accepted.
        let decide = format!("/admin/participants/economy/systems/{id}/compliance");
        let bare = post(&app, &operator, &decide, &[("decision", "return"), ("answer", " ")]).await;
        assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bare.body.contains(&format!("id=\"answer-{id}-error\"")), "{}", bare.body);
        let reasons = [("decision", "return"), ("answer", "TR-3: attach the monitoring report")];
        assert_eq!(post(&app, &operator, &decide, &reasons).await.status, StatusCode::SEE_OTHER);
        let returned = get(&app, &reviewer, "/work/participant").await;
        assert!(returned.body.contains("data-status=\"returned\"") && returned.body.contains("attach the monitoring report"));
        assert_eq!(post(&app, &operator, &decide, &[("decision", "accept")]).await.status, StatusCode::CONFLICT, "nothing awaits a decision");
        assert_eq!(post(&app, &reviewer, &uri, &[("statement", statement), ("on", "2026-11-23")]).await.status, StatusCode::SEE_OTHER);
        // The system is not the other participant's.
        let wrong_body = format!("/admin/participants/emergency/systems/{id}/compliance");
        assert_eq!(post(&app, &operator, &wrong_body, &[("decision", "accept")]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(post(&app, &operator, &decide, &[("decision", "accept")]).await.status, StatusCode::SEE_OTHER);
        let page = get(&app, &operator, "/admin/participants/economy").await;
        assert!(page.body.contains("data-status=\"accepted\""), "{}", page.body);

        let subjects = inbox_subjects(&app, &reviewer).await;
        assert!(subjects.iter().any(|s| s.contains("geri qaytarılıb")), "{subjects:?}");
        assert!(subjects.iter().any(|s| s.contains("qəbul edilib")), "{subjects:?}");
        assert!(inbox_subjects(&app, &operator).await.iter().any(|s| s.contains("Uyğunluğa dair məlumat təqdim edilib")));
        assert_eq!(
            audit_actions(&app, "participant.").await,
            [
                "participant.system_registered",
                "participant.compliance_submitted",
                "participant.compliance_decided",
                "participant.compliance_submitted",
                "participant.compliance_decided",
            ]
        );
    }
}

both_backends! {
    // clause: LIC-8.0.10, LIC-8.0.16
    async fn an_operators_notice_reaches_the_participants_officials_and_is_answered(db) {
        let (app, mailbox) = world(db).await;
        let reviewer = api_login(&app, "reviewer").await;
        let rescuer = api_login(&app, "rescuer").await;
        let operator = api_login(&app, "operator").await;
        let system = register(&app, &reviewer, "LİS").await;

        let empty = post(&app, &operator, "/admin/participants/economy/notices", &[("kind", "changes"), ("body", "")]).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains("id=\"notice-body-error\""), "{}", empty.body);
        let text = "The endpoint answers over TLS 1.0; move to TLS 1.3 by 1 December.";
        let fields = [("kind", "changes"), ("system", system.as_str()), ("body", text)];
        assert_eq!(post(&app, &operator, "/admin/participants/economy/notices", &fields).await.status, StatusCode::SEE_OTHER);
        // A system of another participant cannot be named.
        let stray = [("kind", "guidance"), ("system", system.as_str()), ("body", "x")];
        assert_eq!(post(&app, &operator, "/admin/participants/emergency/notices", &stray).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(post(&app, &reviewer, "/admin/participants/economy/notices", &fields).await.status, StatusCode::FORBIDDEN);

        // Cabinet inbox and e-mail of the body's officials; not the other body's.
        let subjects = inbox_subjects(&app, &reviewer).await;
        assert!(subjects.iter().any(|s| s == "Portal operatorundan bildiriş"), "{subjects:?}");
        let mail = mailbox.messages();
        assert!(mail.iter().any(|m| m.to == "leyla@economy.gov.az" && m.text.contains("TLS 1.3")), "{mail:?}");
        assert!(inbox_subjects(&app, &rescuer).await.is_empty());

        let page = get(&app, &reviewer, "/work/participant").await;
        let notice = page.body.split("data-notice=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
        assert!(page.body.contains(&format!("data-notice=\"{notice}\" data-status=\"open\"")));
        let answer_uri = format!("/work/participant/notices/{notice}/answer");
        assert_eq!(post(&app, &rescuer, &answer_uri, &[("answer", "Done")]).await.status, StatusCode::NOT_FOUND, "not theirs");
        let blank = post(&app, &reviewer, &answer_uri, &[("answer", "")]).await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(blank.body.contains(&format!("id=\"reply-{notice}-error\"")));
        let done = [("answer", "TLS 1.0 and 1.1 disabled on 25 November; TLS 1.3 only.")];
        assert_eq!(post(&app, &reviewer, &answer_uri, &done).await.status, StatusCode::SEE_OTHER);
        assert_eq!(post(&app, &reviewer, &answer_uri, &done).await.status, StatusCode::CONFLICT, "answered once");

        let seen = get(&app, &operator, "/admin/participants/economy").await;
        assert!(seen.body.contains(&format!("data-notice=\"{notice}\" data-status=\"answered\"")), "{}", seen.body);
        assert!(seen.body.contains("TLS 1.3 only."));
        assert!(inbox_subjects(&app, &operator).await.iter().any(|s| s.contains("bildirişə cavab verib")));
        let actions = audit_actions(&app, "participant.notice").await;
        assert_eq!(actions, ["participant.notice_sent", "participant.notice_answered"]);
    }
}

both_backends! {
    // clause: LIC-8.0.9
    async fn a_warned_participant_is_suspended_its_officials_refused_then_the_suspension_lifted(db) {
        let (app, _) = world(db).await;
        let reviewer = api_login(&app, "reviewer").await;
        let operator = api_login(&app, "operator").await;

        // A suspension needs a warning whose date has passed.
        let early = post(&app, &operator, "/admin/participants/economy/suspend", &[("reason", "Repeated outages")]).await;
        assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(early.body.contains("id=\"suspend-reason-error\""), "{}", early.body);
        let past = post(&app, &operator, "/admin/participants/economy/warn", &[("reason", "Outages"), ("due_on", "2026-11-20")]).await;
        assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(past.body.contains("id=\"warn-due-error\">Tarix bu gündən sonra olmalıdır."), "{}", past.body);
        let warning = [("reason", "The service endpoint was down for 3 days"), ("due_on", "2026-11-25")];
        assert_eq!(post(&app, &reviewer, "/admin/participants/economy/warn", &warning).await.status, StatusCode::FORBIDDEN);
        assert_eq!(post(&app, &operator, "/admin/participants/economy/warn", &warning).await.status, StatusCode::SEE_OTHER);
        assert!(inbox_subjects(&app, &reviewer).await.iter().any(|s| s == "Portal operatorundan xəbərdarlıq"));
        let still_early = post(&app, &operator, "/admin/participants/economy/suspend", &[("reason", "Not removed")]).await;
        assert_eq!(still_early.status, StatusCode::UNPROCESSABLE_ENTITY, "the warning's date has not passed");

        // Thursday: the date has passed without the shortcomings removed (sessions are new).
        app.clock.advance(3 * DAY);
        let (reviewer, rescuer, operator, person) = (
            api_login(&app, "reviewer").await,
            api_login(&app, "rescuer").await,
            api_login(&app, "operator").await,
            api_login(&app, "person").await,
        );
        let case = crate::cases::apply_in_pages(&app, &person).await;
        let case_api = format!("/api/v1/cases/{case}");
        assert_eq!(get(&app, &reviewer, &case_api).await.status, StatusCode::OK, "the body's official reads its case");
        let suspension = [("reason", "Shortcomings of the warning of 23 November not removed")];
        assert_eq!(post(&app, &operator, "/admin/participants/economy/suspend", &suspension).await.status, StatusCode::SEE_OTHER);
        assert_eq!(post(&app, &operator, "/admin/participants/economy/suspend", &suspension).await.status, StatusCode::CONFLICT);

        // The body's official is refused on the officials' routes, with the reason, in pages and the API.
        let refused = get(&app, &reviewer, "/work").await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.body.contains("portaldakı fəaliyyəti 2026-11-26 tarixindən operator tərəfindən dayandırılıb"), "{}", refused.body);
        assert!(refused.body.contains("Shortcomings of the warning of 23 November not removed"));
        let english = app.send({
            let mut request = with_client(Method::GET, "/work/participant", &reviewer, "");
            request.headers_mut().insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
            request
        }).await;
        assert_eq!(english.status, StatusCode::FORBIDDEN);
        assert!(english.body.contains("is suspended since 2026-11-26 by the operator"), "{}", english.body);
        let api = get(&app, &reviewer, "/api/v1/work/cases").await.problem(ProblemKind::Forbidden);
        assert!(api["detail"].as_str().unwrap().contains("dayandırılıb"), "{api}");
        // Nor do routes open to any logged-in user let them act as the body's official.
        assert_eq!(get(&app, &reviewer, &case_api).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, &reviewer, &format!("/cases/{case}/documents/lease/1")).await.status, StatusCode::NOT_FOUND);
        let mut step = with_client(Method::POST, &format!("{case_api}/transitions"), &reviewer, r#"{"transition":"grant"}"#);
        step.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        assert_eq!(app.send(step).await.status, StatusCode::NOT_FOUND, "no decision while suspended");
        // Another body's official, the applicant, the public and the operator are unaffected.
        assert_eq!(get(&app, &rescuer, "/work").await.status, StatusCode::OK);
        assert_eq!(get(&app, &person, "/cabinet").await.status, StatusCode::OK);
        assert_eq!(get(&app, &reviewer, "/cabinet").await.status, StatusCode::OK, "their own cabinet stays open");
        let public = app.get("/systems/lic").await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(!public.body.contains("Shortcomings"), "nothing private is shown to the public");
        assert!(!get(&app, &person, "/cabinet").await.body.contains("dayandırılıb"));
        let list = get(&app, &operator, "/admin/participants").await;
        assert!(list.body.contains("data-status=\"suspended\""));

        // Lifted with a reason: the officials work again.
        let bare = post(&app, &operator, "/admin/participants/economy/lift", &[("reason", "")]).await;
        assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
        let lifted = [("reason", "Endpoint monitored stable since 27 November")];
        assert_eq!(post(&app, &operator, "/admin/participants/economy/lift", &lifted).await.status, StatusCode::SEE_OTHER);
        assert_eq!(get(&app, &reviewer, "/work").await.status, StatusCode::OK);
        assert_eq!(get(&app, &reviewer, &case_api).await.status, StatusCode::OK);
        assert_eq!(post(&app, &operator, "/admin/participants/economy/lift", &lifted).await.status, StatusCode::CONFLICT);

        let subjects = inbox_subjects(&app, &reviewer).await;
        for expected in ["Portal operatorundan xəbərdarlıq", "Portaldakı fəaliyyət dayandırılıb", "Dayandırma ləğv edilib"] {
            assert!(subjects.iter().any(|s| s == expected), "{expected}: {subjects:?}");
        }
        assert!(inbox_subjects(&app, &rescuer).await.is_empty());
        assert_eq!(
            audit_actions(&app, "participant.").await,
            ["participant.warned", "participant.suspended", "participant.suspension_lifted"]
        );
    }
}

both_backends! {
    // clause: LIC-9.1.6
    async fn maintenance_is_announced_two_working_days_ahead_and_shown_until_it_ends(db) {
        let (app, _) = world(db).await;
        let system = register(&app, &api_login(&app, "reviewer").await, "LİS").await;
        // A person with an application in progress on the portal is among those it affects.
        let person = api_login(&app, "person").await;
        crate::cases::apply_in_pages(&app, &person).await;
        // Thursday, 26 November: two working days ahead is Monday, 30 November, over the weekend.
        app.clock.advance(3 * DAY);
        let reviewer = api_login(&app, "reviewer").await;
        let rescuer = api_login(&app, "rescuer").await;
        let operator = api_login(&app, "operator").await;
        let announce = |starts: &'static str, ends: &'static str| {
            let system = system.clone();
            let reviewer = &reviewer;
            let app = &app;
            async move {
                let fields = [
                    ("system", system.as_str()),
                    ("kind", "preventive"),
                    ("starts_at", starts),
                    ("ends_at", ends),
                    ("description", "Database upgrade; applications cannot be submitted."),
                ];
                post(app, reviewer, "/work/participant/maintenance", &fields).await
            }
        };
        for too_soon in ["2026-11-27T10:00", "2026-11-29T10:00"] {
            let refused = announce(too_soon, "2026-11-30T18:00").await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{too_soon}");
            assert!(
                refused.body.contains("id=\"maintenance-starts_at-error\">İş ən azı 2 iş günü əvvəl elan edilməlidir: ən tezi 2026-11-30 tarixində başlaya bilər."),
                "{too_soon}: {}",
                refused.body
            );
        }
        let backwards = announce("2026-11-30T10:00", "2026-11-30T09:00").await;
        assert!(backwards.body.contains("id=\"maintenance-ends_at-error\""), "{}", backwards.body);
        assert_eq!(announce("2026-11-30T10:00", "2026-11-30T14:00").await.status, StatusCode::SEE_OTHER);
        // The system is not another body's to announce for.
        let stray = r#"{"system_id":"SYSTEM","kind":"repair","starts_at":"2026-12-01T10:00","ends_at":"2026-12-01T12:00","description":"x"}"#
            .replace("SYSTEM", &system);
        let mut request = with_client(Method::POST, "/api/v1/maintenance", &rescuer, &stray);
        request.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        let problem = app.send(request).await.problem(ProblemKind::Validation);
        assert_eq!(problem["errors"][0]["field"], "system_id");

        // The operator is told; users see the banner on the system's pages and the public list.
        assert!(inbox_subjects(&app, &operator).await.iter().any(|s| s == "Planlaşdırılan iş elan edilib: LİS"));
        let person = api_login(&app, "person").await;
        let affected = "Müraciətinizə baxan sistemdə planlaşdırılan iş: LİS";
        assert!(inbox_subjects(&app, &person).await.iter().any(|s| s == affected), "the applicant is told");
        assert!(!inbox_subjects(&app, &rescuer).await.iter().any(|s| s == affected), "nobody without an application");
        let page = app.get("/systems/lic").await;
        assert!(page.body.contains("class=\"notice outage-banner\""), "{}", page.body);
        assert!(page.body.contains("2026-11-30 10:00 – 2026-11-30 14:00") && page.body.contains("Database upgrade"));
        assert!(page.body.contains("Planlaşdırılıb:"));
        assert!(app.get("/services/lic.sample").await.body.contains("outage-banner"));
        let list = app.get("/maintenance").await;
        assert!(list.body.contains("Database upgrade"));
        let api = app.get("/api/v1/maintenance?system=lic").await.json();
        assert_eq!(api[0]["kind"], "preventive");
        assert_eq!(api[0]["starts_at"], "2026-11-30T06:00:00Z");
        assert_eq!(api[0]["integrated_system"], "LİS");

        // Ongoing on Monday at noon (Thursday 19:20 plus 3 days 16 h 40 min), gone after its end.
        app.clock.advance(3 * DAY + 16 * 3600 + 40 * 60);
        assert!(app.get("/systems/lic").await.body.contains("Davam edir:"));
        app.clock.advance(3 * 3600);
        assert!(!app.get("/systems/lic").await.body.contains("outage-banner"));
        assert!(app.get("/maintenance").await.body.contains("id=\"maintenance-none\""));
        assert_eq!(audit_actions(&app, "participant.maintenance").await, ["participant.maintenance_announced"]);
    }
}

both_backends! {
    // clause: LIC-9.1.6
    async fn the_api_announces_work_and_refuses_a_start_one_working_day_ahead(db) {
        let (app, _) = world(db).await;
        let reviewer = api_login(&app, "reviewer").await;
        let system = register(&app, &reviewer, "LİS").await;
        let body = |starts: &str| {
            format!(
                r#"{{"system_id":"{system}","kind":"repair","starts_at":"{starts}","ends_at":"2026-11-26T12:00:00+04:00","description":"Replacing a disk"}}"#
            )
        };
        let send = |json: String| {
            let mut request = with_client(Method::POST, "/api/v1/maintenance", &reviewer, &json);
            request.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
            app.send(request)
        };
        // Monday: Tuesday is one working day ahead, Wednesday two.
        let refused = send(body("2026-11-24T05:00:00Z")).await.problem(ProblemKind::Validation);
        assert_eq!(refused["errors"][0]["field"], "starts_at");
        assert!(refused["detail"].as_str().unwrap().contains("2026-11-25"), "{refused}");
        let created = send(body("2026-11-25T09:00:00+04:00")).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        assert_eq!(created.json()["starts_at"], "2026-11-25T05:00:00Z");
        assert_eq!(app.get("/api/v1/maintenance").await.json().as_array().unwrap().len(), 1);
        // Not for the public or a person.
        let person = api_login(&app, "person").await;
        let mut request = with_client(Method::POST, "/api/v1/maintenance", &person, &body("2026-11-25T09:00:00Z"));
        request.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        app.send(request).await.problem(ProblemKind::Forbidden);
    }
}

both_backends! {
    // clause: LIC-8.0.6
    async fn the_operator_records_an_incident_shown_until_resolved(db) {
        let (app, _) = world(db).await;
        let operator = api_login(&app, "operator").await;
        let reviewer = api_login(&app, "reviewer").await;
        let bad = post(&app, &operator, "/admin/incidents", &[("portal", "lic"), ("starts_at", "yesterday"), ("description", "Cooling failed in hall B")]).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("id=\"incident-starts_at-error\""), "{}", bad.body);
        // The form comes back with what was typed.
        assert!(bad.body.contains(">Cooling failed in hall B</textarea>"), "{}", bad.body);
        assert!(bad.body.contains("value=\"yesterday\""));
        assert!(bad.body.contains("<option value=\"lic\" selected>"));
        let fields = [("portal", "lic"), ("starts_at", "2026-11-23T18:00"), ("description", "Main data centre failure; backup centre in operation")];
        assert_eq!(post(&app, &reviewer, "/admin/incidents", &fields).await.status, StatusCode::FORBIDDEN);
        assert_eq!(post(&app, &operator, "/admin/incidents", &fields).await.status, StatusCode::SEE_OTHER);
        // Participants' officials are informed; a person is not.
        assert!(inbox_subjects(&app, &reviewer).await.iter().any(|s| s == "Portalda qəza"));
        let person = api_login(&app, "person").await;
        assert!(inbox_subjects(&app, &person).await.is_empty());
        let page = app.get("/systems/lic").await;
        assert!(page.body.contains("Davam edir:") && page.body.contains("backup centre in operation"), "{}", page.body);
        let api = app.get("/api/v1/maintenance").await.json();
        assert_eq!(api[0]["kind"], "incident");
        assert!(api[0]["ends_at"].is_null());
        let id = api[0]["id"].as_str().unwrap().to_owned();
        assert_eq!(post(&app, &operator, &format!("/admin/incidents/{id}/resolve"), &[]).await.status, StatusCode::SEE_OTHER);
        assert!(!app.get("/systems/lic").await.body.contains("outage-banner"));
        assert_eq!(post(&app, &operator, &format!("/admin/incidents/{id}/resolve"), &[]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(audit_actions(&app, "participant.incident").await, ["participant.incident_recorded", "participant.incident_resolved"]);
    }
}
