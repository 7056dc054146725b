//! The audit journal: appended with the change it records, sealed into a hash chain, verified,
//! and refusing every change.

use pencere_core::Timestamp;
use pencere_store::audit::{self, NewEntry, Search};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_store::{Backend, Db, on_conn, sqlx};
use pencere_testkit::both_backends;

const T0: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);

fn entry<'a>(action: &'a str, subject: Option<&'a str>) -> NewEntry<'a> {
    NewEntry {
        at: T0,
        actor_id: Some("user-1"),
        actor_label: "rashad",
        acting_org_id: None,
        action,
        record: Some(("organization", "org-1")),
        subject_id: subject,
        ip: Some("127.0.0.1"),
        request_id: Some("req-1"),
        details: "{\"why\":\"test\"}",
    }
}

async fn append_committed(db: &Db, n: usize) {
    for i in 0..n {
        let mut tx = db.begin().await.unwrap();
        let action = format!("test.action.{i}");
        audit::append(&mut tx, &entry(&action, Some("person-7"))).await.unwrap();
        tx.commit().await.unwrap();
    }
}

/// Runs a statement with the journal's append-only triggers switched off, as someone with
/// direct access to the database files or superuser rights could.
async fn tamper(db: &Db, statement: &str) {
    let mut tx = db.begin().await.unwrap();
    on_conn!(tx.conn(), |conn, _sql| {
        match db.backend() {
            Backend::Sqlite => {
                for trigger in [
                    "audit_entries_no_update",
                    "audit_entries_no_delete",
                    "audit_chain_no_update",
                    "audit_chain_no_delete",
                ] {
                    sqlx::raw_sql(&format!("DROP TRIGGER IF EXISTS {trigger}")).execute(&mut *conn).await.unwrap();
                }
            }
            Backend::Postgres => {
                sqlx::raw_sql(
                    "ALTER TABLE audit_entries DISABLE TRIGGER USER; ALTER TABLE audit_chain DISABLE TRIGGER USER",
                )
                .execute(&mut *conn)
                .await
                .unwrap();
            }
        }
        sqlx::raw_sql(statement).execute(&mut *conn).await.unwrap();
    });
    tx.commit().await.unwrap();
}

