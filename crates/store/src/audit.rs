//! The audit journal: every login, every read of personal data and every state change, appended
//! in the same transaction as what it records, and sealed into a hash chain shortly after.
//!
//! Appending never touches the chain's head, so writers of all systems never queue behind one
//! row (the problem certificate-transparency logs solve with a sequencer). A business
//! transaction inserts its entry and a row in `audit_pending`; the sealer ([`seal`]), run every
//! fraction of a second by the server, takes the committed pending entries in id order, chains
//! each to its predecessor (`hash = SHA-256(prev_hash ‖ canonical entry)`) and records the link
//! in `audit_chain`. On PostgreSQL an advisory lock lets only one instance seal at a time.
//! [`verify`] recomputes the chain and reports the unsealed tail.
//!
//! Both tables are append-only: triggers abort every UPDATE and DELETE on both backends.

use pencere_core::Timestamp;
use sha2::{Digest, Sha256};

use crate::{Backend, Db, StoreError, Tx};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Serializes sealers of several instances on one PostgreSQL database.
const SEALER_LOCK: i64 = 0x7065_6e63_6572_6502;

/// An entry to append.
#[derive(Clone, Copy, Debug)]
pub struct NewEntry<'a> {
    /// When it happened.
    pub at: Timestamp,
    /// The acting user, if known.
    pub actor_id: Option<&'a str>,
    /// A label for the actor that survives the user (`login`, `system`, `anonymous`).
    pub actor_label: &'a str,
    /// The organization the actor acted for.
    pub acting_org_id: Option<&'a str>,
    /// What happened, dotted (`login.success`, `personal_data.read`, `membership.revoke`).
    pub action: &'a str,
    /// The record concerned: type and id.
    pub record: Option<(&'a str, &'a str)>,
    /// The person whose data was read or changed, for "who looked at me" and journal search.
    pub subject_id: Option<&'a str>,
    /// Where the request came from.
    pub ip: Option<&'a str>,
    /// The request's id.
    pub request_id: Option<&'a str>,
    /// More facts, as a JSON object.
    pub details: &'a str,
}

/// An entry as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Insertion id.
    pub id: i64,
    /// When it happened.
    pub at: Timestamp,
    /// The acting user.
    pub actor_id: Option<String>,
    /// The actor's label.
    pub actor_label: String,
    /// The organization acted for.
    pub acting_org_id: Option<String>,
    /// What happened.
    pub action: String,
    /// Type of the record concerned.
    pub record_type: Option<String>,
    /// Id of the record concerned.
    pub record_id: Option<String>,
    /// The person concerned.
    pub subject_id: Option<String>,
    /// Where from.
    pub ip: Option<String>,
    /// The request's id.
    pub request_id: Option<String>,
    /// More facts (JSON).
    pub details: String,
    /// Position in the chain, once sealed.
    pub seq: Option<i64>,
}

const ENTRY_COLUMNS: &str = "e.id, e.at, e.actor_id, e.actor_label, e.acting_org_id, e.action, e.record_type, \
     e.record_id, e.subject_id, e.ip, e.request_id, e.details";

