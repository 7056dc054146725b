//! Table-level reading and writing of a whole database, for backup and restore.
//!
//! Backup and restore (the `pencere-backup` crate) must not know the schema: they walk whatever
//! tables the migrations made. This module lists them (in an order where every table comes after
//! the tables it references), reads each one's rows as backend-neutral [`Value`]s inside a
//! consistent snapshot ([`Db::begin_snapshot`]), and writes rows back by column name, so a backup
//! taken on SQLite can be restored into PostgreSQL and the other way round. Identity counters
//! (SQLite's `sqlite_sequence`, PostgreSQL's sequences) are read and set too, so that a restored
//! database never hands out an id that the original had already used.
//!
//! `schema_migrations` is not data: restore recreates it by migrating the empty target.

use std::collections::{BTreeMap, BTreeSet};

use futures_util::TryStreamExt;
use sqlx::{Column, Row, TypeInfo, ValueRef};

use crate::{Backend, Db, StoreError, Tx};

/// One stored value, as both backends can hold it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// An integer (SQLite INTEGER, PostgreSQL smallint/integer/bigint).
    Int(i64),
    /// A floating-point number.
    Real(f64),
    /// Text (and, on PostgreSQL, any other type in its text form, e.g. `json`).
    Text(String),
    /// Bytes (SQLite BLOB, PostgreSQL bytea).
    Bytes(Vec<u8>),
}

/// A table as the backup sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The table's name.
    pub name: String,
    /// Its columns, in the database's order, with their declared types.
    pub columns: Vec<ColumnInfo>,
    /// The primary key's columns (rows are read in its order).
    pub primary_key: Vec<String>,
}

/// A column of a [`Table`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnInfo {
    /// The column's name.
    pub name: String,
    /// The declared type as the backend spells it (`INTEGER`, `bigint`, `json`, …).
    pub declared: String,
    /// PostgreSQL `GENERATED ALWAYS AS IDENTITY`: inserting a value needs `OVERRIDING SYSTEM VALUE`.
    pub identity_always: bool,
}

impl Table {
    /// The columns' names, in order.
    pub fn column_names(&self) -> Vec<&str> {
        self.columns.iter().map(|column| column.name.as_str()).collect()
    }
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

impl Db {
    /// Starts a read-only transaction that sees one consistent state of the whole database for
    /// all its statements, while writers carry on (SQLite's WAL snapshot; PostgreSQL's
    /// `REPEATABLE READ`).
    pub async fn begin_snapshot(&self) -> Result<Tx, StoreError> {
        let mut tx = self.begin_read().await?;
        crate::on_conn!(tx.conn(), |conn, _sql| {
            if self.backend() == Backend::Postgres {
                sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *conn).await?;
            } else {
                // The snapshot of a WAL reader starts at its first read.
                sqlx::query("SELECT COUNT(*) FROM sqlite_master").execute(&mut *conn).await?;
            }
        });
        Ok(tx)
    }
}

/// The data tables (everything but `schema_migrations`), each after the tables it references.
pub async fn tables(tx: &mut Tx) -> Result<Vec<Table>, StoreError> {
    let backend = tx.backend();
    let names: Vec<String> = crate::on_conn!(tx.conn(), |conn, _sql| {
        let query = match backend {
            Backend::Sqlite => {
                // Ordinary tables only: a full-text index (a virtual table and its shadow tables)
                // is rebuilt from its table by triggers, and has no PostgreSQL counterpart.
                "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
                 AND name NOT LIKE 'sqlite_%' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY 1"
            }
        };
        sqlx::query_scalar(query).fetch_all(&mut *conn).await?
    });
    let mut found = BTreeMap::new();
    let mut references: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for name in names.into_iter().filter(|name| name != "schema_migrations") {
        let (columns, primary_key, referenced) = describe(tx, &name).await?;
        references.insert(name.clone(), referenced.into_iter().filter(|other| *other != name).collect());
        found.insert(name.clone(), Table { name, columns, primary_key });
    }
    // Kahn's algorithm, alphabetical among the ready ones so the order is stable.
    let mut ordered = Vec::with_capacity(found.len());
    let mut placed = BTreeSet::new();
    while placed.len() < found.len() {
        let ready: Vec<String> = found
            .keys()
            .filter(|name| !placed.contains(*name))
            .filter(|name| references[*name].iter().all(|other| placed.contains(other) || !found.contains_key(other)))
            .cloned()
            .collect();
        if ready.is_empty() {
            return Err(StoreError::Database("the tables' foreign keys form a cycle".to_owned()));
        }
        for name in ready {
            placed.insert(name.clone());
            if let Some(table) = found.get(&name) {
                ordered.push(table.clone());
            }
        }
    }
    Ok(ordered)
}

