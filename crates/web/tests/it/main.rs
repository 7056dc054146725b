//! The web application through its router, as a browser or an integrator sees it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod auth;
mod cases;
mod classified;
mod complaints;
mod confirmations;
mod ecabinet;
mod email;
mod esign;
mod exchange;
mod followups;
mod followups_review;
mod former_representatives;
mod licence_changes;
mod login_limits;
mod login_methods;
mod maintenance_notice;
mod monitoring;
mod participants;
mod participation;
mod participation_privacy;
mod publication;
mod registry;
mod registry_notes;
mod reports;
mod restricted;
mod sandbox_login;
mod security_events;
mod sso_cache;
mod sweep;
mod trust;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use pencere_core::Lang;
use pencere_testkit::{TestDb, both_backends};
use pencere_web::problem::ProblemKind;
use pencere_web::{AppConfig, AppState, Portal, Services};
use serde_json::Value;
use tower::ServiceExt as _;

/// One sample system with stand-in texts: the web layer's tests cannot depend on the portal
/// crates, which depend on it (the binary's tests run with the real five).
fn test_portals() -> Vec<Portal> {
    use pencere_web::i18n::FtlSource;
    const SAMPLE: &[FtlSource] = &[
        FtlSource { lang: Lang::Az, name: "az", text: include_str!("sample-az.ftl") },
        FtlSource { lang: Lang::En, name: "en", text: include_str!("sample-en.ftl") },
        FtlSource { lang: Lang::Ru, name: "ru", text: include_str!("sample-ru.ftl") },
    ];
    const CATALOG: &[pencere_web::CatalogSource] = &[
        pencere_web::CatalogSource {
            path: "lic/catalog/workflows/sample.toml",
            text: include_str!("catalog/workflow.toml"),
        },
        pencere_web::CatalogSource {
            path: "lic/catalog/services/sample.toml",
            text: include_str!("catalog/service.toml"),
        },
        pencere_web::CatalogSource {
            path: "lic/catalog/workflows/complaint.toml",
            text: include_str!("catalog/complaint-workflow.toml"),
        },
        pencere_web::CatalogSource {
            path: "lic/catalog/services/complaint.toml",
            text: include_str!("catalog/complaint-service.toml"),
        },
        pencere_web::CatalogSource {
            path: "lic/catalog/workflows/reissue.toml",
            text: include_str!("catalog/reissue-workflow.toml"),
        },
        pencere_web::CatalogSource {
            path: "lic/catalog/services/reissue.toml",
            text: include_str!("catalog/reissue-service.toml"),
        },
        pencere_web::CatalogSource {
            path: "lic/catalog/workflows/duplicate.toml",
            text: include_str!("catalog/duplicate-workflow.toml"),
        },
        pencere_web::CatalogSource {
            path: "lic/catalog/services/duplicate.toml",
            text: include_str!("catalog/duplicate-service.toml"),
        },
        pencere_web::CatalogSource {
            path: "lic/catalog/workflows/annex.toml",
            text: include_str!("catalog/annex-workflow.toml"),
        },
        pencere_web::CatalogSource {
            path: "lic/catalog/services/annex.toml",
            text: include_str!("catalog/annex-service.toml"),
        },
    ];
    const PARTICIPATION: pencere_web::CatalogSource = pencere_web::CatalogSource {
        path: "lic/catalog/participation.toml",
        text: include_str!("catalog/participation.toml"),
    };
    vec![Portal {
        code: "lic",
        clause_prefix: "LIC",
        messages: SAMPLE,
        roles: &["lic.reviewer"],
        catalog: CATALOG,
        participation: Some(PARTICIPATION),
        maintenance: Some(pencere_web::CatalogSource {
            path: "lic/catalog/maintenance.toml",
            text: include_str!("catalog/maintenance.toml"),
        }),
    }]
}

pub(crate) struct TestApp {
    pub(crate) router: Router,
    pub(crate) state: AppState,
    pub(crate) clock: std::sync::Arc<pencere_core::FixedClock>,
    _db: TestDb,
}

impl TestApp {
    pub(crate) async fn new(db: TestDb, config: AppConfig) -> TestApp {
        TestApp::with_trust(db, config, Services::default()).await
    }

    pub(crate) async fn with_trust(db: TestDb, config: AppConfig, trust: Services) -> TestApp {
        TestApp::with_portals(db, config, trust, test_portals()).await
    }