/// A row of `SELECT seq, {ENTRY_COLUMNS}`; `seq` is 0 for an entry not sealed yet.
type EntryRow = (
    i64,
    i64,
    i64,
    Option<String>,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

fn entry_from(row: EntryRow) -> Entry {
    let (
        seq,
        id,
        at,
        actor_id,
        actor_label,
        acting_org_id,
        action,
        record_type,
        record_id,
        subject_id,
        ip,
        request_id,
        details,
    ) = row;
    Entry {
        id,
        at: Timestamp::from_micros(at),
        actor_id,
        actor_label,
        acting_org_id,
        action,
        record_type,
        record_id,
        subject_id,
        ip,
        request_id,
        details,
        seq: (seq > 0).then_some(seq),
    }
}

/// A JSON string literal, for the small detail objects of audit entries.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Appends an entry inside the caller's transaction; it commits or rolls back with it.
pub async fn append(tx: &mut Tx, entry: &NewEntry<'_>) -> Result<i64, StoreError> {
    let (record_type, record_id) = entry.record.unzip();
    let id: i64 = crate::on_conn!(tx.conn(), |conn, sql| {
        let id: i64 = sqlx::query_scalar(&sql(
            "INSERT INTO audit_entries (at, actor_id, actor_label, acting_org_id, action, record_type, record_id, \
             subject_id, ip, request_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        ))
        .bind(entry.at.as_micros())
        .bind(entry.actor_id)
        .bind(entry.actor_label)
        .bind(entry.acting_org_id)
        .bind(entry.action)
        .bind(record_type)
        .bind(record_id)
        .bind(entry.subject_id)
        .bind(entry.ip)
        .bind(entry.request_id)
        .bind(entry.details)
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(&sql("INSERT INTO audit_pending (entry_id) VALUES ($1)")).bind(id).execute(&mut *conn).await?;
        id
    });
    Ok(id)
}

/// The bytes an entry's hash commits to: every field, length-prefixed, NULL distinct from empty.
fn canonical(entry: &Entry) -> Vec<u8> {
    let id = entry.id.to_string();
    let at = entry.at.as_micros().to_string();
    let fields: [Option<&str>; 12] = [
        Some(&id),
        Some(&at),
        entry.actor_id.as_deref(),
        Some(&entry.actor_label),
        entry.acting_org_id.as_deref(),
        Some(&entry.action),
        entry.record_type.as_deref(),
        entry.record_id.as_deref(),
        entry.subject_id.as_deref(),
        entry.ip.as_deref(),
        entry.request_id.as_deref(),
        Some(&entry.details),
    ];
    let mut out = Vec::with_capacity(256);
    for field in fields {
        match field {
            None => out.extend_from_slice(b"-|"),
            Some(value) => {
                out.extend_from_slice(value.len().to_string().as_bytes());
                out.push(b':');
                out.extend_from_slice(value.as_bytes());
                out.push(b'|');
            }
        }
    }
    out
}

/// The link hash of `entry` after `prev_hash`.
pub fn link_hash(prev_hash: &str, entry: &Entry) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(canonical(entry));
    pencere_core::hex(&hasher.finalize())
}

/// Seals up to `limit` committed pending entries into the chain, in id order. Returns how many;
/// 0 also when another instance is sealing at this moment (it will seal them).
pub async fn seal(db: &Db, now: Timestamp, limit: i64) -> Result<usize, StoreError> {
    seal_batch(db, now, limit, false).await
}

async fn seal_batch(db: &Db, now: Timestamp, limit: i64, wait_for_lock: bool) -> Result<usize, StoreError> {
    let mut tx = db.begin().await?;
    if db.backend() == Backend::Postgres {
        let locked: bool = crate::on_conn!(tx.conn(), |conn, sql| {
            if wait_for_lock {
                sqlx::query(&sql("SELECT pg_advisory_xact_lock($1)")).bind(SEALER_LOCK).execute(&mut *conn).await?;
                true
            } else {
                sqlx::query_scalar(&sql("SELECT pg_try_advisory_xact_lock($1)"))
                    .bind(SEALER_LOCK)
                    .fetch_one(&mut *conn)
                    .await?
            }
        });
        if !locked {
            return Ok(0);
        }
    }
    let (head, pending): (Option<(i64, String)>, Vec<EntryRow>) = crate::on_conn!(tx.conn(), |conn, sql| {
        let head: Option<(i64, String)> = sqlx::query_as("SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
        let pending: Vec<EntryRow> = sqlx::query_as(&sql(&format!(
            "SELECT CAST(0 AS BIGINT), {ENTRY_COLUMNS} FROM audit_pending p JOIN audit_entries e ON e.id = p.entry_id \
             ORDER BY e.id LIMIT $1"
        )))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
        (head, pending)
    });
    let count = pending.len();
    let (mut seq, mut prev) = head.unwrap_or((0, GENESIS.to_owned()));
    for row in pending {
        let entry = entry_from(row);
        seq += 1;
        let hash = link_hash(&prev, &entry);
        crate::on_conn!(tx.conn(), |conn, sql| {
            sqlx::query(&sql(
                "INSERT INTO audit_chain (seq, entry_id, prev_hash, hash, sealed_at) VALUES ($1, $2, $3, $4, $5)",
            ))
            .bind(seq)
            .bind(entry.id)
            .bind(&prev)
            .bind(&hash)
            .bind(now.as_micros())
            .execute(&mut *conn)
            .await?;
            sqlx::query(&sql("DELETE FROM audit_pending WHERE entry_id = $1"))
                .bind(entry.id)
                .execute(&mut *conn)
                .await?;
        });
        prev = hash;
    }
    tx.commit().await?;
    Ok(count)
}

/// Seals until nothing is pending, waiting for another instance's sealer if it holds the lock.
pub async fn seal_all(db: &Db, now: Timestamp) -> Result<usize, StoreError> {
    let mut total = 0;
    loop {
        let sealed = seal_batch(db, now, 1000, true).await?;
        total += sealed;
        if sealed == 0 {
            return Ok(total);
        }
    }
}

/// What a verification found in an intact journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// Entries whose links were recomputed and matched.
    pub entries: u64,
    /// The hash of the last sealed entry (the genesis hash for an empty chain).
    pub head: String,
    /// Entries committed but not yet sealed (the visible sealing delay).
    pub pending: u64,
    /// When the oldest of them happened.
    pub oldest_pending: Option<Timestamp>,
    /// Checkpoints that matched the chain.
    pub checkpoints: u64,
}

/// The first place where the journal does not match its chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    /// Position in the chain.
    pub seq: i64,
    /// The entry's id, when known.
    pub entry_id: Option<i64>,
    /// What does not match.
    pub reason: String,
}

/// Recomputes the whole chain in order. `Ok(Err(_))` names the first broken link.
pub async fn verify(db: &Db) -> Result<Result<Verified, Broken>, StoreError> {
    let mut tx = db.begin_read().await?;
    let marks: std::collections::BTreeMap<i64, String> = crate::on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_as::<_, (i64, String)>("SELECT seq, head FROM audit_checkpoints")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect()
    });
    let mut expected_seq = 0_i64;
    let mut prev = GENESIS.to_owned();
    loop {
        type ChainRow = (i64, i64, String, String, Option<i64>);
        let rows: Vec<(ChainRow, Option<EntryRow>)> = crate::on_conn!(tx.conn(), |conn, sql| {
            let chain: Vec<ChainRow> =
                sqlx::query_as(&sql("SELECT c.seq, c.entry_id, c.prev_hash, c.hash, e.id FROM audit_chain c \
                 LEFT JOIN audit_entries e ON e.id = c.entry_id WHERE c.seq > $1 ORDER BY c.seq LIMIT 5000"))
                .bind(expected_seq)
                .fetch_all(&mut *conn)
                .await?;
            let mut rows = Vec::with_capacity(chain.len());
            if let (Some(first), Some(last)) = (chain.first(), chain.last()) {
                let entries: Vec<EntryRow> = sqlx::query_as(&sql(&format!(
                    "SELECT c.seq, {ENTRY_COLUMNS} FROM audit_chain c JOIN audit_entries e ON e.id = c.entry_id \
                     WHERE c.seq >= $1 AND c.seq <= $2 ORDER BY c.seq"
                )))
                .bind(first.0)
                .bind(last.0)
                .fetch_all(&mut *conn)
                .await?;
                let mut entries = entries.into_iter().peekable();
                for link in chain {
                    let entry = match entries.peek() {
                        Some(row) if row.0 == link.0 => entries.next(),
                        _ => None,
                    };
                    rows.push((link, entry));
                }
            }
            rows
        });
        if rows.is_empty() {
            break;
        }
        for ((seq, entry_id, prev_hash, hash, _), entry) in rows {
            expected_seq += 1;
            let broken = |reason: &str| Broken { seq, entry_id: Some(entry_id), reason: reason.to_owned() };
            if seq != expected_seq {
                return Ok(Err(Broken {
                    seq: expected_seq,
                    entry_id: None,
                    reason: "missing from the chain".to_owned(),
                }));
            }
            let Some(row) = entry else {
                return Ok(Err(broken("the entry is missing")));
            };
            if prev_hash != prev {
                return Ok(Err(broken("does not link to the entry before it")));
            }
            let entry = entry_from(row);
            if link_hash(&prev, &entry) != hash {
                return Ok(Err(broken("its content does not match its hash")));
            }
            if marks.get(&seq).is_some_and(|head| *head != hash) {
                return Ok(Err(broken("it does not match the signed checkpoint at this position")));
            }
            prev = hash;
        }
    }
    let (total, pending, oldest): (i64, i64, Option<i64>) = crate::on_conn!(tx.conn(), |conn, _sql| {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_entries").fetch_one(&mut *conn).await?;
        let (pending, oldest): (i64, Option<i64>) =
            sqlx::query_as("SELECT COUNT(*), MIN(e.at) FROM audit_pending p JOIN audit_entries e ON e.id = p.entry_id")
                .fetch_one(&mut *conn)
                .await?;
        (total, pending, oldest)
    });
    if let Some((&last, _)) = marks.last_key_value()
        && last > expected_seq
    {
        return Ok(Err(Broken {
            seq: expected_seq + 1,
            entry_id: None,
            reason: format!(
                "the chain ends at {expected_seq} but a signed checkpoint covers {last}: entries were removed"
            ),
        }));
    }
    if total != expected_seq + pending {
        return Ok(Err(Broken {
            seq: expected_seq + 1,
            entry_id: None,
            reason: format!("{} entries are neither sealed nor pending", total - expected_seq - pending),
        }));
    }
    Ok(Ok(Verified {
        entries: u64::try_from(expected_seq).unwrap_or_default(),
        head: prev,
        pending: u64::try_from(pending).unwrap_or_default(),
        oldest_pending: oldest.map(Timestamp::from_micros),
        checkpoints: u64::try_from(marks.len()).unwrap_or_default(),
    }))
}

