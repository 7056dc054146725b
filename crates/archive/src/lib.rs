//! The archive centre: closed cases past their retention period, moved into signed packages.
//!
//! A *package* is one self-describing file per period (the month the cases closed in, Baku time):
//! a gzip-compressed tar holding `manifest.json` (format, package id, period, when, the platform
//! key's id, every item of the index with its archive note, and the SHA-256 and size of every
//! other part), `manifest.sig` (the platform key's DER ECDSA/SHA-256 signature over
//! `manifest.json`, checkable with `openssl dgst -sha256 -verify key.pem -signature manifest.sig
//! manifest.json`), `platform.pem` (the public key, for information: a verifier trusts only the
//! key it is given), `records/CASE.json` (the case's rows of every table that names it, as JSON),
//! `documents/SHA256` (the bytes of every document those rows name) and `signatures/…` (the
//! signatures and certificates of the documents issued on it).
//!
//! The package is stored in `archive_packages` and every case it holds gets a row of
//! `archive_items` — the searchable index (package, number, applicant, service, outcome, closing
//! day) with the archive note of KOB-7.1.4 — in one transaction with an audit entry per package
//! and per case. Both tables are append-only. Archiving takes nothing out of the live tables: the
//! audit journal stays whole and verifiable, and every reference to a case or a document still
//! resolves (see ARCHITECTURE.md for why the documents' bytes stay, too).
//!
//! Invariant: SQL only in `store.rs` and through `pencere_store::dump`; no HTTP; the moment is a
//! parameter.

mod store;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use base64::Engine as _;
use pencere_core::calendar::Date;
use pencere_core::{Timestamp, hex};
use pencere_store::dump::{self, Value};
use pencere_store::{Db, StoreError, audit};
use pencere_trust::{PlatformKey, PlatformVerifier};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use store::{IndexEntry, Search};

/// The package layout this build writes and reads.
pub const FORMAT: u32 = 1;
const MANIFEST: &str = "manifest.json";
const SIGNATURE: &str = "manifest.sig";
const PUBLIC_KEY: &str = "platform.pem";

/// The retention catalog shipped with the platform (`catalog/retention.toml`).
pub const RETENTION_CATALOG: &str = include_str!("../catalog/retention.toml");

/// Why archiving failed.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The database failed.
    #[error("database: {0}")]
    Store(#[from] StoreError),
    /// The retention catalog cannot be used.
    #[error("retention catalog: {0}")]
    Catalog(String),
    /// The package is not whole, not unaltered, or not signed by the given key.
    #[error("the archive package is refused: {0}")]
    Refused(String),
    /// The request cannot be met (an unknown package, a package already in the archive).
    #[error("{0}")]
    Invalid(String),
}

/// How long closed cases of a system stay live.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Rule {
    /// Whole years after the day of closing.
    pub years: u32,
    /// Where the period comes from.
    pub law: String,
    /// Whether the period was checked against the text.
    pub verified: bool,
}

/// The retention periods: a default and per-system overrides (by the service id's prefix).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    default: Rule,
    #[serde(default)]
    systems: BTreeMap<String, Rule>,
}

impl Retention {
    /// Reads a retention catalog, refusing an unknown key or a period of zero years.
    pub fn parse(text: &str) -> Result<Retention, ArchiveError> {
        let retention: Retention = toml::from_str(text).map_err(|error| ArchiveError::Catalog(error.to_string()))?;
        for (system, rule) in std::iter::once(("default", &retention.default))
            .chain(retention.systems.iter().map(|(name, rule)| (name.as_str(), rule)))
        {
            if rule.years == 0 {
                return Err(ArchiveError::Catalog(format!("{system}: years must be at least 1")));
            }
        }
        Ok(retention)
    }

    /// The shipped catalog.
    pub fn builtin() -> Result<Retention, ArchiveError> {
        Retention::parse(RETENTION_CATALOG)
    }

    /// The rule for a service (`lic.fire-protection` → the `lic` system's, else the default).
    pub fn rule(&self, service: &str) -> &Rule {
        let system = service.split('.').next().unwrap_or(service);
        self.systems.get(system).unwrap_or(&self.default)
    }
}

/// Which closed cases a run takes.
#[derive(Clone, Debug)]
pub enum Cutoff {
    /// Those closed before this day (the operator's decision).
    Before(Date),
    /// Those whose retention period (from the catalog) has ended by this day.
    Retention(Retention, Date),
}

