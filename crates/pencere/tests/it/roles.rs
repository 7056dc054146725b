//! `pencere migrate --app-role`: the server's PostgreSQL role may write the data but never
//! rewrite or remove the audit journal, and the server runs as that role.

use pencere_store::sqlx::{self, Connection as _, PgConnection};
use pencere_testkit::process::{self, Server};

use super::{assert_config_error, pencere};

/// The URL of `database_url` with `role` as the user and no password (the test cluster trusts
/// local connections).
fn as_role(database_url: &str, role: &str) -> String {
    let mut url = url::Url::parse(database_url).unwrap();
    url.set_username(role).unwrap();
    url.set_password(None).unwrap();
    url.to_string()
}

/// The SQLSTATE of a refused statement.
fn sqlstate(result: Result<sqlx::postgres::PgQueryResult, sqlx::Error>) -> String {
    match result {
        Ok(done) => panic!("allowed: {done:?}"),
        Err(sqlx::Error::Database(error)) => error.code().map(|code| code.into_owned()).unwrap_or_default(),
        Err(other) => panic!("not a database error: {other}"),
    }
}

// clause: MIG-5.2.3, LIC-2.0.6
#[tokio::test]
async fn the_app_role_appends_to_the_journal_but_cannot_rewrite_it_and_the_server_runs_as_it() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = pencere_testkit::fresh_postgres_database().await;
    let role = format!("pencere_app_{}", uuid_suffix());
    let mut admin = PgConnection::connect(&pencere_testkit::postgres_admin_url()).await.unwrap();
    sqlx::raw_sql(&format!("CREATE ROLE {role} LOGIN")).execute(&mut admin).await.unwrap();

    let output = process::run({
        let mut command = pencere(dir.path());
        command.args(["migrate", "--database-url", &database_url, "--app-role", &role]);
        command
    });
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains(&format!("role {role} may read and write")), "{stdout}");

    let role_url = as_role(&database_url, &role);
    let mut app = PgConnection::connect(&role_url).await.unwrap();
    let user: String = sqlx::query_scalar("SELECT current_user::text").fetch_one(&mut app).await.unwrap();
    assert_eq!(user, role);
    // Appending is allowed; rewriting, deleting and emptying are refused by privilege
    // (42501), before the triggers are even reached.
    sqlx::query("INSERT INTO audit_entries (at, actor_label, action, details) VALUES (1, 'test', 'test.append', '{}')")
        .execute(&mut app)
        .await
        .unwrap();
    for statement in [
        "UPDATE audit_entries SET actor_label = 'forged'",
        "DELETE FROM audit_entries",
        "TRUNCATE audit_entries CASCADE",
        "DELETE FROM audit_chain",
        "UPDATE audit_checkpoints SET head = 'forged'",
        "DELETE FROM blobs",
        "UPDATE case_documents SET file_name = 'forged'",
    ] {
        assert_eq!(sqlstate(sqlx::query(statement).execute(&mut app).await), "42501", "{statement}");
    }
    // Ordinary tables stay writable.
    sqlx::query("INSERT INTO settings (key, value) VALUES ('roles.test', 'a')").execute(&mut app).await.unwrap();
    let updated = sqlx::query("UPDATE settings SET value = 'b' WHERE key = 'roles.test'").execute(&mut app).await;
    assert_eq!(updated.unwrap().rows_affected(), 1);
    sqlx::query("DELETE FROM settings WHERE key = 'roles.test'").execute(&mut app).await.unwrap();
    app.close().await.unwrap();

    // The server runs as the role: it migrates nothing, claims the database, seals the entry.
    let mut command = pencere(dir.path());
    command.args(["serve", "--addr", "127.0.0.1:0", "--database-url", &role_url]);
    let server = Server::start(command);
    let (status, body) = server.get("/readyz");
    assert_eq!(status, 200, "{body}");
    assert!(server.terminate().success());

    // A second run (after an upgrade) repeats the grants; a role that does not exist is refused.
    let again = process::run({
        let mut command = pencere(dir.path());
        command.args(["migrate", "--database-url", &database_url, "--app-role", &role]);
        command
    });
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let missing = process::run({
        let mut command = pencere(dir.path());
        command.args(["migrate", "--database-url", &database_url, "--app-role", "no_such_role_here"]);
        command
    });
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("role no_such_role_here does not exist"));
}

#[test]
fn app_role_is_refused_on_sqlite_and_when_it_is_not_an_identifier() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut command = pencere(dir.path());
    command.arg("migrate").arg("--data").arg(&data).args(["--app-role", "pencere_app"]);
    assert_config_error(command, &["--app-role", "only on PostgreSQL"]);
    assert!(!data.join(pencere_store::SQLITE_FILE).exists(), "nothing is migrated on a refused command");

    let mut command = pencere(dir.path());
    command.args(["migrate", "--database-url", "postgres://owner@127.0.0.1:1/db", "--app-role", "app; DROP TABLE x"]);
    assert_config_error(command, &["--app-role \"app; DROP TABLE x\"", "lowercase letter"]);
}

fn uuid_suffix() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{}_{nanos}", std::process::id())
}