both_backends! {
    // clause: KOB-7.1.1, MIG-5.2.3
    async fn an_intact_journal_verifies_after_sealing(db) {
        append_committed(&db, 25).await;
        let before = audit::verify(&db).await.unwrap().unwrap();
        assert_eq!((before.entries, before.pending), (0, 25), "committed entries wait, visibly, to be sealed");
        assert_eq!(before.oldest_pending, Some(T0));
        assert_eq!(audit::seal_all(&db, T0).await.unwrap(), 25);
        let after = audit::verify(&db).await.unwrap().unwrap();
        assert_eq!((after.entries, after.pending), (25, 0));
        assert_ne!(after.head, audit::GENESIS);
        append_committed(&db, 3).await;
        audit::seal_all(&db, T0).await.unwrap();
        let more = audit::verify(&db).await.unwrap().unwrap();
        assert_eq!(more.entries, 28);
    }

    async fn an_entry_rolled_back_with_its_change_leaves_no_trace(db) {
        let mut tx = db.begin().await.unwrap();
        organizations::insert(&mut tx, &NewOrganization {
            code: "gone", kind: OrganizationKind::Agency, voen: None, names: ["a", "b", "c"],
        }).await.unwrap();
        audit::append(&mut tx, &entry("organization.create", None)).await.unwrap();
        tx.rollback().await.unwrap();
        let verified = audit::verify(&db).await.unwrap().unwrap();
        assert_eq!((verified.entries, verified.pending), (0, 0));
    }

    // clause: KOB-6.1.9, KOB-7.1.1, MIG-5.2.3
    async fn changing_any_field_of_an_entry_breaks_the_chain_at_that_entry(db) {
        append_committed(&db, 5).await;
        audit::seal_all(&db, T0).await.unwrap();
        let third = {
            let mut tx = db.begin_read().await.unwrap();
            let found = audit::search(&mut tx, &Search { action_prefix: Some("test.action.2".into()), limit: 1, ..Search::default() })
                .await
                .unwrap();
            found[0].clone()
        };
        assert_eq!(third.seq, Some(3));
        tamper(&db, &format!("UPDATE audit_entries SET details = '{{\"why\":\"tesT\"}}' WHERE id = {}", third.id)).await;
        let broken = audit::verify(&db).await.unwrap().unwrap_err();
        assert_eq!((broken.seq, broken.entry_id), (3, Some(third.id)));
        assert!(broken.reason.contains("content"), "{}", broken.reason);
    }

    async fn a_forged_link_is_found(db) {
        append_committed(&db, 4).await;
        audit::seal_all(&db, T0).await.unwrap();
        tamper(&db, "UPDATE audit_chain SET hash = 'forged' WHERE seq = 2").await;
        let broken = audit::verify(&db).await.unwrap().unwrap_err();
        assert_eq!(broken.seq, 2);
    }

    async fn an_entry_cut_out_of_the_chain_is_found(db) {
        append_committed(&db, 4).await;
        audit::seal_all(&db, T0).await.unwrap();
        tamper(&db, "DELETE FROM audit_chain WHERE seq = 4").await;
        let broken = audit::verify(&db).await.unwrap().unwrap_err();
        assert!(broken.reason.contains("neither sealed nor pending"), "{}", broken.reason);
    }

    async fn the_journal_refuses_updates_and_deletes(db) {
        append_committed(&db, 2).await;
        audit::seal_all(&db, T0).await.unwrap();
        for statement in [
            "UPDATE audit_entries SET action = 'x'",
            "DELETE FROM audit_entries",
            "UPDATE audit_chain SET hash = 'x'",
            "DELETE FROM audit_chain",
        ] {
            let mut tx = db.begin().await.unwrap();
            let result = on_conn!(tx.conn(), |conn, _sql| sqlx::raw_sql(statement).execute(&mut *conn).await.map(|_| ()));
            let error = result.expect_err(statement).to_string();
            assert!(error.contains("append-only"), "{statement}: {error}");
        }
        assert_eq!(audit::verify(&db).await.unwrap().unwrap().entries, 2);
    }

    async fn concurrent_appends_are_all_sealed_exactly_once(db) {
        let writers: Vec<_> = (0..30)
            .map(|n| {
                let db: Db = (*db).clone();
                tokio::spawn(async move {
                    let mut tx = db.begin().await.unwrap();
                    let action = format!("concurrent.{n}");
                    audit::append(&mut tx, &entry(&action, None)).await.unwrap();
                    tx.commit().await.unwrap();
                })
            })
            .collect();
        let sealer = {
            let db: Db = (*db).clone();
            tokio::spawn(async move {
                let mut sealed = 0;
                for _ in 0..50 {
                    sealed += audit::seal(&db, T0, 7).await.unwrap();
                    tokio::task::yield_now().await;
                }
                sealed
            })
        };
        for writer in writers {
            writer.await.unwrap();
        }
        let during = sealer.await.unwrap();
        let rest = audit::seal_all(&db, T0).await.unwrap();
        assert_eq!(during + rest, 30);
        let verified = audit::verify(&db).await.unwrap().unwrap();
        assert_eq!((verified.entries, verified.pending), (30, 0));
    }

    // clause: KOB-7.1.15
    async fn the_journal_is_searchable_by_person_actor_record_and_time(db) {
        let mut tx = db.begin().await.unwrap();
        audit::append(&mut tx, &entry("personal_data.read", Some("person-1"))).await.unwrap();
        audit::append(&mut tx, &NewEntry { at: T0.plus_seconds(60), ..entry("personal_data.read", Some("person-2")) }).await.unwrap();
        audit::append(&mut tx, &NewEntry { actor_id: Some("user-2"), record: Some(("case", "c-9")), ..entry("case.decide", None) }).await.unwrap();
        tx.commit().await.unwrap();
        let mut tx = db.begin_read().await.unwrap();
        let by_subject = audit::search(&mut tx, &Search { subject_id: Some("person-2".into()), limit: 10, ..Search::default() }).await.unwrap();
        assert_eq!(by_subject.len(), 1);
        assert_eq!(by_subject[0].at, T0.plus_seconds(60));
        let by_actor = audit::search(&mut tx, &Search { actor_id: Some("user-2".into()), limit: 10, ..Search::default() }).await.unwrap();
        assert_eq!(by_actor.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["case.decide"]);
        let by_record = audit::search(&mut tx, &Search { record_type: Some("case".into()), record_id: Some("c-9".into()), limit: 10, ..Search::default() }).await.unwrap();
        assert_eq!(by_record.len(), 1);
        let in_window = audit::search(&mut tx, &Search { from: Some(T0.plus_seconds(30)), until: Some(T0.plus_seconds(90)), limit: 10, ..Search::default() }).await.unwrap();
        assert_eq!(in_window.len(), 1);
        let reads = audit::search(&mut tx, &Search { action_prefix: Some("personal_data.".into()), limit: 10, ..Search::default() }).await.unwrap();
        assert_eq!(reads.len(), 2);
        assert!(reads[0].id > reads[1].id, "newest first");
    }

    // clause: KOB-6.1.9, MIG-5.2.3
    async fn a_checkpoint_reveals_a_cut_or_rewritten_tail(db) {
        append_committed(&db, 6).await;
        audit::seal_all(&db, T0).await.unwrap();
        let (seq, head) = audit::head(&db).await.unwrap().unwrap();
        assert_eq!(seq, 6);
        let checkpoint = audit::Checkpoint { seq, head, at: T0, key_id: "k".into(), signature: "s".into() };
        audit::record_checkpoint(&db, &checkpoint).await.unwrap();
        assert_eq!(audit::verify(&db).await.unwrap().unwrap().checkpoints, 1);
        assert_eq!(audit::checkpoints(&db).await.unwrap(), vec![checkpoint]);

        // Cutting the last two entries and their links leaves a chain that verifies on its own,
        // but not against the checkpoint.
        tamper(&db, "DELETE FROM audit_chain WHERE seq > 4").await;
        tamper(&db, "DELETE FROM audit_entries WHERE id NOT IN (SELECT entry_id FROM audit_chain)").await;
        let broken = audit::verify(&db).await.unwrap().unwrap_err();
        assert!(broken.reason.contains("signed checkpoint covers 6"), "{}", broken.reason);
    }
}