/// The manifest of a package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The layout ([`FORMAT`]).
    pub format: u32,
    /// The package's id (`YYYY-MM-N`).
    pub package: String,
    /// The month its cases closed in (`YYYY-MM`).
    pub period: String,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// The Pəncərə version that made it.
    pub written_by: String,
    /// The id of the platform key that signed it.
    pub key_id: String,
    /// The archived cases, each with its archive note.
    pub items: Vec<Item>,
    /// Every part but the manifest and its signature.
    pub parts: Vec<Part>,
}

/// An archived case, as the index and the manifest record it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The case's id.
    pub case_id: String,
    /// Its registration number.
    pub case_number: Option<String>,
    /// The applicant's name (and the organization they acted for).
    pub applicant: String,
    /// The applicant's FİN (or the organization's VÖEN).
    pub applicant_code: Option<String>,
    /// The service.
    pub service: String,
    /// The final state.
    pub outcome: String,
    /// The day it closed (`YYYY-MM-DD`, Baku).
    pub closed_on: String,
    /// The part with its records.
    pub record: String,
    /// SHA-256 of that part.
    pub record_sha256: String,
    /// The archive note (KOB-7.1.4): when, into which package, on which ground.
    pub note: String,
}

/// A part of a package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// Its path in the tar.
    pub path: String,
    /// Its size.
    pub bytes: u64,
    /// Its SHA-256, hex.
    pub sha256: String,
}

/// A package written by a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The package's id.
    pub package: String,
    /// Cases it holds.
    pub items: usize,
    /// Its size in bytes.
    pub bytes: usize,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// A value as JSON: bytes go to a part of their own, named in the record.
fn json_value(value: Value, binary_path: impl FnOnce(Vec<u8>) -> String) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Int(number) => serde_json::Value::from(number),
        Value::Real(number) => serde_json::Number::from_f64(number).map_or(serde_json::Value::Null, Into::into),
        Value::Text(text) => serde_json::Value::String(text),
        Value::Bytes(bytes) => serde_json::json!({ "part": binary_path(bytes) }),
    }
}

/// The parts of one package as it is being put together.
#[derive(Default)]
struct Parts {
    files: BTreeMap<String, Vec<u8>>,
}

impl Parts {
    fn add(&mut self, path: String, bytes: Vec<u8>) -> String {
        self.files.insert(path.clone(), bytes);
        path
    }
}

/// Reads a case's rows of every table that names it, adding its documents and signatures.
async fn record_of(
    tx: &mut pencere_store::Tx,
    tables: &[dump::Table],
    case_id: &str,
    parts: &mut Parts,
) -> Result<Vec<u8>, ArchiveError> {
    let mut record = serde_json::Map::new();
    let mut documents = BTreeSet::new();
    for table in tables {
        let column = if table.name == "cases" { "id" } else { "case_id" };
        if table.name.starts_with("archive_") || !table.columns.iter().any(|known| known.name == column) {
            continue;
        }
        let names: Vec<String> = table.column_names().into_iter().map(str::to_owned).collect();
        let mut rows = Vec::new();
        dump::read_rows_where(tx, table, column, case_id, |values| {
            rows.push(values);
            Ok::<(), ()>(())
        })
        .await?
        .map_err(|()| ArchiveError::Invalid("reading a record".to_owned()))?;
        if rows.is_empty() {
            continue;
        }
        let mut objects = Vec::with_capacity(rows.len());
        for (index, values) in rows.into_iter().enumerate() {
            let key = names
                .iter()
                .position(|name| name == "id")
                .and_then(|position| match values.get(position) {
                    Some(Value::Text(text)) => Some(text.clone()),
                    Some(Value::Int(number)) => Some(number.to_string()),
                    _ => None,
                })
                .unwrap_or_else(|| (index + 1).to_string());
            let mut object = serde_json::Map::new();
            for (name, value) in names.iter().zip(values) {
                if name == "sha256"
                    && let Value::Text(sha) = &value
                {
                    documents.insert(sha.clone());
                }
                let directory = if table.name == "issued_documents" { "signatures" } else { "binary" };
                let json = json_value(value, |bytes| parts.add(format!("{directory}/{key}.{name}"), bytes));
                object.insert(name.clone(), json);
            }
            objects.push(serde_json::Value::Object(object));
        }
        record.insert(table.name.clone(), serde_json::Value::Array(objects));
    }
    if let Some(blobs) = tables.iter().find(|table| table.name == "blobs") {
        let content = blobs.columns.iter().position(|column| column.name == "content");
        for sha in documents {
            let mut found = None;
            dump::read_rows_where(tx, blobs, "sha256", &sha, |values| {
                if let Some(Value::Bytes(bytes)) = content.and_then(|position| values.into_iter().nth(position)) {
                    found = Some(bytes);
                }
                Ok::<(), ()>(())
            })
            .await?
            .map_err(|()| ArchiveError::Invalid("reading a document".to_owned()))?;
            if let Some(bytes) = found {
                parts.add(format!("documents/{sha}"), bytes);
            }
        }
    }
    serde_json::to_vec_pretty(&serde_json::Value::Object(record))
        .map_err(|error| ArchiveError::Invalid(error.to_string()))
}

