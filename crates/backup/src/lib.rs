//! Backup and restore of a whole Pəncərə database, on either backend, into one file.
//!
//! A backup is taken online, inside one consistent snapshot ([`pencere_store::Db::begin_snapshot`]),
//! while the server keeps serving. Everything lives in the database — cases, the documents'
//! bytes (`blobs`), the audit journal, the outbox — so the snapshot is everything.
//!
//! The file is a gzip-compressed tar archive, readable with `tar -tzf`:
//! `tables/NNN-NAME.jsonl` (one JSON array of values per row, in the manifest's column order;
//! bytes as `{"b64": "…"}`), then `manifest.json`: the format version, when and from which
//! backend it was taken, the schema version and migrations, per table its columns, row count,
//! size and SHA-256, the identity counters, and the audit chain's head. With a key file the whole
//! archive is encrypted and authenticated (see [`crypt`]).
//!
//! A restore goes only into an empty target. It first reads the file through and refuses it —
//! before touching the target — when a part's hash, size or row count differs from the manifest,
//! a part is missing or extra, the file is truncated, or the key does not open it. It then migrates
//! the target to the backup's schema version, loads every table in one transaction (checking the
//! hashes again as it reads), sets the identity counters, applies the newer migrations, compares
//! the row counts with the manifest and verifies the audit journal's chain.
//!
//! Invariant: no SQL here (tables are read and written through `pencere_store::dump`); no HTTP.

pub mod anonymize;
mod crypt;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::path::Path;

use base64::Engine as _;
use pencere_core::Timestamp;
use pencere_store::dump::{self, Table, Value};
use pencere_store::{Db, StoreError, audit};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use crypt::Key;

/// The archive layout this build writes and reads.
pub const FORMAT: u32 = 1;
const MANIFEST: &str = "manifest.json";
const BATCH: usize = 500;

/// What a backup holds, written last into the archive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The archive layout ([`FORMAT`]).
    pub format: u32,
    /// The Pəncərə version that wrote it.
    pub written_by: String,
    /// When the snapshot was taken (RFC 3339, UTC).
    pub taken_at: String,
    /// The backend it was taken from: `sqlite` or `postgres`.
    pub backend: String,
    /// The schema version of the source.
    pub schema_version: i64,
    /// The migrations of that schema (`NNNN_name`), in order.
    pub migrations: Vec<String>,
    /// The tables, each after those it references.
    pub tables: Vec<TablePart>,
    /// The identity counters: table → last id handed out.
    pub sequences: BTreeMap<String, i64>,
    /// The audit chain's head at the snapshot.
    pub audit: AuditHead,
}

/// One table's part of the archive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TablePart {
    /// The table's name.
    pub name: String,
    /// The path inside the archive.
    pub part: String,
    /// The columns each row's values are in.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: u64,
    /// Size of the part in bytes.
    pub bytes: u64,
    /// SHA-256 of the part, in hex.
    pub sha256: String,
}

/// The audit journal at the snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AuditHead {
    /// The last sealed position, 0 for an empty chain.
    pub seq: i64,
    /// Its hash, empty for an empty chain.
    pub hash: String,
    /// Entries in the journal (sealed or not).
    pub entries: u64,
}

/// Why a backup or restore failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database failed.
    #[error("database: {0}")]
    Store(#[from] StoreError),
    /// A file could not be read or written.
    #[error("{0}")]
    Io(String),
    /// The backup file is not a whole, unaltered backup.
    #[error("the backup is damaged or altered: {0}")]
    Damaged(String),
    /// The backup cannot go into this target.
    #[error("{0}")]
    Refused(String),
    /// The data was restored but does not check out.
    #[error("the restored database does not check out: {0}")]
    Check(String),
}

fn io_error(what: &str) -> impl Fn(io::Error) -> BackupError + '_ {
    move |error| BackupError::Io(format!("{what}: {error}"))
}

