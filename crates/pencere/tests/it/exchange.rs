//! The test environment's sandbox registries behind the EHİS gateway, as the binary runs them:
//! a form is prefilled over a real socket, and with the registries unreachable the applicant is
//! told and can go on.

use pencere_testkit::process::{self, Server};

use super::pencere;

fn prefill(server: &Server) -> serde_json::Value {
    let body = serde_json::json!({ "login": "applicant", "password": "pencere-demo" }).to_string();
    let login = process::http_request(
        "POST",
        &format!("{}/api/v1/session", server.url),
        &[("Content-Type", "application/json")],
        &body,
    );
    assert_eq!(login.status, 200, "{}", login.body);
    let cookie = login.header("set-cookie").unwrap().split(';').next().unwrap().to_owned();
    let reply = process::http_request(
        "GET",
        &format!("{}/api/v1/services/lic.fire-protection/prefill", server.url),
        &[("Cookie", &cookie)],
        "",
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

// clause: LIC-4.2, TOB-5.2
#[test]
fn demo_mode_prefills_from_its_sandbox_registries_and_says_when_they_are_unreachable() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = pencere(dir.path());
    command.args(["serve", "--demo", "--addr", "127.0.0.1:0", "--data"]).arg(dir.path().join("data"));
    let server = Server::start(command);
    let filled = prefill(&server);
    assert_eq!(filled["sources"]["legal_address"], "AZ/GOV/DVX/taxpayers/taxpayers", "{filled}");
    assert!(filled["data"]["legal_address"].as_str().is_some_and(|address| !address.is_empty()), "{filled}");
    assert_eq!(filled["data"]["voen"], "1400551291", "the demo company the applicant acts for");
    assert_eq!(filled["unavailable"], serde_json::json!([]));
    assert!(server.terminate().success());

    // The same demo with EHİS pointed at a port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut command = pencere(dir.path());
    command
        .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--ehis-url", &format!("http://127.0.0.1:{closed}")])
        .arg("--data")
        .arg(dir.path().join("data"));
    let server = Server::start(command);
    let unfilled = prefill(&server);
    assert_eq!(unfilled["unavailable"], serde_json::json!(["tax"]), "{unfilled}");
    assert!(unfilled["data"].get("legal_address").is_none(), "{unfilled}");
    assert!(server.terminate().success());
}
