//! Failed password logins counted per client address, across login names.

use pencere_core::Clock;
use pencere_identity::session::SessionPolicy;
use pencere_identity::{Credentials, LoginError, LoginPolicy, RequestContext, password_login};
use pencere_store::Db;
use pencere_store::audit::{self, Search};
use pencere_testkit::both_backends;

use super::{World, world};

const ATTACKER: &str = "198.51.100.7";
const NEIGHBOUR: &str = "203.0.113.9";

async fn login_from(db: &Db, world: &World, ip: &str, login: &str, password: &str) -> Result<(), LoginError> {
    let context = RequestContext { ip: Some(ip), request_id: Some("req-throttle") };
    password_login(
        db,
        world.clock.now(),
        &Credentials { login, password, totp: None },
        (&LoginPolicy::default(), &SessionPolicy::default()),
        &context,
    )
    .await
    .map(|_| ())
}

both_backends! {
    // clause: KOB-7.1.1, MIG-5.2.3
    async fn twenty_failures_from_one_address_refuse_it_for_the_rest_of_the_window_for_every_name(db) {
        let world = world(&db).await;
        // Twenty names, one wrong password each: no name reaches its own lockout.
        for n in 0..19 {
            let name = format!("guess{n}");
            assert!(matches!(login_from(&db, &world, ATTACKER, &name, "x").await, Err(LoginError::Invalid)), "{name}");
            world.clock.advance(10);
        }
        assert!(matches!(login_from(&db, &world, ATTACKER, "rashad", "x").await, Err(LoginError::Invalid)));

        // Now the address is refused, for an existing name with its right password and for an
        // unknown one alike.
        let known = login_from(&db, &world, ATTACKER, "rashad", "düzgün-parol").await.unwrap_err();
        let unknown = login_from(&db, &world, ATTACKER, "nobody", "x").await.unwrap_err();
        assert!(matches!(known, LoginError::AddressThrottled { .. }), "{known:?}");
        assert_eq!(known.to_string(), unknown.to_string());
        // The window opened at the first failure, ten minutes long.
        let LoginError::AddressThrottled { until } = known else { unreachable!() };
        assert_eq!(until.as_micros(), crate::T0.plus_seconds(600).as_micros());

        // Another address is not affected.
        assert!(login_from(&db, &world, NEIGHBOUR, "rashad", "düzgün-parol").await.is_ok());

        // Each refusal is journaled with the address.
        let mut tx = db.begin_read().await.unwrap();
        let search = Search {
            action_prefix: Some("identity.login.address_throttled".to_owned()),
            limit: 10,
            ..Search::default()
        };
        let refused = audit::search(&mut tx, &search).await.unwrap();
        drop(tx);
        assert_eq!(refused.len(), 2);
        assert!(refused.iter().all(|entry| entry.ip.as_deref() == Some(ATTACKER)));
        assert_eq!(
            refused.iter().map(|entry| entry.actor_label.as_str()).collect::<Vec<_>>(),
            ["nobody", "rashad"]
        );

        // After the window the address may try again.
        world.clock.advance(600 - 190);
        assert!(login_from(&db, &world, ATTACKER, "rashad", "düzgün-parol").await.is_ok());
    }

    async fn failures_spread_over_more_than_the_window_do_not_add_up(db) {
        let world = world(&db).await;
        for round in 0..2 {
            for n in 0..19 {
                let name = format!("guess{round}-{n}");
                assert!(matches!(login_from(&db, &world, ATTACKER, &name, "x").await, Err(LoginError::Invalid)));
            }
            world.clock.advance(601);
        }
        assert!(login_from(&db, &world, ATTACKER, "rashad", "düzgün-parol").await.is_ok());
        // A success does not reset the address's count: it is not the attacker's to clear.
        for n in 0..19 {
            let _ = login_from(&db, &world, ATTACKER, &format!("again{n}"), "x").await;
        }
        assert!(login_from(&db, &world, ATTACKER, "rashad", "düzgün-parol").await.is_ok());
        let _ = login_from(&db, &world, ATTACKER, "again19", "x").await;
        assert!(matches!(
            login_from(&db, &world, ATTACKER, "rashad", "düzgün-parol").await,
            Err(LoginError::AddressThrottled { .. })
        ));
    }
}
