//! The test environment's login as any person of the sandbox registries (and as a sandbox
//! company's representative): the person is read from the civil registry through the EHİS
//! gateway over a real socket, the account and e-cabinet are created on first use, and the route
//! does not exist in production.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pencere_exchange::sandbox::Sandbox;
use pencere_exchange::{Gateway, GatewayConfig};
use pencere_store::{on_conn, sqlx};
use pencere_testkit::{TestDb, both_backends};
use pencere_web::{AppConfig, Services};

use crate::{Reply, TestApp};

const PERSONS: u64 = 40;

async fn serve(sandbox: Sandbox) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(sandbox.serve(listener));
    url
}

/// An app whose gateway goes to `url`, offering `sandbox`'s persons as examples.
async fn app(db: TestDb, url: &str, sandbox: &Sandbox, demo: bool) -> TestApp {
    let clock = Arc::new(pencere_core::FixedClock::new(pencere_core::Timestamp::from_micros(1_795_447_203_000_000)));
    let mut config = GatewayConfig::new(url);
    config.timeout = std::time::Duration::from_millis(300);
    config.attempts = 1;
    let gateway = Gateway::new(config, (*db).clone(), clock).unwrap();
    let services = Services {
        exchange: Some(Arc::new(gateway)),
        registries: Some(Arc::new(sandbox.clone())),
        ..Services::default()
    };
    TestApp::with_trust(db, AppConfig { demo, ..AppConfig::default() }, services).await
}

async fn submit(app: &TestApp, form: &str) -> Reply {
    let request = Request::post("/login/sandbox")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(form.to_owned()))
        .unwrap();
    app.send(request).await
}

async fn page_with(app: &TestApp, uri: &str, cookie: &str) -> Reply {
    app.send(Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await
}

fn cookie(reply: &Reply) -> String {
    reply.header("set-cookie").split(';').next().unwrap().to_owned()
}

async fn count(app: &TestApp, statement: &str, value: &str) -> i64 {
    let mut tx = app.state.db().begin_read().await.unwrap();
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql(statement)).bind(value).fetch_one(&mut *conn).await.unwrap()
    })
}

/// The error text of a field on the re-shown form.
fn field_error<'a>(reply: &'a Reply, id: &str) -> &'a str {
    let marker = format!("id=\"{id}\">");
    reply.body.split(&marker).nth(1).and_then(|rest| rest.split('<').next()).unwrap_or_default()
}