    /// An app serving the given portals instead of the sample one.
    pub(crate) async fn with_portals(db: TestDb, config: AppConfig, trust: Services, portals: Vec<Portal>) -> TestApp {
        let clock = std::sync::Arc::new(pencere_core::FixedClock::new(pencere_core::Timestamp::from_micros(
            1_795_447_203_000_000,
        )));
        let clock_handle = clock.clone();
        let state = AppState::new((*db).clone(), clock, trust, portals, config).unwrap();
        TestApp { router: pencere_web::router(state.clone()), state, clock: clock_handle, _db: db }
    }

    pub(crate) async fn demo() -> TestApp {
        TestApp::new(TestDb::sqlite().await, AppConfig { demo: true, ..AppConfig::default() }).await
    }

    pub(crate) async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024).await.unwrap();
        Reply { status, headers, body: String::from_utf8_lossy(&body).into_owned() }
    }

    /// Sends a request and returns the status and the raw body (for binary downloads).
    pub(crate) async fn send_bytes(&self, request: Request<Body>) -> (StatusCode, Vec<u8>) {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024).await.unwrap();
        (status, body.to_vec())
    }

    pub(crate) async fn get(&self, uri: &str) -> Reply {
        self.send(Request::get(uri).body(Body::empty()).unwrap()).await
    }

    pub(crate) async fn get_with(&self, uri: &str, name: header::HeaderName, value: &str) -> Reply {
        self.send(Request::get(uri).header(name, value).body(Body::empty()).unwrap()).await
    }
}

pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: axum::http::HeaderMap,
    pub(crate) body: String,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or_default()
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.body))
    }

    /// Asserts a problem+json document of `kind` and returns it.
    pub(crate) fn problem(&self, kind: ProblemKind) -> Value {
        assert_eq!(self.status, kind.status(), "{}", self.body);
        assert_eq!(self.header("content-type"), "application/problem+json");
        let problem = self.json();
        assert_eq!(problem["type"], kind.type_uri());
        assert_eq!(problem["status"], kind.status().as_u16());
        assert!(problem["title"].as_str().is_some_and(|title| !title.is_empty()));
        assert!(problem["request_id"].as_str().is_some_and(|id| !id.is_empty()), "{problem}");
        problem
    }
}

// clause: MIG-4.2
#[tokio::test]
async fn pages_speak_azerbaijani_by_default_and_follow_accept_language_then_the_cookie() {
    let app = TestApp::demo().await;
    let default = app.get("/").await;
    assert_eq!(default.status, StatusCode::OK);
    assert!(default.body.contains("<html lang=\"az\">"));
    assert!(default.body.contains("Dövlətin elektron xidmətlərinə bir pəncərə"));

    let english = app.get_with("/", header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9").await;
    assert!(english.body.contains("<html lang=\"en\">"));
    assert!(english.body.contains("One window to the state&#39;s e-services"), "{}", english.body);

    let russian_cookie = app
        .send(
            Request::get("/")
                .header(header::ACCEPT_LANGUAGE, "en")
                .header(header::COOKIE, "lang=ru")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(russian_cookie.body.contains("<html lang=\"ru\">"));
    assert!(russian_cookie.body.contains("Одно окно к электронным услугам государства"));
}

// clause: MIG-4.2
#[tokio::test]
async fn the_language_switcher_remembers_the_choice_and_returns_to_the_page() {
    let app = TestApp::demo().await;
    let page = app.get("/systems/lic").await;
    assert!(page.body.contains("href=\"/lang/en?next=/systems/lic\""), "{}", page.body);

    let switched = app.get("/lang/en?next=/systems/lic").await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.header("location"), "/systems/lic");
    let cookie = switched.header("set-cookie");
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax") && cookie.contains("Max-Age="),
        "{cookie}"
    );

    for hostile in ["//evil.example/", "https://evil.example/", "/%5Cevil.example"] {
        let reply = app.get(&format!("/lang/ru?next={hostile}")).await;
        assert_eq!(reply.header("location"), "/", "{hostile} must not leave the site");
    }
    assert_eq!(app.get("/lang/tr").await.status, StatusCode::NOT_FOUND);
}

// clause: MIG-3.5, TOB-2.8, VEIS-2.8
#[tokio::test]
async fn the_test_environment_is_marked_on_every_page_and_production_is_not() {
    let demo = TestApp::demo().await;
    for path in ["/", "/systems/lic", "/problems/not-found", "/no-such-page"] {
        let reply = demo.get(path).await;
        assert!(reply.body.contains("class=\"test-banner\""), "{path} lacks the banner");
        assert!(reply.body.contains("TEST MÜHİTİ"), "{path}");
    }
    let production = TestApp::new(TestDb::sqlite().await, AppConfig::default()).await;
    assert!(!production.get("/").await.body.contains("test-banner"));
}