fn tar_gz(files: &BTreeMap<String, Vec<u8>>, mtime: u64) -> Result<Vec<u8>, ArchiveError> {
    let failed = |error: std::io::Error| ArchiveError::Invalid(format!("writing the package: {error}"));
    let encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut archive = tar::Builder::new(encoder);
    for (path, bytes) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(mtime);
        archive.append_data(&mut header, path, bytes.as_slice()).map_err(failed)?;
    }
    let encoder = archive.into_inner().map_err(failed)?;
    encoder.finish().map_err(failed)
}

/// Moves the closed cases that `cutoff` selects, not archived yet, into one signed package per
/// period, recording each in the index with its archive note and the audit journal, in one
/// transaction per package.
pub async fn run(db: &Db, key: &PlatformKey, cutoff: &Cutoff, now: Timestamp) -> Result<Vec<Written>, ArchiveError> {
    let mut read = db.begin_read().await?;
    let closed = store::closed_cases(&mut read).await?;
    read.rollback().await?;
    let mut periods: BTreeMap<String, Vec<(store::ClosedCase, String)>> = BTreeMap::new();
    for case in closed {
        let closed_on = Date::in_baku(Timestamp::from_micros(case.decided_at));
        let ground = match cutoff {
            Cutoff::Before(day) => {
                if closed_on >= *day {
                    continue;
                }
                format!("closed before {day}, the operator's cut-off")
            }
            Cutoff::Retention(retention, today) => {
                let rule = retention.rule(&case.service);
                let (year, month, day) = closed_on.ymd();
                let ends = Date::from_ymd(year + i64::from(rule.years), month, day)
                    .or_else(|| Date::from_ymd(year + i64::from(rule.years), month, day.saturating_sub(1)));
                if ends.is_none_or(|ends| ends > *today) {
                    continue;
                }
                format!(
                    "retention of {} years after closing ended ({}{})",
                    rule.years,
                    rule.law,
                    if rule.verified { "" } else { "; period unverified" }
                )
            }
        };
        let (year, month, _) = closed_on.ymd();
        periods.entry(format!("{year:04}-{month:02}")).or_default().push((case, ground));
    }

    let mut written = Vec::new();
    for (period, cases) in periods {
        let mut tx = db.begin().await?;
        let tables = dump::tables(&mut tx).await?;
        let ordinal = store::packages_of_period(&mut tx, &period).await? + 1;
        let package = format!("{period}-{ordinal}");
        let mut parts = Parts::default();
        let mut items = Vec::with_capacity(cases.len());
        let day = Date::in_baku(now);
        for (case, ground) in &cases {
            let record = record_of(&mut tx, &tables, &case.id, &mut parts).await?;
            let record_sha256 = sha256_hex(&record);
            let path = parts.add(format!("records/{}.json", case.id), record);
            let closed_on = Date::in_baku(Timestamp::from_micros(case.decided_at)).to_string();
            let number = case.number.clone().unwrap_or_else(|| case.id.clone());
            items.push(Item {
                case_id: case.id.clone(),
                case_number: case.number.clone(),
                applicant: case.applicant(),
                applicant_code: case.applicant_code(),
                service: case.service.clone(),
                outcome: case.state.clone(),
                closed_on,
                record: path,
                record_sha256: record_sha256.clone(),
                note: format!(
                    "Case {number} archived on {day} into package {package}: {ground}; record SHA-256 {record_sha256}; the live case and its audit trail stay unchanged"
                ),
            });
        }
        parts.add(PUBLIC_KEY.to_owned(), key.public_pem().into_bytes());
        let manifest = Manifest {
            format: FORMAT,
            package: package.clone(),
            period: period.clone(),
            created_at: now.to_string(),
            written_by: format!("pencere {}", env!("CARGO_PKG_VERSION")),
            key_id: key.id().to_owned(),
            items,
            parts: parts
                .files
                .iter()
                .map(|(path, bytes)| Part { path: path.clone(), bytes: bytes.len() as u64, sha256: sha256_hex(bytes) })
                .collect(),
        };
        let manifest_bytes =
            serde_json::to_vec_pretty(&manifest).map_err(|error| ArchiveError::Invalid(error.to_string()))?;
        parts.files.insert(SIGNATURE.to_owned(), key.sign_der(&manifest_bytes));
        parts.files.insert(MANIFEST.to_owned(), manifest_bytes);
        let mtime = u64::try_from(now.as_micros() / 1_000_000).unwrap_or(0);
        let content = tar_gz(&parts.files, mtime)?;
        store::insert_package(&mut tx, &manifest, &sha256_hex(&content), &content, now, now, false).await?;
        journal(&mut tx, &manifest, "archive.package", now, &cases).await?;
        tx.commit().await?;
        written.push(Written { package, items: manifest.items.len(), bytes: content.len() });
    }
    if !written.is_empty() {
        audit::seal_all(db, now).await?;
    }
    Ok(written)
}

