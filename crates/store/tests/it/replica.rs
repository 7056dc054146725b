//! The read replica: `Db::begin_replica_read` reads from it when it answers and from the primary
//! when it does not; writes always go to the primary; SQLite has none.

use pencere_store::{Db, DbConfig, REPLICA_APPLICATION_NAME, StoreError, Target, Tx, on_conn};

async fn application_name(mut tx: Tx) -> String {
    let name: String = on_conn!(tx.conn(), |conn, _sql| {
        pencere_store::sqlx::query_scalar("SELECT current_setting('application_name')")
            .fetch_one(&mut *conn)
            .await
            .unwrap()
    });
    tx.rollback().await.unwrap();
    name
}

async fn with_replica(replica: &str) -> (Db, String) {
    let url = pencere_testkit::fresh_postgres_database().await;
    let config = DbConfig {
        read_replica: Some(replica.replace("{primary}", &url)),
        ..DbConfig::new(Target::Postgres(url.clone()))
    };
    (Db::connect(&config).await.unwrap(), url)
}

#[tokio::test]
async fn replica_reads_go_to_the_replica_and_writes_to_the_primary() {
    // The "replica" is the same database through its own pool: the connection's name tells them apart.
    let (db, _) = with_replica("{primary}").await;
    assert!(db.has_replica());
    assert_eq!(application_name(db.begin_replica_read().await.unwrap()).await, REPLICA_APPLICATION_NAME);
    assert_eq!(application_name(db.begin_read().await.unwrap()).await, "pencere");
    let reads = db.replica_reads();
    assert_eq!(application_name(reads.begin_read().await.unwrap()).await, REPLICA_APPLICATION_NAME);
    assert_eq!(application_name(reads.begin().await.unwrap()).await, "pencere", "writes go to the primary");
    assert!(db.pool_stats().iter().any(|pool| pool.pool == "replica"));
}

#[tokio::test]
async fn an_unreachable_replica_falls_back_to_the_primary() {
    let (db, _) = with_replica("postgres://nobody@127.0.0.1:1/none").await;
    for _ in 0..3 {
        assert_eq!(application_name(db.begin_replica_read().await.unwrap()).await, "pencere");
    }
    assert_eq!(application_name(db.replica_reads().begin_read().await.unwrap()).await, "pencere");
    db.ping().await.unwrap();
}

#[tokio::test]
async fn sqlite_has_no_replica() {
    let dir = tempfile::tempdir().unwrap();
    let config = DbConfig {
        read_replica: Some("postgres://app:secret@127.0.0.1:5432/db".into()),
        ..DbConfig::new(Target::SqliteDir(dir.path().to_path_buf()))
    };
    let error = Db::connect(&config).await.unwrap_err();
    assert!(matches!(error, StoreError::InvalidUrl { .. }), "{error}");
    assert!(error.to_string().contains("needs PostgreSQL") && !error.to_string().contains("secret"), "{error}");
    // Without one, replica reads are the readers' reads.
    let db = Db::connect(&DbConfig::new(Target::SqliteDir(dir.path().to_path_buf()))).await.unwrap();
    assert!(!db.has_replica());
    db.begin_replica_read().await.unwrap().rollback().await.unwrap();
}
