//! The SQL of public participation: appeals (inquiries and suggestions), drafts of legal acts and
//! the proposals on them.

use pencere_core::Timestamp;
use pencere_store::{StoreError, Tx, on_conn, sqlx};

/// An appeal as stored: id, number, kind, body, name, e-mail, phone, subject, text, language,
/// status, submitted on, due on, answer, answered at, submitted at.
pub(crate) type AppealRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    i64,
);

const APPEAL_COLUMNS: &str = "id, number, kind, body_org_id, name, email, phone, subject, text, lang, status, \
     submitted_on, due_on, answer, answered_at, submitted_at";

pub(crate) async fn next_number(tx: &mut Tx, prefix: &str, year: i64) -> Result<i64, StoreError> {
    let last: i64 = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_scalar(&sql("INSERT INTO appeal_counters (prefix, year, last) VALUES ($1, $2, 1) \
             ON CONFLICT (prefix, year) DO UPDATE SET last = appeal_counters.last + 1 RETURNING last"))
        .bind(prefix)
        .bind(year)
        .fetch_one(&mut *conn)
        .await?
    });
    Ok(last)
}

pub(crate) struct NewAppeal<'a> {
    pub(crate) id: &'a str,
    pub(crate) number: &'a str,
    pub(crate) kind: &'a str,
    pub(crate) body_org_id: Option<&'a str>,
    pub(crate) user_id: Option<&'a str>,
    pub(crate) name: &'a str,
    pub(crate) email: &'a str,
    pub(crate) phone: Option<&'a str>,
    pub(crate) subject: &'a str,
    pub(crate) text: &'a str,
    pub(crate) lang: &'a str,
    pub(crate) key_hash: &'a str,
    pub(crate) submitted_on: &'a str,
    pub(crate) due_on: &'a str,
    pub(crate) client_ip: Option<&'a str>,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert_appeal(tx: &mut Tx, appeal: &NewAppeal<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO appeals (id, number, kind, body_org_id, user_id, name, email, phone, subject, text, lang, \
             key_hash, status, submitted_on, due_on, submitted_at, client_ip) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $15, $16)",
        ))
        .bind(appeal.id)
        .bind(appeal.number)
        .bind(appeal.kind)
        .bind(appeal.body_org_id)
        .bind(appeal.user_id)
        .bind(appeal.name)
        .bind(appeal.email)
        .bind(appeal.phone)
        .bind(appeal.subject)
        .bind(appeal.text)
        .bind(appeal.lang)
        .bind(appeal.key_hash)
        .bind(appeal.submitted_on)
        .bind(appeal.due_on)
        .bind(appeal.now.as_micros())
        .bind(appeal.client_ip)
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

/// Serializes the submissions' rate-limit count and insert across instances: on PostgreSQL a
/// transaction-scoped advisory lock; SQLite has one writer already.
pub(crate) async fn lock_submissions(tx: &mut Tx) -> Result<(), StoreError> {
    if tx.backend() == pencere_store::Backend::Postgres {
        on_conn!(tx.conn(), |conn, sql| {
            sqlx::query(&sql("SELECT pg_advisory_xact_lock($1)")).bind(SUBMISSIONS_LOCK).execute(&mut *conn).await?;
        });
    }
    Ok(())
}

/// The advisory lock of [`lock_submissions`] ("appeals" in ASCII).
const SUBMISSIONS_LOCK: i64 = 0x0061_7070_6561_6c73;

/// How many appeals named an e-mail address (compared without case), and how many came from a
/// client address, since a moment.
pub(crate) async fn recent_submissions(
    tx: &mut Tx,
    email: &str,
    client_ip: Option<&str>,
    since: Timestamp,
) -> Result<(i64, i64), StoreError> {
    Ok(on_conn!(tx.conn(), |conn, sql| {
        let by_email: i64 = sqlx::query_scalar(&sql(
            "SELECT COUNT(*) FROM appeals WHERE lower(email) = lower($1) AND submitted_at >= $2",
        ))
        .bind(email)
        .bind(since.as_micros())
        .fetch_one(&mut *conn)
        .await?;
        let by_ip: i64 = match client_ip {
            Some(ip) => {
                sqlx::query_scalar(&sql("SELECT COUNT(*) FROM appeals WHERE client_ip = $1 AND submitted_at >= $2"))
                    .bind(ip)
                    .bind(since.as_micros())
                    .fetch_one(&mut *conn)
                    .await?
            }
            None => 0,
        };
        (by_email, by_ip)
    }))
}