async fn journal(
    tx: &mut pencere_store::Tx,
    manifest: &Manifest,
    action: &str,
    now: Timestamp,
    cases: &[(store::ClosedCase, String)],
) -> Result<(), ArchiveError> {
    let details = format!(
        "{{\"period\":{},\"items\":{},\"key_id\":{}}}",
        audit::json_string(&manifest.period),
        manifest.items.len(),
        audit::json_string(&manifest.key_id)
    );
    audit::append(
        tx,
        &audit::NewEntry {
            at: now,
            actor_id: None,
            actor_label: "operator",
            acting_org_id: None,
            action,
            record: Some(("archive_package", &manifest.package)),
            subject_id: None,
            ip: None,
            request_id: None,
            details: &details,
        },
    )
    .await?;
    for (case, _) in cases {
        let details = format!("{{\"package\":{}}}", audit::json_string(&manifest.package));
        audit::append(
            tx,
            &audit::NewEntry {
                at: now,
                actor_id: None,
                actor_label: "operator",
                acting_org_id: None,
                action: "case.archived",
                record: Some(("case", &case.id)),
                subject_id: Some(&case.applicant_id),
                ip: None,
                request_id: None,
                details: &details,
            },
        )
        .await?;
    }
    Ok(())
}

fn refused(reason: impl Into<String>) -> ArchiveError {
    ArchiveError::Refused(reason.into())
}

/// Checks a package: whole, every part as the manifest says, nothing extra, and the manifest
/// signed by `verifier`'s key. Returns its manifest.
pub fn verify(content: &[u8], verifier: &PlatformVerifier) -> Result<Manifest, ArchiveError> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(content));
    let entries = archive.entries().map_err(|error| refused(format!("not a Pəncərə archive package ({error})")))?;
    for entry in entries {
        let mut entry = entry.map_err(|error| refused(format!("the file is damaged or truncated ({error})")))?;
        if entry.header().entry_type().is_dir() {
            continue;
        }
        let path = entry.path().map_err(|error| refused(error.to_string()))?.display().to_string();
        let path = path.strip_prefix("./").map(str::to_owned).unwrap_or(path);
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|error| refused(format!("the file is damaged or truncated ({error})")))?;
        if files.insert(path.clone(), bytes).is_some() {
            return Err(refused(format!("{path} appears twice")));
        }
    }
    let manifest_bytes = files.remove(MANIFEST).ok_or_else(|| refused("it has no manifest.json"))?;
    let signature = files.remove(SIGNATURE).ok_or_else(|| refused("it has no signature (manifest.sig)"))?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|error| refused(format!("the manifest cannot be read: {error}")))?;
    if manifest.key_id != verifier.id() {
        return Err(refused(format!(
            "it is signed by platform key {}, not by the given key {}",
            manifest.key_id,
            verifier.id()
        )));
    }
    if !verifier.verify(&manifest_bytes, &base64::engine::general_purpose::STANDARD.encode(&signature)) {
        return Err(refused("the manifest's signature does not verify: the manifest was altered"));
    }
    if manifest.format != FORMAT {
        return Err(refused(format!("its format is {}, this build reads format {FORMAT}", manifest.format)));
    }
    for part in &manifest.parts {
        let bytes = files.remove(&part.path).ok_or_else(|| refused(format!("{} is missing", part.path)))?;
        let sha = sha256_hex(&bytes);
        if sha != part.sha256 || bytes.len() as u64 != part.bytes {
            return Err(refused(format!(
                "{} was altered: SHA-256 {sha} ({} bytes), the signed manifest says {} ({} bytes)",
                part.path,
                bytes.len(),
                part.sha256,
                part.bytes
            )));
        }
    }
    if let Some(extra) = files.keys().next() {
        return Err(refused(format!("{extra} is not in the signed manifest")));
    }
    for item in &manifest.items {
        let listed = manifest.parts.iter().find(|part| part.path == item.record);
        if listed.is_none_or(|part| part.sha256 != item.record_sha256) {
            return Err(refused(format!("the record of case {} does not match its index entry", item.case_id)));
        }
    }
    Ok(manifest)
}