/// Where a long run has got to, for a progress display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress<'a> {
    /// What is being done: `backup`, `check` or `restore`.
    pub stage: &'static str,
    /// The table at hand.
    pub table: &'a str,
    /// Its position (1-based) and the number of tables.
    pub index: usize,
    /// The number of tables.
    pub tables: usize,
    /// Rows of this table done so far.
    pub rows: u64,
    /// Whether the table is finished.
    pub done: bool,
}

use pencere_core::hex;

fn encode(values: Vec<Value>) -> serde_json::Value {
    serde_json::Value::Array(
        values
            .into_iter()
            .map(|value| match value {
                Value::Null => serde_json::Value::Null,
                Value::Int(number) => serde_json::Value::from(number),
                Value::Real(number) => {
                    serde_json::Number::from_f64(number).map_or(serde_json::Value::Null, serde_json::Value::Number)
                }
                Value::Text(text) => serde_json::Value::String(text),
                Value::Bytes(bytes) => {
                    serde_json::json!({ "b64": base64::engine::general_purpose::STANDARD.encode(bytes) })
                }
            })
            .collect(),
    )
}

fn decode(line: &str) -> Result<Vec<Value>, String> {
    let parsed: serde_json::Value = serde_json::from_str(line).map_err(|error| error.to_string())?;
    let serde_json::Value::Array(items) = parsed else { return Err("a row is not a JSON array".to_owned()) };
    items
        .into_iter()
        .map(|item| match item {
            serde_json::Value::Null => Ok(Value::Null),
            serde_json::Value::Number(number) => match number.as_i64() {
                Some(integer) => Ok(Value::Int(integer)),
                None => number.as_f64().map(Value::Real).ok_or_else(|| "a number out of range".to_owned()),
            },
            serde_json::Value::String(text) => Ok(Value::Text(text)),
            serde_json::Value::Object(object) => object
                .get("b64")
                .and_then(serde_json::Value::as_str)
                .and_then(|text| base64::engine::general_purpose::STANDARD.decode(text).ok())
                .map(Value::Bytes)
                .ok_or_else(|| "a value is neither text, number nor {\"b64\"}".to_owned()),
            serde_json::Value::Bool(_) | serde_json::Value::Array(_) => Err("an unexpected value".to_owned()),
        })
        .collect()
}

/// A `Write` that hashes and counts what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(data)?;
        self.hasher.update(&data[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Where the archive goes: plain gzip, or gzip inside the encryption.
enum Sink {
    Plain(flate2::write::GzEncoder<BufWriter<File>>),
    Sealed(flate2::write::GzEncoder<crypt::EncryptingWriter<BufWriter<File>>>),
}

impl Write for Sink {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Plain(inner) => inner.write(data),
            Sink::Sealed(inner) => inner.write(data),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Plain(inner) => inner.flush(),
            Sink::Sealed(inner) => inner.flush(),
        }
    }
}

impl Sink {
    fn finish(self) -> io::Result<()> {
        let file = match self {
            Sink::Plain(inner) => inner.finish()?,
            Sink::Sealed(inner) => inner.finish()?.finish()?,
        };
        file.into_inner().map_err(io::IntoInnerError::into_error)?.sync_all()
    }
}

