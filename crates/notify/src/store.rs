//! The SQL of the outbox and the inbox.

use pencere_core::Timestamp;
use pencere_store::{Backend, StoreError, Tx, on_conn, sqlx};

use crate::Rendered;

pub(crate) struct NewMessage<'a> {
    pub(crate) id: &'a str,
    pub(crate) channel: &'a str,
    pub(crate) recipient_id: Option<&'a str>,
    pub(crate) address: Option<&'a str>,
    pub(crate) lang: &'a str,
    pub(crate) template: &'a str,
    pub(crate) args: &'a str,
    pub(crate) case_id: Option<&'a str>,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert(tx: &mut Tx, message: &NewMessage<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO outbox (id, channel, recipient_id, address, lang, template, args, case_id, status, \
             next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $9)",
        ))
        .bind(message.id)
        .bind(message.channel)
        .bind(message.recipient_id)
        .bind(message.address)
        .bind(message.lang)
        .bind(message.template)
        .bind(message.args)
        .bind(message.case_id)
        .bind(message.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// A message claimed for delivery.
#[derive(Clone, Debug)]
pub(crate) struct Claimed {
    pub(crate) id: String,
    pub(crate) channel: String,
    pub(crate) recipient_id: Option<String>,
    pub(crate) address: Option<String>,
    pub(crate) lang: String,
    pub(crate) template: String,
    pub(crate) args: String,
    pub(crate) case_id: Option<String>,
    pub(crate) attempts: i64,
}

type ClaimedRow = (String, String, Option<String>, Option<String>, String, String, String, Option<String>, i64);

/// Leases up to `limit` due messages until `lease_until`, counting the attempt.
pub(crate) async fn claim(
    tx: &mut Tx,
    now: Timestamp,
    lease_until: Timestamp,
    limit: i64,
) -> Result<Vec<Claimed>, StoreError> {
    let lock = if tx.backend() == Backend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    let statement = format!(
        "UPDATE outbox SET lease_until = $1, attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox \
         WHERE status = 'pending' AND next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until < $2) \
         ORDER BY created_at, id LIMIT $3{lock}) \
         RETURNING id, channel, recipient_id, address, lang, template, args, case_id, attempts"
    );
    let mut rows: Vec<ClaimedRow> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement))
            .bind(lease_until.as_micros())
            .bind(now.as_micros())
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?
    });
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(rows
        .into_iter()
        .map(|(id, channel, recipient_id, address, lang, template, args, case_id, attempts)| Claimed {
            id,
            channel,
            recipient_id,
            address,
            lang,
            template,
            args,
            case_id,
            attempts,
        })
        .collect())
}

/// Writes the inbox row of a message; a second write for the same message changes nothing.
pub(crate) async fn insert_inbox(
    tx: &mut Tx,
    message: &Claimed,
    rendered: &Rendered,
    now: Timestamp,
) -> Result<(), StoreError> {
    let Some(user_id) = message.recipient_id.as_deref() else {
        return Ok(());
    };
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO inbox (outbox_id, user_id, at, subject, body, case_id) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (outbox_id) DO NOTHING",
        ))
        .bind(&message.id)
        .bind(user_id)
        .bind(now.as_micros())
        .bind(&rendered.subject)
        .bind(&rendered.body)
        .bind(message.case_id.as_deref())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// Marks a message sent; `args`, when given, replaces its stored arguments (erasing secrets).
pub(crate) async fn mark_sent(tx: &mut Tx, id: &str, args: Option<&str>, now: Timestamp) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE outbox SET status = 'sent', sent_at = $2, lease_until = NULL, last_error = NULL, \
             args = COALESCE($3, args) WHERE id = $1"))
        .bind(id)
        .bind(now.as_micros())
        .bind(args)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn mark_retry(tx: &mut Tx, id: &str, next: Timestamp, error: &str) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE outbox SET next_attempt_at = $2, lease_until = NULL, last_error = $3 WHERE id = $1"))
            .bind(id)
            .bind(next.as_micros())
            .bind(error)
            .execute(&mut *conn)
            .await?;
    });
    Ok(())
}

pub(crate) async fn mark_dead(tx: &mut Tx, id: &str, error: &str) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = $2 WHERE id = $1"))
            .bind(id)
            .bind(error)
            .execute(&mut *conn)
            .await?;
    });
    Ok(())
}