/// Verifies a package and adds it, with its index, to this installation's archive (one that
/// came from another installation, or was exported before). A package or a case already in the
/// archive is refused.
pub async fn import(
    db: &Db,
    content: &[u8],
    verifier: &PlatformVerifier,
    now: Timestamp,
) -> Result<Manifest, ArchiveError> {
    let manifest = verify(content, verifier)?;
    let mut tx = db.begin().await?;
    if store::package_exists(&mut tx, &manifest.package).await? {
        return Err(ArchiveError::Invalid(format!("package {} is already in the archive", manifest.package)));
    }
    for item in &manifest.items {
        if store::item_exists(&mut tx, &item.case_id).await? {
            return Err(ArchiveError::Invalid(format!(
                "case {} is already in the archive",
                item.case_number.as_deref().unwrap_or(&item.case_id)
            )));
        }
    }
    store::insert_package(&mut tx, &manifest, &sha256_hex(content), content, created_at(content), now, true).await?;
    journal(&mut tx, &manifest, "archive.import", now, &[]).await?;
    tx.commit().await?;
    audit::seal_all(db, now).await?;
    Ok(manifest)
}

/// When a package was made: its tar entries' time.
fn created_at(content: &[u8]) -> Timestamp {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(content));
    let seconds = archive
        .entries()
        .ok()
        .and_then(|mut entries| entries.next())
        .and_then(Result::ok)
        .and_then(|entry| entry.header().mtime().ok())
        .and_then(|seconds| i64::try_from(seconds).ok())
        .unwrap_or(0);
    Timestamp::from_micros(seconds.saturating_mul(1_000_000))
}

/// The stored package, as it was written.
pub async fn export(db: &Db, package: &str) -> Result<Vec<u8>, ArchiveError> {
    let mut tx = db.begin_read().await?;
    let content = store::package_content(&mut tx, package).await?;
    tx.rollback().await?;
    content.ok_or_else(|| ArchiveError::Invalid(format!("no package {package} in the archive")))
}

/// The index entries matching `search`, newest closing first.
pub async fn search(db: &Db, search: &Search) -> Result<Vec<IndexEntry>, ArchiveError> {
    let mut tx = db.begin_read().await?;
    let found = store::search(&mut tx, search).await?;
    tx.rollback().await?;
    Ok(found)
}

/// The packages in the archive: id, period, items, when made, whether imported.
pub async fn packages(db: &Db) -> Result<Vec<store::PackageRow>, ArchiveError> {
    let mut tx = db.begin_read().await?;
    let found = store::packages(&mut tx).await?;
    tx.rollback().await?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_retention_catalog_reads_and_is_marked_unverified() {
        let retention = Retention::builtin().unwrap();
        assert_eq!(retention.rule("lic.fire-protection").years, 5);
        assert!(!retention.rule("lic.fire-protection").verified);
        assert_eq!(retention.rule("veis.something"), &retention.default);
        assert!(Retention::parse("[default]\nyears = 0\nlaw = \"x\"\nverified = false\n").is_err());
    }
}
