//! Applications about a licence already in the registry, over HTTP: a re-issue with the holder's
//! new data, a duplicate and an annex. Each names the licence, goes to the body that issued it,
//! and is decided by a signed document written into the licence's registry entry and sent to the
//! receiving bodies' feeds.

use axum::http::{Method, StatusCode};

use super::auth::{Client, api_login, with_client};
use super::registry::{issued, sign_pending};
use super::trust::{act, case_json, world};
use crate::{Reply, TestApp};

async fn apply(app: &TestApp, client: &Client, service: &str, fields: &str, key: &str) -> Reply {
    let form = format!("csrf={}&idempotency_key={key}&{fields}", client.csrf);
    app.send(with_client(Method::POST, &format!("/services/{service}/apply"), client, &form)).await
}

fn case_of(reply: &Reply) -> String {
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    reply.header("location").trim_start_matches("/cabinet/cases/").split('?').next().unwrap().to_owned()
}

async fn feed_events(app: &TestApp, client: &Client) -> Vec<serde_json::Value> {
    let reply = app.send(with_client(Method::GET, "/api/v1/registry/feed?after=0", client, "")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json().as_array().unwrap().clone()
}

// clause: LIC-1.2, LIC-6.6
#[tokio::test]
async fn a_reissued_licence_replaces_the_old_one_under_its_number_with_the_holders_new_data() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let (_, number) = issued(&world, &person, &reviewer).await;
    let before = app.get(&format!("/api/v1/registry/{number}")).await.json();
    let old_code = before["history"][0]["act_code"].as_str().unwrap().to_owned();

    // Only the holder's licence in force, in the shape of a number.
    let fields = |licence: &str| {
        format!("f.licence={licence}&f.applicant_name=X%C9%99z%C9%99r+Tikinti+Group&f.activity_address=Nizami+5")
    };
    let other = api_login(app, "other").await;
    let foreign = apply(app, &other, "lic.reissue", &fields(&number), "r-0").await;
    assert_eq!(foreign.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        foreign
            .body
            .contains("Bu nömrə ilə sizə və ya təmsil etdiyiniz təşkilata məxsus qüvvədə olan lisenziya yoxdur.")
    );
    let unknown = apply(app, &person, "lic.reissue", &fields("LIC-ECONOMY-999999"), "r-0").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let malformed = apply(app, &person, "lic.reissue", &fields("my+licence"), "r-0").await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(malformed.body.contains("Lisenziyanın vahid reyestrdəki nömrəsini daxil edin"), "{}", malformed.body);

    let reissue = case_of(&apply(app, &person, "lic.reissue", &fields(&number.to_lowercase()), "r-1").await);
    // It went to the body that issued the licence (the sample service names another).
    let queue = app.send(with_client(Method::GET, "/work", &reviewer, "")).await;
    let registered = case_json(app, &person, &reissue).await["number"].as_str().unwrap().to_owned();
    assert!(queue.body.contains(&registered), "in the issuing body's queue");

    assert_eq!(act(app, &reviewer, &reissue, "reissue").await.status, StatusCode::SEE_OTHER);
    let waiting = app.get(&format!("/api/v1/registry/{number}")).await.json();
    assert_eq!(waiting["holder_name"], "Rəşad Məmmədov", "nothing changes before the signature");
    sign_pending(&world, &reviewer, &reissue).await;

    let case = case_json(app, &person, &reissue).await;
    assert_eq!(case["state"], "reissued");
    let new_code = case["documents"][0]["code"].as_str().unwrap().to_owned();
    let after = app.get(&format!("/api/v1/registry/{number}")).await.json();
    assert_eq!(after["status"], "active");
    assert_eq!(after["holder_name"], "Xəzər Tikinti Group");
    assert_eq!(after["address"], "Nizami 5");
    assert_eq!(after["issued_on"], before["issued_on"], "the licence dates from its first issue");
    let history = after["history"].as_array().unwrap();
    assert_eq!(history.last().unwrap()["kind"], "reissued");
    assert_eq!(history.last().unwrap()["act_code"], new_code.as_str());
    assert_eq!(app.get(&format!("/api/v1/verify/{old_code}")).await.json()["status"], "superseded");
    assert_eq!(app.get(&format!("/api/v1/verify/{new_code}")).await.json()["status"], "valid");
    let found = app.get("/api/v1/registry?q=group").await.json();
    assert_eq!(found[0]["number"], number.as_str(), "the search finds the new name");

    // The tax authority and the activity's supervisory body receive the re-issue.
    for login in ["taxman", "supervisor"] {
        let client = api_login(app, login).await;
        let items = feed_events(app, &client).await;
        let last = &items.last().unwrap()["payload"];
        assert_eq!(last["event"], "reissued", "{login}: {items:?}");
        assert_eq!(last["holder_name"], "Xəzər Tikinti Group");
    }
}

// clause: LIC-1.2
#[tokio::test]
async fn a_duplicate_replaces_the_licence_and_an_annex_stands_beside_it() {
    let world = world().await;
    let app = &world.app;
    let person = api_login(app, "person").await;
    let reviewer = api_login(app, "reviewer").await;
    let (_, number) = issued(&world, &person, &reviewer).await;
    let original = app.get(&format!("/api/v1/registry/{number}")).await.json()["history"][0]["act_code"]
        .as_str()
        .unwrap()
        .to_owned();

    let duplicate = case_of(&apply(app, &person, "lic.duplicate", &format!("f.licence={number}"), "d-1").await);
    assert_eq!(act(app, &reviewer, &duplicate, "duplicate").await.status, StatusCode::SEE_OTHER);
    sign_pending(&world, &reviewer, &duplicate).await;
    let copy = case_json(app, &person, &duplicate).await["documents"][0]["code"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/api/v1/verify/{original}")).await.json()["status"], "superseded");
    assert_eq!(app.get(&format!("/api/v1/verify/{copy}")).await.json()["status"], "valid");

    let annex = case_of(&apply(app, &person, "lic.annex", &format!("f.licence={number}"), "a-1").await);
    assert_eq!(act(app, &reviewer, &annex, "annex").await.status, StatusCode::SEE_OTHER);
    sign_pending(&world, &reviewer, &annex).await;
    let annex_code = case_json(app, &person, &annex).await["documents"][0]["code"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/api/v1/verify/{annex_code}")).await.json()["status"], "valid");
    assert_eq!(
        app.get(&format!("/api/v1/verify/{copy}")).await.json()["status"],
        "valid",
        "the annex replaces nothing"
    );

    let entry = app.get(&format!("/api/v1/registry/{number}")).await.json();
    let kinds: Vec<&str> = entry["history"].as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(kinds, ["issued", "duplicated", "annexed"]);
    let page = app.get(&format!("/registry/{number}")).await;
    assert!(
        page.body.contains("Dublikat verilib") && page.body.contains("Əlavə verilib"),
        "the history reads in words"
    );
}
