//! The table-level reading and writing behind backup and restore.

use pencere_core::Timestamp;
use pencere_store::dump::{self, Value};
use pencere_testkit::both_backends;

both_backends! {
    async fn a_periodic_turn_goes_to_one_claimant_per_interval(db) {
        let at = Timestamp::from_micros(1_800_000_000_000_000);
        let (first, second) = tokio::join!(
            dump::claim_turn(&db, "backup.last", at, 60),
            dump::claim_turn(&db, "backup.last", at, 60),
        );
        assert_eq!([first.unwrap(), second.unwrap()].iter().filter(|won| **won).count(), 1, "one of two at once");
        assert!(!dump::claim_turn(&db, "backup.last", at.plus_seconds(59), 60).await.unwrap(), "too early");
        assert!(dump::claim_turn(&db, "backup.last", at.plus_seconds(60), 60).await.unwrap(), "the next turn");
    }
}

both_backends! {
    async fn every_table_comes_after_those_it_references_and_rows_round_trip(db) {
        let mut tx = db.begin_snapshot().await.unwrap();
        let tables = dump::tables(&mut tx).await.unwrap();
        tx.rollback().await.unwrap();
        let position = |name: &str| tables.iter().position(|table| table.name == name).unwrap();
        assert!(!tables.iter().any(|table| table.name == "schema_migrations"));
        assert!(position("organizations") < position("memberships"));
        assert!(position("users") < position("memberships"));
        assert!(position("blobs") < position("case_documents"));
        assert!(dump::is_empty(&db).await.unwrap(), "a migrated database holds no data");

        // Text (non-ASCII), integers and bytes (a zero byte, invalid UTF-8) survive a write and a read.
        let blobs = tables.iter().find(|table| table.name == "blobs").unwrap().clone();
        let columns = vec!["content".to_owned(), "size".to_owned(), "sha256".to_owned()];
        let row = vec![Value::Bytes(vec![0, 0xff, 0xfe, b'%']), Value::Int(4), Value::Text("Şəki-ə".to_owned())];
        let mut tx = db.begin().await.unwrap();
        dump::insert_rows(&mut tx, &blobs, &columns, std::slice::from_ref(&row)).await.unwrap();
        tx.commit().await.unwrap();
        assert!(!dump::is_empty(&db).await.unwrap());
        let mut tx = db.begin_snapshot().await.unwrap();
        let mut read = Vec::new();
        dump::read_rows(&mut tx, &blobs, |values| {
            read.push(values);
            Ok::<(), ()>(())
        })
        .await
        .unwrap()
        .unwrap();
        let order = blobs.column_names();
        let expected: Vec<Value> = order
            .iter()
            .map(|name| row[columns.iter().position(|column| column == name).unwrap()].clone())
            .collect();
        assert_eq!(read, vec![expected]);
    }
}
