//! A backup turned into a test data set: every personal identifier replaced, consistently.
//!
//! The first pass reads the columns that hold personal data (people's FİN, passport, name,
//! login, e-mail and phone; companies' VÖEN and names; the names, addresses and free text that
//! applicants and correspondents wrote, including every string of an application's form that is
//! not a code, a number or a date; client addresses) and gives each distinct value a replacement
//! derived from it under a secret key: a valid FİN for a FİN, a valid VÖEN for a VÖEN, a
//! synthetic name, address, e-mail or phone, a neutral text for free text. The same value gets the
//! same replacement wherever it is. The second pass writes every table again: those columns
//! through the map, and every other text value (JSON of audit details and notices, rendered
//! inbox texts, the registry's search text) with each known value replaced where it stands as a
//! word. Identifiers, hashes and relations are kept, so counts and references hold.
//!
//! What cannot stay: passwords and second-factor secrets are removed (log in through the test
//! environment's means), documents' bytes become placeholders of the same size and kind (their
//! SHA-256 — the blob's key — changes with them, everywhere it is named), signatures and
//! certificates of issued documents are removed (they sign the originals), and the audit
//! journal, whose hashes cover the replaced values, is chained afresh from the genesis hash over
//! the anonymized entries, its signed checkpoints dropped. The output is a backup of the same
//! format that `pencere restore` takes and verifies.
//!
//! Agencies (organizations of kind `agency`) keep their names and VÖEN: they are state bodies,
//! not personal data.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, Read, Seek, Write};
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use pencere_core::{Timestamp, hex};
use pencere_store::audit;
use pencere_store::dump::Value;
use sha2::{Digest, Sha256};

use crate::{
    AuditHead, BackupError, FORMAT, Hashing, Key, MANIFEST, Manifest, PartReader, Progress, Sink, TablePart, damaged,
    decode, encode, io_error, open_archive,
};

/// What kind of personal value a column or a form string holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// A FİN or a VÖEN, told apart by its form (the subject of an EHİS read or consent).
    Identifier,
    Fin,
    Voen,
    Passport,
    Name,
    OrgName,
    Login,
    Email,
    Phone,
    Address,
    Text,
    Ip,
}

/// The personal columns: (table, column, kind).
const COLUMNS: &[(&str, &str, Kind)] = &[
    ("users", "fin", Kind::Fin),
    ("classified_persons", "fin", Kind::Fin),
    ("classified_persons", "reason", Kind::Text),
    ("users", "passport", Kind::Passport),
    ("users", "full_name", Kind::Name),
    ("users", "login", Kind::Login),
    ("users", "email", Kind::Email),
    ("users", "phone", Kind::Phone),
    ("organizations", "voen", Kind::Voen),
    ("organizations", "name_az", Kind::OrgName),
    ("organizations", "name_en", Kind::OrgName),
    ("organizations", "name_ru", Kind::OrgName),
    ("appeals", "name", Kind::Name),
    ("appeals", "email", Kind::Email),
    ("appeals", "phone", Kind::Phone),
    ("appeals", "subject", Kind::Text),
    ("appeals", "text", Kind::Text),
    ("appeals", "client_ip", Kind::Ip),
    ("registry_entries", "holder_name", Kind::Name),
    ("registry_entries", "holder_voen", Kind::Voen),
    ("registry_entries", "address", Kind::Address),
    ("draft_proposals", "display_name", Kind::Name),
    ("draft_proposals", "text", Kind::Text),
    ("issued_documents", "signer_name", Kind::Name),
    ("correction_requests", "current_value", Kind::Text),
    ("correction_requests", "requested_value", Kind::Text),
    ("correction_requests", "explanation", Kind::Text),
    ("case_events", "note", Kind::Text),
    ("case_queries", "question", Kind::Text),
    ("case_queries", "answer", Kind::Text),
    ("paper_copies", "note", Kind::Text),
    ("paper_copies", "handed_note", Kind::Text),
    ("sessions", "ip", Kind::Ip),
    ("audit_entries", "ip", Kind::Ip),
    ("login_attempts", "login", Kind::Login),
    ("exchange_log", "subject", Kind::Identifier),
    ("exchange_consents", "subject", Kind::Identifier),
    ("exchange_manual_records", "subject", Kind::Identifier),
    ("exchange_manual_records", "entered_by_name", Kind::Name),
    ("exchange_manual_records", "signer_name", Kind::Name),
];

