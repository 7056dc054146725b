//! Persons classified under VEIS-1.10 are invisible to every role not cleared for them: the
//! officials' work queue and case pages, the statistics and their CSV export, the public
//! registry, the operator's lists of members and corrections and the audit journal's search
//! leave them out for a caller without `ehis.cleared` in the body they act for, and show them to
//! one with it.

use axum::http::{Method, StatusCode};
use pencere_core::Timestamp;
use pencere_identity::{NewUser, RoleName, UserKind, create_user, grant_role};
use pencere_store::classified::{self, Marker, Source};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_testkit::both_backends;

use super::auth::{Client, PASSWORD, api_login, with_client};
use super::cases::{apply_in_pages, multipart};
use super::registry::issued;
use super::trust::{case_json, world_on};
use crate::{Reply, TestApp};

const NOW: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);
/// The world's applicant, whose FİN the registry marks classified.
const PERSON_FIN: &str = "6AB3C7D";

/// Adds `cleared` (a reviewer) and `cleared-operator` (the operator), both holding
/// `ehis.cleared` at the ministry they act for, and makes `person` a representative of a company.
async fn add_cleared(app: &TestApp) -> String {
    let mut tx = app.state.db().begin().await.unwrap();
    let economy = organizations::find_by_code(&mut tx, "economy").await.unwrap().unwrap();
    for (login, name, role) in
        [("cleared", "Vüqar Sadıqov", "lic.reviewer"), ("cleared-operator", "Kamran Rzayev", RoleName::PLATFORM_ADMIN)]
    {
        let user = create_user(
            &mut tx,
            &NewUser {
                login,
                kind: UserKind::Official,
                fin: None,
                passport: None,
                email: None,
                phone: None,
                full_name: name,
                password: Some(PASSWORD),
            },
            NOW,
            "test",
        )
        .await
        .unwrap();
        for role in [role, classified::CLEARED_ROLE] {
            grant_role(&mut tx, &user.id, &economy.id, &role.parse().unwrap(), None, NOW).await.unwrap();
        }
    }
    let company = organizations::insert(
        &mut tx,
        &NewOrganization {
            code: "xezer",
            kind: OrganizationKind::Company,
            voen: Some("1400551291"),
            names: ["“Xəzər Tikinti” MMC", "Xazar Tikinti LLC", "ООО «Хазар Тикинти»"],
        },
    )
    .await
    .unwrap();
    let person = pencere_identity::find_user(&mut tx, &person_id(app).await).await.unwrap().unwrap();
    grant_role(&mut tx, &person.id, &company.id, &RoleName::ORG_REPRESENTATIVE.parse().unwrap(), None, NOW)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    company.id
}

/// Applies through the pages as [`apply_in_pages`] does, under another idempotency key.
async fn apply_again(app: &TestApp, person: &Client) -> String {
    let form = format!("csrf={}&action=save&f.address=Bak%C4%B1&f.phone=0501234567", person.csrf);
    let saved = app.send(with_client(Method::POST, "/services/lic.sample/apply", person, &form)).await;
    let draft = saved.header("location").split("draft=").nth(1).unwrap().split('&').next().unwrap().to_owned();
    let upload = multipart(person, &format!("/cabinet/cases/{draft}/documents"), "lease", "lease.pdf", b"%PDF-1.4 x");
    assert_eq!(app.send(upload).await.status, StatusCode::SEE_OTHER);
    let form = format!("csrf={}&draft={draft}&idempotency_key=k-2&f.address=Bak%C4%B1&f.phone=0501234567", person.csrf);
    let submitted = app.send(with_client(Method::POST, "/services/lic.sample/apply", person, &form)).await;
    assert_eq!(submitted.header("location"), format!("/cabinet/cases/{draft}?registered=1"));
    draft
}

async fn person_id(app: &TestApp) -> String {
    pencere_identity::find_user_by_login(app.state.db(), "person").await.unwrap().unwrap().id
}

async fn get(app: &TestApp, client: &Client, uri: &str) -> Reply {
    app.send(with_client(Method::GET, uri, client, "")).await
}

