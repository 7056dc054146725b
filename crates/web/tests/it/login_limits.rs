//! Failed password logins from one client address across login names: after the limit, the
//! API answers 429 problem+json and the login form a localized message, alike for existing and
//! unknown login names, and the refusals are journaled.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use pencere_store::audit::{self, Search};
use pencere_testkit::both_backends;
use pencere_web::AppConfig;
use pencere_web::problem::ProblemKind;

use super::auth::{PASSWORD, app_with_people_in};

const ATTACKER: &str = "198.51.100.7:50000";
const NEIGHBOUR: &str = "203.0.113.9:50000";

fn from(address: &str, mut request: Request<Body>) -> Request<Body> {
    let address: SocketAddr = address.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(address));
    request
}

fn api_attempt(address: &str, login: &str, password: &str) -> Request<Body> {
    let body = serde_json::json!({ "login": login, "password": password }).to_string();
    from(
        address,
        Request::post("/api/v1/session")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::from(body))
            .unwrap(),
    )
}

fn form_attempt(address: &str, login: &str, password: &str, lang: &str) -> Request<Body> {
    from(
        address,
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT_LANGUAGE, lang)
            .body(Body::from(format!("login={login}&password={password}")))
            .unwrap(),
    )
}

both_backends! {
    // clause: KOB-7.1.1, MIG-5.2.3
    async fn twenty_failures_from_one_address_get_429_for_every_login_name_until_the_window_ends(db) {
        let app = app_with_people_in(db, AppConfig { demo: true, ..AppConfig::default() }).await;
        for n in 0..20 {
            let reply = app.send(api_attempt(ATTACKER, &format!("guess{n}"), "nope")).await;
            reply.problem(ProblemKind::Unauthorized);
        }

        // The right password of an existing person and an unknown name get the same 429.
        let known = app.send(api_attempt(ATTACKER, "person", PASSWORD)).await;
        let unknown = app.send(api_attempt(ATTACKER, "nobody", "nope")).await;
        let (known_problem, unknown_problem) =
            (known.problem(ProblemKind::TooManyRequests), unknown.problem(ProblemKind::TooManyRequests));
        assert_eq!(known_problem["detail"], unknown_problem["detail"]);
        assert_eq!(
            known_problem["detail"],
            "Too many failed login attempts from your network. Try again in 10 min."
        );
        assert_eq!(known.header("retry-after"), "600");

        // The login form says it in the reader's language.
        for (lang, text) in [
            ("az", "Şəbəkənizdən həddindən çox uğursuz giriş cəhdi olub. 10 dəqiqədən sonra yenidən cəhd edin."),
            ("ru", "Слишком много неудачных попыток входа из вашей сети. Повторите через 10 мин."),
        ] {
            let page = app.send(form_attempt(ATTACKER, "person", PASSWORD, lang)).await;
            assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
            assert!(page.body.contains(text), "{lang}: {}", page.body);
        }

        // Another address logs in.
        let neighbour = app.send(api_attempt(NEIGHBOUR, "person", PASSWORD)).await;
        assert_eq!(neighbour.status, StatusCode::OK, "{}", neighbour.body);

        let mut tx = app.state.db().begin_read().await.unwrap();
        let search = Search {
            action_prefix: Some("identity.login.address_throttled".to_owned()),
            limit: 10,
            ..Search::default()
        };
        let refused = audit::search(&mut tx, &search).await.unwrap();
        assert_eq!(refused.len(), 4);
        assert!(refused.iter().all(|entry| entry.ip.as_deref() == Some("198.51.100.7")));

        // When the window has passed, the address may log in again.
        app.clock.advance(600);
        let again = app.send(api_attempt(ATTACKER, "person", PASSWORD)).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    }
}