/// Writes a backup of `db` to `path` (first to `path.partial`, renamed when complete, so a file
/// under the final name is always whole). `now` is recorded as the moment of the snapshot.
pub async fn backup(
    db: &Db,
    path: &Path,
    key: Option<&Key>,
    now: Timestamp,
    progress: &mut (dyn FnMut(Progress<'_>) + Send),
) -> Result<Manifest, BackupError> {
    let partial = path.with_extension(match path.extension().and_then(|extension| extension.to_str()) {
        Some(extension) => format!("{extension}.partial"),
        None => "partial".to_owned(),
    });
    let outcome = write_backup(db, &partial, key, now, progress).await;
    match outcome {
        Ok(manifest) => {
            std::fs::rename(&partial, path).map_err(io_error(&path.display().to_string()))?;
            Ok(manifest)
        }
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            Err(error)
        }
    }
}

async fn write_backup(
    db: &Db,
    path: &Path,
    key: Option<&Key>,
    now: Timestamp,
    progress: &mut (dyn FnMut(Progress<'_>) + Send),
) -> Result<Manifest, BackupError> {
    let file = File::create(path).map_err(io_error(&path.display().to_string()))?;
    let file = BufWriter::new(file);
    let sink = match key {
        None => Sink::Plain(flate2::write::GzEncoder::new(file, flate2::Compression::fast())),
        Some(key) => Sink::Sealed(flate2::write::GzEncoder::new(
            crypt::EncryptingWriter::new(file, key).map_err(io_error("encrypting"))?,
            flate2::Compression::fast(),
        )),
    };
    let mut archive = tar::Builder::new(sink);

    let schema_version = db.schema_version().await?;
    let mut snapshot = db.begin_snapshot().await?;
    let tables = dump::tables(&mut snapshot).await?;
    let sequences = dump::sequences(&mut snapshot, &tables).await?;
    let mut parts = Vec::with_capacity(tables.len());
    let mut audit_head = AuditHead::default();
    let total = tables.len();
    for (index, table) in tables.iter().enumerate() {
        let spool = tempfile::tempfile().map_err(io_error("a temporary file"))?;
        let mut hashing = Hashing { inner: BufWriter::new(spool), hasher: Sha256::new(), bytes: 0 };
        let mut rows = 0_u64;
        let names = table.column_names();
        let chain = (table.name == "audit_chain")
            .then(|| (names.iter().position(|name| *name == "seq"), names.iter().position(|name| *name == "hash")));
        let written = dump::read_rows(&mut snapshot, table, |values| {
            if let Some((Some(seq), Some(hash))) = chain
                && let (Some(Value::Int(seq)), Some(Value::Text(hash))) = (values.get(seq), values.get(hash))
                && *seq > audit_head.seq
            {
                audit_head.seq = *seq;
                audit_head.hash = hash.clone();
            }
            serde_json::to_writer(&mut hashing, &encode(values)).map_err(io::Error::other)?;
            hashing.write_all(b"\n")?;
            rows += 1;
            if rows.is_multiple_of(10_000) {
                progress(Progress {
                    stage: "backup",
                    table: &table.name,
                    index: index + 1,
                    tables: total,
                    rows,
                    done: false,
                });
            }
            Ok::<(), io::Error>(())
        })
        .await?;
        written.map_err(io_error("writing the backup"))?;
        if table.name == "audit_entries" {
            audit_head.entries = rows;
        }
        let Hashing { inner, hasher, bytes } = hashing;
        let mut spool = inner.into_inner().map_err(|error| BackupError::Io(error.to_string()))?;
        spool.rewind().map_err(io_error("a temporary file"))?;
        let part = format!("tables/{:03}-{}.jsonl", index + 1, table.name);
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes);
        header.set_mode(0o600);
        header.set_mtime(u64::try_from(now.as_micros() / 1_000_000).unwrap_or(0));
        archive.append_data(&mut header, &part, spool).map_err(io_error("writing the backup"))?;
        progress(Progress { stage: "backup", table: &table.name, index: index + 1, tables: total, rows, done: true });
        parts.push(TablePart {
            name: table.name.clone(),
            part,
            columns: names.iter().map(|name| (*name).to_owned()).collect(),
            rows,
            bytes,
            sha256: hex(&hasher.finalize()),
        });
    }
    snapshot.rollback().await?;

    let manifest = Manifest {
        format: FORMAT,
        written_by: format!("pencere {}", env!("CARGO_PKG_VERSION")),
        taken_at: now.to_string(),
        backend: db.backend().as_str().to_owned(),
        schema_version,
        migrations: pencere_store::migrations(db.backend())
            .iter()
            .filter(|migration| migration.version <= schema_version)
            .map(|migration| migration.file.to_owned())
            .collect(),
        tables: parts,
        sequences,
        audit: audit_head,
    };
    let text = serde_json::to_vec_pretty(&manifest).map_err(|error| BackupError::Io(error.to_string()))?;
    let mut header = tar::Header::new_gnu();
    header.set_size(text.len() as u64);
    header.set_mode(0o600);
    header.set_mtime(u64::try_from(now.as_micros() / 1_000_000).unwrap_or(0));
    archive.append_data(&mut header, MANIFEST, text.as_slice()).map_err(io_error("writing the backup"))?;
    archive.into_inner().and_then(Sink::finish).map_err(io_error("writing the backup"))?;
    Ok(manifest)
}

/// Opens a backup file for reading its archive, decrypting it when it is encrypted.
fn open_archive(path: &Path, key: Option<&Key>) -> Result<tar::Archive<Box<dyn Read>>, BackupError> {
    let mut file = BufReader::new(File::open(path).map_err(io_error(&path.display().to_string()))?);
    let mut magic = [0_u8; 8];
    let peeked = file.fill_buf().map_err(io_error(&path.display().to_string()))?;
    let length = peeked.len().min(8);
    magic[..length].copy_from_slice(&peeked[..length]);
    let reader: Box<dyn Read> = if &magic == crypt::MAGIC {
        let Some(key) = key else {
            return Err(BackupError::Refused("this backup is encrypted: give its key with --key-file".to_owned()));
        };
        file.consume(8);
        Box::new(flate2::read::GzDecoder::new(crypt::DecryptingReader::new(file, key).map_err(damaged)?))
    } else if magic.starts_with(&[0x1f, 0x8b]) {
        if key.is_some() {
            return Err(BackupError::Refused("this backup is not encrypted, but a key was given".to_owned()));
        }
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        return Err(BackupError::Damaged(format!("{} is not a Pəncərə backup", path.display())));
    };
    Ok(tar::Archive::new(reader))
}

fn damaged(error: io::Error) -> BackupError {
    let reason = match error.kind() {
        io::ErrorKind::UnexpectedEof => format!("the file is truncated ({error})"),
        _ => error.to_string(),
    };
    BackupError::Damaged(reason)
}

/// What reading a part through found.
struct PartDigest {
    sha256: String,
    bytes: u64,
    rows: u64,
}

/// A `Read` that hashes and counts what passes through it.
struct Tee<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(out)?;
        self.hasher.update(&out[..read]);
        self.bytes += read as u64;
        Ok(read)
    }
}