#[tokio::test]
async fn pages_have_landmarks_a_skip_link_and_a_labelled_language_switcher() {
    let app = TestApp::demo().await;
    let body = app.get("/").await.body;
    for needle in [
        "<a class=\"skip-link\" href=\"#main\">",
        "<header class=\"site-header\">",
        "<main id=\"main\"",
        "<footer class=\"site-footer\">",
        "<nav class=\"languages\" aria-label=\"Dil\">",
        "aria-current=\"true\">Azərbaycanca</a>",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
    ] {
        assert!(body.contains(needle), "missing {needle}");
    }
    assert!(!body.contains("<script"), "pages work without JavaScript");
    assert!(!body.contains("style=\""), "no inline styles (CSP forbids them)");
}

#[tokio::test]
async fn a_system_page_explains_the_system_and_an_unknown_one_is_a_localized_404() {
    let app = TestApp::demo().await;
    let page = app.get_with("/systems/lic", header::ACCEPT_LANGUAGE, "en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1 id=\"system-heading\">Sample portal</h1>"));
    assert!(page.body.contains("<li>Offer six</li>"));

    let missing = app.get_with("/systems/zzz", header::ACCEPT_LANGUAGE, "ru").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.header("content-type").starts_with("text/html"));
    assert!(missing.body.contains("Страница не найдена"));
    assert!(missing.body.contains("Системы с кодом «zzz» нет."));
}

#[tokio::test]
async fn the_systems_api_lists_and_describes_in_the_requested_language() {
    let app = TestApp::demo().await;
    let list = app.get("/api/v1/systems?lang=en").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.header("content-language"), "en");
    let systems = list.json();
    assert_eq!(systems[0]["code"], "lic");
    assert_eq!(systems[0]["name"], "Sample portal");
    assert_eq!(systems[0]["page"], "/systems/lic");

    let detail = app.get_with("/api/v1/systems/lic", header::ACCEPT_LANGUAGE, "ru").await.json();
    assert_eq!(detail["name"], "Образцовый портал");
    assert_eq!(detail["offers"].as_array().unwrap().len(), 6);

    let unsupported = app.get("/api/v1/systems?lang=tr").await.problem(ProblemKind::BadRequest);
    assert!(unsupported["detail"].as_str().unwrap().contains("tr"));
}

