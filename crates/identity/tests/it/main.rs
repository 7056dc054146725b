//! Identity through its public API, on both backends: password login, lockout, sessions,
//! organizations acted for, roles granted and revoked, and what the journal records of it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use pencere_core::{Clock, FixedClock, Timestamp};
use pencere_identity::session::{self, SessionPolicy};
use pencere_identity::{
    Credentials, LoginError, LoginPolicy, NewUser, RequestContext, RoleName, UserKind, create_user, grant_role,
    password_login, revoke_role,
};
use pencere_store::Db;
use pencere_store::audit::{self, Search};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_testkit::both_backends;

mod throttle;

const T0: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);
const CONTEXT: RequestContext<'static> = RequestContext { ip: Some("127.0.0.1"), request_id: Some("req-1") };

struct World {
    clock: FixedClock,
    rashad: pencere_identity::User,
    economy: String,
    xezer: String,
}

async fn world(db: &Db) -> World {
    let mut tx = db.begin().await.unwrap();
    let economy = organizations::insert(
        &mut tx,
        &NewOrganization {
            code: "economy",
            kind: OrganizationKind::Agency,
            voen: None,
            names: ["İqtisadiyyat", "Economy", "Экономика"],
        },
    )
    .await
    .unwrap();
    let xezer = organizations::insert(
        &mut tx,
        &NewOrganization {
            code: "xezer",
            kind: OrganizationKind::Company,
            voen: Some("1400551291"),
            names: ["Xəzər", "Xazar", "Хазар"],
        },
    )
    .await
    .unwrap();
    let fin = "5ZX3K7P".parse().unwrap();
    let rashad = create_user(
        &mut tx,
        &NewUser {
            login: "Rashad",
            kind: UserKind::Person,
            fin: Some(&fin),
            passport: None,
            email: Some("rashad@example.az"),
            phone: None,
            full_name: "Rəşad Məmmədov",
            password: Some("düzgün-parol"),
        },
        T0,
        "test",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    World { clock: FixedClock::new(T0), rashad, economy: economy.id, xezer: xezer.id }
}

async fn login(
    db: &Db,
    world: &World,
    login: &str,
    password: &str,
) -> Result<pencere_identity::NewSession, LoginError> {
    login_with(db, world, Credentials { login, password, totp: None }).await
}

async fn login_with(
    db: &Db,
    world: &World,
    credentials: Credentials<'_>,
) -> Result<pencere_identity::NewSession, LoginError> {
    password_login(db, world.clock.now(), &credentials, (&LoginPolicy::default(), &SessionPolicy::default()), &CONTEXT)
        .await
        .map(|(_, session)| session)
}

async fn actions(db: &Db) -> Vec<String> {
    let mut tx = db.begin_read().await.unwrap();
    let mut entries = audit::search(&mut tx, &Search { limit: 100, ..Search::default() }).await.unwrap();
    entries.reverse();
    entries.into_iter().map(|entry| entry.action).collect()
}

both_backends! {
    // clause: KOB-3.6, KOB-7.1.1
    async fn a_password_login_starts_a_session_and_is_journaled(db) {
        let world = world(&db).await;
        let started = login(&db, &world, "  RASHAD ", "düzgün-parol").await.unwrap();
        assert_eq!(started.token.len(), 64);
        let active = session::resolve(&db, &started.token, world.clock.now(), &SessionPolicy::default()).await.unwrap().unwrap();
        assert_eq!(active.user.id, world.rashad.id);
        assert_eq!(active.user.fin.as_ref().map(|fin| fin.as_str()), Some("5ZX3K7P"));
        assert_eq!(active.csrf_token, started.csrf_token);
        assert_eq!(actions(&db).await.last().map(String::as_str), Some("identity.login.success"));
        assert!(session::resolve(&db, &"0".repeat(64), world.clock.now(), &SessionPolicy::default()).await.unwrap().is_none());
    }

    // clause: KOB-7.1.1, MIG-5.2.3
    async fn wrong_password_and_unknown_login_fail_alike_and_are_journaled(db) {
        let world = world(&db).await;
        let wrong = login(&db, &world, "rashad", "yanlış").await.unwrap_err();
        let unknown = login(&db, &world, "nobody", "yanlış").await.unwrap_err();
        assert_eq!(wrong.to_string(), unknown.to_string());
        assert!(matches!(wrong, LoginError::Invalid) && matches!(unknown, LoginError::Invalid));
        let recorded = actions(&db).await;
        assert_eq!(recorded.iter().filter(|a| *a == "identity.login.failure").count(), 2);
    }

    async fn five_failures_lock_a_login_name_whether_or_not_it_exists(db) {
        let world = world(&db).await;
        for name in ["rashad", "ghost"] {
            for _ in 0..5 {
                assert!(matches!(login(&db, &world, name, "yanlış").await, Err(LoginError::Invalid)));
            }
            assert!(matches!(login(&db, &world, name, "yanlış").await, Err(LoginError::Locked { .. })), "{name}");
        }
        // Locked: even the right password is not checked.
        assert!(matches!(login(&db, &world, "rashad", "düzgün-parol").await, Err(LoginError::Locked { .. })));
        world.clock.advance(15 * 60);
        assert!(login(&db, &world, "rashad", "düzgün-parol").await.is_ok(), "the lock ends");
    }

    async fn sessions_end_when_idle_too_long_and_after_the_absolute_limit(db) {
        let world = world(&db).await;
        let policy = SessionPolicy::default();
        let started = login(&db, &world, "rashad", "düzgün-parol").await.unwrap();
        world.clock.advance(policy.idle_seconds - 60);
        assert!(session::resolve(&db, &started.token, world.clock.now(), &policy).await.unwrap().is_some(), "activity keeps it");
        world.clock.advance(policy.idle_seconds - 60);
        assert!(session::resolve(&db, &started.token, world.clock.now(), &policy).await.unwrap().is_some());
        world.clock.advance(policy.idle_seconds);
        assert!(session::resolve(&db, &started.token, world.clock.now(), &policy).await.unwrap().is_none(), "idle timeout");

        let started = login(&db, &world, "rashad", "düzgün-parol").await.unwrap();
        for _ in 0..(policy.absolute_seconds / (policy.idle_seconds / 2)) {
            world.clock.advance(policy.idle_seconds / 2);
            session::resolve(&db, &started.token, world.clock.now(), &policy).await.unwrap();
        }
        assert!(session::resolve(&db, &started.token, world.clock.now(), &policy).await.unwrap().is_none(), "absolute timeout");
    }

    async fn logout_ends_one_session_and_logout_everywhere_ends_all(db) {
        let world = world(&db).await;
        let policy = SessionPolicy::default();
        let phone = login(&db, &world, "rashad", "düzgün-parol").await.unwrap();
        let laptop = login(&db, &world, "rashad", "düzgün-parol").await.unwrap();
        let office = login(&db, &world, "rashad", "düzgün-parol").await.unwrap();
        let now = world.clock.now();
        let active = session::resolve(&db, &phone.token, now, &policy).await.unwrap().unwrap();
        session::logout(&db, &active, now, &CONTEXT).await.unwrap();
        assert!(session::resolve(&db, &phone.token, now, &policy).await.unwrap().is_none());
        let active = session::resolve(&db, &laptop.token, now, &policy).await.unwrap().unwrap();
        assert_eq!(session::logout_everywhere(&db, &active, now, &CONTEXT).await.unwrap(), 2);
        for token in [&laptop.token, &office.token] {
            assert!(session::resolve(&db, token, now, &policy).await.unwrap().is_none());
        }
        let recorded = actions(&db).await;
        assert!(recorded.contains(&"identity.logout".to_owned()) && recorded.contains(&"identity.logout_everywhere".to_owned()));
    }

    async fn a_person_acting_for_several_organizations_switches_between_them(db) {
        let world = world(&db).await;
        let policy = SessionPolicy::default();
        let representative: RoleName = RoleName::ORG_REPRESENTATIVE.parse().unwrap();
        let reviewer: RoleName = "lic.reviewer".parse().unwrap();
        let mut tx = db.begin().await.unwrap();
        grant_role(&mut tx, &world.rashad.id, &world.xezer, &representative, None, T0).await.unwrap();
        let reviewing = grant_role(&mut tx, &world.rashad.id, &world.economy, &reviewer, None, T0).await.unwrap();
        tx.commit().await.unwrap();

        let started = login(&db, &world, "rashad", "düzgün-parol").await.unwrap();
        let now = world.clock.now();
        let active = session::resolve(&db, &started.token, now, &policy).await.unwrap().unwrap();
        assert_eq!(active.acting_org_id, None, "two organizations: the user chooses");
        assert!(!active.has_role("lic.reviewer"));
        session::switch_organization(&db, &active, &world.economy, now, &CONTEXT).await.unwrap();
        let active = session::resolve(&db, &started.token, now, &policy).await.unwrap().unwrap();
        assert!(active.has_role("lic.reviewer"));
        assert!(!active.has_role(RoleName::ORG_REPRESENTATIVE), "roles are scoped to the organization acted for");

        let error = session::switch_organization(&db, &active, "not-mine", now, &CONTEXT).await.unwrap_err();
        assert!(error.to_string().contains("not a member"));

        let mut tx = db.begin().await.unwrap();
        assert!(revoke_role(&mut tx, &reviewing, None, "  ", now).await.is_err(), "a reason is required");
        revoke_role(&mut tx, &reviewing, None, "moved to another department", now).await.unwrap();
        tx.commit().await.unwrap();
        let active = session::resolve(&db, &started.token, now, &policy).await.unwrap().unwrap();
        assert!(!active.has_role("lic.reviewer"), "a revoked role ends at once");
        assert_eq!(active.acting_org_id, None);
        let mut tx = db.begin_read().await.unwrap();
        let revoked = audit::search(&mut tx, &Search { action_prefix: Some("identity.membership.revoke".into()), limit: 5, ..Search::default() }).await.unwrap();
        assert!(revoked[0].details.contains("moved to another department"));
        assert_eq!(revoked[0].subject_id.as_deref(), Some(world.rashad.id.as_str()));
    }
}

async fn active(db: &Db, world: &World, login_name: &str, password: &str) -> pencere_identity::ActiveSession {
    let started = login(db, world, login_name, password).await.unwrap();
    session::resolve(db, &started.token, world.clock.now(), &SessionPolicy::default()).await.unwrap().unwrap()
}

async fn add_user(db: &Db, login: &str, name: &str, roles: &[(&str, &str)]) -> pencere_identity::User {
    let mut tx = db.begin().await.unwrap();
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
            password: Some("düzgün-parol"),
        },
        T0,
        "test",
    )
    .await
    .unwrap();
    for (organization, role) in roles {
        grant_role(&mut tx, &user.id, organization, &role.parse().unwrap(), None, T0).await.unwrap();
    }
    tx.commit().await.unwrap();
    user
}