pub(crate) async fn retry_dead(tx: &mut Tx, id: &str, now: Timestamp) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $2, lease_until = NULL \
             WHERE id = $1 AND status = 'dead'",
        ))
        .bind(id)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

/// A message in a person's cabinet inbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboxMessage {
    /// Its id.
    pub id: i64,
    /// When it arrived.
    pub at: Timestamp,
    /// The subject.
    pub subject: String,
    /// The text.
    pub body: String,
    /// The case it is about.
    pub case_id: Option<String>,
    /// Whether it was read.
    pub read: bool,
}

pub(crate) async fn inbox(tx: &mut Tx, user_id: &str, limit: i64) -> Result<Vec<InboxMessage>, StoreError> {
    type Row = (i64, i64, String, String, Option<String>, Option<i64>);
    let rows: Vec<Row> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT id, at, subject, body, case_id, read_at FROM inbox WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
        ))
        .bind(user_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, at, subject, body, case_id, read_at)| InboxMessage {
            id,
            at: Timestamp::from_micros(at),
            subject,
            body,
            case_id,
            read: read_at.is_some(),
        })
        .collect())
}

pub(crate) async fn unread_count(tx: &mut Tx, user_id: &str) -> Result<i64, StoreError> {
    let count: i64 = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("SELECT COUNT(*) FROM inbox WHERE user_id = $1 AND read_at IS NULL"))
            .bind(user_id)
            .fetch_one(&mut *conn)
            .await?
    });
    Ok(count)
}

pub(crate) async fn mark_read(tx: &mut Tx, user_id: &str, id: i64, now: Timestamp) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE inbox SET read_at = $3 WHERE id = $1 AND user_id = $2 AND read_at IS NULL"))
            .bind(id)
            .bind(user_id)
            .bind(now.as_micros())
            .execute(&mut *conn)
            .await?
            .rows_affected()
    });
    Ok(changed == 1)
}

/// The delivery status of one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The message id.
    pub id: String,
    /// `inbox`, `email` or `sms`.
    pub channel: String,
    /// The template.
    pub template: String,
    /// `pending`, `sent` or `dead`.
    pub status: String,
    /// Attempts so far.
    pub attempts: i64,
    /// When it was written.
    pub created_at: Timestamp,
    /// When it was delivered.
    pub sent_at: Option<Timestamp>,
}

pub(crate) async fn deliveries(tx: &mut Tx, case_id: &str) -> Result<Vec<Delivery>, StoreError> {
    type Row = (String, String, String, String, i64, i64, Option<i64>);
    let rows: Vec<Row> = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT id, channel, template, status, attempts, created_at, sent_at FROM outbox WHERE case_id = $1 \
             ORDER BY created_at, id",
        ))
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, channel, template, status, attempts, created_at, sent_at)| Delivery {
            id,
            channel,
            template,
            status,
            attempts,
            created_at: Timestamp::from_micros(created_at),
            sent_at: sent_at.map(Timestamp::from_micros),
        })
        .collect())
}

/// A message that failed for the last time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadLetter {
    /// The message id.
    pub id: String,
    /// `inbox`, `email` or `sms`.
    pub channel: String,
    /// The address it was for.
    pub address: Option<String>,
    /// The template.
    pub template: String,
    /// Attempts made.
    pub attempts: i64,
    /// The last error.
    pub last_error: Option<String>,
    /// When it was written.
    pub created_at: Timestamp,
}

pub(crate) async fn dead_letters(
    tx: &mut Tx,
    limit: i64,
    clearance: pencere_store::classified::Clearance,
) -> Result<Vec<DeadLetter>, StoreError> {
    type Row = (String, String, Option<String>, String, i64, Option<String>, i64);
    let statement = format!(
        "SELECT id, channel, address, template, attempts, last_error, created_at FROM outbox \
         WHERE status = 'dead' AND {} ORDER BY created_at DESC LIMIT $1",
        clearance.user_visible("recipient_id")
    );
    let rows: Vec<Row> = on_conn!(tx.conn(), |conn, sql| {
        let statement = sql(&statement);
        sqlx::query_as(&statement).bind(limit).fetch_all(&mut *conn).await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, channel, address, template, attempts, last_error, created_at)| DeadLetter {
            id,
            channel,
            address,
            template,
            attempts,
            last_error,
            created_at: Timestamp::from_micros(created_at),
        })
        .collect())
}
