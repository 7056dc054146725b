//! Deterministic bulk data for the benchmarks, written straight through the store in batches
//! (`pencere_store::dump::insert_rows`, the same schema-blind path a restore takes): licences of
//! the unified registry, each with the decided case it came from, and audit journal entries.

use std::time::Instant;

use anyhow::{Context as _, anyhow};
use pencere_core::Timestamp;
use pencere_store::dump::{self, Table, Value};
use pencere_store::{Db, audit};

/// Rows per transaction.
const BATCH: usize = 5_000;
/// Registry numbers of loaded entries start here, clear of the ones the demo issues.
const FIRST_SEQ: i64 = 500_000;

const FIRST_NAMES: &[&str] = &[
    "Rəşad",
    "Aysel",
    "Elvin",
    "Günay",
    "Orxan",
    "Nigar",
    "Tural",
    "Leyla",
    "Kamran",
    "Səbinə",
    "Fərid",
    "Aynur",
    "Murad",
    "Şəbnəm",
    "Elçin",
    "Könül",
    "Vüqar",
    "Lalə",
    "Anar",
    "Nərmin",
    "Ramil",
    "Ülviyyə",
    "Emin",
    "Sevinc",
];
const SURNAMES: &[&str] = &[
    "Məmmədov",
    "Əliyev",
    "Həsənov",
    "Hüseynov",
    "Quliyev",
    "İsmayılov",
    "Abbasov",
    "Rzayev",
    "Kərimov",
    "Süleymanov",
    "Nəsirov",
    "Cəfərov",
    "Babayev",
    "Orucov",
    "Vəliyev",
    "Şükürov",
    "Zeynalov",
    "Qasımov",
];
const COMPANY_WORDS: &[&str] = &[
    "Günəş",
    "Xəzər",
    "Araz",
    "Kür",
    "Şahdağ",
    "Qobustan",
    "Abşeron",
    "Naftalan",
    "Göygöl",
    "Ləzgi",
    "Ulduz",
    "Bərəkət",
    "Təməl",
    "Körpü",
    "Yanğın",
    "Mühafizə",
    "Tikinti",
    "Servis",
    "Texnika",
    "Sistem",
    "Qrup",
    "Mərkəz",
];
const CITIES: &[&str] = &["Bakı", "Gəncə", "Sumqayıt", "Mingəçevir", "Şəki", "Lənkəran", "Şirvan", "Naxçıvan"];

/// A reproducible pseudo-random stream (SplitMix64).
struct Mix(u64);

impl Mix {
    fn of(seed: u64) -> Mix {
        Mix(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }
}

/// The `index`th generated licence of the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Licence {
    pub(crate) number: String,
    pub(crate) holder: String,
    pub(crate) voen: String,
    pub(crate) address: String,
    pub(crate) status: &'static str,
    pub(crate) issued_on: String,
}

/// The `index`th licence: the same for the same index, on every run.
pub(crate) fn licence(index: u64) -> Licence {
    let mut mix = Mix::of(index);
    let holder = if mix.next().is_multiple_of(3) {
        format!("{} {}", mix.pick(SURNAMES), mix.pick(FIRST_NAMES))
    } else {
        format!("«{} {}» MMC", mix.pick(COMPANY_WORDS), mix.pick(COMPANY_WORDS))
    };
    let voen = voen(index);
    let address = format!("{} ş., {} küç. {}", mix.pick(CITIES), mix.pick(COMPANY_WORDS), 1 + mix.next() % 200);
    let status = match mix.next() % 100 {
        0..=89 => "active",
        90..=96 => "suspended",
        _ => "revoked",
    };
    let issued_on = format!("{}-{:02}-{:02}", 2010 + mix.next() % 16, 1 + mix.next() % 12, 1 + mix.next() % 28);
    Licence { number: format!("LIC-ECONOMY-{:06}", FIRST_SEQ + index as i64), holder, voen, address, status, issued_on }
}

