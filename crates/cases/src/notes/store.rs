//! The SQL of registry notes (migration 0026).

use pencere_core::Timestamp;
use pencere_store::{StoreError, Tx, on_conn, sqlx};

/// A note as stored, with its author's name.
pub(crate) type NoteRow =
    (String, String, String, String, Option<String>, String, i64, Option<String>, Option<String>, Option<i64>, String);

const NOTE_COLUMNS: &str = "n.id, n.entry_id, n.kind, n.author_id, n.author_org_id, n.text, n.at, n.status, n.answer, \
                            n.answered_at, u.full_name";

pub(crate) struct NewNote<'a> {
    pub(crate) id: &'a str,
    pub(crate) entry_id: &'a str,
    pub(crate) kind: &'a str,
    pub(crate) author_id: &'a str,
    pub(crate) author_org_id: Option<&'a str>,
    pub(crate) text: &'a str,
    pub(crate) status: Option<&'a str>,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert(tx: &mut Tx, note: &NewNote<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO registry_notes (id, entry_id, kind, author_id, author_org_id, text, at, status) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        ))
        .bind(note.id)
        .bind(note.entry_id)
        .bind(note.kind)
        .bind(note.author_id)
        .bind(note.author_org_id)
        .bind(note.text)
        .bind(note.now.as_micros())
        .bind(note.status)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// The notes of an entry, oldest first.
pub(crate) async fn of_entry(tx: &mut Tx, entry_id: &str) -> Result<Vec<NoteRow>, StoreError> {
    let statement = format!(
        "SELECT {NOTE_COLUMNS} FROM registry_notes n JOIN users u ON u.id = n.author_id \
         WHERE n.entry_id = $1 ORDER BY n.at, n.id"
    );
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(entry_id).fetch_all(&mut *conn).await?
    }))
}

pub(crate) async fn by_id(tx: &mut Tx, id: &str) -> Result<Option<NoteRow>, StoreError> {
    let statement =
        format!("SELECT {NOTE_COLUMNS} FROM registry_notes n JOIN users u ON u.id = n.author_id WHERE n.id = $1");
    let row: Option<NoteRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?
    });
    Ok(row)
}

/// Answers an open error report; `false` when it was answered before.
pub(crate) async fn answer(tx: &mut Tx, id: &str, answer: &str, by: &str, now: Timestamp) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE registry_notes SET status = 'answered', answer = $2, answered_by = $3, \
             answered_at = $4 WHERE id = $1 AND status = 'open'"))
        .bind(id)
        .bind(answer)
        .bind(by)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

/// The open error reports about entries of a body: note id, entry number, service, reported at.
pub(crate) async fn open_reports_of_body(
    tx: &mut Tx,
    body_org_id: &str,
    clearance: pencere_store::classified::Clearance,
) -> Result<Vec<(String, String, String, i64)>, StoreError> {
    // VEIS-1.10: reports on entries of classified individuals only for the cleared.
    let statement = format!(
        "SELECT n.id, e.number, e.service, n.at FROM registry_notes n \
         JOIN registry_entries e ON e.id = n.entry_id \
         WHERE n.status = 'open' AND e.body_org_id = $1 AND {} ORDER BY n.at",
        crate::store::entry_visible(clearance, "e")
    );
    Ok(on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(body_org_id).fetch_all(&mut *conn).await?
    }))
}