/// What to look for in the journal; every set field must match.
#[derive(Clone, Debug, Default)]
pub struct Search {
    /// Entries by this actor.
    pub actor_id: Option<String>,
    /// Entries about this person.
    pub subject_id: Option<String>,
    /// Entries about this record type…
    pub record_type: Option<String>,
    /// …and id.
    pub record_id: Option<String>,
    /// Entries whose action starts with this.
    pub action_prefix: Option<String>,
    /// From this moment on.
    pub from: Option<Timestamp>,
    /// Before this moment.
    pub until: Option<Timestamp>,
    /// Entries older than this id (for paging backwards).
    pub before_id: Option<i64>,
    /// At most this many (newest first).
    pub limit: i64,
    /// Whether entries naming classified persons (VEIS-1.10) are shown; not by default.
    pub clearance: crate::classified::Clearance,
}

/// Entries matching `search`, newest first.
pub async fn search(tx: &mut Tx, search: &Search) -> Result<Vec<Entry>, StoreError> {
    let rows: Vec<EntryRow> = crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(&format!(
            "SELECT COALESCE(c.seq, 0), {ENTRY_COLUMNS} FROM audit_entries e LEFT JOIN audit_chain c ON c.entry_id = e.id \
             WHERE ($1 IS NULL OR e.actor_id = $1) AND ($2 IS NULL OR e.subject_id = $2) \
             AND ($3 IS NULL OR e.record_type = $3) AND ($4 IS NULL OR e.record_id = $4) \
             AND ($5 IS NULL OR substr(e.action, 1, length($5)) = $5) AND ($6 IS NULL OR e.at >= $6) AND ($7 IS NULL OR e.at < $7) \
             AND ($8 IS NULL OR e.id < $8) AND {} ORDER BY e.id DESC LIMIT $9",
            search.clearance.audit_visible()
        )))
        .bind(search.actor_id.as_deref())
        .bind(search.subject_id.as_deref())
        .bind(search.record_type.as_deref())
        .bind(search.record_id.as_deref())
        .bind(search.action_prefix.as_deref())
        .bind(search.from.map(Timestamp::as_micros))
        .bind(search.until.map(Timestamp::as_micros))
        .bind(search.before_id)
        .bind(search.limit.clamp(1, 500))
        .fetch_all(&mut *conn)
        .await?
    });
    Ok(rows.into_iter().map(entry_from).collect())
}

