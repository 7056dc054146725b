//! Restricted-access information in an application (LIC-8.0.11): shown to the applicant and to
//! the officials cleared for its kind, withheld (with the reason) from every other official, its
//! documents refused to them, and each view that showed it journaled.

use axum::http::{Method, StatusCode};
use pencere_identity::{NewUser, UserKind, create_user, grant_role};
use pencere_store::{on_conn, organizations, sqlx};

use super::auth::{PASSWORD, api_login, app_with_people, with_client};
use super::cases::multipart;
use crate::TestApp;

/// Adds `cleared`, an official holding `lic.head` at the ministry: the sample service clears that
/// role for tax secrets.
async fn add_cleared_official(app: &TestApp) {
    let mut tx = app.state.db().begin().await.unwrap();
    let economy = organizations::find_by_code(&mut tx, "economy").await.unwrap().unwrap();
    let at = pencere_core::Timestamp::from_micros(1_795_447_203_000_000);
    let user = create_user(
        &mut tx,
        &NewUser {
            login: "cleared",
            kind: UserKind::Official,
            fin: None,
            passport: None,
            email: None,
            phone: None,
            full_name: "Vüqar Sadıqov",
            password: Some(PASSWORD),
        },
        at,
        "test",
    )
    .await
    .unwrap();
    grant_role(&mut tx, &user.id, &economy.id, &"lic.head".parse().unwrap(), None, at).await.unwrap();
    tx.commit().await.unwrap();
}

async fn actions_of(app: &TestApp, case: &str, action: &str) -> Vec<String> {
    let mut tx = app.state.db().begin_read().await.unwrap();
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql(
            "SELECT actor_label FROM audit_entries WHERE record_id = $1 AND action = $2 ORDER BY id",
        ))
        .bind(case)
        .bind(action)
        .fetch_all(&mut *conn)
        .await
        .unwrap()
    })
}

// clause: LIC-8.0.11
#[tokio::test]
async fn restricted_information_reaches_only_the_roles_cleared_for_it_and_each_view_is_journaled() {
    let app = app_with_people().await;
    add_cleared_official(&app).await;
    let person = api_login(&app, "person").await;
    let fields = "f.address=Bak%C4%B1&f.phone=0501234567&f.turnover=1250000+AZN";
    let saved = app
        .send(with_client(
            Method::POST,
            "/services/lic.sample/apply",
            &person,
            &format!("csrf={}&action=save&{fields}", person.csrf),
        ))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let id = saved.header("location").split("draft=").nth(1).unwrap().split('&').next().unwrap().to_owned();
    for (slot, content) in [("lease", b"%PDF-1.4 lease".as_slice()), ("tax_statement", b"%PDF-1.4 tax return")] {
        let uploaded =
            app.send(multipart(&person, &format!("/cabinet/cases/{id}/documents"), slot, "f.pdf", content)).await;
        assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);
    }
    let submitted = app
        .send(with_client(
            Method::POST,
            "/services/lic.sample/apply",
            &person,
            &format!("csrf={}&draft={id}&idempotency_key=r-1&{fields}", person.csrf),
        ))
        .await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER, "{}", submitted.body);

    // The applicant sees their own data.
    let own = app.send(with_client(Method::GET, &format!("/cabinet/cases/{id}"), &person, "")).await;
    assert!(own.body.contains("1250000 AZN"), "{}", own.body);

    // A reviewer of the competent body, not cleared: the item is named, its value withheld.
    let reviewer = api_login(&app, "reviewer").await;
    let page = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &reviewer, "")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("1250000"), "the value is withheld: {}", page.body);
    assert!(page.body.contains("İllik dövriyyə"), "the field is named");
    assert!(page.body.contains("Məhdud girişli informasiya (vergi sirri): sizin rolunuza göstərilmir."));
    let withheld = page.body.split("id=\"withheld-documents\"").nth(1).unwrap_or_default();
    assert!(withheld.contains("Vergi bəyannaməsi"), "{}", page.body);
    assert!(!page.body.contains("/documents/tax_statement/1"), "no link to the restricted document");
    let refused =
        app.send(with_client(Method::GET, &format!("/cases/{id}/documents/tax_statement/1"), &reviewer, "")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.body.contains("tax return"));
    let lease = app.send(with_client(Method::GET, &format!("/cases/{id}/documents/lease/1"), &reviewer, "")).await;
    assert_eq!(lease.status, StatusCode::OK, "unrestricted documents stay open to the reviewer");
    assert!(actions_of(&app, &id, "case.restricted_read").await.is_empty(), "nothing restricted was shown");

    // The cleared official sees the value and the document, and the view is journaled.
    let cleared = api_login(&app, "cleared").await;
    let page = app.send(with_client(Method::GET, &format!("/work/cases/{id}"), &cleared, "")).await;
    assert!(page.body.contains("1250000 AZN"), "{}", page.body);
    assert!(page.body.contains(&format!("/cases/{id}/documents/tax_statement/1")));
    let document =
        app.send(with_client(Method::GET, &format!("/cases/{id}/documents/tax_statement/1"), &cleared, "")).await;
    assert_eq!((document.status, document.body.as_str()), (StatusCode::OK, "%PDF-1.4 tax return"));
    assert_eq!(actions_of(&app, &id, "case.restricted_read").await, vec!["cleared".to_owned()]);

    // The applicant's own download is never restricted.
    let mine = app.send(with_client(Method::GET, &format!("/cases/{id}/documents/tax_statement/1"), &person, "")).await;
    assert_eq!(mine.status, StatusCode::OK);
}