/// The `received` figure of the sample service in the statistics' CSV export.
async fn received(app: &TestApp, operator: &Client) -> i64 {
    let csv = get(app, operator, "/admin/statistics.csv").await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let line = csv.body.lines().find(|line| line.starts_with("lic.sample,")).expect("the sample service's line");
    line.split(',').nth(1).unwrap().parse().unwrap()
}

/// The rows the journal's search found.
fn journal_rows(page: &Reply) -> usize {
    page.body
        .split("<tbody>")
        .nth(1)
        .unwrap_or_default()
        .split("</tbody>")
        .next()
        .unwrap_or_default()
        .matches("<tr>")
        .count()
}

both_backends! {
    // clause: VEIS-1.10
    async fn a_classified_persons_cases_and_records_are_left_out_of_every_list_for_the_uncleared(db) {
        let world = world_on(db).await;
        let app = &world.app;
        add_cleared(app).await;
        let person = api_login(app, "person").await;
        let other = api_login(app, "other").await;
        let reviewer = api_login(app, "reviewer").await;
        // The person holds a licence, has a second application under review and asked for a
        // correction of their data; someone else applied too.
        let (_, licence) = issued(&world, &person, &reviewer).await;
        let pending = apply_again(app, &person).await;
        let theirs = apply_in_pages(app, &other).await;
        let form = format!("csrf={}&field=phone&value=%2B994501234567&explanation=new+number", person.csrf);
        assert_eq!(app.send(with_client(Method::POST, "/cabinet/data/corrections", &person, &form)).await.status, StatusCode::SEE_OTHER);
        let pending_number = case_json(app, &person, &pending).await["number"].as_str().unwrap().to_owned();
        let their_number = case_json(app, &other, &theirs).await["number"].as_str().unwrap().to_owned();
        let operator = api_login(app, "operator").await;
        let before = received(app, &operator).await;

        // The civil registry marks the person classified (as the gateway records it).
        let mut tx = app.state.db().begin().await.unwrap();
        let fin = PERSON_FIN.parse().unwrap();
        let system = Marker { user_id: None, label: "ehis", org_id: None };
        assert!(classified::mark(&mut tx, &fin, Source::Registry, &system, None, NOW).await.unwrap());
        assert!(!classified::mark(&mut tx, &fin, Source::Registry, &system, None, NOW).await.unwrap(), "once");
        tx.commit().await.unwrap();

        let cleared = api_login(app, "cleared").await;
        let cleared_operator = api_login(app, "cleared-operator").await;
        let reviewer = api_login(app, "reviewer").await;

        // The work queue, page and API, and the case's page.
        let queue = get(app, &reviewer, "/work").await;
        assert!(queue.body.contains(&their_number), "others' cases stay");
        assert!(!queue.body.contains(&pending_number), "the classified person's case is not in the queue");
        let api = get(app, &reviewer, "/api/v1/work/cases").await;
        assert!(api.body.contains(&their_number) && !api.body.contains(&pending_number), "{}", api.body);
        assert_eq!(get(app, &reviewer, &format!("/work/cases/{pending}")).await.status, StatusCode::NOT_FOUND);
        let queue = get(app, &cleared, "/work").await;
        assert!(queue.body.contains(&their_number) && queue.body.contains(&pending_number));
        assert!(get(app, &cleared, "/api/v1/work/cases").await.body.contains(&pending_number));
        assert_eq!(get(app, &cleared, &format!("/work/cases/{pending}")).await.status, StatusCode::OK);

        // The statistics and their export count the person's two cases only for the cleared.
        assert_eq!(received(app, &operator).await, before - 2);
        assert_eq!(received(app, &cleared_operator).await, before);

        // The public registry: search, entry, extract.
        let search = "/api/v1/registry?q=R%C9%99%C5%9Fad";
        assert_eq!(app.get(search).await.json().as_array().unwrap().len(), 0, "not to the public");
        assert!(!app.get("/registry?q=R%C9%99%C5%9Fad").await.body.contains(&licence));
        assert_eq!(app.get(&format!("/registry/{licence}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get(&format!("/api/v1/registry/{licence}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get(&format!("/registry/{licence}/extract.pdf")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(app, &reviewer, search).await.json().as_array().unwrap().len(), 0, "nor to an uncleared official");
        assert_eq!(get(app, &cleared, search).await.json()[0]["number"], licence.as_str());
        assert_eq!(get(app, &cleared, &format!("/registry/{licence}")).await.status, StatusCode::OK);
        // Nor in the open data, nor in an uncleared officer's registry report.
        let open = app.get("/open-data/lic-registry/data.json").await;
        assert_eq!(open.status, StatusCode::OK, "{}", open.body);
        assert!(!open.body.contains(&licence), "not in the open data");
        let report = get(app, &reviewer, "/work/reports/lic/entries.csv").await;
        assert_eq!(report.status, StatusCode::OK, "{}", report.body);
        assert!(!report.body.contains(&licence), "not in an uncleared officer's report");
        let cleared_report = get(app, &cleared, "/work/reports/lic/entries.csv").await;
        assert!(cleared_report.body.contains(&licence), "in a cleared officer's report: {}", cleared_report.body);

        // The operator's lists: a company's members, pending corrections, the journal.
        let members = get(app, &operator, "/admin/members?org=xezer").await;
        assert_eq!(members.status, StatusCode::OK);
        assert!(!members.body.contains("Rəşad Məmmədov"), "not among the members");
        assert!(get(app, &cleared_operator, "/admin/members?org=xezer").await.body.contains("Rəşad Məmmədov"));
        let corrections = get(app, &operator, "/admin/corrections").await;
        assert!(!corrections.body.contains("Rəşad Məmmədov"));
        assert!(get(app, &cleared_operator, "/admin/corrections").await.body.contains("Rəşad Məmmədov"));
        let journal = get(app, &operator, "/admin/audit?person=person").await;
        assert_eq!(journal.status, StatusCode::OK);
        assert_eq!(journal_rows(&journal), 0, "the journal names them to no one uncleared");
        assert!(journal_rows(&get(app, &cleared_operator, "/admin/audit?person=person").await) > 0);
        let marks = get(app, &operator, "/admin/audit?action=classified.").await;
        assert_eq!(journal_rows(&marks), 0, "nor says who was classified");
        assert_eq!(journal_rows(&get(app, &cleared_operator, "/admin/audit?action=classified.").await), 1);

        // The person still sees their own cases and journal.
        let mine = get(app, &person, "/cabinet/cases").await;
        assert!(mine.body.contains(&pending_number));
    }
}

both_backends! {
    // clause: VEIS-1.10
    async fn a_cleared_official_records_a_classified_person_by_hand_and_the_lists_follow(db) {
        let world = world_on(db).await;
        let app = &world.app;
        add_cleared(app).await;
        let other = api_login(app, "other").await;
        let theirs = apply_in_pages(app, &other).await;
        let number = case_json(app, &other, &theirs).await["number"].as_str().unwrap().to_owned();
        // `other` has no FİN in this world; give them one to be classified by.
        let mut tx = app.state.db().begin().await.unwrap();
        pencere_store::on_conn!(tx.conn(), |conn, sql| {
            pencere_store::sqlx::query(&sql("UPDATE users SET fin = '7KL4M2N' WHERE login = 'other'")).execute(&mut *conn).await.unwrap();
        });
        tx.commit().await.unwrap();

        let cleared = api_login(app, "cleared").await;
        let reviewer = api_login(app, "reviewer").await;
        assert_eq!(get(app, &reviewer, "/work/classified").await.status, StatusCode::FORBIDDEN, "only the cleared see the list");
        let post = |client: &Client, form: &str| {
            app.send(with_client(Method::POST, "/work/classified", client, &format!("csrf={}&{form}", client.csrf)))
        };
        let refused = post(&cleared, "fin=7KL4M2N&reason=").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("id=\"classified-reason-error\""));
        let marked = post(&cleared, "fin=7kl4m2n&reason=DTX+reserve").await;
        assert_eq!(marked.status, StatusCode::SEE_OTHER, "{}", marked.body);
        assert_eq!(post(&cleared, "fin=7KL4M2N&reason=again").await.header("location"), "/work/classified?done=already");
        let list = get(app, &cleared, "/work/classified").await;
        assert!(list.body.contains("<td>7KL4M2N</td>") && list.body.contains("DTX reserve"), "{}", list.body);

        assert!(!get(app, &reviewer, "/work").await.body.contains(&number), "gone from the uncleared queue");
        assert!(get(app, &cleared, "/work").await.body.contains(&number));
    }
}