async fn describe(tx: &mut Tx, table: &str) -> Result<(Vec<ColumnInfo>, Vec<String>, Vec<String>), StoreError> {
    let backend = tx.backend();
    Ok(crate::on_conn!(tx.conn(), |conn, sql| {
        match backend {
            Backend::Sqlite => {
                let rows: Vec<(String, String, i64)> =
                    sqlx::query_as(&sql("SELECT name, type, pk FROM pragma_table_info($1) ORDER BY cid"))
                        .bind(table)
                        .fetch_all(&mut *conn)
                        .await?;
                let mut keyed: Vec<(i64, String)> =
                    rows.iter().filter(|row| row.2 > 0).map(|row| (row.2, row.0.clone())).collect();
                keyed.sort();
                let referenced: Vec<String> =
                    sqlx::query_scalar(&sql("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)"))
                        .bind(table)
                        .fetch_all(&mut *conn)
                        .await?;
                let columns = rows
                    .into_iter()
                    .map(|(name, declared, _)| ColumnInfo { name, declared, identity_always: false })
                    .collect();
                (columns, keyed.into_iter().map(|(_, name)| name).collect(), referenced)
            }
            Backend::Postgres => {
                let relation = quote(table);
                let rows: Vec<(String, String, String)> = sqlx::query_as(
                    "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), a.attidentity::text \
                     FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 \
                     AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum",
                )
                .bind(&relation)
                .fetch_all(&mut *conn)
                .await?;
                let primary_key: Vec<String> = sqlx::query_scalar(
                    "SELECT a.attname::text FROM pg_index i \
                     JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true \
                     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
                     WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.position",
                )
                .bind(&relation)
                .fetch_all(&mut *conn)
                .await?;
                let referenced: Vec<String> = sqlx::query_scalar(
                    "SELECT DISTINCT c.relname::text FROM pg_constraint f JOIN pg_class c ON c.oid = f.confrelid \
                     WHERE f.conrelid = $1::regclass AND f.contype = 'f'",
                )
                .bind(&relation)
                .fetch_all(&mut *conn)
                .await?;
                let columns = rows
                    .into_iter()
                    .map(|(name, declared, identity)| ColumnInfo { name, declared, identity_always: identity == "a" })
                    .collect();
                (columns, primary_key, referenced)
            }
        }
    }))
}

/// How PostgreSQL columns are read: integers and floats as such, bytea as bytes, the rest as text.
fn pg_select_expression(column: &ColumnInfo) -> String {
    let name = quote(&column.name);
    match column.declared.as_str() {
        "bigint" | "integer" | "smallint" => format!("{name}::bigint"),
        "real" | "double precision" => format!("{name}::double precision"),
        "bytea" | "text" => name,
        _ => format!("{name}::text"),
    }
}

/// Reads every row of `table`, in primary-key order, handing each to `each`.
pub async fn read_rows<E>(
    tx: &mut Tx,
    table: &Table,
    mut each: impl FnMut(Vec<Value>) -> Result<(), E>,
) -> Result<Result<(), E>, StoreError> {
    let backend = tx.backend();
    let order = if table.primary_key.is_empty() {
        String::new()
    } else {
        format!(" ORDER BY {}", table.primary_key.iter().map(|name| quote(name)).collect::<Vec<_>>().join(", "))
    };
    let select = match backend {
        Backend::Sqlite => table.columns.iter().map(|column| quote(&column.name)).collect::<Vec<_>>(),
        Backend::Postgres => table.columns.iter().map(pg_select_expression).collect(),
    };
    let query = format!("SELECT {} FROM {}{order}", select.join(", "), quote(&table.name));
    Ok(crate::on_conn!(tx.conn(), |conn, _sql| {
        let mut rows = sqlx::query(&query).fetch(&mut *conn);
        let mut outcome = Ok(());
        while let Some(row) = rows.try_next().await? {
            let mut values = Vec::with_capacity(row.len());
            for index in 0..row.len() {
                values.push(decode(&row, index)?);
            }
            if let Err(error) = each(values) {
                outcome = Err(error);
                break;
            }
        }
        outcome
    }))
}