both_backends! {
    async fn any_sandbox_person_logs_in_to_the_demo_and_gets_an_e_cabinet_on_first_use(db) {
        let sandbox = Sandbox::new(7).with_persons(PERSONS);
        let url = serve(sandbox.clone()).await;
        let app = app(db, &url, &sandbox, true).await;
        let (fin, person) = (0..PERSONS)
            .filter_map(|index| sandbox.fin_at(index))
            .find(|fin| !sandbox.classified(fin))
            .map(|fin| (fin.clone(), sandbox.person(&fin).unwrap()))
            .unwrap();

        // The login page offers the form and some persons to try.
        let page = app.get("/login").await;
        assert!(page.body.contains("action=\"/login/sandbox\""), "{}", page.body);
        assert!(page.body.contains("class=\"sandbox-fin\""));

        let reply = submit(&app, &format!("fin={}&next=/cabinet", fin.as_str().to_lowercase())).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        assert_eq!(reply.header("location"), "/cabinet");
        let cabinet = page_with(&app, "/cabinet", &cookie(&reply)).await;
        assert_eq!(cabinet.status, StatusCode::OK);
        assert!(cabinet.body.contains(&format!("<dd id=\"profile-name\">{}</dd>", person.full_name())), "{}", cabinet.body);
        // The read went through the gateway: in the message log, and in the person's data tracker.
        let reads = cabinet.body.split("id=\"registry-reads\"").nth(1).unwrap_or_default();
        assert!(reads.contains("login sandbox"), "the data tracker shows the read");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM exchange_log WHERE subject = $1 AND status = 'ok'", fin.as_str()).await, 1);

        // The second time, the same account.
        let again = submit(&app, &format!("fin={fin}")).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM users WHERE fin = $1", fin.as_str()).await, 1);
        let logins = "SELECT COUNT(*) FROM audit_entries WHERE action = 'identity.login.success' AND details = $1";
        assert_eq!(count(&app, logins, "{\"method\":\"sandbox\"}").await, 2);
    }

    async fn a_sandbox_company_is_logged_in_for_as_its_representative(db) {
        let sandbox = Sandbox::new(7).with_persons(PERSONS);
        let url = serve(sandbox.clone()).await;
        let app = app(db, &url, &sandbox, true).await;
        let fin = (0..PERSONS).filter_map(|index| sandbox.fin_at(index)).find(|fin| !sandbox.classified(fin)).unwrap();
        let company = sandbox.companies_page(0, 1).remove(0);

        // The taxpayer record is a tax secret: the representative's consent comes first.
        let refused = submit(&app, &format!("fin={fin}&voen={}", company.voen)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_error(&refused, "sandbox-consent-error"), "The taxpayer record of a company is read only with its consent: tick the consent.");

        let reply = submit(&app, &format!("fin={fin}&voen={}&consent=yes", company.voen)).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let session = cookie(&reply);
        let me = page_with(&app, "/api/v1/me", &session).await.json();
        let memberships = me["memberships"].as_array().cloned().unwrap_or_default();
        assert!(memberships.iter().any(|m| m["role"] == "org.representative"), "{me}");
        let organizations = "SELECT COUNT(*) FROM organizations WHERE voen = $1 AND kind = 'company'";
        assert_eq!(count(&app, organizations, &company.voen).await, 1);
        let cabinet = page_with(&app, "/cabinet", &session).await;
        assert!(cabinet.body.contains(&company.name), "the organization bears the register's name: {}", cabinet.body);
        // Acting for it from the start.
        let checked = cabinet.body.split("id=\"organizations-heading\"").nth(1).unwrap_or_default();
        assert!(checked.contains(" checked>"), "the session acts for the company");
        // Again: the same organization and membership.
        assert_eq!(submit(&app, &format!("fin={fin}&voen={}&consent=yes", company.voen)).await.status, StatusCode::SEE_OTHER);
        assert_eq!(count(&app, organizations, &company.voen).await, 1);
        let representatives = "SELECT COUNT(*) FROM memberships m JOIN organizations o ON o.id = m.organization_id WHERE o.voen = $1";
        assert_eq!(count(&app, representatives, &company.voen).await, 1);
    }

    async fn an_unknown_fin_or_a_silent_sandbox_is_said_on_the_form(db) {
        let sandbox = Sandbox::new(7).with_persons(PERSONS);
        let url = serve(sandbox.clone()).await;
        let app = app(db, &url, &sandbox, true).await;
        let unknown = sandbox.fin_at(PERSONS + 3).unwrap();
        let reply = submit(&app, &format!("fin={unknown}")).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_error(&reply, "sandbox-fin-error"), "The sandbox civil registry has no person with this FİN.");
        assert!(reply.body.contains(&format!("value=\"{unknown}\"")), "the value is kept");
        let malformed = submit(&app, "fin=12").await;
        assert_eq!(field_error(&malformed, "sandbox-fin-error"), "A FİN has 7 characters: digits and Latin letters (except I and O).");
        let bad_voen = submit(&app, &format!("fin={unknown}&voen=123&consent=yes")).await;
        assert_eq!(field_error(&bad_voen, "sandbox-voen-error"), "A VÖEN has 10 digits with a valid check digit.");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM users WHERE fin = $1", unknown.as_str()).await, 0, "no account");
    }
}

#[tokio::test]
async fn a_sandbox_that_does_not_answer_is_said_plainly() {
    let sandbox = Sandbox::new(7).with_persons(PERSONS);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let app = app(TestDb::sqlite().await, &format!("http://127.0.0.1:{closed}"), &sandbox, true).await;
    let fin = sandbox.fin_at(0).unwrap();
    let reply = submit(&app, &format!("fin={fin}")).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        reply.body.contains("id=\"sandbox-error\">The sandbox registries are not answering right now."),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn production_has_no_sandbox_login() {
    let sandbox = Sandbox::new(7).with_persons(PERSONS);
    let url = serve(sandbox.clone()).await;
    let app = app(TestDb::sqlite().await, &url, &sandbox, false).await;
    let fin = sandbox.fin_at(0).unwrap();
    let reply = submit(&app, &format!("fin={fin}")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.header("set-cookie").is_empty());
    assert!(!app.get("/login").await.body.contains("/login/sandbox"), "nor the form");
    let mut tx = app.state.db().begin_read().await.unwrap();
    let users: i64 = on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&mut *conn).await.unwrap()
    });
    assert_eq!(users, 0);
}