both_backends! {
    // clause: MIG-7.1.2, KOB-7.1.11, TOB-6.1.11, VEIS-6.1.11
    async fn a_person_asks_for_a_correction_and_an_official_approves_or_rejects_it(db) {
        use pencere_identity::corrections::{self, CorrectionStatus, Decision};
        let world = world(&db).await;
        add_user(&db, "official", "Orxan Nəbiyev", &[(&world.economy, RoleName::PLATFORM_ADMIN)]).await;
        let rashad = active(&db, &world, "rashad", "düzgün-parol").await;
        let now = world.clock.now();

        let problems = corrections::request_correction(&db, &rashad, "email", "not-an-address", "", now, &CONTEXT).await.unwrap().unwrap_err();
        assert_eq!(problems, vec![("value", "correction-error-value"), ("explanation", "correction-error-explanation")]);
        let unchanged = corrections::request_correction(&db, &rashad, "email", "rashad@example.az", "typo", now, &CONTEXT).await.unwrap().unwrap_err();
        assert_eq!(unchanged, vec![("value", "correction-error-unchanged")]);
        let wrong_field = corrections::request_correction(&db, &rashad, "fin", "1234567", "x", now, &CONTEXT).await.unwrap().unwrap_err();
        assert_eq!(wrong_field[0], ("field", "correction-error-field"));

        let email = corrections::request_correction(&db, &rashad, "email", "r.mammadov@example.az", "I changed my address", now, &CONTEXT).await.unwrap().unwrap();
        let name = corrections::request_correction(&db, &rashad, "full_name", "Rəşad Məmmədli", "Name changed", now, &CONTEXT).await.unwrap().unwrap();
        assert_eq!(corrections::pending_corrections(&db, Default::default()).await.unwrap().len(), 2);

        let official = active(&db, &world, "official", "düzgün-parol").await;
        let refused = corrections::decide(&db, &official, &name, Decision::Reject("  "), now, &CONTEXT).await;
        assert!(refused.is_err(), "a rejection needs a reason");
        corrections::decide(&db, &official, &email, Decision::Approve, now, &CONTEXT).await.unwrap();
        corrections::decide(&db, &official, &name, Decision::Reject("No civil-registry record of the change"), now, &CONTEXT).await.unwrap();
        assert!(corrections::decide(&db, &official, &email, Decision::Approve, now, &CONTEXT).await.is_err(), "decided once");

        let mine = corrections::corrections_of(&db, &world.rashad.id).await.unwrap();
        let status = |id: &str| mine.iter().find(|c| c.id == id).map(|c| (c.status, c.decision_reason.clone())).unwrap();
        assert_eq!(status(&email), (CorrectionStatus::Approved, None));
        assert_eq!(status(&name), (CorrectionStatus::Rejected, Some("No civil-registry record of the change".to_owned())));
        let rashad = active(&db, &world, "rashad", "düzgün-parol").await;
        assert_eq!(rashad.user.email.as_deref(), Some("r.mammadov@example.az"), "approval changed the data");
        assert_eq!(rashad.user.full_name, "Rəşad Məmmədov", "rejection left it");
        let recorded = actions(&db).await;
        for action in ["identity.correction.request", "identity.correction.approve", "identity.correction.reject"] {
            assert!(recorded.iter().any(|a| a == action), "{action}");
        }
    }

    // clause: KOB-3.6
    async fn a_one_time_code_becomes_part_of_the_login_once_turned_on(db) {
        use pencere_identity::totp;
        let world = world(&db).await;
        let rashad = active(&db, &world, "rashad", "düzgün-parol").await;
        let secret = totp::new_secret();
        let now = world.clock.now();
        let current = totp::code(&secret, now).unwrap();
        let wrong = if current == "000000" { "111111" } else { "000000" };
        assert!(!totp::enable(&db, &rashad, &secret, wrong, now, &CONTEXT).await.unwrap(), "a wrong code turns nothing on");
        let code = totp::code(&secret, now).unwrap();
        assert!(totp::enable(&db, &rashad, &secret, &code, now, &CONTEXT).await.unwrap());

        assert!(matches!(login(&db, &world, "rashad", "düzgün-parol").await, Err(LoginError::SecondFactorRequired)));
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let credentials = Credentials { login: "rashad", password: "düzgün-parol", totp: Some(wrong) };
        assert!(matches!(login_with(&db, &world, credentials).await, Err(LoginError::Invalid)));
        let credentials = Credentials { login: "rashad", password: "wrong", totp: Some(&code) };
        assert!(matches!(login_with(&db, &world, credentials).await, Err(LoginError::Invalid)));
        let credentials = Credentials { login: "rashad", password: "düzgün-parol", totp: Some(&code) };
        let started = login_with(&db, &world, credentials).await.unwrap();

        let session = session::resolve(&db, &started.token, now, &SessionPolicy::default()).await.unwrap().unwrap();
        assert!(totp::disable(&db, &session, &code, now, &CONTEXT).await.unwrap());
        assert!(login(&db, &world, "rashad", "düzgün-parol").await.is_ok());
    }

    // clause: TOB-5.3, VEIS-5.2, TOB-3.2.4, TOB-7.2.5, VEIS-7.2.5
    async fn a_head_manages_roles_in_their_organization_and_the_operator_anywhere(db) {
        use pencere_identity::{grant_in_own_organization, members_of, revoke_membership};
        let world = world(&db).await;
        add_user(&db, "head", "Elçin Quliyev", &[(&world.economy, RoleName::ORG_HEAD)]).await;
        add_user(&db, "xhead", "Xəzər rəhbəri", &[(&world.xezer, RoleName::ORG_HEAD)]).await;
        add_user(&db, "operator", "Orxan Nəbiyev", &[(&world.economy, RoleName::PLATFORM_ADMIN)]).await;
        let head = active(&db, &world, "head", "düzgün-parol").await;
        let now = world.clock.now();
        let reviewer: RoleName = "lic.reviewer".parse().unwrap();
        grant_in_own_organization(&db, &head, "rashad", &reviewer, now, &CONTEXT).await.unwrap();
        let admin: RoleName = RoleName::PLATFORM_ADMIN.parse().unwrap();
        assert!(grant_in_own_organization(&db, &head, "rashad", &admin, now, &CONTEXT).await.is_err(), "never the operator's role");
        assert!(grant_in_own_organization(&db, &head, "nobody", &reviewer, now, &CONTEXT).await.is_err());

        let members = members_of(&db, &world.economy, Default::default()).await.unwrap();
        let granted = members.iter().find(|m| m.login == "rashad" && m.role == "lic.reviewer").unwrap().membership_id.clone();

        let xhead = active(&db, &world, "xhead", "düzgün-parol").await;
        assert!(revoke_membership(&db, &xhead, &granted, "not mine", now).await.is_err(), "a head of another organization may not");
        assert!(revoke_membership(&db, &head, &granted, " ", now).await.is_err(), "a reason is needed");
        let operator = active(&db, &world, "operator", "düzgün-parol").await;
        revoke_membership(&db, &operator, &granted, "harmed the portal's operation", now).await.unwrap();
        assert!(!members_of(&db, &world.economy, Default::default()).await.unwrap().iter().any(|m| m.membership_id == granted));
    }
}