/// Reads the rows of `table` whose `column` equals `value` (text), in primary-key order: one
/// case's rows of every table that names it, for the archive.
pub async fn read_rows_where<E>(
    tx: &mut Tx,
    table: &Table,
    column: &str,
    value: &str,
    mut each: impl FnMut(Vec<Value>) -> Result<(), E>,
) -> Result<Result<(), E>, StoreError> {
    if !table.columns.iter().any(|known| known.name == column) {
        return Err(StoreError::Database(format!("table {} has no column {column}", table.name)));
    }
    let backend = tx.backend();
    let order = if table.primary_key.is_empty() {
        String::new()
    } else {
        format!(" ORDER BY {}", table.primary_key.iter().map(|name| quote(name)).collect::<Vec<_>>().join(", "))
    };
    let select = match backend {
        Backend::Sqlite => table.columns.iter().map(|column| quote(&column.name)).collect::<Vec<_>>(),
        Backend::Postgres => table.columns.iter().map(pg_select_expression).collect(),
    };
    let query = format!("SELECT {} FROM {} WHERE {} = $1{order}", select.join(", "), quote(&table.name), quote(column));
    Ok(crate::on_conn!(tx.conn(), |conn, sql| {
        let query = sql(&query);
        let mut rows = sqlx::query(&query).bind(value).fetch(&mut *conn);
        let mut outcome = Ok(());
        while let Some(row) = rows.try_next().await? {
            let mut values = Vec::with_capacity(row.len());
            for index in 0..row.len() {
                values.push(decode(&row, index)?);
            }
            if let Err(error) = each(values) {
                outcome = Err(error);
                break;
            }
        }
        outcome
    }))
}

trait DecodeAny {
    fn decode_any(&self, index: usize) -> Result<Value, sqlx::Error>;
}

impl DecodeAny for sqlx::sqlite::SqliteRow {
    fn decode_any(&self, index: usize) -> Result<Value, sqlx::Error> {
        let raw = self.try_get_raw(index)?;
        if raw.is_null() {
            return Ok(Value::Null);
        }
        // The value's own storage class, whatever the column declares.
        let class = raw.type_info().name().to_owned();
        Ok(match class.as_str() {
            "INTEGER" | "BOOLEAN" => Value::Int(self.try_get_unchecked::<i64, _>(index)?),
            "REAL" => Value::Real(self.try_get_unchecked::<f64, _>(index)?),
            "BLOB" => Value::Bytes(self.try_get_unchecked::<Vec<u8>, _>(index)?),
            _ => Value::Text(self.try_get_unchecked::<String, _>(index)?),
        })
    }
}

impl DecodeAny for sqlx::postgres::PgRow {
    fn decode_any(&self, index: usize) -> Result<Value, sqlx::Error> {
        let name = self.columns()[index].type_info().name().to_owned();
        Ok(match name.as_str() {
            "INT8" => self.try_get::<Option<i64>, _>(index)?.map_or(Value::Null, Value::Int),
            "FLOAT8" => self.try_get::<Option<f64>, _>(index)?.map_or(Value::Null, Value::Real),
            "BYTEA" => self.try_get::<Option<Vec<u8>>, _>(index)?.map_or(Value::Null, Value::Bytes),
            _ => self.try_get::<Option<String>, _>(index)?.map_or(Value::Null, Value::Text),
        })
    }
}

fn decode(row: &impl DecodeAny, index: usize) -> Result<Value, sqlx::Error> {
    row.decode_any(index)
}

/// Whether the database holds no data: no table, or only the empty tables of its migrations
/// (the only target a restore accepts).
pub async fn is_empty(db: &Db) -> Result<bool, StoreError> {
    let mut tx = db.begin_read().await?;
    let tables = tables(&mut tx).await?;
    for table in &tables {
        // One row is enough to tell: never count a large table through.
        let query = format!("SELECT 1 FROM {} LIMIT 1", quote(&table.name));
        let any: Option<i32> =
            crate::on_conn!(tx.conn(), |conn, _sql| sqlx::query_scalar(&query).fetch_optional(&mut *conn).await?);
        if any.is_some() {
            tx.rollback().await?;
            return Ok(false);
        }
    }
    tx.rollback().await?;
    Ok(true)
}