/// Columns emptied (secrets and signatures over the original data).
const REMOVED: &[(&str, &str)] = &[
    ("users", "password_hash"),
    ("users", "totp_secret"),
    ("issued_documents", "signed_attributes"),
    ("issued_documents", "certificate"),
    ("issued_documents", "signature"),
    ("exchange_manual_records", "signature"),
];

const GIVEN: &[&str] = &[
    "Aydın",
    "Elvin",
    "Kamran",
    "Murad",
    "Orxan",
    "Rəşad",
    "Tural",
    "Vüqar",
    "Aygün",
    "Gülnar",
    "Leyla",
    "Nərmin",
    "Səbinə",
    "Türkan",
    "Ülviyyə",
    "Zəhra",
];
const FAMILY: &[&str] = &[
    "Abbasov",
    "Bağırov",
    "Cəfərov",
    "Həsənov",
    "İsmayılov",
    "Kərimov",
    "Məmmədov",
    "Nəsirov",
    "Quliyev",
    "Rzayev",
    "Səfərov",
    "Talıbov",
    "Vəliyev",
    "Yusifov",
    "Zeynalov",
    "Əliyev",
];
const STREETS: &[&str] =
    &["Nizami", "Füzuli", "Xətai", "Səməd Vurğun", "Azadlıq", "Neftçilər", "Bülbül", "Üzeyir Hacıbəyov"];
const FIN_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// The replacements, derived from each value under a secret.
struct Replacer {
    secret: [u8; 32],
    map: BTreeMap<String, String>,
    /// Plain logins (`reviewer`): replaced only where a whole value is one, never inside text,
    /// where the same word may name a role or a state.
    whole_only: std::collections::BTreeSet<String>,
}

impl Replacer {
    fn digest(&self, kind: Kind, original: &str, round: u32) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update(self.secret);
        hasher.update([kind as u8]);
        hasher.update(round.to_be_bytes());
        hasher.update(original.as_bytes());
        hasher.finalize().into()
    }

    fn number(&self, kind: Kind, original: &str) -> u64 {
        let digest = self.digest(kind, original, 0);
        u64::from_be_bytes([digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7]])
    }

    fn make(&self, kind: Kind, original: &str) -> String {
        let n = self.number(kind, original);
        let pick = |list: &[&'static str], shift: u32| list[((n >> shift) as usize) % list.len()];
        match kind {
            Kind::Fin | Kind::Identifier => {
                let digest = self.digest(kind, original, 0);
                digest.iter().take(7).map(|byte| FIN_CHARS[usize::from(*byte) % FIN_CHARS.len()] as char).collect()
            }
            Kind::Voen => (0..u32::MAX)
                .map(|round| {
                    let digest = self.digest(kind, original, round);
                    let mut digits: String = digest.iter().take(8).map(|byte| char::from(b'0' + byte % 10)).collect();
                    let weights = [4, 1, 8, 6, 2, 7, 5, 3];
                    let sum: u32 =
                        digits.bytes().zip(weights).map(|(digit, weight)| u32::from(digit - b'0') * weight).sum();
                    digits.push_str(&(sum % 11).to_string());
                    digits.push(if original.ends_with('2') { '2' } else { '1' });
                    digits
                })
                .find(|candidate| candidate.parse::<pencere_core::Voen>().is_ok())
                .unwrap_or_default(),
            Kind::Passport => format!("P{:08}", n % 100_000_000),
            Kind::Name => format!("{} {} {}", pick(GIVEN, 0), n % 1000, pick(FAMILY, 8)),
            Kind::OrgName => format!("Sınaq {} MMC", n % 100_000),
            Kind::Login => format!("user{:08x}", n & 0xffff_ffff),
            Kind::Email => format!("user{:08x}@example.invalid", n & 0xffff_ffff),
            Kind::Phone => format!("+99450{:07}", n % 10_000_000),
            Kind::Address => format!("Bakı, {} küçəsi {}", pick(STREETS, 0), n % 200 + 1),
            Kind::Text => format!("Sınaq mətni {:08x}", n & 0xffff_ffff),
            Kind::Ip => format!("192.0.2.{}", n % 254 + 1),
        }
    }

    /// Records a value; returns its replacement.
    fn learn(&mut self, kind: Kind, original: &str) -> String {
        if original.trim().is_empty() {
            return original.to_owned();
        }
        let kind = match kind {
            Kind::Identifier if original.parse::<pencere_core::Voen>().is_ok() => Kind::Voen,
            Kind::Identifier => Kind::Fin,
            other => other,
        };
        if let Some(known) = self.map.get(original) {
            return known.clone();
        }
        let mut made = self.make(kind, original);
        if kind == Kind::Fin && original.parse::<pencere_core::Fin>().is_err() {
            made = self.make(Kind::Text, original);
        }
        self.map.insert(original.to_owned(), made.clone());
        if kind == Kind::Login {
            self.whole_only.insert(original.to_owned());
            return made;
        }
        let lower = original.to_lowercase();
        if lower != original && lower.chars().count() >= 4 {
            self.map.entry(lower).or_insert_with(|| made.to_lowercase());
        }
        made
    }
}