#[tokio::test]
async fn api_errors_are_problem_documents_with_stable_types() {
    let app = TestApp::demo().await;
    let missing =
        app.get_with("/api/v1/systems/zzz", header::ACCEPT_LANGUAGE, "en").await.problem(ProblemKind::NotFound);
    assert_eq!(missing["title"], "Page not found");
    assert_eq!(missing["detail"], "There is no system with the code “zzz”.");
    assert_eq!(missing["instance"], "/api/v1/systems/zzz");

    app.get("/api/v1/no/such/endpoint").await.problem(ProblemKind::NotFound);

    let wrong_method = app.send(Request::delete("/api/v1/systems").body(Body::empty()).unwrap()).await;
    wrong_method.problem(ProblemKind::MethodNotAllowed);
    assert!(wrong_method.header("allow").contains("GET"), "the Allow header survives rendering");

    // The documentation behind each type exists, in every language.
    for kind in ProblemKind::ALL {
        let page = app.get(&kind.type_uri()).await;
        assert_eq!(page.status, StatusCode::OK, "{}", kind.slug());
        for lang in Lang::ALL {
            let tr = app.state.i18n().tr(lang);
            assert!(tr.has(&kind.title_id()) && tr.has(&kind.explanation_id()), "{} in {lang}", kind.slug());
        }
    }
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_they_reach_a_handler() {
    let app = TestApp::new(TestDb::sqlite().await, AppConfig { body_limit_bytes: 1024, ..AppConfig::default() }).await;
    let big = "x".repeat(4096);
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/systems")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, big.len())
        .body(Body::from(big))
        .unwrap();
    app.send(request).await.problem(ProblemKind::PayloadTooLarge);
}

#[tokio::test]
async fn the_openapi_document_is_3_1_and_lists_the_api() {
    let app = TestApp::demo().await;
    let spec = app.get("/api/openapi.json").await.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(spec["paths"]["/api/v1/systems"]["get"].is_object());
    assert!(spec["paths"]["/api/v1/systems/{code}"]["get"]["responses"]["404"].is_object());
    assert!(spec["components"]["schemas"]["Problem"].is_object());
}

/// The answers of the pipeline and the access guard are documented on every operation they can
/// come from (what schemathesis' status code check in `scripts/fuzz-api` holds the API to).
#[tokio::test]
async fn the_openapi_document_declares_the_answers_of_the_pipeline_and_the_guard() {
    let app = TestApp::demo().await;
    let spec = app.get("/api/openapi.json").await.json();
    let responses = |path: &str, method: &str| {
        let responses = spec["paths"][path][method]["responses"].as_object().unwrap();
        responses.keys().cloned().collect::<Vec<_>>()
    };
    let inbox = responses("/api/v1/inbox", "get");
    assert!(inbox.contains(&"401".into()) && inbox.contains(&"403".into()), "{inbox:?}");
    let systems = responses("/api/v1/systems", "get");
    assert!(!systems.contains(&"401".into()) && !systems.contains(&"403".into()), "{systems:?}");
    let login = responses("/api/v1/session", "post");
    for status in ["400", "403", "413", "415", "422"] {
        assert!(login.contains(&status.into()), "POST /api/v1/session lacks {status}: {login:?}");
    }
    let handlers_own = &spec["paths"]["/api/v1/session"]["post"]["responses"]["401"]["description"];
    assert_eq!(handlers_own, "Wrong login name or password", "what a handler declares stays");
    let upload = &spec["paths"]["/api/v1/cases/{id}/documents/{slot}"]["put"];
    let schema = &upload["requestBody"]["content"]["application/octet-stream"]["schema"];
    assert_eq!((schema["type"].as_str(), schema["format"].as_str()), (Some("string"), Some("binary")));
    assert!(!upload["responses"].as_object().unwrap().contains_key("415"), "a raw body has no media type check");
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_a_request_id() {
    let app = TestApp::demo().await;
    for path in ["/", "/api/v1/systems", "/api/v1/zzz", "/no-such-page", "/static/app.css", "/healthz", "/metrics"] {
        let reply = app.get(path).await;
        let csp = reply.header("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(reply.header("referrer-policy"), "strict-origin-when-cross-origin", "{path}");
        assert!(!reply.header("x-request-id").is_empty(), "{path}");
    }
    let traced = app.get_with("/healthz", header::HeaderName::from_static("x-request-id"), "trace-me-123").await;
    assert_eq!(traced.header("x-request-id"), "trace-me-123", "an incoming request id is kept");
}

#[tokio::test]
async fn metrics_count_requests_by_route_template_and_show_the_pools() {
    let app = TestApp::demo().await;
    app.get("/systems/lic").await;
    app.get("/systems/zzz").await;
    app.get("/definitely/unknown").await;
    let metrics = app.get("/metrics").await;
    assert_eq!(metrics.status, StatusCode::OK);
    assert!(metrics.header("content-type").starts_with("text/plain; version=0.0.4"));
    let text = metrics.body;
    assert!(
        text.contains("pencere_http_requests_total{method=\"GET\",route=\"/systems/{code}\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("pencere_http_requests_total{method=\"GET\",route=\"/systems/{code}\",status=\"404\"} 1"),
        "{text}"
    );
    assert!(text.contains("route=\"unmatched\",status=\"404\"} 1"), "{text}");
    assert!(text.contains(
        "pencere_http_request_duration_seconds_bucket{method=\"GET\",route=\"/systems/{code}\",le=\"+Inf\"} 2"
    ));
    assert!(text.contains("pencere_db_pool_connections{pool=\"write\",state=\"idle\"}"));
    assert!(text.contains("pencere_db_pool_max_connections{pool=\"read\"}"));
}

both_backends! {
    async fn health_and_readiness_follow_the_database(db) {
        let app = TestApp::new(db, AppConfig::default()).await;
        assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
        assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
        app.state.db().close().await;
        let not_ready = app.get("/readyz").await;
        assert_eq!(not_ready.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(app.get("/healthz").await.status, StatusCode::OK, "liveness does not depend on the database");
    }
}

#[tokio::test]
async fn static_files_are_cacheable_and_typed() {
    let app = TestApp::demo().await;
    let css = app.get("/static/app.css").await;
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    assert!(css.header("cache-control").contains("immutable"));
    let home = app.get("/").await.body;
    assert!(home.contains("href=\"/static/app.css?v="), "the stylesheet link carries a content hash");
}