/// Inserts rows into `table`; `columns` names the values of each row, in order.
///
/// Values are converted to the target column's type, so rows read on one backend load into the
/// other. Runs in the caller's transaction, so a restore is all or nothing.
pub async fn insert_rows(
    tx: &mut Tx,
    table: &Table,
    columns: &[String],
    rows: &[Vec<Value>],
) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    let backend = tx.backend();
    let targets: Vec<&ColumnInfo> =
        columns
            .iter()
            .map(|name| {
                table.columns.iter().find(|column| &column.name == name).ok_or_else(|| {
                    StoreError::Database(format!("table {}: the target has no column {name}", table.name))
                })
            })
            .collect::<Result<_, _>>()?;
    let overriding = backend == Backend::Postgres && targets.iter().any(|column| column.identity_always);
    // Both backends take at least 32,766 parameters per statement, but sqlx looks each SQLite
    // parameter's name up by its number, a walk of the statement's parameters: the cost grows
    // with the square of their count (at 7,500 it was 70% of a bulk load's time). SQLite's
    // statements keep to its old limit of 999.
    let parameters = match backend {
        Backend::Sqlite => 999,
        Backend::Postgres => 30_000,
    };
    let per_statement = (parameters / columns.len().max(1)).clamp(1, 500);
    for chunk in rows.chunks(per_statement) {
        let mut text = format!(
            "INSERT INTO {} ({}){} VALUES ",
            quote(&table.name),
            targets.iter().map(|column| quote(&column.name)).collect::<Vec<_>>().join(", "),
            if overriding { " OVERRIDING SYSTEM VALUE" } else { "" }
        );
        let mut number = 0;
        for (index, row) in chunk.iter().enumerate() {
            if row.len() != targets.len() {
                return Err(StoreError::Database(format!(
                    "table {}: a row has {} values for {} columns",
                    table.name,
                    row.len(),
                    targets.len()
                )));
            }
            text.push_str(if index == 0 { "(" } else { ", (" });
            for (position, column) in targets.iter().enumerate() {
                number += 1;
                if position > 0 {
                    text.push_str(", ");
                }
                match backend {
                    Backend::Sqlite => text.push_str(&format!("?{number}")),
                    Backend::Postgres => text.push_str(&format!("${number}::{}", column.declared)),
                }
            }
            text.push(')');
        }
        crate::on_conn!(tx.conn(), |conn, _sql| {
            let mut query = sqlx::query(&text);
            for row in chunk {
                for value in row {
                    query = match value {
                        Value::Null => query.bind(None::<String>),
                        Value::Int(number) => query.bind(*number),
                        Value::Real(number) => query.bind(*number),
                        Value::Text(text) => query.bind(text.clone()),
                        Value::Bytes(bytes) => query.bind(bytes.clone()),
                    };
                }
            }
            query.execute(&mut *conn).await?;
        });
    }
    Ok(())
}

/// The identity counters: for each table with one, the last value handed out.
pub async fn sequences(tx: &mut Tx, tables: &[Table]) -> Result<BTreeMap<String, i64>, StoreError> {
    let backend = tx.backend();
    let mut found = BTreeMap::new();
    match backend {
        Backend::Sqlite => {
            let rows: Vec<(String, i64)> = crate::on_conn!(tx.conn(), |conn, _sql| {
                let exists: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'",
                )
                .fetch_one(&mut *conn)
                .await?;
                if exists == 0 {
                    Vec::new()
                } else {
                    sqlx::query_as("SELECT name, seq FROM sqlite_sequence").fetch_all(&mut *conn).await?
                }
            });
            found.extend(rows);
        }
        Backend::Postgres => {
            for (table, column) in serial_columns(tx, tables).await? {
                let value: Option<i64> = crate::on_conn!(tx.conn(), |conn, _sql| {
                    let sequence: Option<String> = sqlx::query_scalar("SELECT pg_get_serial_sequence($1, $2)")
                        .bind(quote(&table))
                        .bind(&column)
                        .fetch_one(&mut *conn)
                        .await?;
                    match sequence {
                        None => None,
                        Some(sequence) => {
                            let (last, called): (i64, bool) =
                                sqlx::query_as(&format!("SELECT last_value, is_called FROM {sequence}"))
                                    .fetch_one(&mut *conn)
                                    .await?;
                            called.then_some(last)
                        }
                    }
                });
                if let Some(value) = value {
                    found.insert(table, value);
                }
            }
        }
    }
    Ok(found)
}

