//! Storage tests. Every test runs on both backends (`NAME::sqlite`, `NAME::postgres`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod audit;
mod dump;
mod replica;

use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_store::settings::{self, Environment};
use pencere_store::{Backend, Db, DbConfig, StoreError, migrations, on_conn};
use pencere_testkit::both_backends;

fn agency<'a>(code: &'a str) -> NewOrganization<'a> {
    NewOrganization {
        code,
        kind: OrganizationKind::Agency,
        voen: None,
        names: ["Nazirlik", "Ministry", "Министерство"],
    }
}

both_backends! {
    async fn migrations_apply_once_and_rerun_is_a_no_op(db) {
        let latest = migrations(db.backend()).last().map(|m| m.version).unwrap();
        assert_eq!(db.schema_version().await.unwrap(), latest);
        let again = db.migrate().await.unwrap();
        assert!(again.applied.is_empty(), "nothing left to apply: {again:?}");
        assert_eq!(again.current, latest);
    }

    async fn a_migration_edited_after_it_was_applied_stops_start_up(db) {
        let mut tx = db.begin().await.unwrap();
        on_conn!(tx.conn(), |conn, _sql| {
            pencere_store::sqlx::query("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
                .execute(&mut *conn).await.unwrap();
        });
        tx.commit().await.unwrap();
        let error = db.migrate().await.unwrap_err();
        assert!(matches!(error, StoreError::Migration { version: 1, .. }), "{error}");
        assert!(error.to_string().contains("changed after it was applied"), "{error}");
    }

    async fn a_database_from_a_newer_build_is_refused(db) {
        let mut tx = db.begin().await.unwrap();
        on_conn!(tx.conn(), |conn, _sql| {
            pencere_store::sqlx::query("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')")
                .execute(&mut *conn).await.unwrap();
        });
        tx.commit().await.unwrap();
        let error = db.migrate().await.unwrap_err();
        assert!(error.to_string().contains("newer"), "{error}");
    }

    async fn of_two_concurrent_claims_of_a_setting_exactly_one_wins(db) {
        // Each claim holds its transaction open a moment after claiming, as a seed would.
        let attempt = |value: &'static str| {
            let db = &db;
            async move {
                let mut tx = db.begin().await.unwrap();
                let won = settings::claim(&mut tx, "demo_seeded", value).await.unwrap();
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                tx.commit().await.unwrap();
                won
            }
        };
        let (first, second) = tokio::join!(attempt("a"), attempt("b"));
        assert!(first ^ second, "exactly one claim wins: {first} {second}");
        let mut tx = db.begin_read().await.unwrap();
        let kept = settings::get(&mut tx, "demo_seeded").await.unwrap();
        assert_eq!(kept.as_deref(), Some(if first { "a" } else { "b" }), "the winner's value is kept");
        drop(tx);
        // A later claim finds it taken.
        let mut tx = db.begin().await.unwrap();
        assert!(!settings::claim(&mut tx, "demo_seeded", "c").await.unwrap());
        tx.commit().await.unwrap();
    }

    async fn a_version_mark_advances_once_under_concurrent_starts(db) {
        let attempt = || {
            let db = &db;
            async move {
                let mut tx = db.begin().await.unwrap();
                let moved = settings::advance(&mut tx, "demo_seed_version", "4").await.unwrap();
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                tx.commit().await.unwrap();
                moved
            }
        };
        let (first, second) = tokio::join!(attempt(), attempt());
        assert!(first ^ second, "exactly one start moves the mark: {first} {second}");
        // An older mark moves once to the new version; the same version does not move it.
        let mut tx = db.begin().await.unwrap();
        settings::set(&mut tx, "demo_seed_version", "3").await.unwrap();
        assert!(settings::advance(&mut tx, "demo_seed_version", "4").await.unwrap());
        assert!(!settings::advance(&mut tx, "demo_seed_version", "4").await.unwrap());
        tx.commit().await.unwrap();
    }

    async fn two_servers_starting_together_cannot_mark_a_fresh_database_twice(db) {
        let (demo, production) = tokio::join!(
            settings::claim_environment(&db, Environment::Demo),
            settings::claim_environment(&db, Environment::Production)
        );
        assert!(demo.is_ok() ^ production.is_ok(), "{demo:?} {production:?}");
    }

    async fn settings_round_trip_and_replace(db) {
        let mut tx = db.begin().await.unwrap();
        assert_eq!(settings::get(&mut tx, "k").await.unwrap(), None);
        settings::set(&mut tx, "k", "ə ğ ı İ ö ü ç ş").await.unwrap();
        settings::set(&mut tx, "k", "v2 — İ").await.unwrap();
        tx.commit().await.unwrap();
        let mut tx = db.begin_read().await.unwrap();
        assert_eq!(settings::get(&mut tx, "k").await.unwrap().as_deref(), Some("v2 — İ"));
    }

    async fn the_environment_mark_is_set_once_and_then_enforced(db) {
        assert_eq!(settings::claim_environment(&db, Environment::Demo).await.unwrap(), Environment::Demo);
        assert_eq!(settings::claim_environment(&db, Environment::Demo).await.unwrap(), Environment::Demo);
        let error = settings::claim_environment(&db, Environment::Production).await.unwrap_err();
        assert!(error.to_string().contains("demo environment"), "{error}");
    }

    async fn organizations_are_stored_found_and_unique(db) {
        let mut tx = db.begin().await.unwrap();
        let economy = organizations::insert(&mut tx, &agency("economy")).await.unwrap();
        let company = organizations::insert(&mut tx, &NewOrganization {
            code: "ulduz",
            kind: OrganizationKind::Company,
            voen: Some("1234567891"),
            names: ["“Ulduz” MMC", "Ulduz LLC", "ООО «Улдуз»"],
        }).await.unwrap();
        tx.commit().await.unwrap();

        let mut tx = db.begin_read().await.unwrap();
        let found = organizations::find_by_code(&mut tx, "ulduz").await.unwrap().unwrap();
        assert_eq!(found, company);
        assert_eq!(found.name(pencere_core::Lang::Ru), "ООО «Улдуз»");
        assert_eq!(organizations::list(&mut tx).await.unwrap(), vec![economy, company]);
        assert_eq!(organizations::find_by_code(&mut tx, "nowhere").await.unwrap(), None);
        drop(tx);

        let mut tx = db.begin().await.unwrap();
        let duplicate = organizations::insert(&mut tx, &agency("economy")).await.unwrap_err();
        assert!(matches!(duplicate, StoreError::Conflict(_)), "{duplicate}");
    }

    async fn a_transaction_not_committed_leaves_nothing(db) {
        let mut tx = db.begin().await.unwrap();
        organizations::insert(&mut tx, &agency("rolled-back")).await.unwrap();
        tx.rollback().await.unwrap();
        let mut tx = db.begin().await.unwrap();
        organizations::insert(&mut tx, &agency("dropped")).await.unwrap();
        drop(tx);
        let mut tx = db.begin_read().await.unwrap();
        assert!(organizations::list(&mut tx).await.unwrap().is_empty());
    }

    async fn concurrent_writers_all_commit(db) {
        let writers: Vec<_> = (0..40)
            .map(|n| {
                let db: Db = (*db).clone();
                tokio::spawn(async move {
                    let mut tx = db.begin().await?;
                    let code = format!("org-{n:02}");
                    organizations::insert(&mut tx, &agency(&code)).await?;
                    tx.commit().await
                })
            })
            .collect();
        for writer in writers {
            writer.await.unwrap().unwrap();
        }
        let mut tx = db.begin_read().await.unwrap();
        let codes: Vec<String> = organizations::list(&mut tx).await.unwrap().into_iter().map(|o| o.code).collect();
        let expected: Vec<String> = (0..40).map(|n| format!("org-{n:02}")).collect();
        assert_eq!(codes, expected);
    }

    async fn committed_data_survives_reopening(db) {
        let mut tx = db.begin().await.unwrap();
        organizations::insert(&mut tx, &agency("durable")).await.unwrap();
        tx.commit().await.unwrap();
        db.close().await;

        let reopened = Db::connect(&DbConfig::new(db.target().clone())).await.unwrap();
        let report = reopened.migrate().await.unwrap();
        assert!(report.applied.is_empty());
        let mut tx = reopened.begin_read().await.unwrap();
        assert!(organizations::find_by_code(&mut tx, "durable").await.unwrap().is_some());
    }

    async fn placeholders_bind_by_number_not_by_order_of_appearance(db) {
        let mut tx = db.begin_read().await.unwrap();
        let (second, first): (String, String) = on_conn!(tx.conn(), |conn, sql| {
            pencere_store::sqlx::query_as(&sql("SELECT $2 || '', $1 || ''"))
                .bind("one")
                .bind("two")
                .fetch_one(&mut *conn)
                .await
                .unwrap()
        });
        assert_eq!((second.as_str(), first.as_str()), ("two", "one"));
    }

    async fn readiness_ping_and_pool_stats(db) {
        db.ping().await.unwrap();
        let stats = db.pool_stats();
        assert!(!stats.is_empty());
        assert!(stats.iter().all(|pool| pool.size <= pool.max && pool.idle <= pool.size));
    }
}