/// The tables whose `data` column is a JSON object of named strings (an application's form, a
/// registry data set entered by hand), learned and replaced string by string.
fn json_parts(table: &str) -> bool {
    matches!(table, "cases" | "exchange_manual_records")
}

/// What a string of a form holds, by its look and its field's name.
fn classify(field: &str, text: &str) -> Option<Kind> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    if trimmed.parse::<pencere_core::Voen>().is_ok() {
        return Some(Kind::Voen);
    }
    if trimmed.len() == 7 && trimmed.parse::<pencere_core::Fin>().is_ok() && trimmed.bytes().any(|b| b.is_ascii_digit())
    {
        return Some(Kind::Fin);
    }
    if trimmed.contains('@') {
        return Some(Kind::Email);
    }
    if trimmed.starts_with('+') && trimmed[1..].chars().all(|c| c.is_ascii_digit() || c == ' ') {
        return Some(Kind::Phone);
    }
    // Codes, numbers, dates and choices stay: they name things of the system, not people.
    let code_like = !trimmed.contains(char::is_whitespace)
        && trimmed.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:".contains(c))
        && (trimmed.chars().any(|c| c.is_ascii_digit() || c == '-' || c == '_')
            || trimmed.chars().all(|c| !c.is_ascii_uppercase()));
    if code_like {
        return None;
    }
    Some(if field.contains("address") {
        Kind::Address
    } else if field.contains("name") {
        Kind::Name
    } else {
        Kind::Text
    })
}

fn learn_json(replacer: &mut Replacer, field: &str, value: &serde_json::Value) {
    match value {
        serde_json::Value::String(text) => {
            if let Some(kind) = classify(field, text) {
                replacer.learn(kind, text);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| learn_json(replacer, field, item)),
        serde_json::Value::Object(object) => object.iter().for_each(|(key, item)| learn_json(replacer, key, item)),
        _ => {}
    }
}

/// Every text value: known values replaced where they stand as words.
struct Substitution {
    automaton: Option<AhoCorasick>,
    replacements: Vec<String>,
}

impl Substitution {
    fn new(replacer: &Replacer) -> Result<Substitution, BackupError> {
        let map = &replacer.map;
        let patterns: Vec<&String> =
            map.keys().filter(|key| key.chars().count() >= 3 && !replacer.whole_only.contains(*key)).collect();
        let replacements = patterns.iter().map(|key| map[*key].clone()).collect();
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .map_err(|error| BackupError::Io(format!("building the replacements: {error}")))?,
            )
        };
        Ok(Substitution { automaton, replacements })
    }

    fn apply(&self, text: &str) -> String {
        let Some(automaton) = &self.automaton else { return text.to_owned() };
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for found in automaton.find_iter(text) {
            let before = text[..found.start()].chars().next_back();
            let after = text[found.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            out.push_str(&text[last..found.start()]);
            out.push_str(&self.replacements[found.pattern().as_usize()]);
            last = found.end();
        }
        out.push_str(&text[last..]);
        out
    }
}