/// Reads a part line by line, hashing it.
struct PartReader<R> {
    lines: BufReader<Tee<R>>,
    rows: u64,
    line: String,
}

impl<R: Read> PartReader<R> {
    fn new(inner: R) -> PartReader<R> {
        PartReader {
            lines: BufReader::new(Tee { inner, hasher: Sha256::new(), bytes: 0 }),
            rows: 0,
            line: String::new(),
        }
    }

    /// The next line without its newline, or `None` at the end.
    fn next_line(&mut self) -> Result<Option<&str>, BackupError> {
        self.line.clear();
        if self.lines.read_line(&mut self.line).map_err(damaged)? == 0 {
            return Ok(None);
        }
        self.rows += 1;
        Ok(Some(self.line.trim_end_matches('\n')))
    }

    fn finish(self) -> PartDigest {
        let tee = self.lines.into_inner();
        PartDigest { sha256: hex(&tee.hasher.finalize()), bytes: tee.bytes, rows: self.rows }
    }
}

/// Reads a backup through and checks every part against its manifest, without a database.
pub fn check(path: &Path, key: Option<&Key>, progress: &mut dyn FnMut(Progress<'_>)) -> Result<Manifest, BackupError> {
    let mut archive = open_archive(path, key)?;
    let mut found: BTreeMap<String, PartDigest> = BTreeMap::new();
    let mut manifest: Option<Manifest> = None;
    for entry in archive.entries().map_err(damaged)? {
        let entry = entry.map_err(damaged)?;
        let name = entry.path().map_err(damaged)?.display().to_string();
        if name == MANIFEST {
            let mut text = Vec::new();
            let mut entry = entry;
            entry.read_to_end(&mut text).map_err(damaged)?;
            let parsed: Manifest = serde_json::from_slice(&text)
                .map_err(|error| BackupError::Damaged(format!("the manifest cannot be read: {error}")))?;
            manifest = Some(parsed);
        } else {
            let mut reader = PartReader::new(entry);
            while reader.next_line()?.is_some() {}
            let digest = reader.finish();
            progress(Progress {
                stage: "check",
                table: &name,
                index: found.len() + 1,
                tables: 0,
                rows: digest.rows,
                done: true,
            });
            if found.insert(name.clone(), digest).is_some() {
                return Err(BackupError::Damaged(format!("{name} appears twice")));
            }
        }
    }
    let manifest =
        manifest.ok_or_else(|| BackupError::Damaged("the file is truncated: it has no manifest".to_owned()))?;
    if manifest.format != FORMAT {
        return Err(BackupError::Refused(format!(
            "the backup's format is {}, this build reads format {FORMAT}",
            manifest.format
        )));
    }
    for table in &manifest.tables {
        let digest =
            found.remove(&table.part).ok_or_else(|| BackupError::Damaged(format!("{} is missing", table.part)))?;
        if digest.sha256 != table.sha256 || digest.bytes != table.bytes || digest.rows != table.rows {
            return Err(BackupError::Damaged(format!(
                "{} has SHA-256 {} ({} bytes, {} rows); the manifest says {} ({} bytes, {} rows)",
                table.part, digest.sha256, digest.bytes, digest.rows, table.sha256, table.bytes, table.rows
            )));
        }
    }
    if let Some(extra) = found.keys().next() {
        return Err(BackupError::Damaged(format!("{extra} is not in the manifest")));
    }
    Ok(manifest)
}

/// What a restore did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    /// Tables loaded.
    pub tables: usize,
    /// Rows loaded.
    pub rows: u64,
    /// Migrations applied after loading (the backup's schema was older).
    pub migrated: Vec<i64>,
    /// The audit journal's verification.
    pub audit: audit::Verified,
}