both_backends! {
    // clause: LIC-3.8
    async fn each_session_records_how_its_user_logged_in(db) {
        use pencere_identity::{LoginMethod, LoginStanding, email_link, sso};
        let world = world(&db).await;
        let now = world.clock.now();
        let policy = SessionPolicy::default();
        let resolve = |token: String| {
            let db = db.clone();
            async move { session::resolve(&db, &token, now, &SessionPolicy::default()).await.unwrap().unwrap() }
        };
        let by_password = active(&db, &world, "rashad", "düzgün-parol").await;
        assert_eq!(by_password.login_method, LoginMethod::Password);

        let fin: pencere_core::Fin = "2HKJ4LM".parse().unwrap();
        let (_, started) = sso::login(&db, now, &fin, "Aygün Əliyeva", &policy, &CONTEXT).await.unwrap();
        let by_sso = resolve(started.token).await;
        assert_eq!(by_sso.login_method, LoginMethod::Sso);

        let mut tx = db.begin().await.unwrap();
        create_user(
            &mut tx,
            &NewUser {
                login: "john.smith",
                kind: UserKind::Foreigner,
                fin: None,
                passport: Some("C01X00T47"),
                email: Some("john.smith@example.com"),
                phone: None,
                full_name: "John Smith",
                password: None,
            },
            T0,
            "test",
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let link = email_link::request(&db, now, "john.smith@example.com", &CONTEXT).await.unwrap().unwrap();
        let (_, started) = email_link::redeem(&db, now, &link.token, &policy, &CONTEXT).await.unwrap();
        let by_link = resolve(started.token).await;
        assert_eq!(by_link.login_method, LoginMethod::EmailLink);

        // A rule for the e-signature: none of these meets it; single sign-on is not the e-signature.
        let esign = [LoginMethod::Esign];
        for session in [&by_password, &by_sso, &by_link] {
            assert_eq!(session.login_standing(&esign), LoginStanding::Unmet, "{:?}", session.login_method);
            assert_eq!(session.login_standing(&[]), LoginStanding::Met, "no rule: any method");
        }
        assert_eq!(by_sso.login_standing(&[LoginMethod::Sso, LoginMethod::Esign]), LoginStanding::Met);
        // The test environment's stand-in is for password sessions only.
        let (mut password_demo, mut sso_demo) = (by_password.clone(), by_sso.clone());
        password_demo.allow_stand_in();
        sso_demo.allow_stand_in();
        assert_eq!(password_demo.login_standing(&esign), LoginStanding::StandIn);
        assert!(password_demo.login_standing(&esign).allows());
        assert_eq!(sso_demo.login_standing(&esign), LoginStanding::Unmet);
    }
}