/// PostgreSQL tables whose single-column primary key takes its values from a sequence.
async fn serial_columns(tx: &mut Tx, tables: &[Table]) -> Result<Vec<(String, String)>, StoreError> {
    let mut found = Vec::new();
    if tx.backend() != Backend::Postgres {
        return Ok(found);
    }
    for table in tables {
        let [key] = table.primary_key.as_slice() else { continue };
        let sequence: Option<String> = crate::on_conn!(tx.conn(), |conn, _sql| {
            sqlx::query_scalar("SELECT pg_get_serial_sequence($1, $2)")
                .bind(quote(&table.name))
                .bind(key)
                .fetch_one(&mut *conn)
                .await?
        });
        if sequence.is_some() {
            found.push((table.name.clone(), key.clone()));
        }
    }
    Ok(found)
}

/// Sets every identity counter after a restore: to the backup's value, or past the largest id
/// present, whichever is higher.
pub async fn set_sequences(tx: &mut Tx, tables: &[Table], recorded: &BTreeMap<String, i64>) -> Result<(), StoreError> {
    match tx.backend() {
        Backend::Sqlite => {
            for (table, value) in recorded {
                if !tables.iter().any(|known| &known.name == table) {
                    continue;
                }
                crate::on_conn!(tx.conn(), |conn, sql| {
                    // Inserting explicit ids has already raised the counter to the largest one.
                    let updated = sqlx::query(&sql("UPDATE sqlite_sequence SET seq = MAX(seq, $2) WHERE name = $1"))
                        .bind(table)
                        .bind(*value)
                        .execute(&mut *conn)
                        .await?;
                    if updated.rows_affected() == 0 {
                        sqlx::query(&sql("INSERT INTO sqlite_sequence (name, seq) VALUES ($1, $2)"))
                            .bind(table)
                            .bind(*value)
                            .execute(&mut *conn)
                            .await?;
                    }
                });
            }
        }
        Backend::Postgres => {
            for (table, column) in serial_columns(tx, tables).await? {
                let floor = recorded.get(&table).copied().unwrap_or(0);
                crate::on_conn!(tx.conn(), |conn, _sql| {
                    let statement = format!(
                        "SELECT setval(pg_get_serial_sequence($1, $2), \
                         GREATEST($3, COALESCE((SELECT MAX({}) FROM {}), 0), 1), \
                         GREATEST($3, COALESCE((SELECT MAX({}) FROM {}), 0)) > 0)",
                        quote(&column),
                        quote(&table),
                        quote(&column),
                        quote(&table)
                    );
                    sqlx::query(&statement).bind(quote(&table)).bind(&column).bind(floor).execute(&mut *conn).await?;
                });
            }
        }
    }
    Ok(())
}

/// Counts the rows of a table.
pub async fn count_rows(tx: &mut Tx, table: &str) -> Result<i64, StoreError> {
    let query = format!("SELECT COUNT(*) FROM {}", quote(table));
    Ok(crate::on_conn!(tx.conn(), |conn, _sql| sqlx::query_scalar(&query).fetch_one(&mut *conn).await?))
}

/// Claims the turn of a periodic job shared by every instance on one database: true for exactly
/// one caller once `every` has passed since the last claimed turn (kept in `settings` under
/// `key` as microseconds), false for everyone else.
pub async fn claim_turn(
    db: &Db,
    key: &str,
    now: pencere_core::Timestamp,
    every_seconds: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let claimed = crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value
             WHERE CAST(settings.value AS BIGINT) <= $3"))
        .bind(key)
        .bind(now.as_micros().to_string())
        .bind(now.plus_seconds(-every_seconds).as_micros())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    });
    tx.commit().await?;
    Ok(claimed == 1)
}