/// A signed statement of the chain's head at a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    /// The chain position it covers.
    pub seq: i64,
    /// The hash of the entry at that position.
    pub head: String,
    /// When it was made.
    pub at: Timestamp,
    /// Which platform key signed it.
    pub key_id: String,
    /// The signature over [`Checkpoint::message`], base64.
    pub signature: String,
}

impl Checkpoint {
    /// The bytes the signature covers.
    pub fn message(seq: i64, head: &str, at: Timestamp) -> Vec<u8> {
        format!("pencere-audit-checkpoint\n{seq}\n{head}\n{}", at.as_micros()).into_bytes()
    }
}

/// The last sealed link: position and hash.
pub async fn head(db: &Db) -> Result<Option<(i64, String)>, StoreError> {
    let mut tx = db.begin_read().await?;
    Ok(crate::on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_as("SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1").fetch_optional(&mut *conn).await?
    }))
}

/// The chain position of the latest checkpoint, 0 if there is none.
pub async fn last_checkpoint_seq(db: &Db) -> Result<i64, StoreError> {
    let mut tx = db.begin_read().await?;
    let seq: Option<i64> = crate::on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_scalar("SELECT MAX(seq) FROM audit_checkpoints").fetch_one(&mut *conn).await?
    });
    Ok(seq.unwrap_or(0))
}

/// Every checkpoint, in chain order.
pub async fn checkpoints(db: &Db) -> Result<Vec<Checkpoint>, StoreError> {
    let mut tx = db.begin_read().await?;
    let rows: Vec<(i64, String, i64, String, String)> = crate::on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_as("SELECT seq, head, at, key_id, signature FROM audit_checkpoints ORDER BY seq")
            .fetch_all(&mut *conn)
            .await?
    });
    Ok(rows
        .into_iter()
        .map(|(seq, head, at, key_id, signature)| Checkpoint {
            seq,
            head,
            at: Timestamp::from_micros(at),
            key_id,
            signature,
        })
        .collect())
}

/// Records a checkpoint; one already recorded for that position is kept.
pub async fn record_checkpoint(db: &Db, checkpoint: &Checkpoint) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql(
            "INSERT INTO audit_checkpoints (seq, head, at, key_id, signature) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (seq) DO NOTHING",
        ))
        .bind(checkpoint.seq)
        .bind(&checkpoint.head)
        .bind(checkpoint.at.as_micros())
        .bind(&checkpoint.key_id)
        .bind(&checkpoint.signature)
        .execute(&mut *conn)
        .await?;
    });
    tx.commit().await?;
    Ok(())
}
