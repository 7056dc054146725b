//! What an organization obtained is its own: a person who represented it cites its acts (in a
//! complaint's `act` field) and its licences (in a re-issue's `licence` field) only while acting
//! for it. Once they act for another organization, or their membership is revoked and they act
//! for themselves, the organization's acts and licences are answered as unknown.

use axum::http::{Method, StatusCode};
use pencere_core::Timestamp;
use pencere_identity::{RoleName, grant_role};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_testkit::both_backends;

use super::auth::{Client, api_login, with_client};
use super::cases::apply_in_pages;
use super::registry::{issued, sign_pending};
use super::trust::{case_json, world_on};
use crate::{Reply, TestApp};

const NOW: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);
const UNKNOWN_ACT: &str = "Bu kodla sizə verilmiş imzalanmış akt yoxdur.";
const UNKNOWN_LICENCE: &str =
    "Bu nömrə ilə sizə və ya təmsil etdiyiniz təşkilata məxsus qüvvədə olan lisenziya yoxdur.";

async fn post(app: &TestApp, client: &Client, uri: &str, fields: &str) -> Reply {
    app.send(with_client(Method::POST, uri, client, &format!("csrf={}&{fields}", client.csrf))).await
}

async fn complain(app: &TestApp, client: &Client, code: &str, key: &str) -> Reply {
    let fields = format!("idempotency_key={key}&f.act={code}&f.grounds=The+premises+comply");
    post(app, client, "/services/lic.complaint/apply", &fields).await
}

async fn reissue(app: &TestApp, client: &Client, number: &str, key: &str) -> Reply {
    let fields =
        format!("idempotency_key={key}&f.licence={number}&f.applicant_name=Yeni+ad&f.activity_address=Nizami+5");
    post(app, client, "/services/lic.reissue/apply", &fields).await
}

async fn act_for(app: &TestApp, client: &Client, org_id: &str) {
    let reply = post(app, client, "/cabinet/organization", &format!("organization={org_id}")).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
}

both_backends! {
    async fn a_former_representative_no_longer_cites_the_organizations_acts_or_licences(db) {
        let world = world_on(db).await;
        let app = &world.app;
        // The person represents two companies.
        let person_id = pencere_identity::find_user_by_login(app.state.db(), "person").await.unwrap().unwrap().id;
        let mut tx = app.state.db().begin().await.unwrap();
        let mut companies = Vec::new();
        for (code, name) in [("xazar", "Xəzər MMC"), ("qala", "Qala MMC")] {
            let org = organizations::insert(
                &mut tx,
                &NewOrganization { code, kind: OrganizationKind::Company, voen: None, names: [name, name, name] },
            )
            .await
            .unwrap();
            companies.push(org.id);
        }
        let other_id = pencere_identity::find_user_by_login(app.state.db(), "other").await.unwrap().unwrap().id;
        let representative: RoleName = RoleName::ORG_REPRESENTATIVE.parse().unwrap();
        let mut memberships = Vec::new();
        for org in &companies {
            memberships.push(grant_role(&mut tx, &person_id, org, &representative, None, NOW).await.unwrap());
        }
        grant_role(&mut tx, &other_id, &companies[0], &representative, None, NOW).await.unwrap();
        tx.commit().await.unwrap();
        let (xazar, qala) = (companies[0].clone(), companies[1].clone());

        // Acting for Xəzər, the person obtains a licence for it, and a colleague a refusal: both
        // are Xəzər's, whoever filed them.
        let person = api_login(app, "person").await;
        let reviewer = api_login(app, "reviewer").await;
        act_for(app, &person, &xazar).await;
        let (_, number) = issued(&world, &person, &reviewer).await;
        let colleague = api_login(app, "other").await;
        let refused = apply_in_pages(app, &colleague).await;
        let form = "transition=refuse&reason=No+fire+exit";
        assert_eq!(post(app, &reviewer, &format!("/work/cases/{refused}/act"), form).await.status, StatusCode::SEE_OTHER);
        sign_pending(&world, &reviewer, &refused).await;
        let code = case_json(app, &colleague, &refused).await["documents"][0]["code"].as_str().unwrap().to_owned();

        // Acting for another company, Xəzər's act and licence are not the person's to cite.
        act_for(app, &person, &qala).await;
        let complaint = complain(app, &person, &code, "c-1").await;
        assert_eq!(complaint.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", complaint.body);
        assert!(complaint.body.contains(UNKNOWN_ACT), "{}", complaint.body);
        let changed = reissue(app, &person, &number, "r-1").await;
        assert_eq!(changed.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(changed.body.contains(UNKNOWN_LICENCE), "{}", changed.body);

        // Back acting for Xəzər, they are (the same forms pass the citation check).
        act_for(app, &person, &xazar).await;
        assert_eq!(complain(app, &person, &code, "c-2").await.status, StatusCode::SEE_OTHER);
        assert_eq!(reissue(app, &person, &number, "r-2").await.status, StatusCode::SEE_OTHER);

        // The operator revokes the membership in Xəzər: the same session now acts for nobody,
        // that is for the person themselves, and cites none of Xəzər's acts or licences.
        let operator = api_login(app, "operator").await;
        let revoked = post(app, &operator, "/admin/members/revoke", &format!("membership={}&reason=Left+the+company&back=/admin/members", memberships[0])).await;
        assert_eq!(revoked.status, StatusCode::SEE_OTHER, "{}", revoked.body);
        let me = app.send(with_client(Method::GET, "/api/v1/me", &person, "")).await.json();
        assert!(me["acting_organization"].is_null(), "the session acts for nobody: {me}");
        let complaint = complain(app, &person, &code, "c-3").await;
        assert_eq!(complaint.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", complaint.body);
        assert!(complaint.body.contains(UNKNOWN_ACT));
        assert!(!complaint.body.contains("No fire exit"), "nothing of the act is shown");
        let changed = reissue(app, &person, &number, "r-3").await;
        assert_eq!(changed.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(changed.body.contains(UNKNOWN_LICENCE));
        // Nor may they act for Xəzər again.
        let again = post(app, &person, "/cabinet/organization", &format!("organization={xazar}")).await;
        assert_eq!(again.status, StatusCode::FORBIDDEN);
        // A fresh login changes nothing.
        let fresh = api_login(app, "person").await;
        assert_eq!(complain(app, &fresh, &code, "c-4").await.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reissue(app, &fresh, &number, "r-4").await.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}