/// Columns that hold identifiers and hashes, never personal text: left as they are.
fn structural(column: &str) -> bool {
    column == "id"
        || column.ends_with("_id")
        || column.contains("hash")
        || column.contains("sha256")
        || column == "key_id"
        || column == "head"
}

/// A placeholder for a document: the same size where it can be, the same kind, unique.
fn placeholder(original: &[u8], token: &str) -> Vec<u8> {
    let mut out = if original.starts_with(b"%PDF") {
        format!("%PDF-1.4\n% anonymized {token}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n")
            .into_bytes()
    } else {
        let mut head = original.iter().take(8).copied().collect::<Vec<u8>>();
        head.extend_from_slice(format!(" anonymized {token} ").as_bytes());
        head
    };
    let tail: &[u8] = if original.starts_with(b"%PDF") { b"%%EOF\n" } else { b"" };
    while out.len() + tail.len() < original.len() {
        out.push(if original.starts_with(b"%PDF") { b' ' } else { 0 });
    }
    out.extend_from_slice(tail);
    out
}

/// What an anonymization did.
#[derive(Clone, Debug, PartialEq)]
pub struct Anonymized {
    /// The output's manifest.
    pub manifest: Manifest,
    /// Distinct personal values replaced.
    pub replaced: usize,
    /// Documents replaced by placeholders.
    pub documents: usize,
}

/// Reads the backup at `from` and writes its anonymized copy to `to`. `secret` keys the
/// replacements: the same secret gives the same replacements (keep it to anonymize the next
/// backup alike, or give a random one).
pub fn anonymize(
    from: &Path,
    from_key: Option<&Key>,
    to: &Path,
    to_key: Option<&Key>,
    secret: [u8; 32],
    now: Timestamp,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Anonymized, BackupError> {
    let source = crate::check(from, from_key, progress)?;
    let by_part: BTreeMap<&str, &TablePart> = source.tables.iter().map(|part| (part.part.as_str(), part)).collect();

    // Pass 1: learn the personal values.
    let mut replacer = Replacer { secret, map: BTreeMap::new(), whole_only: Default::default() };
    let mut archive = open_archive(from, from_key)?;
    for entry in archive.entries().map_err(damaged)? {
        let entry = entry.map_err(damaged)?;
        let name = entry.path().map_err(damaged)?.display().to_string();
        let Some(part) = by_part.get(name.as_str()).copied() else { continue };
        let columns: Vec<(usize, Kind)> = part
            .columns
            .iter()
            .enumerate()
            .filter_map(|(index, column)| {
                COLUMNS
                    .iter()
                    .find(|(table, known, _)| *table == part.name && known == column)
                    .map(|(_, _, kind)| (index, *kind))
            })
            .collect();
        let data = json_parts(&part.name).then(|| part.columns.iter().position(|column| column == "data")).flatten();
        let org_kind =
            (part.name == "organizations").then(|| part.columns.iter().position(|column| column == "kind")).flatten();
        if columns.is_empty() && data.is_none() {
            continue;
        }
        let mut reader = PartReader::new(entry);
        while let Some(line) = reader.next_line()? {
            let row = decode(line).map_err(|reason| BackupError::Damaged(format!("{name}: {reason}")))?;
            if let Some(kind) = org_kind
                && matches!(row.get(kind), Some(Value::Text(kind)) if kind == "agency")
            {
                continue;
            }
            for (index, kind) in &columns {
                if let Some(Value::Text(text)) = row.get(*index) {
                    let kind =
                        if *kind == Kind::Login { classify("login", text).unwrap_or(Kind::Login) } else { *kind };
                    replacer.learn(kind, text);
                }
            }
            if let Some(Value::Text(text)) = data.and_then(|index| row.get(index))
                && let Ok(json) = serde_json::from_str::<serde_json::Value>(text)
            {
                learn_json(&mut replacer, "", &json);
            }
        }
    }
    let substitution = Substitution::new(&replacer)?;

    // Pass 2: write every table again.
    let partial = to.with_extension("partial");
    let outcome = write_anonymized(from, from_key, &partial, to_key, &source, &replacer, &substitution, now, progress);
    match outcome {
        Ok((manifest, documents)) => {
            std::fs::rename(&partial, to).map_err(io_error(&to.display().to_string()))?;
            Ok(Anonymized { manifest, replaced: replacer.map.len(), documents })
        }
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            Err(error)
        }
    }
}