#[test]
fn every_migration_exists_for_both_backends_with_the_same_name() {
    let names = |backend| migrations(backend).iter().map(|m| (m.version, m.file)).collect::<Vec<_>>();
    assert_eq!(names(Backend::Sqlite), names(Backend::Postgres));
    for (backend, folder) in [(Backend::Sqlite, "sqlite"), (Backend::Postgres, "postgres")] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(folder);
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let listed: Vec<String> = migrations(backend).iter().map(|m| format!("{}.sql", m.file)).collect();
        for migration in migrations(backend) {
            let prefix = format!("{:04}_", migration.version);
            assert!(migration.file.starts_with(&prefix), "{}", migration.file);
        }
        assert_eq!(files, listed, "every file in {folder}/ is listed in migrate.rs, in order");
    }
}

#[tokio::test]
async fn an_unwritable_data_directory_is_named_in_the_error() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let inside_a_file = file.path().join("data");
    let error = Db::connect(&DbConfig::new(pencere_store::Target::SqliteDir(inside_a_file.clone()))).await.unwrap_err();
    assert!(matches!(error, StoreError::DataDir { .. }), "{error}");
    assert!(error.to_string().contains(&inside_a_file.display().to_string()), "{error}");
}

#[tokio::test]
async fn an_unreachable_server_is_reported_not_waited_for_forever() {
    let config = DbConfig {
        connect_timeout: std::time::Duration::from_secs(2),
        ..DbConfig::new(pencere_store::Target::Postgres("postgres://nobody:pw@127.0.0.1:1/none".into()))
    };
    let error = Db::connect(&config).await.unwrap_err();
    assert!(matches!(error, StoreError::Connect { .. }), "{error}");
    assert!(!error.to_string().contains(":pw@"), "the password leaked: {error}");
}