/// The `index`th licence's VÖEN: ten digits that pass the check digit (else the search would
/// take it for a fragment), ending in 1 or 2 as taxpayers' numbers do for legal and natural
/// persons. Eight digits from a bijection of the index below 10^8, moved on to the next body
/// whose check digit is not 10, so a few neighbours may share one.
pub(crate) fn voen(index: u64) -> String {
    let mut body = (index.wrapping_mul(38_742_049) + 12_345) % 100_000_000;
    loop {
        let digits = format!("{body:08}");
        let sum: u32 =
            digits.chars().filter_map(|c| c.to_digit(10)).zip([4, 1, 8, 6, 2, 7, 5, 3]).map(|(d, w)| d * w).sum();
        if sum % 11 < 10 {
            return format!("{digits}{}{}", sum % 11, 1 + index % 2);
        }
        body = (body + 1) % 100_000_000;
    }
}

/// A fragment few entries hold: six digits from the middle of the `index`th licence's VÖEN.
pub(crate) fn rare_fragment(index: u64) -> String {
    voen(index)[2..8].to_owned()
}

/// A fragment of a holder's name that many entries share (a query "by name fragment").
pub(crate) fn name_fragment(index: u64) -> String {
    let mut mix = Mix::of(index ^ 0x5EED);
    let word = if index.is_multiple_of(2) { mix.pick(COMPANY_WORDS) } else { mix.pick(SURNAMES) };
    word.chars().take(5).collect::<String>().to_lowercase()
}

fn table<'a>(tables: &'a [Table], name: &str) -> anyhow::Result<&'a Table> {
    tables.iter().find(|table| table.name == name).ok_or_else(|| anyhow!("the database has no table {name}"))
}

fn text(value: &str) -> Value {
    Value::Text(value.to_owned())
}

/// Writes licences `0..entries` into the registry of a migrated, demo-seeded database: held by
/// the demo applicant, issued by the economy ministry. Prints progress; returns rows per second,
/// or `None` when the registry already held them (a kept `--data` directory).
#[allow(clippy::print_stdout, reason = "the loader's progress line")]
pub(crate) async fn load_registry(db: &Db, entries: u64) -> anyhow::Result<Option<f64>> {
    if loaded(db, entries).await? {
        println!("  the registry already holds {entries} loaded entries: not loading again");
        return Ok(None);
    }
    let applicant = pencere_identity::find_user_by_login(db, "applicant")
        .await
        .map_err(|error| anyhow!("{error}"))?
        .ok_or_else(|| anyhow!("the demo applicant is missing: was the database seeded with --demo?"))?;
    let mut tx = db.begin_read().await?;
    let organizations = pencere_store::organizations::list(&mut tx).await?;
    let tables = dump::tables(&mut tx).await?;
    tx.rollback().await?;
    let body = organizations
        .iter()
        .find(|org| org.code == "economy")
        .ok_or_else(|| anyhow!("the demo's economy ministry is missing"))?;
    let cases = table(&tables, "cases")?;
    let registry = table(&tables, "registry_entries")?;
    let case_columns: Vec<String> = [
        "id",
        "number",
        "service",
        "applicant_id",
        "body_org_id",
        "state",
        "lang",
        "data",
        "created_at",
        "updated_at",
        "submitted_at",
        "decided_at",
    ]
    .map(str::to_owned)
    .to_vec();
    let entry_columns: Vec<String> = [
        "id",
        "number",
        "seq",
        "body_org_id",
        "service",
        "case_id",
        "holder_user_id",
        "holder_name",
        "holder_voen",
        "address",
        "search_text",
        "status",
        "issued_on",
        "reserved_at",
        "updated_at",
    ]
    .map(str::to_owned)
    .to_vec();
    let at = Value::Int(Timestamp::from_utc_date(2025, 1, 1).map_or(0, Timestamp::as_micros));
    let started = Instant::now();
    let mut done = 0_u64;
    while done < entries {
        let end = (done + BATCH as u64).min(entries);
        let mut case_rows = Vec::with_capacity(BATCH);
        let mut entry_rows = Vec::with_capacity(BATCH);
        for index in done..end {
            let licence = licence(index);
            let case_id = format!("bench-case-{index:09}");
            let state = match licence.status {
                "active" => "granted",
                other => other,
            };
            case_rows.push(vec![
                text(&case_id),
                text(&format!("LIC-BENCH-{index:09}")),
                text("lic.fire-protection"),
                text(&applicant.id),
                text(&body.id),
                text(state),
                text("az"),
                text("{}"),
                at.clone(),
                at.clone(),
                at.clone(),
                at.clone(),
            ]);
            let search = format!("{} {} {}", licence.holder, licence.voen, licence.number).to_lowercase();
            entry_rows.push(vec![
                text(&format!("bench-entry-{index:09}")),
                text(&licence.number),
                Value::Int(FIRST_SEQ + index as i64),
                text(&body.id),
                text("lic.fire-protection"),
                text(&case_id),
                text(&applicant.id),
                text(&licence.holder),
                text(&licence.voen),
                text(&licence.address),
                text(&search),
                text(licence.status),
                text(&licence.issued_on),
                at.clone(),
                at.clone(),
            ]);
        }
        let mut tx = db.begin().await?;
        dump::insert_rows(&mut tx, cases, &case_columns, &case_rows).await.context("loading cases")?;
        dump::insert_rows(&mut tx, registry, &entry_columns, &entry_rows).await.context("loading the registry")?;
        tx.commit().await?;
        done = end;
        let rate = done as f64 / started.elapsed().as_secs_f64().max(0.001);
        print!(
            "\r  loading the registry: {done}/{entries} entries ({:.0}%), {rate:.0} entries/s   ",
            100.0 * done as f64 / entries as f64
        );
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
    }
    println!();
    let rate = entries as f64 / started.elapsed().as_secs_f64().max(0.001);
    // PostgreSQL plans from statistics that autovacuum refreshes only some time after a bulk
    // load; until then a query may be planned for the empty table the migrations analyzed (one
    // 20 s query, likely this, was seen at 1.2 M entries). An operator runs ANALYZE after a bulk
    // load too.
    if db.backend() == pencere_store::Backend::Postgres {
        let mut tx = db.begin().await?;
        pencere_store::on_conn!(tx.conn(), |conn, _sql| {
            pencere_store::sqlx::query("ANALYZE registry_entries").execute(&mut *conn).await?;
            pencere_store::sqlx::query("ANALYZE cases").execute(&mut *conn).await?;
        });
        tx.commit().await?;
    }
    Ok(Some(rate))
}