#[allow(clippy::too_many_arguments, reason = "one internal step of anonymize")]
fn write_anonymized(
    from: &Path,
    from_key: Option<&Key>,
    to: &Path,
    to_key: Option<&Key>,
    source: &Manifest,
    replacer: &Replacer,
    substitution: &Substitution,
    now: Timestamp,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<(Manifest, usize), BackupError> {
    let file = BufWriter::new(std::fs::File::create(to).map_err(io_error(&to.display().to_string()))?);
    let sink = match to_key {
        None => Sink::Plain(flate2::write::GzEncoder::new(file, flate2::Compression::fast())),
        Some(key) => Sink::Sealed(flate2::write::GzEncoder::new(
            crate::crypt::EncryptingWriter::new(file, key).map_err(io_error("encrypting"))?,
            flate2::Compression::fast(),
        )),
    };
    let mut out = tar::Builder::new(sink);
    let by_part: BTreeMap<&str, &TablePart> = source.tables.iter().map(|part| (part.part.as_str(), part)).collect();
    let mut parts: BTreeMap<String, TablePart> = BTreeMap::new();
    let mut new_sha: HashMap<String, String> = HashMap::new();
    let mut entries: HashMap<i64, audit::Entry> = HashMap::new();
    let mut head = AuditHead::default();
    let mut documents = 0;
    let mtime = u64::try_from(now.as_micros() / 1_000_000).unwrap_or(0);
    let total = source.tables.len();

    let mut archive = open_archive(from, from_key)?;
    for entry in archive.entries().map_err(damaged)? {
        let entry = entry.map_err(damaged)?;
        let name = entry.path().map_err(damaged)?.display().to_string();
        let Some(part) = by_part.get(name.as_str()).copied() else { continue };
        let index = source.tables.iter().position(|table| table.name == part.name).map_or(0, |index| index + 1);
        let position = |column: &str| part.columns.iter().position(|known| known == column);
        let kinds: Vec<Option<Kind>> = part
            .columns
            .iter()
            .map(|column| {
                COLUMNS
                    .iter()
                    .find(|(table, known, _)| *table == part.name && known == column)
                    .map(|(_, _, kind)| *kind)
            })
            .collect();
        let removed: Vec<bool> =
            part.columns.iter().map(|column| REMOVED.contains(&(part.name.as_str(), column.as_str()))).collect();
        let org_kind = (part.name == "organizations").then(|| position("kind")).flatten();

        let spool = tempfile::tempfile().map_err(io_error("a temporary file"))?;
        let mut hashing = Hashing { inner: BufWriter::new(spool), hasher: Sha256::new(), bytes: 0 };
        let mut rows = 0_u64;
        let mut reader = PartReader::new(entry);
        while let Some(line) = reader.next_line()? {
            let mut row = decode(line).map_err(|reason| BackupError::Damaged(format!("{name}: {reason}")))?;
            if part.name == "audit_checkpoints" {
                continue;
            }
            let agency =
                org_kind.is_some_and(|kind| matches!(row.get(kind), Some(Value::Text(kind)) if kind == "agency"));
            if part.name == "blobs"
                && let (Some(sha), Some(content), Some(size)) =
                    (position("sha256"), position("content"), position("size"))
                && let (Some(Value::Text(old)), Some(Value::Bytes(bytes))) =
                    (row.get(sha).cloned(), row.get(content).cloned())
            {
                let token = hex(&Sha256::digest([replacer.secret.as_slice(), old.as_bytes()].concat()));
                let replaced = placeholder(&bytes, &token);
                let sha256 = hex(&Sha256::digest(&replaced));
                row[size] = Value::Int(i64::try_from(replaced.len()).unwrap_or(i64::MAX));
                row[content] = Value::Bytes(replaced);
                row[sha] = Value::Text(sha256.clone());
                new_sha.insert(old, sha256);
                documents += 1;
            } else {
                for (column, value) in row.iter_mut().enumerate() {
                    let name = part.columns[column].as_str();
                    if removed[column] {
                        *value = Value::Null;
                        continue;
                    }
                    let Value::Text(text) = value else { continue };
                    if name == "sha256" {
                        if let Some(sha) = new_sha.get(text.as_str()) {
                            *text = sha.clone();
                        }
                    } else if agency || structural(name) {
                    } else if kinds[column].is_some() || (part.name == "audit_entries" && name == "actor_label") {
                        if let Some(replacement) = replacer.map.get(text.as_str()) {
                            *text = replacement.clone();
                        } else {
                            *text = substitution.apply(text);
                        }
                    } else if json_parts(&part.name) && name == "data" {
                        *text = anonymize_json(text, replacer, substitution);
                    } else {
                        *text = substitution.apply(text);
                    }
                }
            }
            if part.name == "audit_entries" {
                let entry = audit_entry(&part.columns, &row)?;
                entries.insert(entry.id, entry);
            }
            if part.name == "audit_chain" {
                let (Some(seq), Some(entry_id), Some(prev), Some(hash)) =
                    (position("seq"), position("entry_id"), position("prev_hash"), position("hash"))
                else {
                    return Err(BackupError::Refused("audit_chain lacks the columns of the chain".to_owned()));
                };
                let (Some(Value::Int(seq_value)), Some(Value::Int(entry_value))) = (row.get(seq), row.get(entry_id))
                else {
                    return Err(BackupError::Damaged("audit_chain: a row without its position".to_owned()));
                };
                let entry = entries.get(entry_value).ok_or_else(|| {
                    BackupError::Damaged(format!("audit_chain names entry {entry_value}, which is not in the backup"))
                })?;
                let previous = if head.hash.is_empty() { audit::GENESIS.to_owned() } else { head.hash.clone() };
                let linked = audit::link_hash(&previous, entry);
                head.seq = *seq_value;
                row[prev] = Value::Text(previous);
                row[hash] = Value::Text(linked.clone());
                head.hash = linked;
            }
            serde_json::to_writer(&mut hashing, &encode(row)).map_err(|error| BackupError::Io(error.to_string()))?;
            hashing.write_all(b"\n").map_err(io_error("writing the output"))?;
            rows += 1;
        }
        if part.name == "audit_entries" {
            head.entries = rows;
        }
        let Hashing { inner, hasher, bytes } = hashing;
        let mut spool = inner.into_inner().map_err(|error| BackupError::Io(error.to_string()))?;
        spool.rewind().map_err(io_error("a temporary file"))?;
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes);
        header.set_mode(0o600);
        header.set_mtime(mtime);
        out.append_data(&mut header, &part.part, (&mut spool).take(bytes)).map_err(io_error("writing the output"))?;
        progress(Progress { stage: "anonymize", table: &part.name, index, tables: total, rows, done: true });
        parts.insert(part.part.clone(), TablePart { rows, bytes, sha256: hex(&hasher.finalize()), ..(*part).clone() });
    }
    let manifest = Manifest {
        format: FORMAT,
        written_by: format!("pencere {} (anonymized)", env!("CARGO_PKG_VERSION")),
        taken_at: source.taken_at.clone(),
        backend: source.backend.clone(),
        schema_version: source.schema_version,
        migrations: source.migrations.clone(),
        tables: source
            .tables
            .iter()
            .map(|part| {
                parts.get(&part.part).cloned().ok_or_else(|| BackupError::Damaged(format!("{} is missing", part.part)))
            })
            .collect::<Result<_, _>>()?,
        sequences: source.sequences.clone(),
        audit: head,
    };
    let text = serde_json::to_vec_pretty(&manifest).map_err(|error| BackupError::Io(error.to_string()))?;
    let mut header = tar::Header::new_gnu();
    header.set_size(text.len() as u64);
    header.set_mode(0o600);
    header.set_mtime(mtime);
    out.append_data(&mut header, MANIFEST, text.as_slice()).map_err(io_error("writing the output"))?;
    out.into_inner().and_then(Sink::finish).map_err(io_error("writing the output"))?;
    Ok((manifest, documents))
}