/// An appeal by its number and the hash of its key.
pub(crate) async fn appeal_by_key(tx: &mut Tx, number: &str, key_hash: &str) -> Result<Option<AppealRow>, StoreError> {
    let statement = format!("SELECT {APPEAL_COLUMNS} FROM appeals WHERE number = $1 AND key_hash = $2");
    let row = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(number).bind(key_hash).fetch_optional(&mut *conn).await?
    });
    Ok(row)
}

pub(crate) async fn appeal_by_id(tx: &mut Tx, id: &str) -> Result<Option<AppealRow>, StoreError> {
    let statement = format!("SELECT {APPEAL_COLUMNS} FROM appeals WHERE id = $1");
    let row = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?
    });
    Ok(row)
}

/// The appeals of a kind addressed to a body (none: the operator), open ones first by due day.
pub(crate) async fn appeals_of(
    tx: &mut Tx,
    kind: &str,
    body_org_id: Option<&str>,
) -> Result<Vec<AppealRow>, StoreError> {
    let order = "ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, due_on, submitted_at LIMIT 500";
    let rows = match body_org_id {
        Some(body) => {
            let statement =
                format!("SELECT {APPEAL_COLUMNS} FROM appeals WHERE kind = $1 AND body_org_id = $2 {order}");
            on_conn!(tx.conn(), |conn, sql| {
                sqlx::query_as(&sql(&statement)).bind(kind).bind(body).fetch_all(&mut *conn).await?
            })
        }
        None => {
            let statement =
                format!("SELECT {APPEAL_COLUMNS} FROM appeals WHERE kind = $1 AND body_org_id IS NULL {order}");
            on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).bind(kind).fetch_all(&mut *conn).await?)
        }
    };
    Ok(rows)
}

/// Answers an open appeal; `false` when it was not open.
pub(crate) async fn answer_appeal(
    tx: &mut Tx,
    id: &str,
    answer: &str,
    by: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE appeals SET status = 'answered', answer = $2, answered_by = $3, answered_at = $4 \
             WHERE id = $1 AND status = 'open'"))
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

/// A draft as stored: id, body, submitted by, title, summary, full text, sent for approval on,
/// submitted on, discussion until, status, return reason, published on, submitted at, language.
pub(crate) type DraftRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
    String,
);

const DRAFT_COLUMNS: &str = "id, body_org_id, submitted_by, title, summary, full_text, sent_for_approval_on, \
     submitted_on, discussion_until, status, return_reason, published_on, submitted_at, lang";

pub(crate) struct NewDraft<'a> {
    pub(crate) id: &'a str,
    pub(crate) body_org_id: &'a str,
    pub(crate) submitted_by: &'a str,
    pub(crate) title: &'a str,
    pub(crate) summary: &'a str,
    pub(crate) full_text: &'a str,
    pub(crate) sent_for_approval_on: &'a str,
    pub(crate) submitted_on: &'a str,
    pub(crate) discussion_until: &'a str,
    pub(crate) lang: &'a str,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert_draft(tx: &mut Tx, draft: &NewDraft<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO legal_drafts (id, body_org_id, submitted_by, title, summary, full_text, \
             sent_for_approval_on, submitted_on, discussion_until, lang, status, submitted_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'submitted', $11)"))
        .bind(draft.id)
        .bind(draft.body_org_id)
        .bind(draft.submitted_by)
        .bind(draft.title)
        .bind(draft.summary)
        .bind(draft.full_text)
        .bind(draft.sent_for_approval_on)
        .bind(draft.submitted_on)
        .bind(draft.discussion_until)
        .bind(draft.lang)
        .bind(draft.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn draft_by_id(tx: &mut Tx, id: &str) -> Result<Option<DraftRow>, StoreError> {
    let statement = format!("SELECT {DRAFT_COLUMNS} FROM legal_drafts WHERE id = $1");
    let row = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?
    });
    Ok(row)
}

