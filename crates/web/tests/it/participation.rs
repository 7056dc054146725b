//! Public participation over HTTP: an inquiry sent without registration, registered with a
//! number and a working-day deadline, its receipt and answer e-mailed; a suggestion answered by
//! the operator; a draft of a legal act submitted by a body, published by the operator, discussed
//! by a logged-in user and answered by the body; and the same through the API.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use pencere_identity::{NewUser, RoleName, UserKind, create_user, grant_role};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_testkit::{TestDb, both_backends};
use pencere_web::mail::Mailbox;
use pencere_web::problem::ProblemKind;
use pencere_web::{AppConfig, Services};

use super::auth::{Client, api_login, with_client};
use crate::TestApp;

const T0: pencere_core::Timestamp = pencere_core::Timestamp::from_micros(1_795_447_203_000_000);
/// 15 working days after Monday 23 November 2026 (the test clock's day in Baku).
const DUE: &str = "2026-12-14";

/// An app whose e-mail goes to a mailbox, with the ministry (the sample service's competent body)
/// and the tax authority, and people: `person` (with an e-mail address), `reviewer`
/// (`lic.reviewer` at the ministry), `outsider` (`lic.reviewer` at the tax authority) and
/// `operator` (`platform.admin`).
async fn world(db: TestDb) -> (TestApp, Arc<Mailbox>) {
    let mailbox = Arc::new(Mailbox::default());
    let services = Services { mail: Some(mailbox.clone()), mailbox: Some(mailbox.clone()), ..Services::default() };
    let config = AppConfig { demo: true, public_url: "http://pencere.test".into(), ..AppConfig::default() };
    let app = TestApp::with_trust(db, config, services).await;
    let mut tx = app.state.db().begin().await.unwrap();
    let mut bodies = Vec::new();
    for (code, names) in [
        ("economy", ["İqtisadiyyat Nazirliyi", "Ministry of Economy", "Минэкономики"]),
        ("taxes", ["Dövlət Vergi Xidməti", "State Tax Service", "Налоговая служба"]),
    ] {
        let org = organizations::insert(
            &mut tx,
            &NewOrganization { code, kind: OrganizationKind::Agency, voen: None, names },
        )
        .await
        .unwrap();
        bodies.push(org);
    }
    for (login, name, email, body, role) in [
        ("person", "Rəşad Məmmədov", Some("rashad@example.az"), None, None),
        ("reviewer", "Leyla Hüseynova", None, Some(0), Some("lic.reviewer")),
        ("outsider", "Kamran Qasımov", None, Some(1), Some("lic.reviewer")),
        ("operator", "Orxan Nəbiyev", None, Some(0), Some(RoleName::PLATFORM_ADMIN)),
    ] {
        let kind = if role.is_some() { UserKind::Official } else { UserKind::Person };
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
                password: Some(super::auth::PASSWORD),
            },
            T0,
            "test",
        )
        .await
        .unwrap();
        if let (Some(body), Some(role)) = (body, role) {
            grant_role(&mut tx, &user.id, &bodies[body].id, &role.parse().unwrap(), None, T0).await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    (app, mailbox)
}