/// Restores the backup at `path` into `db`, which must be empty.
pub async fn restore(
    db: &Db,
    path: &Path,
    key: Option<&Key>,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Restored, BackupError> {
    let manifest = check(path, key, progress)?;
    let known = pencere_store::migrations(db.backend());
    let latest = known.last().map_or(0, |migration| migration.version);
    if manifest.schema_version > latest {
        return Err(BackupError::Refused(format!(
            "the backup's schema version is {}, newer than this build's {latest}: restore it with the Pəncərə that wrote it ({})",
            manifest.schema_version, manifest.written_by
        )));
    }
    for (position, file) in manifest.migrations.iter().enumerate() {
        if known.get(position).map(|migration| migration.file) != Some(file.as_str()) {
            return Err(BackupError::Refused(format!("the backup's migration {file} is unknown to this build")));
        }
    }
    let current = db.schema_version().await?;
    if current > manifest.schema_version {
        return Err(BackupError::Refused(format!(
            "the target is already migrated to schema version {current}, newer than the backup's {}: restore into an unmigrated database",
            manifest.schema_version
        )));
    }
    if !dump::is_empty(db).await? {
        return Err(BackupError::Refused(
            "the target database is not empty: restore only into a new SQLite directory or an empty PostgreSQL database"
                .to_owned(),
        ));
    }
    db.migrate_to(manifest.schema_version).await?;

    let mut tx = db.begin().await?;
    let targets: BTreeMap<String, Table> =
        dump::tables(&mut tx).await?.into_iter().map(|table| (table.name.clone(), table)).collect();
    let in_backup: BTreeSet<&str> = manifest.tables.iter().map(|table| table.name.as_str()).collect();
    if let Some(missing) = targets.keys().find(|name| !in_backup.contains(name.as_str())) {
        return Err(BackupError::Refused(format!("the backup has no table {missing}, which its schema has")));
    }
    for part in &manifest.tables {
        let target = targets
            .get(&part.name)
            .ok_or_else(|| BackupError::Refused(format!("the backup's table {} is not in its schema", part.name)))?;
        let theirs: BTreeSet<&str> = part.columns.iter().map(String::as_str).collect();
        let ours: BTreeSet<&str> = target.column_names().into_iter().collect();
        if theirs != ours {
            return Err(BackupError::Refused(format!(
                "table {}: the backup's columns differ from the schema's",
                part.name
            )));
        }
    }

    // The manifest lists tables after those they reference, so foreign keys hold as rows arrive.
    let parts: BTreeMap<&str, &TablePart> = manifest.tables.iter().map(|part| (part.part.as_str(), part)).collect();
    let total = manifest.tables.len();
    let mut loaded_rows = 0_u64;
    let mut archive = open_archive(path, key)?;
    for entry in archive.entries().map_err(damaged)? {
        let entry = entry.map_err(damaged)?;
        let name = entry.path().map_err(damaged)?.display().to_string();
        let Some(part) = parts.get(name.as_str()).copied() else { continue };
        let target = &targets[&part.name];
        let index = manifest.tables.iter().position(|table| table.name == part.name).map_or(0, |index| index + 1);
        let mut reader = PartReader::new(entry);
        let mut batch = Vec::with_capacity(BATCH);
        let mut done = 0_u64;
        loop {
            let line = reader.next_line()?;
            let end = line.is_none();
            if let Some(line) = line {
                batch.push(decode(line).map_err(|reason| BackupError::Damaged(format!("{name}: {reason}")))?);
            }
            if batch.len() == BATCH || (end && !batch.is_empty()) {
                dump::insert_rows(&mut tx, target, &part.columns, &batch).await?;
                done += batch.len() as u64;
                batch.clear();
                if done.is_multiple_of(10_000) {
                    progress(Progress {
                        stage: "restore",
                        table: &part.name,
                        index,
                        tables: total,
                        rows: done,
                        done: false,
                    });
                }
            }
            if end {
                break;
            }
        }
        if reader.finish().sha256 != part.sha256 {
            return Err(BackupError::Damaged(format!("{name} changed while it was being restored")));
        }
        loaded_rows += done;
        progress(Progress { stage: "restore", table: &part.name, index, tables: total, rows: done, done: true });
    }
    let tables: Vec<Table> = targets.values().cloned().collect();
    dump::set_sequences(&mut tx, &tables, &manifest.sequences).await?;
    tx.commit().await?;
    let migrated = db.migrate().await?.applied;

    let mut read = db.begin_read().await?;
    for part in &manifest.tables {
        let count = dump::count_rows(&mut read, &part.name).await?;
        if u64::try_from(count).unwrap_or(0) != part.rows {
            return Err(BackupError::Check(format!("table {} has {count} rows, the backup {}", part.name, part.rows)));
        }
    }
    read.rollback().await?;
    let verified = match audit::verify(db).await? {
        Ok(verified) => verified,
        Err(broken) => {
            return Err(BackupError::Check(format!(
                "the audit journal is broken at position {}: {}",
                broken.seq, broken.reason
            )));
        }
    };
    if verified.head != manifest.audit.hash && manifest.audit.seq > 0 {
        return Err(BackupError::Check(format!(
            "the audit chain's head is {}, the backup's {}",
            verified.head, manifest.audit.hash
        )));
    }
    Ok(Restored { tables: total, rows: loaded_rows, migrated, audit: verified })
}