/// Whether an earlier load left entries `0..entries` in the registry (its last one is there).
async fn loaded(db: &Db, entries: u64) -> anyhow::Result<bool> {
    if entries == 0 {
        return Ok(true);
    }
    let mut tx = db.begin_read().await?;
    let tables = dump::tables(&mut tx).await?;
    let last = format!("bench-entry-{:09}", entries - 1);
    let mut found = false;
    dump::read_rows_where(&mut tx, table(&tables, "registry_entries")?, "id", &last, |_| {
        found = true;
        Ok::<_, std::convert::Infallible>(())
    })
    .await?
    .map_err(|never| anyhow!("{never}"))?;
    tx.rollback().await?;
    Ok(found)
}
/// Appends `entries` journal entries in batches and seals them (as the running server would).
pub(crate) async fn load_audit(db: &Db, entries: u64) -> anyhow::Result<()> {
    let at = Timestamp::from_utc_date(2025, 1, 1).unwrap_or(Timestamp::from_micros(0));
    let mut done = 0;
    while done < entries {
        let end = (done + BATCH as u64).min(entries);
        let mut tx = db.begin().await?;
        for index in done..end {
            let record = format!("bench-{index}");
            let details = format!("{{\"index\":{index}}}");
            audit::append(
                &mut tx,
                &audit::NewEntry {
                    at: at.plus_seconds(index as i64),
                    actor_id: None,
                    actor_label: "system",
                    acting_org_id: None,
                    action: "bench.entry",
                    record: Some(("bench", &record)),
                    subject_id: None,
                    ip: None,
                    request_id: None,
                    details: &details,
                },
            )
            .await?;
        }
        tx.commit().await?;
        done = end;
        audit::seal_all(db, at.plus_seconds(end as i64)).await?;
    }
    Ok(())
}