fn form(uri: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn json(method: Method, uri: &str, client: Option<&Client>, body: &str) -> Request<Body> {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en");
    if let Some(client) = client {
        request = request.header(header::COOKIE, &client.cookie).header("x-csrf-token", &client.csrf);
    }
    request.body(Body::from(body.to_owned())).unwrap()
}

/// The text of the element with this id.
fn text_of(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no #{id} in {html}"));
    let rest = &html[start..];
    let open = rest.find('>').unwrap() + 1;
    rest[open..].split('<').next().unwrap().trim().to_owned()
}

/// Delivers the outbox and returns the mail sent so far, newest first.
async fn deliver(app: &TestApp, mailbox: &Mailbox) -> Vec<pencere_notify::mail::Mail> {
    app.state.dispatcher().run_once().await.unwrap();
    mailbox.messages()
}

async fn audit_actions(app: &TestApp, prefix: &str) -> Vec<pencere_store::audit::Entry> {
    let mut tx = app.state.db().begin_read().await.unwrap();
    let search =
        pencere_store::audit::Search { action_prefix: Some(prefix.to_owned()), limit: 100, ..Default::default() };
    pencere_store::audit::search(&mut tx, &search).await.unwrap()
}

const INQUIRY: &str = "body=economy&name=Nigar+Quliyeva&email=nigar%40example.az&phone=&subject=Fire+licence&text=Which+documents+are+needed%3F";

/// Sends the inquiry above without logging in; returns the number and the private link.
async fn send_inquiry(app: &TestApp) -> (String, String) {
    let reply = app.send(form("/inquiries/new", INQUIRY)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let number = text_of(&reply.body, "receipt-number");
    (number, text_of(&reply.body, "private-link").replace("&amp;", "&"))
}

both_backends! {
    // clause: LIC-3.8, LIC-7.2, LIC-10.0.3, LIC-10.0.6
    async fn an_anonymous_inquiry_is_registered_with_a_deadline_and_its_receipt_is_e_mailed(db) {
        let (app, mailbox) = world(db).await;
        let page = app.get("/inquiries/new").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<option value=\"economy\">"), "the licensing body is offered: {}", page.body);
        assert!(page.body.contains("15 iş günü"), "the period comes from the catalog: {}", page.body);

        let reply = app.send(form("/inquiries/new", INQUIRY)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(text_of(&reply.body, "receipt-number"), "SRG-2026-000001");
        assert_eq!(text_of(&reply.body, "receipt-due"), DUE);
        let link = text_of(&reply.body, "private-link").replace("&amp;", "&");
        assert!(link.starts_with("/inquiries/SRG-2026-000001?key="), "{link}");
        let (second, _) = send_inquiry(&app).await;
        assert_eq!(second, "SRG-2026-000002", "numbers run on without gaps");

        let mail = deliver(&app, &mailbox).await;
        let receipt = mail.iter().find(|mail| mail.subject.contains("SRG-2026-000001")).expect("the receipt is e-mailed");
        assert_eq!(receipt.to, "nigar@example.az");
        assert!(receipt.text.contains(DUE), "{}", receipt.text);
        assert!(receipt.text.contains(&format!("http://pencere.test{link}")), "{}", receipt.text);

        let followed = app.get(&link).await;
        assert_eq!(followed.status, StatusCode::OK);
        assert!(followed.body.contains("Which documents are needed?"));
        assert_eq!(text_of(&followed.body, "appeal-due"), DUE);
        assert!(followed.body.contains("data-status=\"open\""));

        let journal = audit_actions(&app, "inquiry.submitted").await;
        assert_eq!(journal.len(), 2);
        assert_eq!(journal[0].actor_label, "anonymous");
        assert!(journal.iter().any(|entry| entry.details.contains("SRG-2026-000001") && entry.details.contains(DUE)));
    }

    // clause: LIC-10.0.3
    async fn bad_inquiries_get_field_level_messages(db) {
        let (app, mailbox) = world(db).await;
        let long = "x".repeat(5001);
        let reply = app
            .send(form("/inquiries/new", &format!("body=taxes&name=&email=not-an-address&phone=12&subject=S&text={long}")))
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        for id in ["f-body-error", "f-name-error", "f-email-error", "f-phone-error", "f-text-error"] {
            assert!(reply.body.contains(&format!("id=\"{id}\"")), "{id}: {}", reply.body);
        }
        assert!(!reply.body.contains("id=\"f-subject-error\""));
        assert!(reply.body.contains("value=\"not-an-address\""), "what was typed is kept");
        let missing = app.send(form("/inquiries/new", "body=economy&name=A&email=&subject=S&text=T")).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(missing.body.contains("id=\"f-email-error\""));
        assert!(deliver(&app, &mailbox).await.is_empty(), "nothing registered, nothing sent");
        assert!(audit_actions(&app, "inquiry.").await.is_empty());
    }

    // clause: LIC-7.2, LIC-10.0.3, LIC-10.0.6
    async fn the_bodys_official_answers_and_the_answer_is_at_the_private_link_and_e_mailed(db) {
        let (app, mailbox) = world(db).await;
        let (number, link) = send_inquiry(&app).await;
        let reviewer = api_login(&app, "reviewer").await;
        let queue = app.send(with_client(Method::GET, "/work/inquiries", &reviewer, "")).await;
        assert_eq!(queue.status, StatusCode::OK);
        assert!(queue.body.contains(&format!("data-number=\"{number}\"")), "{}", queue.body);
        assert!(queue.body.contains(DUE), "the deadline is shown to the body");
        assert!(!queue.body.contains("data-overdue"));
        let marker = "action=\"/work/inquiries/";
        let start = queue.body.find(marker).unwrap() + marker.len();
        let id = queue.body[start..].split('/').next().unwrap().to_owned();

        let empty = app
            .send(with_client(Method::POST, &format!("/work/inquiries/{id}/answer"), &reviewer, &format!("csrf={}&answer=", reviewer.csrf)))
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains(&format!("id=\"answer-{id}-error\"")));

        // Past the deadline the queue marks it overdue.
        app.clock.advance(30 * 86_400);
        let reviewer = api_login(&app, "reviewer").await;
        let late = app.send(with_client(Method::GET, "/work/inquiries", &reviewer, "")).await;
        assert!(late.body.contains("data-overdue=\"true\""), "{}", late.body);
        let answer = format!("csrf={}&answer=Form+A+and+the+lease.", reviewer.csrf);
        let answered = app.send(with_client(Method::POST, &format!("/work/inquiries/{id}/answer"), &reviewer, &answer)).await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
        let again = app.send(with_client(Method::POST, &format!("/work/inquiries/{id}/answer"), &reviewer, &answer)).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "answered once");

        let followed = app.get(&link).await;
        assert_eq!(text_of(&followed.body, "appeal-answer"), "Form A and the lease.");
        assert!(followed.body.contains("data-status=\"answered\""));
        let mail = deliver(&app, &mailbox).await;
        let sent = mail.iter().find(|mail| mail.subject.contains("Answer")).expect("the answer is e-mailed");
        assert_eq!(sent.to, "nigar@example.az");
        assert!(sent.text.contains("Form A and the lease."), "{}", sent.text);
        let journal = audit_actions(&app, "inquiry.answered").await;
        assert_eq!(journal.len(), 1);
        assert_eq!(journal[0].actor_label, "reviewer");
    }

    // clause: LIC-10.0.3
    async fn a_wrong_key_is_404_and_another_bodys_official_cannot_see_or_answer(db) {
        let (app, _) = world(db).await;
        let (number, link) = send_inquiry(&app).await;
        for wrong in [
            format!("/inquiries/{number}?key={}", "0".repeat(64)),
            format!("/inquiries/{number}"),
            link.replace("/inquiries/", "/suggestions/"),
            format!("/api/v1/inquiries/{number}?key=abc"),
        ] {
            let reply = app.get(&wrong).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{wrong}");
            assert!(!reply.body.contains("Which documents"), "{wrong} shows nothing of it");
        }
        let outsider = api_login(&app, "outsider").await;
        let queue = app.send(with_client(Method::GET, "/work/inquiries", &outsider, "")).await;
        assert_eq!(queue.status, StatusCode::OK);
        assert!(!queue.body.contains(&number), "another body's queue does not list it");
        let reviewer = api_login(&app, "reviewer").await;
        let theirs = app.send(with_client(Method::GET, "/work/inquiries", &reviewer, "")).await.body;
        let marker = "action=\"/work/inquiries/";
        let start = theirs.find(marker).unwrap() + marker.len();
        let id = theirs[start..].split('/').next().unwrap().to_owned();
        let answer = format!("csrf={}&answer=No.", outsider.csrf);
        let refused = app.send(with_client(Method::POST, &format!("/work/inquiries/{id}/answer"), &outsider, &answer)).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        let followed = app.get(&link).await;
        assert!(followed.body.contains("data-status=\"open\""), "still unanswered");
    }

    // clause: LIC-10.0.5, LIC-7.2
    async fn a_suggestion_goes_to_the_operator_who_answers_it(db) {
        let (app, mailbox) = world(db).await;
        let reply = app
            .send(form("/suggestions/new", "name=Nigar&email=nigar%40example.az&subject=Search&text=Add+a+search+by+address."))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(text_of(&reply.body, "receipt-number"), "TKL-2026-000001");
        let link = text_of(&reply.body, "private-link").replace("&amp;", "&");

        let reviewer = api_login(&app, "reviewer").await;
        let refused = app.send(with_client(Method::GET, "/admin/suggestions", &reviewer, "")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "officials of a body do not answer suggestions");
        let inquiries = app.send(with_client(Method::GET, "/work/inquiries", &reviewer, "")).await;
        assert!(!inquiries.body.contains("TKL-2026-000001"));

        let operator = api_login(&app, "operator").await;
        let queue = app.send(with_client(Method::GET, "/admin/suggestions", &operator, "")).await;
        assert!(queue.body.contains("data-number=\"TKL-2026-000001\""), "{}", queue.body);
        let marker = "action=\"/admin/suggestions/";
        let start = queue.body.find(marker).unwrap() + marker.len();
        let id = queue.body[start..].split('/').next().unwrap().to_owned();
        let answer = format!("csrf={}&answer=Thank+you%2C+planned.", operator.csrf);
        let answered = app.send(with_client(Method::POST, &format!("/admin/suggestions/{id}/answer"), &operator, &answer)).await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
        assert_eq!(text_of(&app.get(&link).await.body, "appeal-answer"), "Thank you, planned.");
        let mail = deliver(&app, &mailbox).await;
        assert!(mail.iter().any(|mail| mail.to == "nigar@example.az" && mail.text.contains("Thank you, planned.")));
        assert_eq!(audit_actions(&app, "suggestion.answered").await.len(), 1);
    }

    // clause: LIC-8.0.13, LIC-9.1.3, LIC-10.0.4
    async fn a_draft_is_submitted_published_discussed_answered_and_closed_after_its_last_day(db) {
        let (app, mailbox) = world(db).await;
        let reviewer = api_login(&app, "reviewer").await;
        let bad = format!("csrf={}&title=&summary=S&full_text=T&sent_for_approval_on=2026-11-30&discussion_until=2026-11-01", reviewer.csrf);
        let refused = app.send(with_client(Method::POST, "/work/drafts", &reviewer, &bad)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        for id in ["f-title-error", "f-sent_for_approval_on-error", "f-discussion_until-error"] {
            assert!(refused.body.contains(&format!("id=\"{id}\"")), "{id}");
        }
        let good = format!(
            "csrf={}&title=On+licensing+fees&summary=Lower+fees.&full_text=Article+1.&sent_for_approval_on=2026-11-20&discussion_until=2026-11-23",
            reviewer.csrf
        );
        let submitted = app.send(with_client(Method::POST, "/work/drafts", &reviewer, &good)).await;
        assert_eq!(submitted.status, StatusCode::SEE_OTHER, "{}", submitted.body);
        assert!(app.get("/api/v1/drafts").await.json().as_array().unwrap().is_empty(), "not public before publication");

        let operator = api_login(&app, "operator").await;
        let pending = app.send(with_client(Method::GET, "/admin/drafts", &operator, "")).await;
        assert!(pending.body.contains("On licensing fees"));
        assert!(pending.body.contains("2026-11-20") && pending.body.contains("data-same-day=\"false\""), "the operator sees it came late");
        let marker = "action=\"/admin/drafts/";
        let start = pending.body.find(marker).unwrap() + marker.len();
        let id = pending.body[start..].split('/').next().unwrap().to_owned();
        let by_body = app.send(with_client(Method::POST, &format!("/admin/drafts/{id}/decide"), &reviewer, &format!("csrf={}&decision=publish", reviewer.csrf))).await;
        assert_eq!(by_body.status, StatusCode::FORBIDDEN);
        let published = app.send(with_client(Method::POST, &format!("/admin/drafts/{id}/decide"), &operator, &format!("csrf={}&decision=publish", operator.csrf))).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);

        let public = app.get(&format!("/drafts/{id}")).await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(public.body.contains("Article 1."));
        assert!(public.body.contains(&format!("/login?next=/drafts/{id}")), "anonymous readers are asked to log in to propose");
        assert!(app.get("/drafts").await.body.contains(&format!("href=\"/drafts/{id}\"")));

        let person = api_login(&app, "person").await;
        let empty = app.send(with_client(Method::POST, &format!("/drafts/{id}/proposals"), &person, &format!("csrf={}&text=", person.csrf))).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains("id=\"proposal-error\""));
        // A proposal over the length limit comes back with what was typed.
        let long = format!("Uzun təklif {}", "a".repeat(pencere_cases::participation::MAX_TEXT));
        let too_long = app.send(with_client(Method::POST, &format!("/drafts/{id}/proposals"), &person, &format!("csrf={}&text={}", person.csrf, long.replace(' ', "+")))).await;
        assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(too_long.body.contains(&format!(">{long}</textarea>")), "the typed proposal is kept");
        let proposed = app.send(with_client(Method::POST, &format!("/drafts/{id}/proposals"), &person, &format!("csrf={}&text=Keep+the+fee+for+small+firms.", person.csrf))).await;
        assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);
        let public = app.get(&format!("/drafts/{id}")).await.body;
        assert!(public.contains("Keep the fee for small firms."));
        assert!(public.contains("Rəşad M.") && !public.contains("Məmmədov") && !public.contains("rashad@example.az"), "only a display name");

        let outsider = api_login(&app, "outsider").await;
        let work = app.send(with_client(Method::GET, "/work/drafts", &reviewer, "")).await.body;
        let marker = "action=\"/work/proposals/";
        let start = work.find(marker).unwrap() + marker.len();
        let proposal = work[start..].split('/').next().unwrap().to_owned();
        let foreign = app.send(with_client(Method::POST, &format!("/work/proposals/{proposal}/answer"), &outsider, &format!("csrf={}&answer=No", outsider.csrf))).await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND, "only the submitting body answers");
        let answered = app.send(with_client(Method::POST, &format!("/work/proposals/{proposal}/answer"), &reviewer, &format!("csrf={}&answer=Accepted+in+article+2.", reviewer.csrf))).await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
        assert!(app.get(&format!("/drafts/{id}")).await.body.contains("Accepted in article 2."), "the answer is public");
        app.state.dispatcher().run_once().await.unwrap();
        let inbox = app.send(with_client(Method::GET, "/api/v1/inbox", &person, "")).await;
        assert!(inbox.body.contains("Accepted in article 2."), "{}", inbox.body);
        assert!(mailbox.messages().iter().any(|mail| mail.to == "rashad@example.az" && mail.text.contains("Accepted in article 2.")));

        // After the last day (23 November) proposals are refused with a clear message.
        app.clock.advance(86_400);
        let person = api_login(&app, "person").await;
        let late = app.send(with_client(Method::POST, &format!("/drafts/{id}/proposals"), &person, &format!("csrf={}&text=Too+late.", person.csrf))).await;
        assert_eq!(late.status, StatusCode::CONFLICT);
        assert!(late.body.contains("id=\"proposal-error\""), "{}", late.body);
        assert!(!app.get(&format!("/drafts/{id}")).await.body.contains("Too late."));
        let api_late = app.send(json(Method::POST, &format!("/api/v1/drafts/{id}/proposals"), Some(&person), "{\"text\":\"Too late.\"}")).await;
        api_late.problem(ProblemKind::Conflict);

        let actions: Vec<String> = audit_actions(&app, "").await.into_iter().map(|entry| entry.action).collect();
        for action in ["legal_draft.submitted", "legal_draft.published", "draft_proposal.submitted", "draft_proposal.answered"] {
            assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
        }
    }

    // clause: LIC-9.1.3
    async fn the_operator_returns_a_draft_with_reasons_and_the_body_is_told(db) {
        let (app, _) = world(db).await;
        let reviewer = api_login(&app, "reviewer").await;
        let draft = format!(
            "csrf={}&title=On+permits&summary=S.&full_text=T.&sent_for_approval_on=2026-11-23&discussion_until=2026-12-10",
            reviewer.csrf
        );
        assert_eq!(app.send(with_client(Method::POST, "/work/drafts", &reviewer, &draft)).await.status, StatusCode::SEE_OTHER);
        let operator = api_login(&app, "operator").await;
        let pending = app.send(with_client(Method::GET, "/admin/drafts", &operator, "")).await.body;
        assert!(pending.contains("data-same-day=\"true\""));
        let marker = "action=\"/admin/drafts/";
        let start = pending.find(marker).unwrap() + marker.len();
        let id = pending[start..].split('/').next().unwrap().to_owned();
        let no_reason = app.send(with_client(Method::POST, &format!("/admin/drafts/{id}/decide"), &operator, &format!("csrf={}&decision=return&reason=", operator.csrf))).await;
        assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY, "a return needs its reasons");
        let returned = app.send(with_client(Method::POST, &format!("/admin/drafts/{id}/decide"), &operator, &format!("csrf={}&decision=return&reason=Not+on+entrepreneurship.", operator.csrf))).await;
        assert_eq!(returned.status, StatusCode::SEE_OTHER);
        assert_eq!(app.get(&format!("/drafts/{id}")).await.status, StatusCode::NOT_FOUND, "a returned draft is not public");
        let work = app.send(with_client(Method::GET, "/work/drafts", &reviewer, "")).await.body;
        assert!(work.contains("data-status=\"returned\"") && work.contains("Not on entrepreneurship."));
        app.state.dispatcher().run_once().await.unwrap();
        let inbox = app.send(with_client(Method::GET, "/api/v1/inbox", &reviewer, "")).await;
        assert!(inbox.body.contains("Not on entrepreneurship."), "{}", inbox.body);
        assert_eq!(audit_actions(&app, "legal_draft.returned").await.len(), 1);

        // A draft whose discussion would already be over is not published.
        let short = format!(
            "csrf={}&title=On+terms&summary=S.&full_text=T.&sent_for_approval_on=2026-11-23&discussion_until=2026-11-23",
            reviewer.csrf
        );
        assert_eq!(app.send(with_client(Method::POST, "/work/drafts", &reviewer, &short)).await.status, StatusCode::SEE_OTHER);
        app.clock.advance(86_400);
        let operator = api_login(&app, "operator").await;
        let pending = app.send(with_client(Method::GET, "/admin/drafts", &operator, "")).await.body;
        let start = pending.find(marker).unwrap() + marker.len();
        let late = pending[start..].split('/').next().unwrap().to_owned();
        let publish = format!("csrf={}&decision=publish", operator.csrf);
        let refused = app.send(with_client(Method::POST, &format!("/admin/drafts/{late}/decide"), &operator, &publish)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.get(&format!("/api/v1/drafts/{late}")).await.status, StatusCode::NOT_FOUND);
    }

    // clause: LIC-10.0.3, LIC-10.0.4, LIC-8.0.13
    async fn the_api_takes_inquiries_and_proposals_and_lists_drafts(db) {
        let (app, _) = world(db).await;
        let body = "{\"body\":\"economy\",\"name\":\"Nigar\",\"email\":\"nigar@example.az\",\"subject\":\"Fees\",\"text\":\"How much?\"}";
        let created = app.send(json(Method::POST, "/api/v1/inquiries", None, body)).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let receipt = created.json();
        assert_eq!(receipt["number"], "SRG-2026-000001");
        assert_eq!(receipt["due_on"], DUE);
        let key = receipt["key"].as_str().unwrap();
        let followed = app.get(&format!("/api/v1/inquiries/SRG-2026-000001?key={key}")).await;
        assert_eq!(followed.status, StatusCode::OK);
        let followed = followed.json();
        assert_eq!((followed["status"].as_str(), followed["body"].as_str()), (Some("open"), Some("economy")));
        assert_eq!(followed["due_on"], DUE);
        app.get("/api/v1/inquiries/SRG-2026-000001?key=wrong").await.problem(ProblemKind::NotFound);

        let invalid = app.send(json(Method::POST, "/api/v1/inquiries", None, "{\"body\":\"nowhere\",\"name\":\"\",\"email\":\"x\",\"subject\":\"S\",\"text\":\"T\"}")).await;
        let problem = invalid.problem(ProblemKind::Validation);
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|error| error["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["name", "email", "body"]);
        app.send(json(Method::POST, "/api/v1/inquiries", None, "{\"name\": 5}")).await.problem(ProblemKind::Validation);

        let reviewer = api_login(&app, "reviewer").await;
        let draft = format!(
            "csrf={}&title=On+fees&summary=S.&full_text=Full.&sent_for_approval_on=2026-11-23&discussion_until=2026-12-10",
            reviewer.csrf
        );
        app.send(with_client(Method::POST, "/work/drafts", &reviewer, &draft)).await;
        let operator = api_login(&app, "operator").await;
        let pending = app.send(with_client(Method::GET, "/admin/drafts", &operator, "")).await.body;
        let marker = "action=\"/admin/drafts/";
        let start = pending.find(marker).unwrap() + marker.len();
        let id = pending[start..].split('/').next().unwrap().to_owned();
        app.get(&format!("/api/v1/drafts/{id}")).await.problem(ProblemKind::NotFound);
        app.send(with_client(Method::POST, &format!("/admin/drafts/{id}/decide"), &operator, &format!("csrf={}&decision=publish", operator.csrf))).await;

        let list = app.get("/api/v1/drafts").await.json();
        assert_eq!(list[0]["id"], id.as_str());
        assert_eq!(list[0]["open"], true);
        assert_eq!(list[0]["body"], "economy");
        app.send(json(Method::POST, &format!("/api/v1/drafts/{id}/proposals"), None, "{\"text\":\"x\"}")).await.problem(ProblemKind::Unauthorized);
        let person = api_login(&app, "person").await;
        app.send(json(Method::POST, &format!("/api/v1/drafts/{id}/proposals"), Some(&person), "{\"text\":\" \"}")).await.problem(ProblemKind::Validation);
        let made = app.send(json(Method::POST, &format!("/api/v1/drafts/{id}/proposals"), Some(&person), "{\"text\":\"Shorter terms.\"}")).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        app.send(json(Method::POST, "/api/v1/drafts/nope/proposals", Some(&person), "{\"text\":\"x\"}")).await.problem(ProblemKind::NotFound);
        let one = app.get(&format!("/api/v1/drafts/{id}")).await.json();
        assert_eq!(one["full_text"], "Full.");
        assert_eq!(one["proposals"][0]["text"], "Shorter terms.");
        assert_eq!(one["proposals"][0]["author"], "Rəşad M.");
        let spec = app.get("/api/openapi.json").await.json();
        for path in ["/api/v1/inquiries", "/api/v1/inquiries/{number}", "/api/v1/drafts", "/api/v1/drafts/{id}", "/api/v1/drafts/{id}/proposals"] {
            assert!(spec["paths"][path].is_object(), "{path} is documented");
        }
    }
}