fn anonymize_json(text: &str, replacer: &Replacer, substitution: &Substitution) -> String {
    fn walk(value: &mut serde_json::Value, replacer: &Replacer, substitution: &Substitution) {
        match value {
            serde_json::Value::String(text) => {
                *text = match replacer.map.get(text.as_str()) {
                    Some(replacement) => replacement.clone(),
                    None => substitution.apply(text),
                };
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|item| walk(item, replacer, substitution)),
            serde_json::Value::Object(object) => {
                object.values_mut().for_each(|item| walk(item, replacer, substitution));
            }
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(mut json) => {
            walk(&mut json, replacer, substitution);
            json.to_string()
        }
        Err(_) => substitution.apply(text),
    }
}

fn audit_entry(columns: &[String], row: &[Value]) -> Result<audit::Entry, BackupError> {
    let get = |name: &str| columns.iter().position(|column| column == name).and_then(|index| row.get(index));
    let text = |name: &str| match get(name) {
        Some(Value::Text(text)) => Some(text.clone()),
        _ => None,
    };
    let int = |name: &str| match get(name) {
        Some(Value::Int(number)) => Some(*number),
        _ => None,
    };
    let id = int("id").ok_or_else(|| BackupError::Damaged("audit_entries: a row without its id".to_owned()))?;
    Ok(audit::Entry {
        id,
        at: Timestamp::from_micros(int("at").unwrap_or(0)),
        actor_id: text("actor_id"),
        actor_label: text("actor_label").unwrap_or_default(),
        acting_org_id: text("acting_org_id"),
        action: text("action").unwrap_or_default(),
        record_type: text("record_type"),
        record_id: text("record_id"),
        subject_id: text("subject_id"),
        ip: text("ip"),
        request_id: text("request_id"),
        details: text("details").unwrap_or_default(),
        seq: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replacer() -> Replacer {
        Replacer { secret: [7; 32], map: BTreeMap::new(), whole_only: Default::default() }
    }

    #[test]
    fn replacements_are_consistent_and_of_a_valid_format() {
        let mut replacer = replacer();
        let fin = replacer.learn(Kind::Fin, "5ZX3K7P");
        assert_eq!(fin, replacer.learn(Kind::Fin, "5ZX3K7P"));
        assert_ne!(fin, "5ZX3K7P");
        assert!(fin.parse::<pencere_core::Fin>().is_ok(), "{fin}");
        let voen = replacer.learn(Kind::Voen, "1234567891");
        assert!(voen.parse::<pencere_core::Voen>().is_ok(), "{voen}");
        let substitution = Substitution::new(&replacer).unwrap();
        assert_eq!(substitution.apply("{\"fin\":\"5ZX3K7P\"}"), format!("{{\"fin\":\"{fin}\"}}"));
        assert_eq!(substitution.apply("X5ZX3K7P"), "X5ZX3K7P", "only whole words");
    }

    #[test]
    fn form_strings_are_told_apart_from_codes() {
        assert_eq!(classify("activity_address", "Nizami küçəsi 5"), Some(Kind::Address));
        assert_eq!(classify("licence", "LIC-2025-000001"), None);
        assert_eq!(classify("kind", "retail"), None);
        assert_eq!(classify("start", "2025-01-01"), None);
        assert_eq!(classify("contact_phone", "+994501234567"), Some(Kind::Phone));
        assert_eq!(classify("applicant_name", "Əli Məmmədov"), Some(Kind::Name));
    }
}