/// Drafts in a status, the newest first.
pub(crate) async fn drafts_in(tx: &mut Tx, status: &str) -> Result<Vec<DraftRow>, StoreError> {
    let statement =
        format!("SELECT {DRAFT_COLUMNS} FROM legal_drafts WHERE status = $1 ORDER BY submitted_at DESC LIMIT 500");
    let rows =
        on_conn!(tx.conn(), |conn, sql| sqlx::query_as(&sql(&statement)).bind(status).fetch_all(&mut *conn).await?);
    Ok(rows)
}

/// A body's drafts, the newest first.
pub(crate) async fn drafts_of_body(tx: &mut Tx, body_org_id: &str) -> Result<Vec<DraftRow>, StoreError> {
    let statement =
        format!("SELECT {DRAFT_COLUMNS} FROM legal_drafts WHERE body_org_id = $1 ORDER BY submitted_at DESC LIMIT 500");
    let rows = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(body_org_id).fetch_all(&mut *conn).await?
    });
    Ok(rows)
}

/// Publishes or returns a submitted draft; `false` when it was no longer submitted.
pub(crate) async fn decide_draft(
    tx: &mut Tx,
    id: &str,
    status: &str,
    reason: Option<&str>,
    published_on: Option<&str>,
    by: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "UPDATE legal_drafts SET status = $2, return_reason = $3, published_on = $4, decided_by = $5, \
             decided_at = $6 WHERE id = $1 AND status = 'submitted'",
        ))
        .bind(id)
        .bind(status)
        .bind(reason)
        .bind(published_on)
        .bind(by)
        .bind(now.as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    Ok(changed == 1)
}

/// A proposal as stored: id, draft, proposer, display name, text, submitted at, answer, answered at,
/// language.
pub(crate) type ProposalRow = (String, String, String, String, String, i64, Option<String>, Option<i64>, String);

const PROPOSAL_COLUMNS: &str = "id, draft_id, user_id, display_name, text, submitted_at, answer, answered_at, lang";

pub(crate) struct NewProposal<'a> {
    pub(crate) id: &'a str,
    pub(crate) draft_id: &'a str,
    pub(crate) user_id: &'a str,
    pub(crate) display_name: &'a str,
    pub(crate) text: &'a str,
    pub(crate) lang: &'a str,
    pub(crate) now: Timestamp,
}

pub(crate) async fn insert_proposal(tx: &mut Tx, proposal: &NewProposal<'_>) -> Result<(), StoreError> {
    on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO draft_proposals (id, draft_id, user_id, display_name, text, lang, submitted_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        ))
        .bind(proposal.id)
        .bind(proposal.draft_id)
        .bind(proposal.user_id)
        .bind(proposal.display_name)
        .bind(proposal.text)
        .bind(proposal.lang)
        .bind(proposal.now.as_micros())
        .execute(&mut *conn)
        .await?;
    });
    Ok(())
}

pub(crate) async fn proposal_by_id(tx: &mut Tx, id: &str) -> Result<Option<ProposalRow>, StoreError> {
    let statement = format!("SELECT {PROPOSAL_COLUMNS} FROM draft_proposals WHERE id = $1");
    let row = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(id).fetch_optional(&mut *conn).await?
    });
    Ok(row)
}

/// A draft's proposals, oldest first.
pub(crate) async fn proposals_of(tx: &mut Tx, draft_id: &str) -> Result<Vec<ProposalRow>, StoreError> {
    let statement =
        format!("SELECT {PROPOSAL_COLUMNS} FROM draft_proposals WHERE draft_id = $1 ORDER BY submitted_at, id");
    let rows = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&statement)).bind(draft_id).fetch_all(&mut *conn).await?
    });
    Ok(rows)
}

/// Answers a proposal not yet answered; `false` when it already was.
pub(crate) async fn answer_proposal(
    tx: &mut Tx,
    id: &str,
    answer: &str,
    by: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("UPDATE draft_proposals SET answer = $2, answered_by = $3, answered_at = $4 \
             WHERE id = $1 AND answer IS NULL"))
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
